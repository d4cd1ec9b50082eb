//! The structure builder: one [`build`] turns the block stream of either reader into the
//! document model, in passes of a module each:
//!
//! 1. `front_matter`: split off headers and footers, the first-page block, the title and
//!    the page furniture (what reads as UN masthead or furniture feeds `metadata`, which
//!    `metadata` fills from the UN vocabulary; other header and footer text goes to
//!    `headers_footers`; anything else stays in the body);
//! 2. `classify`: each remaining paragraph by its label and layout (heading, numbered
//!    paragraph, item, text) into a flat list of entries, with `items` nesting items and
//!    giving them ids and `rows` gathering the rows of text-export tables;
//! 3. `notes`: footnote numbering in order of first reference;
//! 4. `tree`: fold the entries into the heading tree and number the sections.

mod classify;
mod comments;
mod front_matter;
mod items;
pub(crate) mod metadata;
pub(crate) mod normalize;
mod notes;
mod rows;
mod tree;

use crate::blocks::{Block, RawDocument};
use crate::model::{Document, Source, WarningCode, SCHEMA_VERSION};

use std::collections::HashMap;

use classify::Builder;
use comments::Placed;
use front_matter::FrontMatter;

/// Builds the document tree from a reader's block stream. It cannot fail: every block ends
/// in the tree, in `metadata`, in `headers_footers` or in a warning; every comment in
/// `comments`.
///
/// ```
/// use treatydoc::{model::Source, Format, Limits};
/// let raw = treatydoc::read_raw(b"1.\tText.\n", Format::Text, &Limits::default())?;
/// let source = Source { path: None, format: Format::Text, sha256: String::new() };
/// let doc = treatydoc::structure::build(raw, source);
/// assert_eq!(doc.body[0].id(), "para-1");
/// # Ok::<(), treatydoc::Error>(())
/// ```
pub fn build(raw: RawDocument, source: Source) -> Document {
    let RawDocument {
        blocks,
        notes,
        comments,
        props,
        warnings,
    } = raw;
    // Where each block went is needed only to anchor comments (most documents have none).
    let track = !comments.is_empty();
    let mut b = Builder {
        warnings,
        track_placement: track,
        ..Builder::default()
    };
    // Pass 1: first-page block, headers and footers, title, furniture.
    let FrontMatter {
        metadata: mut md,
        title,
        body,
        name_not_a_symbol,
        headers_footers,
    } = front_matter::split(blocks, &props, source.path.as_deref(), source.format);
    match &title {
        Some(para) => b.note_marks(para, None),
        None => b.warn(
            WarningCode::NoTitle,
            "no title (\"Concluding observations ...\") found",
            None,
        ),
    }
    if name_not_a_symbol {
        b.warn(
            WarningCode::SymbolNotInferred,
            "no symbol in the document, and the file name is not a complete symbol (only the \
             UN's download forms such as _E, -EN, _23172 or (1) may follow it)",
            None,
        );
    }

    md.language = detect_language_of(md.title.as_deref(), &body);

    // Pass 2: classify into a flat list of entries, noting which entry (or item) each
    // block went into, for the comments anchored in it.
    let mut placed: HashMap<usize, Placed> = HashMap::new();
    for (i, block) in body {
        let before = b.entries.len();
        match block {
            Block::Para { para, .. } => b.para(para),
            Block::Table { rows, .. } => b.table(rows),
        }
        if !track {
            continue;
        }
        let at = if b.entries.len() > before {
            Placed::Entry(b.entries.len() - 1)
        } else if let Some(id) = b.last_item_id.take() {
            // An item of the open paragraph.
            Placed::Item(id)
        } else {
            // A text-export table row: in the table that will be the next entry.
            Placed::Entry(before)
        };
        placed.insert(i, at);
    }
    b.flush_rows();

    // Footnotes, in order of first reference; the title's note gives the session.
    let footnotes = b.footnotes(notes);
    if md.session.is_none() {
        if let Some(para) = &title {
            md.session = para
                .notes
                .iter()
                .filter_map(|m| footnotes.iter().find(|f| f.id == m.id))
                .find_map(|f| metadata::session(&f.text));
        }
    }
    metadata::complete(&mut md);

    // Pass 3: the tree.
    let body = b.tree();
    let comments = comments::anchor(comments, &placed, &body);
    Document {
        schema_version: SCHEMA_VERSION.to_string(),
        source,
        metadata: md,
        body,
        footnotes,
        comments,
        headers_footers,
        warnings: b.warnings,
    }
}

/// The language of the document, from its title and the text of its first paragraphs (a
/// sample of a few thousand characters is plenty to tell six languages apart).
fn detect_language_of(
    title: Option<&str>,
    body: &[(usize, Block)],
) -> Option<crate::model::Language> {
    const SAMPLE: usize = 8_000;
    let mut sample = String::with_capacity(SAMPLE + 200);
    sample.push_str(title.unwrap_or(""));
    for (_, blk) in body {
        if sample.len() >= SAMPLE {
            break;
        }
        if let Block::Para { para, .. } = blk {
            sample.push(' ');
            sample.push_str(&para.text);
        }
    }
    crate::model::detect_language(&sample)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Node};
    use crate::Limits;

    fn parse(text: &str) -> Document {
        let raw = crate::readers::text::read(text.as_bytes(), &Limits::default()).unwrap();
        let src = Source {
            path: None,
            format: Format::Text,
            sha256: String::new(),
        };
        build(raw, src)
    }

    #[test]
    fn items_nest_and_ii_after_h() {
        let doc = parse(
            "1.\tLead:\n(a)\tA;\n(i)\tA1;\n(ii)\tA2;\n(b)\tB;\n(c)\tC\n(d)\tD\n(e)\tE\n(f)\tF\n(g)\tG\n(h)\tH\n(i)\tI.\n",
        );
        let Node::Paragraph(p) = &doc.body[0] else {
            panic!()
        };
        let labels: Vec<_> = p.items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["a", "b", "c", "d", "e", "f", "g", "h", "i"]);
        assert_eq!(p.items[0].items[1].id, "para-1.a.ii");
    }
}
