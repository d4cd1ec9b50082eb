//! The PDF reader: the UN's own PDFs into the same block stream as the other readers.
//!
//! [lopdf](https://docs.rs/lopdf) reads the file's objects, cross-reference tables and
//! streams (with its own bounds on decompression); everything above that is ours and small:
//! a content-stream lexer ([`lexer`]), fonts with their encodings, widths and ToUnicode maps
//! ([`font`], [`encoding`]), an interpreter that turns each page into positioned glyphs and
//! rules ([`content`]), lines with their raised note marks ([`lines`]) and the page layout
//! of UN documents into blocks in export form ([`layout`]).

mod content;
mod encoding;
mod font;
mod layout;
mod lexer;
mod lines;
mod objects;

use lopdf::{Document, LoadOptions};

use crate::blocks::RawDocument;
use crate::error::PdfError;
use crate::model::{Warning, WarningCode};
use crate::{Error, LimitKind, Limits, Result};

/// Deepest nesting of form XObjects followed.
const MAX_FORM_DEPTH: usize = 12;
/// Most glyphs kept on one page.
const MAX_PAGE_CHARS: usize = 200_000;

fn load(bytes: &[u8], limits: &Limits) -> Result<Document> {
    if !bytes.starts_with(b"%PDF") && !bytes.get(..1024).is_some_and(|h| contains(h, b"%PDF-")) {
        return Err(Error::Pdf(PdfError::Damaged(
            "no %PDF header: this is not a PDF file".into(),
        )));
    }
    let max_stream = usize::try_from(limits.max_decompressed_bytes).unwrap_or(usize::MAX);
    let opts = LoadOptions {
        max_decompressed_size: Some(max_stream),
        password: Some(String::new()),
        ..LoadOptions::default()
    };
    let doc = match objects::load(bytes, opts, limits.max_pdf_objects) {
        Ok(d) => d,
        Err(e) => {
            let msg = e.to_string();
            let lower = msg.to_ascii_lowercase();
            if lower.contains("decrypt") || lower.contains("password") || lower.contains("encrypt")
            {
                return Err(Error::Encrypted);
            }
            return Err(Error::Pdf(PdfError::Damaged(msg)));
        }
    };
    if doc.is_encrypted() && !doc.was_encrypted() {
        return Err(Error::Encrypted);
    }
    if doc.objects.len() as u64 > limits.max_pdf_objects {
        return Err(
            LimitKind::PdfObjects.exceeded(doc.objects.len() as u64, limits.max_pdf_objects)
        );
    }
    Ok(doc)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Interprets every page (for tools and tests that look at the glyphs).
fn pages(doc: &Document, limits: &Limits) -> Result<Vec<content::PageText>> {
    let ids = doc.get_pages();
    if ids.is_empty() {
        return Err(Error::Pdf(PdfError::Damaged(
            "the document has no pages".into(),
        )));
    }
    if ids.len() as u64 > limits.max_pdf_pages {
        return Err(LimitKind::PdfPages.exceeded(ids.len() as u64, limits.max_pdf_pages));
    }
    let max_stream = usize::try_from(limits.max_decompressed_bytes).unwrap_or(usize::MAX);
    let budget = content::Budget {
        max_depth: MAX_FORM_DEPTH,
        max_stream,
        max_chars: MAX_PAGE_CHARS,
    };
    let mut it = content::Interpreter::new(doc, budget);
    let mut out = Vec::with_capacity(ids.len());
    for id in ids.values() {
        out.push(it.page(*id));
        if it.decompressed > limits.max_decompressed_bytes {
            return Err(LimitKind::DecompressedBytes.exceeded_in(
                "the page content streams",
                it.decompressed,
                limits.max_decompressed_bytes,
            ));
        }
    }
    Ok(out)
}

/// Reads a PDF into the block stream. `tests/pdf_reader.rs` shows it on hand-built, broken
/// and real PDFs (this module is crate-private, so it has no doctest).
pub fn read(bytes: &[u8], limits: &Limits) -> Result<RawDocument> {
    let doc = load(bytes, limits)?;
    let pages = pages(&doc, limits)?;
    let text_chars: usize = pages
        .iter()
        .map(|p| p.chars.iter().filter(|c| !c.text.trim().is_empty()).count())
        .sum();
    if text_chars == 0 {
        return Err(Error::Pdf(PdfError::NoTextLayer {
            pages: pages.len(),
            image_pages: pages.iter().filter(|p| p.has_image).count(),
        }));
    }
    let mut raw = layout::build(&pages, None);
    if raw.blocks.len() as u64 > limits.max_paragraphs {
        return Err(LimitKind::Paragraphs.exceeded(raw.blocks.len() as u64, limits.max_paragraphs));
    }
    // Right-to-left scripts come out of a PDF in visual order, which we cannot put back.
    let rtl = pages
        .iter()
        .flat_map(|p| p.chars.iter())
        .filter(|c| c.text.chars().any(is_rtl))
        .count();
    if rtl * 10 > text_chars {
        raw.warnings.push(Warning::new(
            WarningCode::UnorderedScript,
            format!(
                "{rtl} of {text_chars} glyphs are in a right-to-left script (Arabic or Hebrew), \
                 which PDF stores in visual order; their text is not reliable"
            ),
            None,
        ));
    }
    let mut truncated = false;
    for p in &pages {
        truncated |= p.chars.len() >= MAX_PAGE_CHARS;
    }
    if truncated {
        raw.warnings.push(Warning::new(
            WarningCode::PdfPageTruncated,
            format!("a page holds more than {MAX_PAGE_CHARS} glyphs; the rest was not read"),
            None,
        ));
    }
    Ok(raw)
}

fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}
