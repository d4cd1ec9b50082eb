//! # treatydoc
//!
//! Turns UN human-rights treaty-body documents (concluding observations first of all) into a
//! structured JSON tree: metadata, headings, numbered paragraphs, sub-items, footnotes and
//! cross-references. The JSON contract is `output-contract.md`; [`model`] holds its types.
//!
//! The API: [`parse`] (bytes) and [`parse_file`] (a path) with their [`Options`] and
//! [`Limits`], giving a [`Document`] or an [`Error`] with a stable [`ErrorKind`];
//! [`writers::json`] and [`schema`] for the output; [`batch::run`] for many files.
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
//! What all of them know about UN documents (symbols, treaty bodies, labels, dates, the
//! words of a first page, per language) lives in one crate-private layer, `un`.
//!
//! ```
//! let text = "Committee on the Rights of the Child\n\
//!             1.\tThe Committee considered the report.\n\
//!             \tI.\tIntroduction\n\
//!             2.\tThe Committee welcomes the report.\n";
//! let doc = treatydoc::parse(text.as_bytes(), None, &treatydoc::Options::default())?;
//! assert_eq!(doc.body.len(), 2); // paragraph 1, then heading I holding paragraph 2
//! let json = treatydoc::writers::json::to_string(&doc, false);
//! assert!(json.starts_with("{\"schema_version\":\"1\""));
//! # Ok::<(), treatydoc::Error>(())
//! ```
//!
//! ## Features
//!
//! `cli` (default) builds the `treatydoc` binary and its dependencies (clap, indicatif,
//! ctrlc). A library user can leave it out:
//! `treatydoc = { version = "0.1", default-features = false }`.

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
// The door for benches, fuzz targets and reader tests: the block stream, the builder and the
// refs pass, one step at a time. Not part of the documented API.
#[doc(hidden)]
pub mod blocks;
mod error;
mod limits;
pub mod model;
pub(crate) mod readers;
#[doc(hidden)]
pub mod refs;
#[doc(hidden)]
pub mod structure;
mod un;
pub mod writers;

pub use error::{Error, ErrorKind, Result};
pub use limits::{LimitKind, Limits};
pub use model::{Document, Format};

/// How to parse one input.
///
/// ```
/// use treatydoc::{Format, Limits, Options};
/// let opts = Options {
///     format: Some(Format::Text),
///     limits: Limits { max_input_bytes: 1 << 20, ..Limits::default() },
/// };
/// assert!(treatydoc::parse(b"1.\tText.\n", None, &opts).is_ok());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Force a reader; `None` detects the format from the content.
    pub format: Option<Format>,
    /// Resource limits.
    pub limits: Limits,
}

/// Detects the format from the content: a zip (or an OLE file, which the .docx reader
/// rejects with a precise error) is `Docx`, anything else `Text`.
///
/// ```
/// use treatydoc::{detect_format, Format};
/// assert_eq!(detect_format(b"PK\x03\x04..."), Format::Docx);
/// assert_eq!(detect_format(b"1.\tText."), Format::Text);
/// ```
#[doc(hidden)]
pub fn detect_format(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    {
        Format::Docx
    } else if bytes.starts_with(b"%PDF") {
        Format::Pdf
    } else {
        Format::Text
    }
}

/// A `.docx` name is a promise the .docx reader checks: content detection would read a
/// broken .docx as garbage text, while the .docx reader says precisely what is wrong.
fn format_from_name(path: &str) -> Option<Format> {
    let ext = path.rsplit_once('.')?.1;
    if ext.eq_ignore_ascii_case("pdf") {
        return Some(Format::Pdf);
    }
    ext.eq_ignore_ascii_case("docx").then_some(Format::Docx)
}

/// Reads `bytes` into the intermediate block stream, without building the tree (for
/// benches, fuzzing and reader tests).
///
/// ```
/// use treatydoc::{Format, Limits};
/// let raw = treatydoc::read_raw(b"1.\tText.\n", Format::Text, &Limits::default())?;
/// assert_eq!(raw.blocks.len(), 1);
/// # Ok::<(), treatydoc::Error>(())
/// ```
///
/// # Errors
///
/// As [`parse`].
#[doc(hidden)]
pub fn read_raw(bytes: &[u8], format: Format, limits: &Limits) -> Result<blocks::RawDocument> {
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(LimitKind::InputBytes.exceeded(bytes.len() as u64, limits.max_input_bytes));
    }
    match format {
        Format::Docx => readers::docx::read(bytes, limits),
        Format::Text => readers::text::read(bytes, limits),
        Format::Pdf => readers::pdf::read(bytes, limits),
    }
}

/// Parses one document. `path` is recorded in `source.path`; it is used to infer the symbol
/// from a UN file name when the text holds none, and a `.docx` name selects the .docx reader
/// unless `opts.format` says otherwise (otherwise the format is detected from the content).
///
/// ```
/// use treatydoc::{model::Node, Options};
/// let text = "1.\tThe Committee considered the report (CRC/C/PER/4-5).\n";
/// let doc = treatydoc::parse(text.as_bytes(), Some("CRC_C_PER_CO_4-5.txt"), &Options::default())?;
/// assert_eq!(doc.metadata.symbol.as_deref(), Some("CRC/C/PER/CO/4-5")); // from the file name
/// let Node::Paragraph(p) = &doc.body[0] else { unreachable!() };
/// assert_eq!(p.refs[0].text, "CRC/C/PER/4-5");
/// # Ok::<(), treatydoc::Error>(())
/// ```
///
/// # Errors
///
/// An [`Error`] when the input cannot be converted: [`ErrorKind::Decode`] for text that is
/// binary or not decodable, [`ErrorKind::NotADocx`], [`ErrorKind::DamagedZip`],
/// [`ErrorKind::MalformedXml`], [`ErrorKind::LegacyDoc`] or [`ErrorKind::Encrypted`] for a
/// .docx that cannot be read, [`ErrorKind::TooLarge`] when the input exceeds one of
/// `opts.limits` (the error names the [`LimitKind`], the measured value and the maximum).
///
/// ```
/// use treatydoc::{ErrorKind, Format, Options};
/// let opts = Options { format: Some(Format::Docx), ..Options::default() };
/// let err = treatydoc::parse(b"not a zip", None, &opts).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::NotADocx);
/// ```
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
    let mut doc = structure::build(raw, source);
    refs::resolve_with(&mut doc, &opts.limits)?;
    Ok(doc)
}

/// Reads and parses a file; the path is recorded in `source.path` as with [`parse`]. The file
/// is read once and never past `opts.limits.max_input_bytes` (a FIFO or `/dev/zero` is
/// refused, not read without end).
///
/// ```no_run
/// let doc = treatydoc::parse_file("CRC_C_PER_CO_4-5.docx".as_ref(), &treatydoc::Options::default())?;
/// println!("{}", treatydoc::writers::json::to_string(&doc, true));
/// # Ok::<(), treatydoc::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::Io`] (with the path) when the file cannot be opened or read,
/// [`Error::TooLarge`] with [`LimitKind::InputBytes`] when it is larger than the limit, and
/// every error of [`parse`].
pub fn parse_file(path: &std::path::Path, opts: &Options) -> Result<Document> {
    let bytes = read_capped(path, &opts.limits)?;
    parse(&bytes, Some(&path.to_string_lossy()), opts)
}

/// Reads a whole file, refusing one larger than `limits.max_input_bytes` before reading it
/// and, since the size on disk is not trusted (a FIFO or `/dev/zero` says 0, a file may grow
/// meanwhile), after reading at most one byte past the limit. Used by [`parse_file`] and the
/// batch runner.
///
/// ```
/// let limits = treatydoc::Limits { max_input_bytes: 10, ..Default::default() };
/// let err = treatydoc::read_capped("/dev/zero".as_ref(), &limits).unwrap_err();
/// assert_eq!(err.kind(), treatydoc::ErrorKind::TooLarge);
/// ```
///
/// # Errors
///
/// [`Error::Io`] with the path, or [`Error::TooLarge`] with [`LimitKind::InputBytes`].
#[doc(hidden)]
pub fn read_capped(path: &std::path::Path, limits: &Limits) -> Result<Vec<u8>> {
    use std::io::Read;
    let max = limits.max_input_bytes;
    let io = |e| Error::io(Some(path), e);
    let mut file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > max {
        return Err(LimitKind::InputBytes.exceeded(len, max));
    }
    // One read of the stat'ed size plus the read that sees the end (std's `read_to_end`
    // grows its reads from 8 KiB and probes, four syscalls for a 52 KB file).
    let mut bytes = vec![0; (len as usize).saturating_add(1)];
    let mut filled = 0;
    while let Some(buf) = bytes.get_mut(filled..).filter(|b| !b.is_empty()) {
        match file.read(buf) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io(e)),
        }
    }
    bytes.truncate(filled);
    if filled as u64 > len {
        // The file grew after the stat: read the rest, still under the cap.
        (&mut file)
            .take(max.saturating_add(1).saturating_sub(filled as u64))
            .read_to_end(&mut bytes)
            .map_err(io)?;
    }
    if bytes.len() as u64 > max {
        return Err(LimitKind::InputBytes.exceeded(bytes.len() as u64, max));
    }
    Ok(bytes)
}

/// The JSON Schema (draft 2020-12) of the output, pretty-printed: what `treatydoc schema`
/// prints, generated from the [`model`] types.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(&treatydoc::schema()).unwrap();
/// assert_eq!(schema["title"], "Document");
/// ```
pub fn schema() -> String {
    writers::json::schema()
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
