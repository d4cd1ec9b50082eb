//! `treatydoc convert INPUT... (--out DIR | --jsonl FILE)`: a thin layer over
//! [`treatydoc::batch`] that adds Ctrl-C handling, progress display and exit codes.

use std::io::IsTerminal;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use clap::{ArgGroup, Args};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use treatydoc::batch::{self, BatchError, Config, Event, Output, Reporter, SkipReason, Summary};

use super::limits::LimitArgs;

/// Shown after `convert --help`.
pub const AFTER_HELP: &str = "\
Output names: a/b/x.docx under INPUT becomes DIR/a/b/x.docx.json (the input's extension is
kept, so x.docx and x.txt side by side never overwrite each other).
Each failed input is one JSON line {\"path\", \"kind\", \"message\"} in DIR/_errors.jsonl
(or --errors FILE); kinds: io, not_a_docx, encrypted, legacy_doc, decode, too_large,
malformed_xml, damaged_zip, internal, output_conflict, output_path, not_a_file.

Exit codes:
  0    every input converted (or up to date)
  1    nothing could be done: no input found, or every input failed
  2    usage error, another run holds the output's lock, or an output could not be written
  3    some inputs failed (the others were written)
  130  interrupted (Ctrl-C, SIGTERM or SIGHUP): finished files are complete";

/// Converts many documents: files and directories, walked recursively.
#[derive(Debug, Args)]
// track D: the group is no longer required: --rows (src/cli/rows.rs) alone is a destination too
#[command(group(ArgGroup::new("destination").args(["out", "jsonl"])))]
pub struct ConvertArgs {
    /// Files or directories. Directories are walked for *.docx, *.txt and *.pdf, skipping
    /// Word lock files (~$x.docx), hidden files and other extensions; a file named here is
    /// always taken.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Write one JSON file per input under DIR, mirroring the input tree.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write one document per line to FILE (`-`: standard output), in sorted input order.
    #[arg(long, value_name = "FILE")]
    jsonl: Option<PathBuf>,
    /// Worker threads [default: one per CPU; at most the number of inputs and 4 per CPU
    /// (16 to 256)].
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    jobs: Option<NonZeroUsize>,
    /// Skip inputs whose output file exists and is newer than the input (needs --out).
    #[arg(long, requires = "out")]
    resume: bool,
    /// Take only files matching GLOB (relative to INPUT, case-insensitive; repeatable);
    /// replaces the default *.docx, *.txt and *.pdf.
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Leave out files and directories matching GLOB (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Write the error records to FILE [default with --out: DIR/_errors.jsonl; with
    /// --jsonl: none, errors go to stderr only].
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Stop at the first failed input (inputs already started are still finished).
    #[arg(long)]
    fail_fast: bool,
    /// Indent the JSON files (--out only).
    #[arg(long, conflicts_with = "jsonl")]
    pretty: bool,
    /// Print nothing on stderr but usage and output errors: no progress, failures or summary.
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,
    /// Name each file as it is converted, failed or skipped.
    #[arg(short, long)]
    verbose: bool,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    rows: super::rows::RowsArgs, // track D: --rows DIR [--csv]
}

pub fn run(args: ConvertArgs) -> i32 {
    if args.errors.as_deref() == Some(Path::new("-")) {
        return usage("--errors needs a file name (stdout is for documents only)");
    }
    let output = match (&args.out, &args.jsonl) {
        (Some(dir), _) => Output::Dir(dir.clone()),
        (None, Some(p)) if p.as_os_str() == "-" => Output::JsonlWriter(Box::new(
            std::io::BufWriter::with_capacity(256 * 1024, std::io::stdout().lock()),
        )),
        (None, Some(p)) => Output::JsonlFile(p.clone()),
        (None, None) if args.rows.rows.is_some() => Output::RowsOnly, // track D
        (None, None) => return usage("give --out DIR, --jsonl FILE or --rows DIR"), // track D
    };
    let destination = match (&args.out, &args.jsonl) {
        (Some(_), _) => Destination::Dir,
        (None, Some(p)) if p.as_os_str() == "-" => Destination::Stdout,
        (None, Some(p)) => Destination::Jsonl(p.clone()),
        (None, None) => Destination::Stdout,
    };
    let mut config = Config::new(args.inputs.clone(), output);
    config.describe_error = super::limits::describe;
    config.threads = args.jobs.map_or(0, NonZeroUsize::get);
    config.resume = args.resume;
    config.include = args.include.clone();
    config.exclude = args.exclude.clone();
    config.errors = args.errors.clone();
    config.fail_fast = args.fail_fast;
    config.pretty = args.pretty;
    config.options.limits = args.limits.limits();
    config.rows = args.rows.output(); // track D

    // First Ctrl-C, SIGTERM (timeout, systemd, docker stop) or SIGHUP: start nothing new,
    // finish and write what is in flight, clean up, report. ctrlc does not say which signal
    // came, so all of them exit 130. A second signal: leave at once (only hidden *.tmp
    // files can be left behind; the next run removes them).
    // If no handler can be installed, Ctrl-C keeps its default effect: atomic writes still
    // leave no partial JSON, only hidden temporary files.
    let cancel = config.cancel.clone();
    let _ = ctrlc::set_handler(move || {
        if cancel.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });

    let mut reporter = CliReporter::new(args.quiet, args.verbose);
    let result = batch::run(config, &mut reporter);
    reporter.done();
    match result {
        Ok(summary) => {
            if args.verbose {
                super::say(&format!("treatydoc: {} worker threads", summary.threads));
            }
            if !args.quiet {
                print_summary(&summary, &destination);
            }
            exit_code(&summary)
        }
        Err(BatchError::Output { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            2 // the reader of stdout went away (e.g. `| head`): nothing to tell it
        }
        Err(e @ BatchError::Usage(_)) => usage(&e.to_string()),
        Err(e) => {
            super::say(&format!("treatydoc: {e}"));
            2
        }
    }
}

fn usage(msg: &str) -> i32 {
    super::say(&format!("treatydoc convert: {msg}"));
    2
}

fn exit_code(s: &Summary) -> i32 {
    let up_to_date = s.skipped_for(SkipReason::UpToDate);
    if s.interrupted {
        130
    } else if s.converted == 0 && up_to_date == 0 && !s.stopped_on_failure {
        1 // no input, or every input tried and failed
    } else if s.failed > 0 {
        3
    } else {
        0
    }
}

/// Where the documents went, for the closing advice.
enum Destination {
    Dir,
    Jsonl(PathBuf),
    Stdout,
}

fn print_summary(s: &Summary, destination: &Destination) {
    let mut line = format!("treatydoc: {s}");
    let nothing = s.converted == 0 && s.failed == 0 && s.skipped_for(SkipReason::UpToDate) == 0;
    if nothing && !s.interrupted {
        line.push_str("\ntreatydoc: no input file found");
    }
    if s.interrupted {
        let advice = match destination {
            Destination::Dir => "rerun with --resume to finish".to_string(),
            Destination::Jsonl(p) => format!(
                "{} holds the first {} documents in input order; rerun the command to \
                 convert them all",
                p.display(),
                s.converted
            ),
            Destination::Stdout => format!(
                "standard output holds the first {} documents in input order",
                s.converted
            ),
        };
        line.push_str(&format!(
            "\ntreatydoc: interrupted before the end; {advice}"
        ));
    } else if s.stopped_on_failure {
        line.push_str("\ntreatydoc: stopped at the first failure (--fail-fast)");
    }
    super::say(&line);
}

/// Progress on stderr: a bar on a terminal, one line per file with `--verbose`, one line
/// per failure unless `--quiet`.
struct CliReporter {
    bar: Option<ProgressBar>,
    quiet: bool,
    verbose: bool,
}

impl CliReporter {
    fn new(quiet: bool, verbose: bool) -> CliReporter {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            let style =
                ProgressStyle::with_template("{bar:40} {pos}/{len} files, {rate}, ETA {eta}")
                    .map(|s| {
                        s.with_key("rate", |st: &ProgressState, w: &mut dyn std::fmt::Write| {
                            let _ = write!(w, "{:.0} files/s", st.per_sec());
                        })
                    })
                    .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        CliReporter {
            bar,
            quiet,
            verbose,
        }
    }

    fn line(&self, text: String) {
        match &self.bar {
            Some(bar) => bar.println(super::escape_controls(&text)),
            None => super::say(&text),
        }
    }

    fn done(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Reporter for CliReporter {
    fn wants_total(&self) -> bool {
        self.bar.is_some()
    }

    fn start(&mut self, total: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(total as u64);
        }
    }

    fn skipped(&mut self, path: &Path, reason: SkipReason) {
        if self.verbose {
            self.line(format!("skipped: {} ({reason})", path.display()));
        }
    }

    fn finished(&mut self, event: &Event<'_>) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
        match event {
            Event::Converted {
                input,
                output,
                warnings,
            } if self.verbose => {
                let to = output.map_or(String::new(), |o| format!(" -> {}", o.display()));
                self.line(format!(
                    "converted: {}{to} ({warnings} warnings)",
                    input.display()
                ));
            }
            Event::Failed { input, record } if !self.quiet => {
                self.line(format!(
                    "failed: {}: {} [{}]",
                    input.display(),
                    record.message,
                    record.kind
                ));
            }
            Event::UpToDate { input } if self.verbose => {
                self.line(format!("skipped: {} (up to date)", input.display()));
            }
            _ => {}
        }
    }
}
