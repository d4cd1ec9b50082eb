//! Where the emitter writes, in input order: the JSONL stream and the errors file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use super::atomic::AtomicFile;
use super::{BatchError, Config, ErrorRecord, Output, ERRORS_FILE_NAME};

/// The document destination of the emitter.
pub(crate) enum Sink {
    None,
    File(AtomicFile, PathBuf),
    Writer(Box<dyn Write>),
}

impl Sink {
    pub(crate) fn open(output: Output) -> Result<Sink, BatchError> {
        match output {
            Output::Dir(_) | Output::RowsOnly => Ok(Sink::None), // track D: RowsOnly
            Output::JsonlFile(p) => match AtomicFile::create(&p) {
                Ok(f) => Ok(Sink::File(f, p)),
                Err(source) => Err(BatchError::Output { path: p, source }),
            },
            Output::JsonlWriter(w) => Ok(Sink::Writer(w)),
        }
    }

    pub(crate) fn write_line(&mut self, line: &str) -> Result<(), BatchError> {
        let (w, path): (&mut dyn Write, PathBuf) = match self {
            Sink::None => return Ok(()),
            Sink::File(f, p) => (f, p.clone()),
            Sink::Writer(w) => (w, PathBuf::from("<stdout>")),
        };
        w.write_all(line.as_bytes())
            .and_then(|()| w.write_all(b"\n"))
            .map_err(|source| BatchError::Output { path, source })
    }

    pub(crate) fn finish(self, complete: bool) -> Result<(), BatchError> {
        match self {
            Sink::None => Ok(()),
            Sink::File(f, path) if complete => f
                .commit()
                .map_err(|source| BatchError::Output { path, source }),
            Sink::File(..) => Ok(()), // dropped: the temporary file is removed
            Sink::Writer(mut w) => w.flush().map_err(|source| BatchError::Output {
                path: "<stdout>".into(),
                source,
            }),
        }
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
    let file = File::create(&path).map_err(|source| BatchError::Output {
        path: path.clone(),
        source,
    })?;
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
