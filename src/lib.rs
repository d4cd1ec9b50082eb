//! # treatydoc
//!
//! Turns UN human-rights treaty-body documents (concluding observations first of all) into a
//! structured JSON tree: metadata, headings, numbered paragraphs, sub-items, footnotes and
//! cross-references. The JSON contract is `output-contract.md`; [`model`] holds its types.
//!
//! The pipeline, like pandoc's:
//!
//! ```text
//!  .docx ──► readers::docx ─┐
//!                           ├─► blocks::RawDocument ──► structure::build ──► model::Document
//!  .txt  ──► readers::text ─┘     (one stream)          (one builder)           │
//!                                                       refs::resolve (one pass) ◄┘
//!                                                                 │
//!                                                       writers::json ──► JSON
//! ```
//!
//! ```
//! let text = "Committee on the Rights of the Child\n\
//!             1.\tThe Committee considered the report.\n\
//!             \tI.\tIntroduction\n\
//!             2.\tThe Committee welcomes the report.\n";
//! let doc = treatydoc::parse(text.as_bytes(), None, &treatydoc::Options::default()).unwrap();
//! assert_eq!(doc.body.len(), 2); // paragraph 1, then heading I holding paragraph 2
//! let json = treatydoc::writers::json::to_string(&doc, false);
//! assert!(json.starts_with("{\"schema_version\":\"1\""));
//! ```

#![warn(missing_docs)]
// Library code never panics on input-derived data (issue 6): no unwrap/expect, no unchecked
// indexing or slicing, no explicit panic. Tests may. `cargo clippy --lib` enforces it
// (`str::split_at`, which `string_slice` misses, is a disallowed method in `clippy.toml`).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]
#![cfg_attr(not(test), warn(clippy::disallowed_methods))]

pub mod batch;
pub mod blocks;
pub mod error;
pub mod limits;
pub mod model;
pub mod readers;
pub mod refs;
pub mod structure;
mod un;
pub mod writers;

pub use error::{Error, ErrorKind, Result};
pub use limits::{LimitKind, Limits};
pub use model::{Document, Format};

/// How to parse one input.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Force a reader; `None` detects the format from the content.
    pub format: Option<Format>,
    /// Resource limits.
    pub limits: Limits,
}

/// Detects the format from the content: a zip (or an OLE file, which the .docx reader
/// rejects with a precise error) is `Docx`, anything else `Text`.
pub fn detect_format(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    {
        Format::Docx
    } else {
        Format::Text
    }
}

/// A `.docx` name is a promise the .docx reader checks: content detection would read a
/// broken .docx as garbage text, while the .docx reader says precisely what is wrong.
fn format_from_name(path: &str) -> Option<Format> {
    let ext = path.rsplit_once('.')?.1;
    ext.eq_ignore_ascii_case("docx").then_some(Format::Docx)
}

/// Reads `bytes` into the intermediate block stream, without building the tree.
pub fn read_raw(bytes: &[u8], format: Format, limits: &Limits) -> Result<blocks::RawDocument> {
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(LimitKind::InputBytes.exceeded(bytes.len() as u64, limits.max_input_bytes));
    }
    match format {
        Format::Docx => readers::docx::read(bytes, limits),
        Format::Text => readers::text::read(bytes, limits),
    }
}

/// Parses one document. `path` is recorded in `source.path`; it is used to infer the symbol
/// from a UN file name when the text holds none, and a `.docx` name selects the .docx reader
/// unless `opts.format` says otherwise (otherwise the format is detected from the content).
pub fn parse(bytes: &[u8], path: Option<&str>, opts: &Options) -> Result<Document> {
    let format = opts
        .format
        .or_else(|| path.and_then(format_from_name))
        .unwrap_or_else(|| detect_format(bytes));
    let raw = read_raw(bytes, format, &opts.limits)?;
    let source = model::Source {
        path: path.map(str::to_string),
        format,
        sha256: sha256_hex(bytes),
    };
    let mut doc = structure::build(raw, source, &opts.limits)?;
    refs::resolve(&mut doc);
    Ok(doc)
}

/// Reads and parses a file.
pub fn parse_file(path: &std::path::Path, opts: &Options) -> Result<Document> {
    let bytes = read_capped(path, &opts.limits)?;
    parse(&bytes, Some(&path.to_string_lossy()), opts)
}

/// Reads a whole file, refusing one larger than `limits.max_input_bytes` before reading it
/// and, since the size on disk is not trusted (a FIFO or `/dev/zero` says 0, a file may grow
/// meanwhile), after reading at most one byte past the limit. Used by [`parse_file`] and the
/// batch runner.
#[doc(hidden)]
pub fn read_capped(path: &std::path::Path, limits: &Limits) -> Result<Vec<u8>> {
    use std::io::Read;
    let max = limits.max_input_bytes;
    let io = |e| Error::io(Some(path), e);
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > max {
        return Err(LimitKind::InputBytes.exceeded(len, max));
    }
    let mut bytes = Vec::with_capacity(len.min(max) as usize);
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(LimitKind::InputBytes.exceeded(bytes.len() as u64, max));
    }
    Ok(bytes)
}

/// Lowercase hex SHA-256.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        use std::fmt::Write;
        let _ = write!(s, "{b:02x}");
    }
    s
}
