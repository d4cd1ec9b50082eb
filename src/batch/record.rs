//! Error records: one JSON line per failed input, in the errors file.

use std::path::Path;

use serde::Serialize;

use crate::{Error, ErrorKind};

/// Why one input failed, as written to `_errors.jsonl`:
/// `{"path": "...", "kind": "not_a_docx", "message": "..."}`.
///
/// `kind` is [`Error::kind`] (`io`, `not_a_docx`, `encrypted`, `legacy_doc`, `decode`,
/// `too_large`, `malformed_xml`, `damaged_zip`, `internal` for a panic caught while
/// converting) or, for batch-only failures, `output_conflict` (two inputs with one output
/// name). `path` is the input path, lossily converted to UTF-8 when the name is not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorRecord {
    /// The input path.
    pub path: String,
    /// A stable machine-readable code.
    pub kind: ErrorKind,
    /// What went wrong and, where there is one, what to do about it.
    pub message: String,
}

impl ErrorRecord {
    /// A record with an explicit kind.
    pub fn new(path: &Path, kind: ErrorKind, message: impl Into<String>) -> ErrorRecord {
        ErrorRecord {
            path: path.to_string_lossy().into_owned(),
            kind,
            message: message.into(),
        }
    }

    /// The record of a library error.
    pub fn from_error(path: &Path, err: &Error) -> ErrorRecord {
        ErrorRecord::new(path, err.kind(), err.to_string())
    }

    /// The record of a library error, its message written by `describe` (the CLI adds the
    /// flag that raises a limit).
    pub fn describe(path: &Path, err: &Error, describe: fn(&Error) -> String) -> ErrorRecord {
        ErrorRecord::new(path, err.kind(), describe(err))
    }

    /// The record as one line of JSON, without the newline.
    pub fn to_json_line(&self) -> String {
        // Only strings: serialization cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_has_path_kind_message_in_order() {
        let r = ErrorRecord::from_error(Path::new("a/x.docx"), &Error::LegacyDoc);
        let line = r.to_json_line();
        assert!(
            line.starts_with(
                r#"{"path":"a/x.docx","kind":"legacy_doc","message":"this is a legacy"#
            ),
            "{line}"
        );
        assert!(!line.contains('\n'));
    }
}
