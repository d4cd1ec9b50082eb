//! The work done for one input on a worker thread: check `--resume`, read the file once,
//! parse, serialize and, with `--out`, write the JSON.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::discover::Input;
use super::record::ErrorRecord;
use crate::{Error, ErrorKind, Format, Options};

/// What became of one input. Small except for `Converted::json` in JSONL mode.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// The document was converted. `json` holds the line to emit in JSONL mode, newline
    /// included (already written to its file with `--out`).
    Converted {
        json: Option<Vec<u8>>,
        warnings: usize,
        bytes: u64,
        /// The document's analytics rows with `--rows` (track D).
        rows: Option<super::rows_sink::Chunk>,
    },
    /// The input failed; the batch goes on.
    Failed { record: ErrorRecord, bytes: u64 },
    /// `--resume`: the output is newer than the input.
    UpToDate,
    /// The output could not be written: the whole run stops.
    OutputError {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// Settings shared by all jobs of a run.
#[derive(Debug)]
pub(crate) struct JobContext {
    pub options: Options,
    pub pretty: bool,
    pub resume: bool,
    pub describe_error: fn(&Error) -> String,
    /// `--rows`: the format of the tables (track D).
    pub rows: Option<crate::writers::rows::Format>,
    /// Whether the tree is written (false with [`super::Output::RowsOnly`]) (track D).
    pub tree: bool,
}

/// Converts one input. `output` is its file with `--out`, `None` in JSONL mode.
pub(crate) fn run(input: &Input, output: Option<&Path>, ctx: &JobContext) -> Outcome {
    if let Some(p) = &input.problem {
        return Outcome::Failed {
            record: ErrorRecord::new(&input.path, p.kind, p.message.clone()),
            bytes: 0,
        };
    }
    if ctx.resume {
        if let Some(out) = output {
            if is_up_to_date(&input.path, out) && written_with(out, ctx.pretty) {
                return Outcome::UpToDate;
            }
        }
    }
    let bytes = match crate::read_capped(&input.path, &ctx.options.limits) {
        Ok(b) => b,
        Err(e) => {
            return Outcome::Failed {
                record: ErrorRecord::describe(&input.path, &e, ctx.describe_error),
                bytes: 0,
            }
        }
    };
    let n = bytes.len() as u64;
    let mut opts = ctx.options.clone();
    if opts.format.is_none() && has_extension(&input.path, "docx") {
        // Content detection would call random bytes "text"; a .docx name is a promise the
        // docx reader checks, so a broken one fails as `not_a_docx` and not as garbage text.
        opts.format = Some(Format::Docx);
    }
    let display = super::path_string(&input.path);
    let doc = match crate::parse(&bytes, Some(&display), &opts) {
        Ok(d) => d,
        Err(e) => {
            return Outcome::Failed {
                record: ErrorRecord::describe(&input.path, &e, ctx.describe_error),
                bytes: n,
            }
        }
    };
    drop(bytes);
    let warnings = doc.warnings.len();
    let json = match ctx.tree {
        true => serialize(&doc, ctx.pretty),
        false => Vec::new(), // track D: --rows alone (the emitter's sink ignores it)
    };
    let rows = super::rows_sink::Chunk::of(doc, ctx.rows); // track D: consumes (drops) doc
    match output {
        Some(out) => {
            match write_atomic(out, &json) {
                Ok(()) => Outcome::Converted {
                    json: None,
                    warnings,
                    bytes: n,
                    rows, // track D
                },
                // A name too long, a path over PATH_MAX, a directory where the file goes:
                // this input's problem, not the run's. A full disk or a read-only file
                // system stops the run.
                Err(error) if is_path_specific(&error) => Outcome::Failed {
                    record: ErrorRecord::new(
                        &input.path,
                        ErrorKind::OutputPath,
                        format!("cannot write its output {}: {error}", out.display()),
                    ),
                    bytes: n,
                },
                Err(error) => Outcome::OutputError {
                    path: out.to_path_buf(),
                    error,
                },
            }
        }
        None => Outcome::Converted {
            json: Some(json),
            warnings,
            bytes: n,
            rows, // track D
        },
    }
}

/// The JSON of `doc` and its newline, in a buffer sized from the last document this worker
/// serialized: documents of one batch are alike, so the buffer rarely grows (and is copied)
/// while it is written.
fn serialize(doc: &crate::Document, pretty: bool) -> Vec<u8> {
    thread_local! {
        static LAST_LEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }
    let last = LAST_LEN.with(|l| l.get());
    let mut buf = Vec::with_capacity(last + last / 8 + 4096);
    crate::writers::json::write_line(doc, pretty, &mut buf);
    LAST_LEN.with(|l| l.set(buf.len()));
    buf
}

/// Whether a write error concerns this output's path alone (the next input may well be
/// written), as opposed to the output as a whole (disk full, read-only, permissions).
fn is_path_specific(e: &std::io::Error) -> bool {
    use std::io::ErrorKind as K;
    matches!(
        e.kind(),
        K::InvalidFilename
            | K::IsADirectory
            | K::NotADirectory
            | K::AlreadyExists
            | K::DirectoryNotEmpty
            | K::InvalidInput
    )
}

/// Removes the JSON an earlier run wrote for an input that now fails (only a regular file;
/// none is the usual case).
pub(crate) fn remove_old_output(out: &Path) {
    if std::fs::symlink_metadata(out).is_ok_and(|m| m.is_file()) {
        let _ = std::fs::remove_file(out);
    }
}

/// An output strictly newer than its input. Equal times count as stale: on a file system
/// with coarse timestamps a conversion in the same tick as an edit is redone, never missed.
fn is_up_to_date(input: &Path, output: &Path) -> bool {
    let mtime = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified());
    // A directory in the output's place is no output (it fails as `output_path`).
    let is_file = std::fs::metadata(output).is_ok_and(|m| m.is_file());
    match (mtime(input), mtime(output)) {
        (Ok(i), Ok(o)) => is_file && o > i,
        _ => false,
    }
}

/// Whether the JSON file `out` was written with the same output options: a pretty file
/// starts with `{` and a newline, a compact one with `{"`. With `--resume`, an output of the
/// other style is redone, so a directory never mixes the two.
fn written_with(out: &Path, pretty: bool) -> bool {
    use std::io::Read;
    let mut head = [0u8; 2];
    let read = std::fs::File::open(out).and_then(|mut f| f.read_exact(&mut head));
    read.is_ok() && (head == *b"{\n") == pretty
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Runs `convert` for the input at `path`, turning a panic into that input's `internal`
/// error so that the batch goes on.
pub(crate) fn guarded(path: &Path, convert: impl FnOnce() -> Outcome) -> Outcome {
    catch_unwind(AssertUnwindSafe(convert)).unwrap_or_else(|payload| Outcome::Failed {
        record: ErrorRecord::from_error(path, &Error::Internal(panic_message(&*payload))),
        bytes: 0,
    })
}

/// The message of a caught panic.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;

    #[test]
    fn output_style_is_read_from_the_first_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let (p, c) = (dir.path().join("p.json"), dir.path().join("c.json"));
        std::fs::write(&p, b"{\n  \"a\": 1\n}\n").unwrap();
        std::fs::write(&c, b"{\"a\":1}\n").unwrap();
        assert!(written_with(&p, true) && !written_with(&p, false));
        assert!(written_with(&c, false) && !written_with(&c, true));
        assert!(!written_with(&dir.path().join("missing"), false));
    }

    #[test]
    fn up_to_date_needs_a_strictly_newer_output() {
        let dir = tempfile::tempdir().unwrap();
        let (i, o) = (dir.path().join("x.txt"), dir.path().join("x.txt.json"));
        std::fs::write(&i, b"x").unwrap();
        assert!(!is_up_to_date(&i, &o), "missing output");
        std::fs::write(&o, b"{}").unwrap();
        let t = std::time::SystemTime::now();
        File::options()
            .write(true)
            .open(&i)
            .unwrap()
            .set_modified(t)
            .unwrap();
        File::options()
            .write(true)
            .open(&o)
            .unwrap()
            .set_modified(t)
            .unwrap();
        assert!(!is_up_to_date(&i, &o), "same time");
        let later = t + std::time::Duration::from_secs(5);
        File::options()
            .write(true)
            .open(&o)
            .unwrap()
            .set_modified(later)
            .unwrap();
        assert!(is_up_to_date(&i, &o));
    }

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let out = guarded(Path::new("a/x.docx"), || panic!("boom {}", 1));
        let Outcome::Failed { record, .. } = out else {
            panic!("expected a failure, got {out:?}")
        };
        assert_eq!(record.kind.as_str(), "internal");
        assert_eq!(record.path, "a/x.docx");
        assert!(record.message.contains("boom 1"), "{}", record.message);
        assert!(matches!(
            guarded(Path::new("x"), || Outcome::UpToDate),
            Outcome::UpToDate
        ));
    }
}
