//! Errors a user can act on. Each has a stable [`ErrorKind`] code, shared with the batch
//! error records. Messages name the file's problem, never a command-line flag: the CLI adds
//! "raise it with --max-…" from [`Error::TooLarge`]'s [`LimitKind`].

use std::path::PathBuf;

use serde::Serialize;
use thiserror::Error;

use crate::limits::LimitKind;

/// Why an input could not be converted.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading the input failed.
    #[error("cannot read{}: {source}", path.as_ref().map(|p| format!(" {}", p.display())).unwrap_or_default())]
    Io {
        /// The file concerned; `None` for standard input or an in-memory reader.
        path: Option<PathBuf>,
        /// The OS error.
        source: std::io::Error,
    },
    /// The bytes are not a .docx (not a zip, or a zip without `word/document.xml`).
    #[error("not a .docx file: {0}")]
    NotADocx(String),
    /// An encrypted (password-protected) Office file.
    #[error("the document is encrypted (password-protected); save an unprotected copy")]
    Encrypted,
    /// A legacy binary Word 97-2003 `.doc` file.
    #[error("this is a legacy Word 97-2003 .doc file, not a .docx; convert it to .docx first (e.g. `libreoffice --headless --convert-to docx`)")]
    LegacyDoc,
    /// The text could not be decoded.
    #[error("cannot decode the text{}: {message}", line.map(|l| format!(" (line {l})")).unwrap_or_default())]
    Decode {
        /// 1-based line, when known.
        line: Option<usize>,
        /// What went wrong.
        message: String,
    },
    /// A resource limit was exceeded.
    #[error("{} exceeds the limit of {max}", what_too_large(*limit, *measured, *max, part.as_deref(), *line))]
    TooLarge {
        /// Which limit ([`crate::Limits`] field) was exceeded.
        limit: LimitKind,
        /// The value measured: a size, count, depth or ratio above `max`. Counts and sizes
        /// checked while streaming stop at the first value past `max`.
        measured: u64,
        /// The limit in force.
        max: u64,
        /// The .docx part concerned (`word/document.xml`), when there is one.
        part: Option<String>,
        /// The 1-based line of a text export, when there is one.
        line: Option<usize>,
    },
    /// A part of the .docx is malformed.
    #[error("malformed XML in {part}: {message}")]
    Xml {
        /// The zip entry, e.g. `word/document.xml`.
        part: String,
        /// The parser's message.
        message: String,
    },
    /// The zip container is damaged.
    #[error("damaged zip container: {0}")]
    Zip(String),
    /// A bug in treatydoc (a panic caught by the batch runner).
    #[error("internal error (please report): {0}")]
    Internal(String),
}

/// What was measured, in words, for a [`Error::TooLarge`] message.
fn what_too_large(
    limit: LimitKind,
    measured: u64,
    _max: u64,
    part: Option<&str>,
    line: Option<usize>,
) -> String {
    let part = part.unwrap_or("the package");
    match limit {
        LimitKind::InputBytes => format!("input size ({measured} bytes)"),
        LimitKind::LineBytes => match line {
            Some(l) => format!("line {l} ({measured} bytes)"),
            None => format!("a line ({measured} bytes)"),
        },
        LimitKind::Paragraphs => "paragraph count".to_string(),
        LimitKind::XmlDepth => format!("XML nesting depth in {part}"),
        LimitKind::ZipEntries => format!("zip entry count ({measured})"),
        LimitKind::DecompressedBytes => {
            format!("total decompressed size (while reading {part})")
        }
        LimitKind::RefMembers => format!(
            "cross-reference members ({measured} or more paragraphs, articles, meetings and \
             documents named, ranges expanded)"
        ),
        LimitKind::CompressionRatio => {
            format!("compression ratio of {part} ({measured}:1 or more, a possible zip bomb)")
        }
    }
}

impl Error {
    /// The stable machine-readable code of this error.
    ///
    /// ```
    /// use treatydoc::{Error, ErrorKind};
    /// assert_eq!(Error::LegacyDoc.kind(), ErrorKind::LegacyDoc);
    /// assert_eq!(Error::LegacyDoc.kind().as_str(), "legacy_doc");
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Io { .. } => ErrorKind::Io,
            Error::NotADocx(_) => ErrorKind::NotADocx,
            Error::Encrypted => ErrorKind::Encrypted,
            Error::LegacyDoc => ErrorKind::LegacyDoc,
            Error::Decode { .. } => ErrorKind::Decode,
            Error::TooLarge { .. } => ErrorKind::TooLarge,
            Error::Xml { .. } => ErrorKind::MalformedXml,
            Error::Zip(_) => ErrorKind::DamagedZip,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    /// An I/O error reading `path` (`None`: standard input).
    pub(crate) fn io(path: Option<&std::path::Path>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.map(std::path::Path::to_path_buf),
            source,
        }
    }
}

/// Why an input failed, as a stable code: [`Error::kind`], the `kind` of batch error
/// records, and of the problems found before converting (`output_conflict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input could not be read.
    Io,
    /// Not a .docx file.
    NotADocx,
    /// A password-protected Office file.
    Encrypted,
    /// A legacy Word 97-2003 `.doc` file.
    LegacyDoc,
    /// The text could not be decoded.
    Decode,
    /// A resource limit was exceeded.
    TooLarge,
    /// A malformed XML part.
    MalformedXml,
    /// A damaged zip container.
    DamagedZip,
    /// A bug in treatydoc (a panic caught by the batch runner).
    Internal,
    /// Batch only: two inputs would be written to one output name.
    OutputConflict,
}

impl ErrorKind {
    /// The code as written in error records (`"not_a_docx"`).
    ///
    /// ```
    /// assert_eq!(treatydoc::ErrorKind::TooLarge.as_str(), "too_large");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::NotADocx => "not_a_docx",
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::LegacyDoc => "legacy_doc",
            ErrorKind::Decode => "decode",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::MalformedXml => "malformed_xml",
            ErrorKind::DamagedZip => "damaged_zip",
            ErrorKind::Internal => "internal",
            ErrorKind::OutputConflict => "output_conflict",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Result alias for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
