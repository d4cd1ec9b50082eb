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
mod csv;
mod types;

pub use csv::CsvError;
pub use types::*;

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
            Table::Documents => write_all(std::slice::from_ref(&self.document), format, out),
            Table::Headings => write_all(&self.headings, format, out),
            Table::Paragraphs => write_all(&self.paragraphs, format, out),
            Table::Items => write_all(&self.items, format, out),
            Table::Footnotes => write_all(&self.footnotes, format, out),
            Table::Refs => write_all(&self.refs, format, out),
            Table::Warnings => write_all(&self.warnings, format, out),
        }
    }
}

fn write_all<T: Serialize>(rows: &[T], format: Format, out: &mut Vec<u8>) {
    for row in rows {
        // Our row types are structs of strings, numbers and lists: neither serializer
        // can fail on them (a map key that is not a string is the only failure).
        let _ = match format {
            Format::Jsonl => serde_json::to_writer(&mut *out, row)
                .map(|()| out.push(b'\n'))
                .map_err(|e| CsvError(e.to_string())),
            Format::Csv => csv::write_record(row, out),
        };
    }
}

/// The first line of a table's file: the CSV header (column names in order), or nothing
/// for JSON Lines.
pub fn header(table: Table, format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    if format == Format::Csv {
        let _ = match table {
            Table::Documents => csv::write_header(&DocumentRow::default(), &mut out),
            Table::Headings => csv::write_header(&HeadingRow::default(), &mut out),
            Table::Paragraphs => csv::write_header(&ParagraphRow::default(), &mut out),
            Table::Items => csv::write_header(&ItemRow::default(), &mut out),
            Table::Footnotes => csv::write_header(&FootnoteRow::default(), &mut out),
            Table::Refs => csv::write_header(&RefRow::default(), &mut out),
            Table::Warnings => csv::write_header(&WarningRow::default(), &mut out),
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
