//! Errors a user can act on. Each has a stable [`Error::kind`] code used by batch runs.

use thiserror::Error;

/// Why an input could not be converted.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading the input failed.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
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
    #[error("{what} exceeds the limit of {limit} (raise it with --{flag})")]
    TooLarge {
        /// What was measured.
        what: String,
        /// The limit in force.
        limit: u64,
        /// The CLI flag that raises it.
        flag: &'static str,
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
    /// A PDF that cannot be read: damaged, or with no text layer.
    #[error("{0}")]
    Pdf(crate::readers::pdf::PdfError),
    /// A bug in treatydoc (a panic caught by the batch runner).
    #[error("internal error (please report): {0}")]
    Internal(String),
}

impl Error {
    /// A stable machine-readable code: `io`, `not_a_docx`, `encrypted`, `legacy_doc`,
    /// `decode`, `too_large`, `malformed_xml`, `damaged_zip`, `internal`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Io(_) => "io",
            Error::NotADocx(_) => "not_a_docx",
            Error::Encrypted => "encrypted",
            Error::LegacyDoc => "legacy_doc",
            Error::Decode { .. } => "decode",
            Error::TooLarge { .. } => "too_large",
            Error::Xml { .. } => "malformed_xml",
            Error::Zip(_) => "damaged_zip",
            Error::Pdf(e) => e.kind(),
            Error::Internal(_) => "internal",
        }
    }
}

/// Result alias for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
