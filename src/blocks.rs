//! The intermediate stream between the readers and the structure builder.
//!
//! Both readers lower their input to the same [`RawDocument`]: a flat list of [`Block`]s in
//! reading order, the note bodies, and the page furniture. A block's text is in *export form*:
//! what the Tika/POI plain-text export shows for that Word paragraph, with typed labels, tabs
//! (`\t`) and soft line breaks (`\n`) kept and every marker removed. Because the .docx reader
//! produces exactly what the text export would show, one structure builder
//! ([`crate::structure`]) serves both readers and they give the same tree.

use crate::model::{NoteKind, Warning};

/// Which part of the source a block comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// The main text flow. For the text reader this includes the first-page block and page
    /// furniture, which the structure builder recognises by their content.
    Body,
    /// A table the .docx reader recognised as the first-page (masthead) block.
    FirstPage,
    /// A page header (.docx only).
    Header,
    /// A page footer (.docx only).
    Footer,
}

/// What the source says about a paragraph's role, when it says anything.
///
/// The text reader always gives [`StyleHint::None`]; the .docx reader maps Word styles
/// (UN Geneva `HChG`, `H1G`, `H23G`, `SingleTxtG`, `Heading N`, `w:outlineLvl`) onto it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StyleHint {
    /// No style information.
    #[default]
    None,
    /// The document title (`HChG`).
    Title,
    /// A heading of the given level, 1 = `H1G`.
    Heading(u8),
    /// Body text (`SingleTxtG`, `Normal`).
    Body,
}

/// A footnote or endnote reference inside a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteMark {
    /// Offset in chars into [`Para::text`] where the reference stood.
    pub offset: usize,
    /// The note's id in the model (`"2"`; endnotes `"e2"`).
    pub id: String,
    /// Footnote or endnote.
    pub kind: NoteKind,
    /// A custom mark typed after the reference (`*`), when there is one.
    pub custom_mark: Option<String>,
}

/// One Word paragraph (or one line group of the text export).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Para {
    /// Export-form text: typed labels, tabs and soft breaks kept, markers removed.
    pub text: String,
    /// A label produced by Word auto-numbering (`"1."`, `"(a)"`, `"·"`), rendered by the
    /// .docx reader from `numbering.xml`; `None` when the label, if any, is typed in `text`.
    pub auto_label: Option<String>,
    /// Word's list level (`w:ilvl`, 0-8) of an auto-numbered paragraph, `None` otherwise.
    pub list_level: Option<u8>,
    /// Style information from the source.
    pub style: StyleHint,
    /// Footnote/endnote references, offsets into `text`, in order.
    pub notes: Vec<NoteMark>,
    /// 1-based line in the source where the paragraph starts (text reader), for messages.
    pub line: Option<usize>,
}

/// A block of the intermediate stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Para {
        /// Where it came from.
        region: Region,
        /// The paragraph.
        para: Para,
    },
    /// A table; each cell is its paragraphs' text joined by `\n`.
    Table {
        /// Where it came from.
        region: Region,
        /// Rows of cells.
        rows: Vec<Vec<String>>,
    },
}

/// The body of a footnote or endnote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteBody {
    /// Same id as in [`NoteMark::id`].
    pub id: String,
    /// Footnote or endnote.
    pub kind: NoteKind,
    /// Export-form text, as the text export shows it inside `[N: ...]`: paragraphs joined
    /// by `\n`, the leading tab and typed mark (`\t*\t`) kept. The builder normalises it.
    pub text: String,
    /// True when the source says the note is missing (POI's `!!! End note ... not found`).
    pub missing: bool,
}

/// A review comment: Word's `w:comment`, or what a text export prints for it
/// (`\tComment by AUTHOR: TEXT` at the end of the paragraph).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommentBody {
    /// The author, when the source names one.
    pub author: Option<String>,
    /// When it was written (`w:date`, .docx only), as written.
    pub date: Option<String>,
    /// Its text, paragraphs joined by `\n`.
    pub text: String,
    /// Index into [`RawDocument::blocks`] of the block the comment is anchored in; `None`
    /// when it is anchored in no block (a note, a header, nowhere).
    pub block: Option<usize>,
}

/// Document properties from `docProps/core.xml` (.docx only).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CoreProps {
    /// `dc:title` (UN files: often the job number).
    pub title: Option<String>,
    /// `dc:subject` (UN files: often the symbol).
    pub subject: Option<String>,
}

/// What a reader produces: the input to [`crate::structure::build`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawDocument {
    /// Blocks in reading order. The text reader puts first-page lines and page furniture
    /// here too; the builder sorts them out.
    pub blocks: Vec<Block>,
    /// Note bodies in source order.
    pub notes: Vec<NoteBody>,
    /// Review comments in source order.
    pub comments: Vec<CommentBody>,
    /// Core properties (.docx).
    pub props: CoreProps,
    /// Anomalies the reader found (unknown markers, broken parts).
    pub warnings: Vec<Warning>,
}
