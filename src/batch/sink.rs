//! Where the emitter writes, in input order: the JSONL stream and the errors file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::atomic::AtomicFile;
use super::{BatchError, Config, ErrorRecord, Output, ERRORS_FILE_NAME};

/// The document destination of the emitter.
pub(crate) enum Sink {
    None,
    File(AtomicFile, PathBuf),
    /// Written in place: standard output, a device, a FIFO, the target of a dangling link.
    Writer(Box<dyn Write>, PathBuf),
}

impl Sink {
    pub(crate) fn open(output: Output) -> Result<Sink, BatchError> {
        match output {
            Output::Dir(_) | Output::RowsOnly => Ok(Sink::None),
            Output::JsonlFile(p) => {
                open_jsonl(&p).map_err(|source| BatchError::Output { path: p, source })
            }
            Output::JsonlWriter(w) => Ok(Sink::Writer(w, PathBuf::from("<stdout>"))),
        }
    }

    /// Writes one line, its newline included.
    pub(crate) fn write_line(&mut self, line: &[u8]) -> Result<(), BatchError> {
        let (w, path): (&mut dyn Write, &PathBuf) = match self {
            Sink::None => return Ok(()),
            Sink::File(f, p) => (f, p),
            Sink::Writer(w, p) => (w, p),
        };
        w.write_all(line).map_err(|source| BatchError::Output {
            path: path.clone(),
            source,
        })
    }

    pub(crate) fn finish(self) -> Result<(), BatchError> {
        match self {
            Sink::None => Ok(()),
            Sink::File(f, path) => f
                .commit()
                .map_err(|source| BatchError::Output { path, source }),
            Sink::Writer(mut w, path) => w
                .flush()
                .map_err(|source| BatchError::Output { path, source }),
        }
    }
}

/// Opens the `--jsonl` file. Only a regular file is replaced by rename (through a symbolic
/// link, its target is): renaming over a device, a FIFO or a link would destroy it (as
/// root, `--jsonl /dev/null` once replaced `/dev/null`), so those are written in place.
fn open_jsonl(path: &Path) -> io::Result<Sink> {
    let write_through = |p: &Path, create: bool| -> io::Result<Sink> {
        let file = OpenOptions::new()
            .write(true)
            .create(create)
            .truncate(create)
            .open(p)?;
        Ok(Sink::Writer(
            Box::new(BufWriter::with_capacity(256 * 1024, file)),
            p.to_path_buf(),
        ))
    };
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )),
        // A device or a FIFO: never truncated, never renamed over.
        Ok(m) if !m.is_file() => write_through(path, false),
        Ok(_) => {
            let target = fs::canonicalize(path)?;
            Ok(Sink::File(AtomicFile::create(&target)?, path.to_path_buf()))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let dangling = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            if dangling {
                // Creating through the link keeps the link.
                write_through(path, true)
            } else {
                Ok(Sink::File(AtomicFile::create(path)?, path.to_path_buf()))
            }
        }
        Err(e) => Err(e),
    }
}

/// The errors file, written line by line as failures are emitted (in input order).
pub(crate) struct ErrorsFile {
    file: Option<(BufWriter<File>, PathBuf)>,
}

pub(crate) fn open_errors(config: &Config) -> Result<ErrorsFile, BatchError> {
    let path = match (&config.errors, &config.output) {
        (Some(p), _) => p.clone(),
        (None, Output::Dir(dir)) => dir.join(ERRORS_FILE_NAME),
        (None, _) => return Ok(ErrorsFile { file: None }),
    };
    // Truncated at every run, also with --resume: failed inputs have no output, so they are
    // retried and fail again; the file describes this run.
    let output_error = |source| BatchError::Output {
        path: path.clone(),
        source,
    };
    // Locked before it is emptied: a second run must not tear the first one's lines.
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(output_error)?;
    super::lock::try_lock(&file, &path, &path)?;
    let regular = file.metadata().is_ok_and(|m| m.is_file());
    if regular {
        file.set_len(0).map_err(output_error)?;
    }
    Ok(ErrorsFile {
        file: Some((BufWriter::new(file), path)),
    })
}

impl ErrorsFile {
    pub(crate) fn write(&mut self, record: &ErrorRecord) -> Result<(), BatchError> {
        let Some((w, path)) = &mut self.file else {
            return Ok(());
        };
        // Flushed per line: failures are few, and a killed run keeps whole lines.
        writeln!(w, "{}", record.to_json_line())
            .and_then(|()| w.flush())
            .map_err(|source| BatchError::Output {
                path: path.clone(),
                source,
            })
    }

    pub(crate) fn finish(self) -> Result<(), BatchError> {
        match self.file {
            Some((mut w, path)) => w
                .flush()
                .map_err(|source| BatchError::Output { path, source }),
            None => Ok(()),
        }
    }
}
