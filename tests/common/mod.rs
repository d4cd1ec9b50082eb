//! What several test files share: hand-made documents for the refs pass (one builder
//! instead of a copy per file) and deterministic noise. `mod common;` in a test file; each
//! file uses only part of it.
#![allow(dead_code)]

pub mod gold;

use treatydoc::model::{
    Document, Footnote, Format, Item, Metadata, Node, NoteKind, Paragraph, Source, TextBlock,
    SCHEMA_VERSION,
};

/// A hand-made document of the text format, as the refs pass sees one after the builder.
pub fn document(metadata: Metadata, body: Vec<Node>, footnotes: Vec<Footnote>) -> Document {
    Document {
        schema_version: SCHEMA_VERSION.to_string(),
        source: Source {
            path: None,
            format: Format::Text,
            sha256: String::new(),
        },
        metadata,
        body,
        footnotes,
        comments: vec![],
        headers_footers: vec![],
        warnings: vec![],
    }
}

/// Numbered paragraph `number` (id `para-N`) with its text and items.
pub fn paragraph(number: impl ToString, text: &str, items: Vec<Item>) -> Node {
    let number = number.to_string();
    Node::Paragraph(Paragraph {
        id: format!("para-{number}"),
        number,
        text: text.to_string(),
        items,
        footnotes: vec![],
        refs: vec![],
    })
}

/// Item `label` of the paragraph or item `parent` (id `parent.label`).
pub fn item(parent: &str, label: &str, text: &str) -> Item {
    Item {
        label: label.to_string(),
        id: format!("{parent}.{label}"),
        text: text.to_string(),
        items: vec![],
        footnotes: vec![],
        refs: vec![],
    }
}

/// A text node with its id.
pub fn text(id: &str, text: &str) -> Node {
    Node::Text(TextBlock {
        id: id.to_string(),
        text: text.to_string(),
        footnotes: vec![],
        refs: vec![],
    })
}

/// Footnote `id` (numbered by its id) with its text.
pub fn footnote(id: &str, text: &str) -> Footnote {
    Footnote {
        id: id.to_string(),
        kind: NoteKind::Footnote,
        mark: id.to_string(),
        text: text.to_string(),
        refs: vec![],
    }
}

/// Deterministic noise (xorshift64, the high bits of each state), so failures reproduce.
/// `seed` must not be 0.
pub fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}
