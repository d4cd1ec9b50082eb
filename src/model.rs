//! The document model: the JSON tree of `../shared/output-contract.md`, as Rust types (one
//! job: the contract's types and their documentation, hence the length).
//!
//! Every field of the contract is always serialized (`null` or `[]` when empty), so the
//! types here use `Option` and `Vec` rather than `skip_serializing_if`. The JSON Schema that
//! `treatydoc schema` prints is generated from these types with `schemars`.
//!
//! One job, the contract's types, hence the length: each type is a few lines and its doc
//! comments are the schema's descriptions. Walking a tree is [`walk`]; the UN vocabulary
//! types (`TreatyBody`, `Instrument`, `DocumentType`) are defined in the crate's `un` layer
//! and re-exported here.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::un::bodies::{DocumentType, Instrument, TreatyBody};
pub use crate::un::lang::{detect_language, Language};

pub mod walk;

/// Version of the output contract these types implement.
pub const SCHEMA_VERSION: &str = "1";

/// One converted document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Always `"1"` for this version of the contract.
    pub schema_version: String,
    /// Where the document came from.
    pub source: Source,
    /// Facts about the document: symbol, committee, dates, ...
    pub metadata: Metadata,
    /// Headings, paragraphs, text and tables after the title block, in document order.
    pub body: Vec<Node>,
    /// Footnote and endnote bodies, in order of first reference.
    pub footnotes: Vec<Footnote>,
    /// Review comments, in source order (added to contract v1).
    pub comments: Vec<Comment>,
    /// Page header and footer text that is not page furniture (running symbols, job
    /// numbers, page numbers go to `metadata` or nowhere), in source order, each distinct
    /// text once (added to contract v1).
    pub headers_footers: Vec<PageText>,
    /// Structural anomalies found while converting.
    pub warnings: Vec<Warning>,
}

/// A review comment: Word's comments, or what a text export prints for them
/// (`Comment by AUTHOR: TEXT`). Deleted revisions are not comments and stay dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    /// `comment-1`, `comment-2`, ... in source order.
    pub id: String,
    /// Who wrote it, when the source says.
    pub author: Option<String>,
    /// When it was written, as the source writes it (.docx: `2016-05-09T16:13:00Z`).
    pub date: Option<String>,
    /// The comment's text on one line (paragraphs joined by one space).
    pub text: String,
    /// The id of the body node (heading, paragraph, item, text, table) the comment is
    /// anchored in; `null` when it is anchored outside the body (first page, title, a note,
    /// a header) or nowhere.
    pub anchor: Option<String>,
}

/// Text of a page header or footer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageText {
    /// Header or footer.
    pub kind: PageTextKind,
    /// The paragraph's (or table cell's) text on one line.
    pub text: String,
}

/// Where a [`PageText`] stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PageTextKind {
    /// A page header.
    Header,
    /// A page footer.
    Footer,
}

/// The input a document was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The path as given on the command line, `null` for standard input.
    pub path: Option<String>,
    /// Which reader produced the tree.
    pub format: Format,
    /// SHA-256 of the input bytes, lowercase hex.
    pub sha256: String,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// An Office Open XML word-processing file.
    Docx,
    /// The plain-text export Apache Tika or Apache POI makes of a .docx.
    Text,
    /// A PDF with a text layer (the UN's own PDFs).
    Pdf,
}

impl Format {
    /// The name used on the command line and in `source.format`.
    ///
    /// ```
    /// assert_eq!(treatydoc::Format::Docx.as_str(), "docx");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Text => "text",
            Format::Pdf => "pdf",
        }
    }
}

/// Where `metadata.symbol` was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SymbolSource {
    /// The first-page block or a page header (or the .docx core properties).
    Header,
    /// The file name, e.g. `CRC_C_OPSC_PER_CO_1_23172_E.docx`.
    Filename,
    /// Inferred from the report considered: `CRC/C/OPSC/PER/1` gives `CRC/C/OPSC/PER/CO/1`.
    Inferred,
}

/// The session at which the document was adopted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The session number ("seventy-first" gives 71).
    pub number: Option<u32>,
    /// The dates as written, e.g. `"11-29 January 2016"`.
    pub dates: Option<String>,
}

/// When and where the document was adopted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Adopted {
    /// Meeting numbers ("at its 2104th meeting" gives 2104).
    pub meetings: Vec<u32>,
    /// ISO date of adoption.
    pub date: Option<String>,
}

/// Facts about the document. Every field is always present; unknown values are `null`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// The document's own UN symbol.
    pub symbol: Option<String>,
    /// Where `symbol` came from.
    pub symbol_source: Option<SymbolSource>,
    /// Treaty-body acronym.
    pub body: Option<TreatyBody>,
    /// The committee's name, as written.
    pub committee: Option<String>,
    /// The kind of document.
    pub document_type: Option<DocumentType>,
    /// The title on one line, soft breaks joined, footnote marks removed.
    pub title: Option<String>,
    /// The State party reviewed.
    pub state_party: Option<String>,
    /// For Optional Protocol reviews.
    pub instrument: Option<Instrument>,
    /// Symbols of the reports named in the opening paragraph.
    pub reports_considered: Vec<String>,
    /// From the title footnote.
    pub session: Option<Session>,
    /// Adoption meetings and date, from the opening paragraph.
    pub adopted: Option<Adopted>,
    /// From "Distr.: General".
    pub distribution: Option<String>,
    /// Issue date from the first page, ISO.
    pub date: Option<String>,
    /// From "Original: Spanish", as printed (`"Spanish"`, `"Espagnol"`, `"Inglés"`).
    pub original_language: Option<String>,
    /// UN job number, e.g. `GE.17-00476(E)`.
    pub job_number: Option<String>,
    /// The language of the original, as a code: `original_language` mapped to one
    /// vocabulary, whatever language names it (`"Espagnol"` and `"Spanish"` both give
    /// `"es"`); `null` when there is no original-language line or its name is unknown. An
    /// addition to contract v1.
    pub original_language_code: Option<Language>,
    /// The language this version is written in, detected from its text (script, then
    /// frequent small words): `en`, `fr`, `es`, and `ar`, `ru`, `zh` by their scripts;
    /// `null` when the text is too short to tell. An addition to contract v1.
    pub language: Option<Language>,
}

/// A node of `body`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Node {
    /// A heading and everything up to the next heading of the same or a higher level.
    Heading(Heading),
    /// A numbered paragraph.
    Paragraph(Paragraph),
    /// An unnumbered body paragraph.
    Text(TextBlock),
    /// A table outside the first-page block.
    Table(Table),
}

impl Node {
    /// The node's id.
    ///
    /// ```
    /// let doc = treatydoc::parse(b"1.\tText.\n", None, &Default::default())?;
    /// assert_eq!(doc.body[0].id(), "para-1");
    /// # Ok::<(), treatydoc::Error>(())
    /// ```
    pub fn id(&self) -> &str {
        match self {
            Node::Heading(h) => &h.id,
            Node::Paragraph(p) => &p.id,
            Node::Text(t) => &t.id,
            Node::Table(t) => &t.id,
        }
    }
}

/// A heading node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    /// `sec-K`, `sec-K.M`, ...
    pub id: String,
    /// 1 for main headings (H1G), 2 for sub-headings (H23G), 3 and deeper below.
    pub level: u8,
    /// The heading's label without its dot (`"C"`, `"IV"`), `null` when unnumbered.
    pub number: Option<String>,
    /// The heading text on one line.
    pub title: String,
    /// Where footnote marks stood in `title` (an addition to contract v1).
    pub footnotes: Vec<Anchor>,
    /// Cross-references in `title`.
    pub refs: Vec<Ref>,
    /// The nodes under this heading.
    pub children: Vec<Node>,
}

/// A numbered paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// `para-N`.
    pub id: String,
    /// The paragraph number as a string: `"12"`, `"12 bis"`.
    pub number: String,
    /// The paragraph's own words, without its label, sub-items or footnote marks.
    pub text: String,
    /// Sub-items `(a)`, `(b)`, ...
    pub items: Vec<Item>,
    /// Where footnote marks stood in `text`.
    pub footnotes: Vec<Anchor>,
    /// Cross-references in `text`.
    pub refs: Vec<Ref>,
}

/// An unnumbered body paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextBlock {
    /// `text-K`.
    pub id: String,
    /// The paragraph's words on one line.
    pub text: String,
    /// Where footnote marks stood in `text`.
    pub footnotes: Vec<Anchor>,
    /// Cross-references in `text`.
    pub refs: Vec<Ref>,
}

/// A table outside the first-page block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// `table-K`.
    pub id: String,
    /// Rows of cell texts.
    pub rows: Vec<Vec<String>>,
}

/// A sub-item of a paragraph or of another item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The label without brackets: `"a"`, `"ii"`, or `"•"` for bullets.
    pub label: String,
    /// `para-4.a`, `para-4.a.ii`.
    pub id: String,
    /// The item's own words.
    pub text: String,
    /// Nested items.
    pub items: Vec<Item>,
    /// Where footnote marks stood in `text`.
    pub footnotes: Vec<Anchor>,
    /// Cross-references in `text`.
    pub refs: Vec<Ref>,
}

/// Where a footnote mark stood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// The footnote's `id`.
    pub footnote: String,
    /// Offset in Unicode scalar values into the holder's text.
    pub offset: usize,
}

/// Footnote or endnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// A footnote (`[footnoteRef:N]`, `w:footnoteReference`).
    Footnote,
    /// An endnote (`[endnoteRef:N]`, `w:endnoteReference`).
    Endnote,
}

/// A footnote (or endnote) body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    /// The id in the source (`w:id`, or N in `[footnoteRef:N]`); endnotes are prefixed `e`.
    pub id: String,
    /// Footnote or endnote.
    pub kind: NoteKind,
    /// What a reader sees: `"*"`, or the number Word displays.
    pub mark: String,
    /// The note's text on one line (paragraphs joined by one space).
    pub text: String,
    /// Cross-references in `text`.
    pub refs: Vec<Ref>,
}

/// A structural anomaly. A warning never stops the output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// What kind of anomaly: a stable code such as `numbering_gap`.
    pub code: WarningCode,
    /// A sentence for a person.
    pub message: String,
    /// The id of the node concerned, when there is one.
    pub at: Option<String>,
}

impl Warning {
    /// A warning with a code, a message and an optional node id.
    ///
    /// ```
    /// use treatydoc::model::{Warning, WarningCode};
    /// let w = Warning::new(WarningCode::NumberingGap, "paragraph 3 follows 1", Some("para-3".into()));
    /// assert_eq!(serde_json::to_value(&w).unwrap()["code"], "numbering_gap");
    /// ```
    pub fn new(code: WarningCode, message: impl Into<String>, at: Option<String>) -> Self {
        Warning {
            code,
            message: message.into(),
            at,
        }
    }
}

/// The codes of [`Warning`]; `code` in the JSON is the snake_case name.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningCode {
    /// A paragraph number skips one or more numbers (or goes back).
    NumberingGap,
    /// Two paragraphs carry the same number.
    DuplicateNumber,
    /// Two items of one list carry the same label.
    DuplicateItem,
    /// An item label with no numbered paragraph to hold it.
    OrphanItem,
    /// A heading label with no title.
    EmptyHeading,
    /// A note is referenced but its body is missing.
    MissingFootnote,
    /// A note body that nothing references.
    UnreferencedFootnote,
    /// A marker of the text export that the reader does not know.
    UnknownMarker,
    /// No title was found on the first page.
    NoTitle,
    /// A cross-reference names a paragraph the document does not have.
    MissingRefTarget,
    /// A part of the .docx that is referenced is missing.
    DocxPartMissing,
    /// A part of the .docx could not be read; the rest of the document was.
    DocxPartMalformed,
    /// The document shows no symbol and its file name looks like one but is not complete
    /// (`CRC_C_OPSC_PER_CO_1_v1.txt`), so no symbol was inferred from it.
    SymbolNotInferred,
    /// An auto-numbering label longer than the reader renders was cut.
    LabelTooLong,
    /// A PDF's text is in a right-to-left script, stored in visual order: not reliable.
    UnorderedScript,
    /// A PDF page held more glyphs than the reader keeps; the rest was not read.
    PdfPageTruncated,
    /// A stray character before a label was dropped (`€(c)`).
    StrayCharacter,
}

impl WarningCode {
    /// Every code, in declaration order.
    pub const ALL: [WarningCode; 17] = [
        WarningCode::NumberingGap,
        WarningCode::DuplicateNumber,
        WarningCode::DuplicateItem,
        WarningCode::OrphanItem,
        WarningCode::EmptyHeading,
        WarningCode::MissingFootnote,
        WarningCode::UnreferencedFootnote,
        WarningCode::UnknownMarker,
        WarningCode::NoTitle,
        WarningCode::MissingRefTarget,
        WarningCode::DocxPartMissing,
        WarningCode::DocxPartMalformed,
        WarningCode::SymbolNotInferred,
        WarningCode::LabelTooLong,
        WarningCode::UnorderedScript,
        WarningCode::PdfPageTruncated,
        WarningCode::StrayCharacter,
    ];

    /// The code as written in the JSON (`"numbering_gap"`).
    ///
    /// ```
    /// use treatydoc::model::WarningCode;
    /// assert_eq!(WarningCode::MissingFootnote.as_str(), "missing_footnote");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::NumberingGap => "numbering_gap",
            WarningCode::DuplicateNumber => "duplicate_number",
            WarningCode::DuplicateItem => "duplicate_item",
            WarningCode::OrphanItem => "orphan_item",
            WarningCode::EmptyHeading => "empty_heading",
            WarningCode::MissingFootnote => "missing_footnote",
            WarningCode::UnreferencedFootnote => "unreferenced_footnote",
            WarningCode::UnknownMarker => "unknown_marker",
            WarningCode::NoTitle => "no_title",
            WarningCode::MissingRefTarget => "missing_ref_target",
            WarningCode::DocxPartMissing => "docx_part_missing",
            WarningCode::DocxPartMalformed => "docx_part_malformed",
            WarningCode::SymbolNotInferred => "symbol_not_inferred",
            WarningCode::LabelTooLong => "label_too_long",
            WarningCode::UnorderedScript => "unordered_script",
            WarningCode::PdfPageTruncated => "pdf_page_truncated",
            WarningCode::StrayCharacter => "stray_character",
        }
    }
}

impl std::fmt::Display for WarningCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A cross-reference found in some text.
///
/// `start`/`end` are half-open offsets in Unicode scalar values into the text that holds
/// the reference, so that `text[start..end] == self.text` (counting chars).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Ref {
    /// The words of the reference as they stand in the text.
    pub text: String,
    /// Start offset (chars).
    pub start: usize,
    /// End offset (chars, exclusive).
    pub end: usize,
    /// What the reference points at.
    #[serde(flatten)]
    pub target: RefTarget,
}

/// What a reference points at; `kind` in the JSON.
///
/// A list that shares one target's details is one reference (`CRC/C/SR.2494 and 2495`,
/// `paragraphs 19 and 21 above`, `arts. 3, 4 (2 and 3) and 5-7`); a list whose members carry
/// their own details gives one reference per member, each with its own span
/// (`general recommendations Nos. 32 (2009) and 34 (2011)`, a document with its pinpoint
/// followed by another document with its own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RefTarget {
    /// One or more UN documents by symbol.
    Document {
        /// The first (or only) symbol, in canonical form (no spaces, ASCII hyphens).
        symbol: String,
        /// Every symbol the reference names, shortened lists expanded:
        /// `CRC/C/SR.2067 and 2069` gives `CRC/C/SR.2067` and `CRC/C/SR.2069`,
        /// `E/C.12/GBR/5 and Adds.1 and 2` gives the report and its two addenda.
        symbols: Vec<String>,
        /// Pinpointed paragraphs (`paras. 9 and 10`), ranges expanded, sub-divisions as
        /// written (`"4 (a) (ii)"`); empty when the whole document is meant.
        paragraphs: Vec<String>,
    },
    /// Paragraphs of this document (`paragraphs 19 and 21 above`).
    Paragraph {
        /// Paragraph numbers, ranges expanded, sub-divisions as written (`"32 (a)"`).
        paragraphs: Vec<String>,
        /// The ids they resolve to in this document (`para-19`, `para-32.a`); a paragraph
        /// that does not exist is left out and reported by a `missing_ref_target` warning.
        targets: Vec<String>,
    },
    /// Articles of a treaty or of a national law.
    Article {
        /// The instrument, resolved: "the Convention" / "the Covenant" is the committee's
        /// own treaty, "the Optional Protocol" in an OPSC/OPAC review that protocol, a named
        /// instrument keeps its name, "the aforementioned Act" the act named last; with no
        /// instrument named, the document's own treaty (or protocol). `null` when it cannot
        /// be known, e.g. an article number beyond the own treaty's last article.
        instrument: Option<String>,
        /// True when the instrument is national law (a code, an act, a constitution), not a
        /// treaty: `article 153 of the Criminal Code`.
        domestic: bool,
        /// The articles, in the order written, ranges expanded; keyword and instrument carry
        /// across the whole list.
        articles: Vec<ArticleRef>,
    },
    /// Meetings of the committee (`2494th and 2495th meetings`).
    Meeting {
        /// Meeting numbers, ranges expanded.
        meetings: Vec<u32>,
    },
    /// One general comment or general recommendation.
    GeneralComment {
        /// The number (`"14"`, or a Roman numeral such as `"XV"` for CERD's early
        /// recommendations).
        number: String,
        /// The year of adoption, when given.
        year: Option<i32>,
        /// The issuing body: stated (`of the Committee on the Rights of the Child`) or implied
        /// (the document's own committee, when it issues that kind of text); `null` otherwise.
        body: Option<TreatyBody>,
        /// True for a joint general comment/recommendation of two committees; each
        /// committee's designation is then its own reference.
        joint: bool,
    },
    /// Targets of the Sustainable Development Goals (`targets 5.2 and 5.3`).
    SdgTarget {
        /// Targets such as `"16.2"` or `"5.a"`.
        targets: Vec<String>,
    },
    /// A national law, act or decree (`Act No. 30251 of 30 September 2014`).
    Law {
        /// The designation, spaces normalised: `"Act No. 30251"`, `"Decree 144/014"`.
        name: String,
        /// The date of the law as ISO `YYYY-MM-DD`, when given.
        date: Option<String>,
    },
    /// One resolution of a UN organ (`General Assembly resolution 68/268`).
    Resolution {
        /// `"General Assembly"`, `"Human Rights Council"`, ...; `null` when not stated.
        organ: Option<String>,
        /// `"68/268"`; Security Council resolutions by their number (`"1325"`).
        number: String,
    },
}

/// One article in an article reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleRef {
    /// The article number (`"9"`, `"18.1"`).
    pub article: String,
    /// Its sub-divisions, one entry per provision meant, nested levels written as in UN
    /// pinpoints: `article 9 (1 and 2)` gives `["1", "2"]`, `article 5 (d) (v)` gives
    /// `["d (v)"]`, `article 8, paragraph 1` gives `["1"]`; empty for the whole article.
    pub paragraphs: Vec<String>,
}
