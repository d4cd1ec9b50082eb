//! The work done for one input on a worker thread: check `--resume`, read the file once,
//! parse, serialize and, with `--out`, write the JSON.

use std::fs::File;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::discover::Input;
use super::record::ErrorRecord;
use crate::{Error, Format, Options};

/// What became of one input. Small except for `Converted::json` in JSONL mode.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// The document was converted. `json` holds the line to emit in JSONL mode (already
    /// written to its file with `--out`).
    Converted {
        json: Option<String>,
        warnings: usize,
        bytes: u64,
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
            if is_up_to_date(&input.path, out) {
                return Outcome::UpToDate;
            }
        }
    }
    let bytes = match read_input(&input.path, ctx.options.limits.max_input_bytes) {
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
    let display = input.path.to_string_lossy();
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
    let json = crate::writers::json::to_string(&doc, ctx.pretty);
    drop(doc);
    match output {
        Some(out) => {
            let mut buf = json.into_bytes();
            buf.push(b'\n');
            match write_atomic(out, &buf) {
                Ok(()) => Outcome::Converted {
                    json: None,
                    warnings,
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
        },
    }
}

/// Reads a whole file, refusing one larger than `max` before reading it (and, should it
/// grow meanwhile, after reading `max + 1` bytes).
fn read_input(path: &Path, max: u64) -> crate::Result<Vec<u8>> {
    let too_large = |size: u64| crate::LimitKind::InputBytes.exceeded(size, max);
    let io = |e| Error::io(Some(path), e);
    let file = File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > max {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// An output strictly newer than its input. Equal times count as stale: on a file system
/// with coarse timestamps a conversion in the same tick as an edit is redone, never missed.
fn is_up_to_date(input: &Path, output: &Path) -> bool {
    let mtime = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified());
    match (mtime(input), mtime(output)) {
        (Ok(i), Ok(o)) => o > i,
        _ => false,
    }
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

    #[test]
    fn read_input_enforces_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.txt");
        std::fs::write(&p, b"0123456789").unwrap();
        assert_eq!(read_input(&p, 10).unwrap().len(), 10);
        let e = read_input(&p, 9).unwrap_err();
        assert_eq!(e.kind().as_str(), "too_large");
        assert!(
            matches!(
                e,
                Error::TooLarge {
                    limit: crate::LimitKind::InputBytes,
                    measured: 10,
                    max: 9,
                    ..
                }
            ),
            "{e}"
        );
        assert_eq!(
            read_input(&dir.path().join("missing"), 9)
                .unwrap_err()
                .kind()
                .as_str(),
            "io"
        );
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
