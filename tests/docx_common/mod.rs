//! Helpers shared by the `docx_*` tests: fixture paths, reading, and the check that the .docx
//! reader's block stream is exactly what Apache POI printed for the same file.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use treatydoc::blocks::{Block, RawDocument};
use treatydoc::model::NoteKind;
use treatydoc::{Document, Format, Limits, Options};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `fixtures/docx/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("fixtures/docx").join(name)
}

/// The real UN file, read from the shared corpus (never copied into the repository).
pub fn cerd(ext: &str) -> PathBuf {
    root()
        .join("../shared/corpus")
        .join(format!("CERD_C_URY_CO_21-23.{ext}"))
}

/// The POI text twin of a .docx fixture.
pub fn twin(docx: &Path) -> PathBuf {
    docx.with_extension("poi.txt")
}

pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The block stream of a file in the given format.
pub fn raw(path: &Path, format: Format) -> RawDocument {
    treatydoc::read_raw(&bytes(path), format, &Limits::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The tree of a file, parsed under the file name (so that file-name metadata is the same
/// for a .docx and its twin, whose stems are equal).
pub fn parse(path: &Path) -> Document {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    treatydoc::parse(&bytes(path), Some(&name), &Options::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A paragraph's text with POI's markers put back: `[footnoteRef:N]` plus a custom mark where
/// each reference stood, then the note bodies ` [N: ...] `, as XWPFWordExtractor prints them.
fn para_with_markers(
    text: &str,
    marks: &[treatydoc::blocks::NoteMark],
    raw: &RawDocument,
) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    let mut bodies = String::new();
    for m in marks {
        out.extend(&chars[at..m.offset]);
        at = m.offset;
        let (tag, num) = match m.kind {
            NoteKind::Footnote => ("footnoteRef", m.id.as_str()),
            NoteKind::Endnote => ("endnoteRef", m.id.trim_start_matches('e')),
        };
        out.push_str(&format!("[{tag}:{num}]"));
        if let Some(c) = &m.custom_mark {
            out.push_str(c);
        }
        let body = raw.notes.iter().find(|n| n.id == m.id).expect("note body");
        bodies.push_str(&format!(" [{num}: {}] ", body.text));
    }
    out.extend(&chars[at..]);
    out + &bodies
}

/// Pieces the POI export must show, in order.
enum Piece {
    /// A whole paragraph (one or more lines).
    Para(String),
    /// A fragment of a table cell (POI joins cell paragraphs with tabs).
    Cell(String),
}

fn pieces(raw: &RawDocument) -> Vec<Piece> {
    let mut out = Vec::new();
    for b in &raw.blocks {
        match b {
            Block::Para { para, .. } => {
                out.push(Piece::Para(para_with_markers(&para.text, &para.notes, raw)))
            }
            Block::Table { rows, .. } => {
                for row in rows {
                    for cell in row {
                        for line in cell.split('\n').filter(|l| !l.is_empty()) {
                            out.push(Piece::Cell(line.to_string()));
                        }
                    }
                }
            }
        }
    }
    out
}

/// Asserts that the POI export `poi` is exactly the reader's blocks, in order, separated by
/// line breaks (tabs too, between table cells) and nothing else.
///
/// `poi_only` are strings POI prints that the reader rightly leaves out (deleted text, comment
/// text); each must occur in `poi` and is removed first. `ours_only` rewrites `(from, to)` of
/// what the reader keeps and POI 3.17 loses (`w:sym`, U+2011, inline content controls).
pub fn assert_poi_consistent(
    raw: &RawDocument,
    poi: &str,
    poi_only: &[&str],
    ours_only: &[(&str, &str)],
    what: &str,
) {
    let mut poi = poi.replace("\r\n", "\n");
    for s in poi_only {
        assert!(poi.contains(s), "{what}: POI export should contain {s:?}");
        poi = poi.replacen(s, "", 1);
    }
    let mut pos = 0usize;
    for piece in pieces(raw) {
        let (mut want, in_table) = match piece {
            Piece::Para(s) => (s, false),
            Piece::Cell(s) => (s, true),
        };
        for (from, to) in ours_only {
            want = want.replace(from, to);
        }
        let rest = &poi[pos..];
        let Some(i) = rest.find(&want) else {
            panic!("{what}: {want:?} not found in the POI export after byte {pos}:\n{rest}");
        };
        let gap = &rest[..i];
        // Between paragraphs: only whole blank (or white-space-only, i.e. dropped) lines, so
        // every paragraph starts a line; inside tables, tabs between cells too.
        let ok = if in_table {
            gap.chars().all(|c| c == '\n' || c == '\t')
        } else {
            gap.chars().all(char::is_whitespace)
                && (gap.is_empty() && pos == 0 || gap.ends_with('\n'))
                && (pos == 0 || gap.starts_with('\n'))
        };
        assert!(
            ok,
            "{what}: unexpected text {gap:?} before {want:?} in the POI export"
        );
        pos += i + want.len();
    }
    assert!(
        poi[pos..].chars().all(char::is_whitespace),
        "{what}: the POI export has more text than the reader: {:?}",
        &poi[pos..]
    );
}

/// A paragraph's text and its note marks as (offset, id, custom mark).
pub type ParaMarks = (String, Vec<(usize, String, Option<String>)>);

/// Body paragraphs of a block stream.
pub fn body_paras(raw: &RawDocument) -> Vec<ParaMarks> {
    raw.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para {
                region: treatydoc::blocks::Region::Body,
                para,
            } => Some((
                para.text.clone(),
                para.notes
                    .iter()
                    .map(|m| (m.offset, m.id.clone(), m.custom_mark.clone()))
                    .collect(),
            )),
            _ => None,
        })
        .collect()
}

/// Every body paragraph of the .docx stream appears, identical (text, note marks), in the
/// text reader's stream, in order; the text stream has only furniture (first-page lines, page
/// headers and footers) besides.
pub fn assert_docx_paras_in_text(docx: &RawDocument, text: &RawDocument, what: &str) {
    let theirs = body_paras(text);
    let mut i = 0;
    for p in body_paras(docx) {
        let Some(k) = theirs[i..].iter().position(|t| *t == p) else {
            panic!("{what}: the text reader has no paragraph {p:?} after its paragraph {i}");
        };
        i += k + 1;
    }
}

/// Referenced note bodies are the same in both streams (id, kind, text).
pub fn assert_same_notes(docx: &RawDocument, text: &RawDocument, what: &str) {
    for n in &text.notes {
        let d = docx
            .notes
            .iter()
            .find(|d| d.id == n.id)
            .unwrap_or_else(|| panic!("{what}: note {} missing from the .docx stream", n.id));
        assert_eq!(
            (d.kind, &d.text, d.missing),
            (n.kind, &n.text, n.missing),
            "{what}: note {}",
            n.id
        );
    }
}

/// The JSON of a value, for whole-tree comparisons with readable diffs.
pub fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap()
}
