//! `convert --rows DIR`: the analytics tables of a whole batch (see
//! [`crate::writers::rows`]), one file per table in `DIR`, rows in input order.
//!
//! Workers turn each document into a [`Chunk`] (its rows, already serialized, one buffer
//! per table); the emitter appends chunks in input order. Every table is written under a
//! temporary name and renamed into place when the run ends, like a `--jsonl` file: an
//! interrupted run leaves the previous tables (or none), never a partial one, and a rerun
//! writes the same bytes. `DIR/_errors.jsonl` repeats the run's error records, so the
//! directory accounts for every input by itself.

use std::io::Write;
use std::path::PathBuf;

use super::atomic::AtomicFile;
use super::{BatchError, ErrorRecord, ERRORS_FILE_NAME};
use crate::writers::rows::{self, Format, Table};
use crate::Document;

/// Where and how to write the tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowsOutput {
    /// The directory that receives `documents.jsonl`, `paragraphs.jsonl`, ... (`.csv`).
    pub dir: PathBuf,
    /// JSON Lines or CSV.
    pub format: Format,
}

impl RowsOutput {
    /// The file of `table` in this output.
    pub fn path(&self, table: Table) -> PathBuf {
        self.dir
            .join(format!("{}.{}", table.name(), self.format.extension()))
    }
}

/// The rows of one document, serialized, one buffer per table in [`Table::ALL`] order.
#[derive(Debug)]
pub(crate) struct Chunk {
    tables: Vec<Vec<u8>>,
}

impl Chunk {
    /// Runs on the worker thread, once the tree is serialized (the document is consumed);
    /// `None` without `--rows`.
    pub(crate) fn of(doc: Document, format: Option<Format>) -> Option<Chunk> {
        let format = format?;
        let rows = rows::into_rows(doc);
        let tables = Table::ALL
            .iter()
            .map(|&t| {
                let mut out = Vec::new();
                rows.write(t, format, &mut out);
                out
            })
            .collect();
        Some(Chunk { tables })
    }
}

struct Open {
    tables: Vec<(AtomicFile, PathBuf)>,
    errors: (AtomicFile, PathBuf),
}

/// The table files of a run; does nothing without `--rows`.
pub(crate) struct RowsSink {
    open: Option<Open>,
}

fn output_error(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> BatchError + '_ {
    move |source| BatchError::Output {
        path: path.to_path_buf(),
        source,
    }
}

impl RowsSink {
    pub(crate) fn open(output: Option<&RowsOutput>) -> Result<RowsSink, BatchError> {
        let Some(output) = output else {
            return Ok(RowsSink { open: None });
        };
        std::fs::create_dir_all(&output.dir).map_err(output_error(&output.dir))?;
        let mut tables = Vec::with_capacity(Table::ALL.len());
        for table in Table::ALL {
            let path = output.path(table);
            let mut file = AtomicFile::create(&path).map_err(output_error(&path))?;
            file.write_all(&rows::header(table, output.format))
                .map_err(output_error(&path))?;
            tables.push((file, path));
        }
        let path = output.dir.join(ERRORS_FILE_NAME);
        let errors = (
            AtomicFile::create(&path).map_err(output_error(&path))?,
            path,
        );
        Ok(RowsSink {
            open: Some(Open { tables, errors }),
        })
    }

    /// Appends one document's rows.
    pub(crate) fn write(&mut self, chunk: Option<&Chunk>) -> Result<(), BatchError> {
        let (Some(open), Some(chunk)) = (&mut self.open, chunk) else {
            return Ok(());
        };
        for ((file, path), bytes) in open.tables.iter_mut().zip(&chunk.tables) {
            file.write_all(bytes).map_err(output_error(path))?;
        }
        Ok(())
    }

    /// Appends one error record to `DIR/_errors.jsonl`.
    pub(crate) fn error(&mut self, record: &ErrorRecord) -> Result<(), BatchError> {
        let Some(open) = &mut self.open else {
            return Ok(());
        };
        let (file, path) = &mut open.errors;
        writeln!(file, "{}", record.to_json_line()).map_err(output_error(path))
    }

    /// Puts the tables in place when the run is `complete`; otherwise drops them (the
    /// temporary files are removed and earlier tables stay as they were).
    pub(crate) fn finish(self, complete: bool) -> Result<(), BatchError> {
        let Some(open) = self.open else {
            return Ok(());
        };
        if !complete {
            return Ok(());
        }
        for (file, path) in open.tables.into_iter().chain([open.errors]) {
            file.commit().map_err(output_error(&path))?;
        }
        Ok(())
    }
}
