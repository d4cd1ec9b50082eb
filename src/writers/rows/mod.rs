//! Analytics tables: a document as flat rows of `documents`, `headings`, `paragraphs`,
//! `items`, `footnotes`, `refs` and `warnings`, written as JSON Lines or CSV.
//!
//! Every row carries the document key (`doc`) and the document columns people filter on
//! ([`DocColumns`]: symbol, body, state party, document type, session, adoption date and
//! year, language), the ids that join the tables, and for body rows and items the section
//! path. The rows of a document are a pure function of its tree: same tree, same rows, in
//! document order. The README section "Analytics rows" documents every column;
//! [`schema`] gives each table's JSON Schema.
//!
//! ```
//! use treatydoc::writers::rows::{self, Table};
//! let text = "Committee on the Rights of the Child\n\
//!             1.\tThe Committee considered the report.\n\
//!             \tI.\tIntroduction\n\
//!             2.\tThe Committee welcomes:\n\
//!             (a)\tThe report;\n";
//! let doc = treatydoc::parse(text.as_bytes(), Some("x.txt"), &Default::default()).unwrap();
//! let rows = rows::rows(&doc);
//! assert_eq!(rows.paragraphs.len(), 2);
//! assert_eq!(rows.paragraphs[1].section.section_title.as_deref(), Some("Introduction"));
//! assert_eq!(rows.items[0].paragraph_id, "para-2");
//! let mut jsonl = Vec::new();
//! rows.write(Table::Items, rows::Format::Jsonl, &mut jsonl);
//! assert!(jsonl.starts_with(b"{\"doc\":\"x.txt\""));
//! ```

mod build;
mod record;
mod types;

pub use record::CsvError;
pub use types::*;

use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::model::Document;

/// The tables, in the order they are documented and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// One row per document.
    Documents,
    /// One row per heading.
    Headings,
    /// One row per numbered paragraph, text node or table.
    Paragraphs,
    /// One row per item, every depth.
    Items,
    /// One row per footnote or endnote.
    Footnotes,
    /// One row per cross-reference.
    Refs,
    /// One row per warning.
    Warnings,
}

impl Table {
    /// Every table.
    pub const ALL: [Table; 7] = [
        Table::Documents,
        Table::Headings,
        Table::Paragraphs,
        Table::Items,
        Table::Footnotes,
        Table::Refs,
        Table::Warnings,
    ];

    /// The table's name: the file name without extension, and `schema --rows NAME`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::Headings => "headings",
            Table::Paragraphs => "paragraphs",
            Table::Items => "items",
            Table::Footnotes => "footnotes",
            Table::Refs => "refs",
            Table::Warnings => "warnings",
        }
    }

    /// The table with this name.
    pub fn from_name(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// File formats of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// One JSON object per line (`.jsonl`).
    #[default]
    Jsonl,
    /// RFC 4180 CSV with a header line (`.csv`): strings quoted, `null` an empty cell,
    /// lists as JSON text, CRLF line ends.
    Csv,
}

impl Format {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
        }
    }
}

/// The rows of one document, every table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    /// The `documents` row.
    pub document: DocumentRow,
    /// `headings`, in document order.
    pub headings: Vec<HeadingRow>,
    /// `paragraphs`, in document order.
    pub paragraphs: Vec<ParagraphRow>,
    /// `items`, in document order (depth first).
    pub items: Vec<ItemRow>,
    /// `footnotes`, in the tree's order.
    pub footnotes: Vec<FootnoteRow>,
    /// `refs`, in document order: the body depth first, then the notes.
    pub refs: Vec<RefRow>,
    /// `warnings`, in the tree's order.
    pub warnings: Vec<WarningRow>,
}

/// The rows of one document. Deterministic: the same tree always gives the same rows.
pub fn rows(doc: &Document) -> Rows {
    build::build(doc.clone())
}

/// [`rows`] for a document you no longer need: its texts move into the rows instead of
/// being copied.
pub fn into_rows(doc: Document) -> Rows {
    build::build(doc)
}

impl Rows {
    /// How many rows `table` has for this document.
    pub fn len(&self, table: Table) -> usize {
        match table {
            Table::Documents => 1,
            Table::Headings => self.headings.len(),
            Table::Paragraphs => self.paragraphs.len(),
            Table::Items => self.items.len(),
            Table::Footnotes => self.footnotes.len(),
            Table::Refs => self.refs.len(),
            Table::Warnings => self.warnings.len(),
        }
    }

    /// Appends the rows of `table` to `out`: one JSON line or one CSV record per row, no
    /// header (see [`header`]).
    pub fn write(&self, table: Table, format: Format, out: &mut Vec<u8>) {
        match table {
            Table::Documents => write_all(table, std::slice::from_ref(&self.document), format, out),
            Table::Headings => write_all(table, &self.headings, format, out),
            Table::Paragraphs => write_all(table, &self.paragraphs, format, out),
            Table::Items => write_all(table, &self.items, format, out),
            Table::Footnotes => write_all(table, &self.footnotes, format, out),
            Table::Refs => write_all(table, &self.refs, format, out),
            Table::Warnings => write_all(table, &self.warnings, format, out),
        }
    }
}

/// The column layout of each table's rows, in [`Table::ALL`] order, made on first use.
static LAYOUTS: [OnceLock<Option<record::Layout>>; 7] = [const { OnceLock::new() }; 7];

fn write_all<T: Serialize + Shared>(table: Table, rows: &[T], format: Format, out: &mut Vec<u8>) {
    // Our row types are structs of strings, numbers and lists: neither serializer can fail
    // on them (a map key that is not a string is the only failure).
    let layout = match (rows.first(), LAYOUTS.get(table as usize)) {
        (Some(first), Some(cell)) => cell
            .get_or_init(|| record::Layout::new(first).ok())
            .as_ref(),
        _ => None,
    };
    let prefix = match format {
        Format::Jsonl => rows
            .first()
            .zip(layout)
            .and_then(|(r, l)| record::Prefix::new(r.document(), l).ok()),
        Format::Csv => None,
    };
    let cells = match format {
        Format::Csv => rows
            .first()
            .and_then(|r| record::csv_cells(r.document()).ok()),
        Format::Jsonl => None,
    };
    // Consecutive rows mostly share their section: its bytes are made once per section.
    let mut section: Option<(&Arc<SectionColumns>, Vec<u8>)> = None;
    for row in rows {
        let _ = match (format, &prefix) {
            // The fast path needs this row's document columns to be the prefix's.
            (Format::Jsonl, Some(p)) if rows.first().is_some_and(|f| f.same_document(row)) => {
                if let Some(s) = row.section() {
                    if !section.as_ref().is_some_and(|(c, _)| Arc::ptr_eq(c, s)) {
                        section = record::section_bytes(s).ok().map(|b| (s, b));
                    }
                }
                let bytes = match (row.section(), &section) {
                    (Some(_), Some((_, b))) => Some(b.as_slice()),
                    _ => None,
                };
                record::write_json(row, p, bytes, out)
            }
            (Format::Jsonl, _) => serde_json::to_writer(&mut *out, row)
                .map(|()| out.push(b'\n'))
                .map_err(|e| CsvError(e.to_string())),
            (Format::Csv, _) => match (&cells, layout) {
                (Some(c), Some(l)) if rows.first().is_some_and(|f| f.same_document(row)) => {
                    record::write_record_prefixed(row, c, l, out)
                }
                _ => record::write_record(row, out),
            },
        };
    }
}

/// Rows that start with the shared document columns (and may have section columns).
trait Shared {
    fn document(&self) -> &Arc<DocColumns>;
    fn section(&self) -> Option<&Arc<SectionColumns>> {
        None
    }
    fn same_document(&self, other: &Self) -> bool {
        Arc::ptr_eq(self.document(), other.document())
    }
}

macro_rules! shared {
    ($($t:ty),*) => {
        $(impl Shared for $t {
            fn document(&self) -> &Arc<DocColumns> {
                &self.document
            }
        })*
    };
}

macro_rules! shared_with_section {
    ($($t:ty),*) => {
        $(impl Shared for $t {
            fn document(&self) -> &Arc<DocColumns> {
                &self.document
            }
            fn section(&self) -> Option<&Arc<SectionColumns>> {
                Some(&self.section)
            }
        })*
    };
}

// Headings each have a section of their own: caching its bytes would not pay.
shared!(DocumentRow, HeadingRow, FootnoteRow, RefRow, WarningRow);
shared_with_section!(ParagraphRow, ItemRow);

/// The first line of a table's file: the CSV header (column names in order), or nothing
/// for JSON Lines.
pub fn header(table: Table, format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    if format == Format::Csv {
        let _ = match table {
            Table::Documents => record::write_header(&DocumentRow::default(), &mut out),
            Table::Headings => record::write_header(&HeadingRow::default(), &mut out),
            Table::Paragraphs => record::write_header(&ParagraphRow::default(), &mut out),
            Table::Items => record::write_header(&ItemRow::default(), &mut out),
            Table::Footnotes => record::write_header(&FootnoteRow::default(), &mut out),
            Table::Refs => record::write_header(&RefRow::default(), &mut out),
            Table::Warnings => record::write_header(&WarningRow::default(), &mut out),
        };
    }
    out
}

/// The JSON Schema (draft 2020-12) of one row of `table`, pretty-printed.
pub fn schema(table: Table) -> String {
    use crate::writers::schema::schema_for;
    match table {
        Table::Documents => schema_for::<DocumentRow>(),
        Table::Headings => schema_for::<HeadingRow>(),
        Table::Paragraphs => schema_for::<ParagraphRow>(),
        Table::Items => schema_for::<ItemRow>(),
        Table::Footnotes => schema_for::<FootnoteRow>(),
        Table::Refs => schema_for::<RefRow>(),
        Table::Warnings => schema_for::<WarningRow>(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast paths (document and section columns copied from bytes made once) write
    /// exactly what the plain serializers write, row by row.
    #[test]
    fn fast_paths_equal_the_plain_serializers() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/rows/cerd_gr35_items_sdg.txt"
        );
        let doc = crate::parse_file(std::path::Path::new(path), &Default::default()).unwrap();
        let rows = super::rows(&doc);
        fn plain<T: Serialize>(rows: &[T]) -> (Vec<u8>, Vec<u8>) {
            let (mut csv, mut json) = (Vec::new(), Vec::new());
            for r in rows {
                record::write_record(r, &mut csv).unwrap();
                serde_json::to_writer(&mut json, r).unwrap();
                json.push(b'\n');
            }
            (csv, json)
        }
        let want = [
            plain(std::slice::from_ref(&rows.document)),
            plain(&rows.headings),
            plain(&rows.paragraphs),
            plain(&rows.items),
            plain(&rows.footnotes),
            plain(&rows.refs),
            plain(&rows.warnings),
        ];
        for (t, (csv, json)) in Table::ALL.into_iter().zip(want) {
            assert!(!json.is_empty() || t == Table::Warnings, "{t}");
            let (mut got_csv, mut got_json) = (Vec::new(), Vec::new());
            rows.write(t, Format::Csv, &mut got_csv);
            rows.write(t, Format::Jsonl, &mut got_json);
            assert_eq!(
                String::from_utf8(got_csv).unwrap(),
                String::from_utf8(csv).unwrap(),
                "{t}"
            );
            assert_eq!(
                String::from_utf8(got_json).unwrap(),
                String::from_utf8(json).unwrap(),
                "{t}"
            );
        }
    }
}
