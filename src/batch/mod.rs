//! Batch conversion of many inputs (the `convert` command): the entry point, its
//! configuration and the ordered hand-over of results; one job, the helpers live in the
//! submodules.
//!
//! [`run`] walks the INPUT paths lazily in sorted order (module `discover`), converts every input
//! on a rayon pool (`engine`), and hands the results on in that order: written as one JSON
//! file per input under a directory ([`Output::Dir`], `DIR/a/b/x.docx.json` for `a/b/x.docx`) or as one line
//! per document of a JSONL stream ([`Output::JsonlFile`], [`Output::JsonlWriter`]). Every
//! input ends converted, failed (one [`ErrorRecord`] line in the errors file) or skipped (a
//! [`SkipReason`]), and the [`Summary`] counts them. Nothing is kept per input: memory is
//! bounded by the window of inputs in flight and the largest directory, not by the archive.
//!
//! ```no_run
//! use treatydoc::batch::{self, Config, Output};
//! let config = Config::new(vec!["archive".into()], Output::Dir("json".into()));
//! let summary = batch::run(config, &mut batch::NoReport).unwrap();
//! eprintln!("{summary}");
//! ```

mod atomic;
mod clobber;
mod discover;
mod engine;
mod job;
mod lock;
mod outpath;
mod pathname;
mod record;
mod rows_sink; // track D (issue 12): --rows
mod select;
mod sink;
mod summary;

use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use discover::{Found, Input, Root};
pub use lock::LOCK_FILE_NAME;
pub use pathname::path_string;
pub use record::ErrorRecord;
pub use rows_sink::RowsOutput; // track D
pub use select::{SkipReason, DEFAULT_INCLUDE};
pub use summary::Summary;

use discover::Discovery;
use job::{JobContext, Outcome};
use sink::{open_errors, Sink};

/// The name of the errors file written in the `--out` directory.
pub const ERRORS_FILE_NAME: &str = "_errors.jsonl";

/// Where the documents go.
pub enum Output {
    /// One JSON file per input under this directory (`a/b/x.docx` under an INPUT directory becomes
    /// `DIR/a/b/x.docx.json`).
    Dir(PathBuf),
    /// One document per line in this file. A regular file (or the target of a symbolic link
    /// to one) appears atomically when the run ends; a device or a FIFO is written in place.
    JsonlFile(PathBuf),
    /// One document per line on this writer (standard output for `--jsonl -`).
    JsonlWriter(Box<dyn Write>),
    /// No tree at all: only the analytics tables of [`Config::rows`] (track D).
    RowsOnly,
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Output::Dir(p) => f.debug_tuple("Dir").field(p).finish(),
            Output::JsonlFile(p) => f.debug_tuple("JsonlFile").field(p).finish(),
            Output::JsonlWriter(_) => f.write_str("JsonlWriter(..)"),
            Output::RowsOnly => f.write_str("RowsOnly"), // track D
        }
    }
}

/// A batch run's settings.
#[derive(Debug)]
pub struct Config {
    /// Files and directories to convert.
    pub inputs: Vec<PathBuf>,
    /// Where the documents go.
    pub output: Output,
    /// Worker threads (`-j`); 0 means one per CPU.
    pub threads: usize,
    /// Skip inputs whose output file exists and is newer (only with [`Output::Dir`]).
    pub resume: bool,
    /// Globs selecting the files taken from directories; empty means [`DEFAULT_INCLUDE`].
    pub include: Vec<String>,
    /// Globs of files and directories to leave out.
    pub exclude: Vec<String>,
    /// The errors file; `None` means `DIR/_errors.jsonl` with [`Output::Dir`] and no file
    /// (errors only reported to the [`Reporter`]) with JSONL.
    pub errors: Option<PathBuf>,
    /// Stop starting new inputs after the first failure.
    pub fail_fast: bool,
    /// Indent the JSON files (not allowed for JSONL, where a document is one line).
    pub pretty: bool,
    /// Parsing options and resource limits.
    pub options: crate::Options,
    /// Set it (e.g. from a Ctrl-C handler) to stop starting new inputs; started ones finish
    /// and are written, then [`run`] returns with [`Summary::interrupted`].
    pub cancel: Arc<AtomicBool>,
    /// Writes the message of an error record; `Error::to_string` by default (the CLI adds
    /// the flag that raises an exceeded limit).
    pub describe_error: fn(&crate::Error) -> String,
    /// Also write the analytics tables there (`--rows DIR`); see [`RowsOutput`] (track D).
    pub rows: Option<RowsOutput>,
}

impl Config {
    /// Defaults for converting `inputs` to `output`.
    pub fn new(inputs: Vec<PathBuf>, output: Output) -> Config {
        Config {
            inputs,
            output,
            threads: 0,
            resume: false,
            include: Vec::new(),
            exclude: Vec::new(),
            errors: None,
            fail_fast: false,
            pretty: false,
            options: crate::Options::default(),
            cancel: Arc::new(AtomicBool::new(false)),
            describe_error: |e| e.to_string(),
            rows: None, // track D
        }
    }
}

/// Why a run could not be done (as opposed to inputs that failed, which are counted).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// Bad arguments: an invalid glob, a missing INPUT, incompatible options.
    #[error("{0}")]
    Usage(String),
    /// An output (a JSON file, the JSONL stream, the errors file) could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Output {
        /// The output concerned.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// Another run holds the lock of this output (`--out` directory or `--errors` file).
    #[error(
        "another treatydoc convert is writing to {} (it holds the lock on {}); wait for it to \
         finish or write elsewhere",
        output.display(),
        lock.display()
    )]
    Busy {
        /// The output both runs want.
        output: PathBuf,
        /// The file whose lock is held.
        lock: PathBuf,
    },
    /// The worker pool could not be started.
    #[error("cannot start the worker threads: {0}")]
    Threads(String),
}

/// What happened to one input, in input order.
#[derive(Debug)]
#[non_exhaustive]
pub enum Event<'a> {
    /// Converted; `output` is the JSON file with [`Output::Dir`].
    Converted {
        /// The input.
        input: &'a Path,
        /// Its JSON file, if one was written.
        output: Option<&'a Path>,
        /// Warnings in the document.
        warnings: usize,
    },
    /// Failed; the record is also in the errors file.
    Failed {
        /// The input.
        input: &'a Path,
        /// Why.
        record: &'a ErrorRecord,
    },
    /// `--resume` found the output up to date.
    UpToDate {
        /// The input.
        input: &'a Path,
    },
}

/// Receives progress. Called on the thread that called [`run`], in input order.
pub trait Reporter {
    /// Whether to count the inputs before converting (an extra walk of the directories, for
    /// a progress bar's length and ETA).
    fn wants_total(&self) -> bool {
        false
    }
    /// The inputs were counted: `total` inputs will be converted (skips excluded). Only
    /// called when [`Reporter::wants_total`] says so.
    fn start(&mut self, total: usize) {
        let _ = total;
    }
    /// A file or directory found while walking was left out.
    fn skipped(&mut self, path: &Path, reason: SkipReason) {
        let _ = (path, reason);
    }
    /// One input is done.
    fn finished(&mut self, event: &Event<'_>) {
        let _ = event;
    }
}

/// A [`Reporter`] that ignores everything.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoReport;

impl Reporter for NoReport {}

/// Converts every input of `config`; see the module documentation.
///
/// Returns `Err` only when the run as a whole cannot go on; failed inputs are counted in
/// the [`Summary`] and written to the errors file.
///
/// # Errors
///
/// - [`BatchError::Usage`]: no INPUT, an INPUT that does not exist, an invalid glob,
///   `--resume` or `--pretty` with JSONL, or an output that is an input or would be read as
///   one by the walk. Nothing has been written.
/// - [`BatchError::Busy`]: another run holds the lock of the `--out` directory or the
///   errors file. Nothing has been written.
/// - [`BatchError::Output`]: an output (a JSON file, the JSONL, the errors file) could not
///   be written for a reason that is not the input's own (a full disk, a read-only
///   directory); the outputs written so far are complete.
/// - [`BatchError::Threads`]: the worker pool could not be started.
pub fn run(config: Config, reporter: &mut dyn Reporter) -> Result<Summary, BatchError> {
    let started_at = Instant::now();
    check(&config)?;
    let selector = select::Selector::new(&config.include, &config.exclude)?;
    let roots = discover::roots(&config.inputs, &selector)?;
    let mut files: Vec<(&str, &Path)> = Vec::new();
    if let Output::JsonlFile(p) = &config.output {
        files.push(("--jsonl", p));
    }
    if let Some(p) = &config.errors {
        files.push(("--errors", p));
    }
    let dir = match &config.output {
        Output::Dir(d) => Some(d.as_path()),
        _ => None,
    };
    clobber::check(&files, dir, &roots, &selector)?;
    // Held until the run ends.
    let mut lock = None;
    let out_dir = match &config.output {
        Output::Dir(dir) => {
            std::fs::create_dir_all(dir).map_err(|source| BatchError::Output {
                path: dir.clone(),
                source,
            })?;
            lock = Some(lock::lock_dir(dir)?);
            // Temporary files of killed runs (kill -9, power loss) would stay forever.
            atomic::remove_stale_temps(dir);
            Some(dir.clone())
        }
        Output::JsonlFile(p) => {
            atomic::remove_stale_temps_of(p);
            None
        }
        _ => None,
    };
    let mut errors = open_errors(&config)?;
    let tree = !matches!(config.output, Output::RowsOnly); // track D
    let mut sink = Sink::open(config.output)?;
    let mut rows = rows_sink::RowsSink::open(config.rows.as_ref())?; // track D
    if reporter.wants_total() {
        let walk = Discovery::new(roots.clone(), &selector, &config.cancel);
        reporter.start(walk.filter(|f| matches!(f, Found::Input(_))).count());
    }

    // Without directories the input count is known: no more workers than inputs.
    let known_inputs = roots
        .iter()
        .all(|r| !matches!(r, Root::Dir(_)))
        .then(|| roots.iter().filter(|r| matches!(r, Root::File(_))).count());
    let threads = worker_threads(config.threads, known_inputs);

    // Only several INPUTs can map two files to one output name.
    let walked = roots
        .iter()
        .filter(|r| !matches!(r, Root::Covered(_)))
        .count();
    let mut guard = out_dir
        .as_deref()
        .map(|d| outpath::ConflictGuard::new(d, walked > 1));
    let items = Discovery::new(roots, &selector, &config.cancel).map(move |mut found| {
        if let (Found::Input(input), Some(guard)) = (&mut found, &mut guard) {
            guard.check(input);
        }
        found
    });
    let output_of = |input: &Input| {
        out_dir
            .as_deref()
            .map(|d| outpath::output_path(d, &input.rel))
    };
    let ctx = JobContext {
        options: config.options.clone(),
        pretty: config.pretty,
        describe_error: config.describe_error,
        // track D: the tables are written whole, from every input, so --rows converts all.
        resume: config.resume && config.rows.is_none(),
        // track D: --rows, and whether the tree is written at all
        rows: config.rows.as_ref().map(|r| r.format),
        tree,
    };
    let job = |found: Found| -> Done {
        let input = match found {
            Found::Input(input) => input,
            Found::Skipped(path, reason) => return Done::Skipped(path, reason),
        };
        let output = output_of(&input);
        let outcome = job::guarded(&input.path, || job::run(&input, output.as_deref(), &ctx));
        if let (Outcome::Failed { record, .. }, Some(out)) = (&outcome, &output) {
            // An input has its JSON or its error record, never both: the JSON of an earlier
            // run goes. Not when the output belongs to another input (`output_conflict`).
            if input.problem.is_none() && record.kind != crate::ErrorKind::OutputPath {
                job::remove_old_output(out);
            }
        }
        Done::Input(input, outcome)
    };

    let mut summary = Summary::default();
    summary.threads = threads;
    let mut fatal: Option<BatchError> = None;
    let mut emit = |done: Done| -> ControlFlow<()> {
        if fatal.is_some() {
            return ControlFlow::Break(());
        }
        let (item, outcome) = match done {
            Done::Skipped(path, reason) => {
                summary.skip(reason);
                reporter.skipped(&path, reason);
                return ControlFlow::Continue(());
            }
            Done::Input(item, outcome) => (item, outcome),
        };
        let input = item.path.as_path();
        let result = match outcome {
            Outcome::Converted {
                json,
                warnings,
                bytes,
                rows: chunk, // track D
            } => {
                summary.converted += 1;
                summary.warnings += warnings as u64;
                summary.bytes_read += bytes;
                reporter.finished(&Event::Converted {
                    input,
                    output: output_of(&item).as_deref(),
                    warnings,
                });
                match json {
                    Some(line) => sink.write_line(&line),
                    None => Ok(()),
                }
                .and_then(|()| rows.write(chunk.as_ref())) // track D
            }
            Outcome::Failed { record, bytes } => {
                summary.failed += 1;
                summary.bytes_read += bytes;
                reporter.finished(&Event::Failed {
                    input,
                    record: &record,
                });
                if config.fail_fast {
                    summary.stopped_on_failure = true;
                }
                errors.write(&record).and_then(|()| rows.error(&record)) // track D
            }
            Outcome::UpToDate => {
                summary.skip(SkipReason::UpToDate);
                reporter.finished(&Event::UpToDate { input });
                Ok(())
            }
            Outcome::OutputError { path, error } => Err(BatchError::Output {
                path,
                source: error,
            }),
        };
        if let Err(e) = result {
            fatal = Some(e);
            return ControlFlow::Break(());
        }
        if summary.stopped_on_failure {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };

    // Enough slack for uneven file sizes; each slot holds at most one serialized document.
    let window = (4 * threads).max(16);
    let finished = engine::run(items, threads, window, &config.cancel, &job, &mut emit)
        .map_err(|e| BatchError::Threads(e.to_string()))?;
    if let Some(e) = fatal {
        return Err(e);
    }
    summary.interrupted = config.cancel.load(Ordering::SeqCst) && !finished.exhausted;
    summary.stopped_on_failure &= !finished.exhausted;
    errors.finish()?;
    // An interrupted JSONL file is kept: its lines are the first inputs, in input order
    // (the emitter writes in order), which the summary says.
    sink.finish()?;
    rows.finish(!summary.interrupted)?; // track D
    summary.elapsed = started_at.elapsed();
    drop(lock);
    Ok(summary)
}

/// The most worker threads a run uses: 4 per CPU, at least 16 and at most 256. More only
/// add contention (the old uncapped `-j 2000` took 44 s for 200 small inputs).
pub fn max_threads() -> usize {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    (4 * cpus).clamp(16, 256)
}

/// The workers for `-j requested` (0: one per CPU), capped at [`max_threads`] and at the
/// number of inputs when it is known.
fn worker_threads(requested: usize, known_inputs: Option<usize>) -> usize {
    let wanted = match requested {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let cap = known_inputs.map_or(max_threads(), |n| n.clamp(1, max_threads()));
    wanted.min(cap)
}

/// A finished item, on its way to the emitter.
enum Done {
    Input(Input, Outcome),
    Skipped(PathBuf, SkipReason),
}

fn check(config: &Config) -> Result<(), BatchError> {
    if config.inputs.is_empty() {
        return Err(BatchError::Usage("no INPUT given".into()));
    }
    let jsonl = matches!(config.output, Output::JsonlFile(_) | Output::JsonlWriter(_)); // track D
    if jsonl && config.resume {
        return Err(BatchError::Usage(
            "--resume needs --out DIR (a JSONL stream is always written whole)".into(),
        ));
    }
    if jsonl && config.pretty {
        return Err(BatchError::Usage(
            "--pretty cannot be used with --jsonl (one document per line)".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_are_capped_at_known_inputs_and_the_maximum() {
        assert_eq!(worker_threads(64, Some(2)), 2);
        assert_eq!(worker_threads(1, Some(200)), 1);
        assert_eq!(worker_threads(5, Some(0)), 1);
        assert_eq!(worker_threads(1_000_000, None), max_threads());
        assert!((16..=256).contains(&max_threads()));
        assert!(worker_threads(0, None) >= 1);
    }
}
