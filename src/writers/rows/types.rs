//! The row types of the analytics tables, one struct per table.
//!
//! Every row starts with the same [`DocColumns`] (the document key and the columns people
//! filter on), flattened into the row. Every column is always present: `null` (empty in
//! CSV) when it does not apply, `[]` for an empty list.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{
    DocumentType, Format, Instrument, Language, NoteKind, SymbolSource, TreatyBody, WarningCode,
};

/// The columns every row of every table carries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DocColumns {
    /// The document key: `source.path` as given, or `sha256:<hex>` for standard input.
    /// Unique within a batch; every table joins on it.
    pub doc: String,
    /// `metadata.symbol`.
    pub symbol: Option<String>,
    /// `metadata.body`, the treaty body.
    pub body: Option<TreatyBody>,
    /// `metadata.state_party`.
    pub state_party: Option<String>,
    /// `metadata.document_type`.
    pub document_type: Option<DocumentType>,
    /// `metadata.session.number`.
    pub session: Option<u32>,
    /// `metadata.adopted.date` (ISO).
    pub adopted_date: Option<String>,
    /// The year of adoption: from `adopted_date`, else the last year in
    /// `metadata.session.dates`, else from `metadata.date` (the issue date).
    pub adopted_year: Option<i32>,
    /// The language the document is written in (`metadata.language`: `en`, `fr`, `es`,
    /// ...), `null` when it could not be told.
    pub language: Option<Language>,
}

/// Where a body row, an item or a heading stands: the headings above it, top down.
///
/// `section_ids`, `section_numbers` and `section_titles` run in parallel, outermost first;
/// `section_id`, `section_number` and `section_title` repeat the innermost one. All empty
/// (and `null`) for rows outside any heading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SectionColumns {
    /// Id of the innermost heading (`sec-3.2`).
    pub section_id: Option<String>,
    /// Its number (`"C"`), `null` when unnumbered.
    pub section_number: Option<String>,
    /// Its title.
    pub section_title: Option<String>,
    /// Ids of the headings, outermost first.
    pub section_ids: Vec<String>,
    /// Their numbers (`null` for unnumbered ones), outermost first.
    pub section_numbers: Vec<Option<String>>,
    /// Their titles, outermost first.
    pub section_titles: Vec<String>,
}

/// Table `documents`: one row per document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentRow {
    /// Document columns (shared by every row of the document).
    #[serde(flatten)]
    pub document: Arc<DocColumns>,
    /// The contract version of the tree, `"1"` (a string, never a number).
    #[schemars(extend("const" = "1"))]
    pub schema_version: String,
    /// `metadata.title`.
    pub title: Option<String>,
    /// `metadata.committee`, as written.
    pub committee: Option<String>,
    /// `metadata.instrument` (`OPSC`, `OPAC`).
    pub instrument: Option<Instrument>,
    /// `metadata.symbol_source`.
    pub symbol_source: Option<SymbolSource>,
    /// `metadata.reports_considered`.
    pub reports_considered: Vec<String>,
    /// `metadata.session.dates`, as written.
    pub session_dates: Option<String>,
    /// `metadata.adopted.meetings`.
    pub adopted_meetings: Vec<u32>,
    /// `metadata.date`: the issue date (ISO).
    pub issue_date: Option<String>,
    /// `metadata.distribution`.
    pub distribution: Option<String>,
    /// `metadata.original_language`.
    pub original_language: Option<String>,
    /// `metadata.job_number`.
    pub job_number: Option<String>,
    /// `source.path`, `null` for standard input.
    pub source_path: Option<String>,
    /// `source.format`.
    pub source_format: Option<Format>,
    /// `source.sha256`.
    pub sha256: String,
    /// Rows of this document in `headings`.
    pub heading_count: u32,
    /// Rows of this document in `paragraphs` (numbered paragraphs, text and table nodes).
    pub paragraph_count: u32,
    /// Rows of this document in `items` (every depth).
    pub item_count: u32,
    /// Rows of this document in `footnotes`.
    pub footnote_count: u32,
    /// Rows of this document in `refs`.
    pub ref_count: u32,
    /// Rows of this document in `warnings`.
    pub warning_count: u32,
}

/// Table `headings`: one row per heading node, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct HeadingRow {
    /// Document columns (shared by every row of the document).
    #[serde(flatten)]
    pub document: Arc<DocColumns>,
    /// The heading's id (`sec-3.2`).
    pub heading_id: String,
    /// The id of the heading it is under, `null` at the top.
    pub parent_id: Option<String>,
    /// 1-based rank among the document's headings, in document order.
    pub position: u32,
    /// 1 for main headings, 2 for sub-headings, 3 and deeper below.
    pub level: u8,
    /// The heading's number (`"C"`), `null` when unnumbered.
    pub number: Option<String>,
    /// The heading's title.
    pub title: String,
    /// The path to this heading, itself included (so `section_id` is `heading_id`).
    #[serde(flatten)]
    pub section: Arc<SectionColumns>,
    /// Ids of the notes anchored in the title, in order.
    pub footnote_ids: Vec<String>,
    /// Rows in `refs` whose holder is this heading.
    pub ref_count: u32,
}

/// What a row of `paragraphs` is in the tree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BodyNodeType {
    /// A numbered paragraph (`para-N`).
    #[default]
    Paragraph,
    /// An unnumbered body paragraph (`text-K`).
    Text,
    /// A table (`table-K`); `text` holds its cells, tab-separated, one line per row.
    Table,
}

/// Table `paragraphs`: one row per numbered paragraph, text node and table, in document
/// order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ParagraphRow {
    /// Document columns (shared by every row of the document).
    #[serde(flatten)]
    pub document: Arc<DocColumns>,
    /// The node's id (`para-12`, `text-3`, `table-1`).
    pub paragraph_id: String,
    /// What the node is.
    pub node_type: BodyNodeType,
    /// 1-based rank among the document's rows in this table, in document order.
    pub position: u32,
    /// The paragraph number (`"12"`, `"12 bis"`); `null` for text and table nodes.
    pub number: Option<String>,
    /// The headings above the node.
    #[serde(flatten)]
    pub section: Arc<SectionColumns>,
    /// The paragraph's own words (without its items); a table's cells.
    pub text: String,
    /// Rows in `items` under this paragraph, every depth.
    pub item_count: u32,
    /// Ids of the notes anchored in `text`, in order.
    pub footnote_ids: Vec<String>,
    /// Rows in `refs` held by this node's own text (not its items).
    pub ref_count: u32,
}

/// Table `items`: one row per sub-item at every depth, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ItemRow {
    /// Document columns (shared by every row of the document).
    #[serde(flatten)]
    pub document: Arc<DocColumns>,
    /// The item's id (`para-4.a`, `para-4.a.ii`).
    pub item_id: String,
    /// The paragraph it belongs to (joins `paragraphs.paragraph_id`).
    pub paragraph_id: String,
    /// That paragraph's number.
    pub paragraph_number: String,
    /// The item it is nested in, `null` for a paragraph's own items.
    pub parent_item_id: Option<String>,
    /// 1 for `(a)` items, 2 for `(i)` items under them, and so on.
    pub depth: u32,
    /// 1-based rank among the document's items, in document order.
    pub position: u32,
    /// The label without brackets: `"a"`, `"ii"`, `"•"`.
    pub label: String,
    /// The headings above the paragraph.
    #[serde(flatten)]
    pub section: Arc<SectionColumns>,
    /// The item's own words (without nested items).
    pub text: String,
    /// Ids of the notes anchored in `text`, in order.
    pub footnote_ids: Vec<String>,
    /// Rows in `refs` held by this item's own text.
    pub ref_count: u32,
}

/// Table `footnotes`: one row per footnote or endnote, in the tree's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FootnoteRow {
    /// Document columns (shared by every row of the document).
    #[serde(flatten)]
    pub document: Arc<DocColumns>,
    /// The note's id (`"2"`, endnotes `"e1"`).
    pub footnote_id: String,
    /// 1-based rank among the document's notes.
    pub position: u32,
    /// Footnote or endnote.
    pub kind: NoteKind,
    /// What a reader sees: `"*"`, `"1"`.
    pub mark: String,
    /// The note's text.
    pub text: String,
    /// Ids of the headings, paragraphs, text nodes and items that anchor it, in
    /// document order, each once.
    pub anchored_in: Vec<String>,
    /// Rows in `refs` held by this note.
    pub ref_count: u32,
}

impl Default for FootnoteRow {
    fn default() -> Self {
        FootnoteRow {
            document: Arc::default(),
            footnote_id: String::new(),
            position: 0,
            kind: NoteKind::Footnote,
            mark: String::new(),
            text: String::new(),
            anchored_in: Vec::new(),
            ref_count: 0,
        }
    }
}

/// Which kind of text holds a reference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HolderType {
    /// A heading's title.
    Heading,
    /// A numbered paragraph's text.
    #[default]
    Paragraph,
    /// A text node.
    Text,
    /// An item's text.
    Item,
    /// A footnote's text.
    Footnote,
}

/// The `kind` of a reference, as in the tree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    /// UN documents by symbol.
    #[default]
    Document,
    /// Paragraphs of the same document.
    Paragraph,
    /// Articles of a treaty or a national law.
    Article,
    /// Meetings of the committee.
    Meeting,
    /// A general comment or recommendation.
    GeneralComment,
    /// Targets of the Sustainable Development Goals.
    SdgTarget,
    /// A national law.
    Law,
    /// A resolution of a UN organ.
    Resolution,
}

/// Table `refs`: one row per cross-reference, whichever text holds it, in document order
/// (body first, depth first, then the notes).
///
/// The target columns are the same for every kind; each is `null` where the kind does not
/// have it (see the README's column table).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RefRow {
    /// Document columns (shared by every row of the document).
    #[serde(flatten)]
    pub document: Arc<DocColumns>,
    /// 1-based rank among the document's references.
    pub position: u32,
    /// Which kind of text holds the reference.
    pub holder_type: HolderType,
    /// The id of that heading, node, item or note.
    pub holder_id: String,
    /// The heading holding it in its title.
    pub heading_id: Option<String>,
    /// The paragraph (or text node) holding it, in its text or in one of its items.
    pub paragraph_id: Option<String>,
    /// The item holding it.
    pub item_id: Option<String>,
    /// The note holding it.
    pub footnote_id: Option<String>,
    /// The innermost heading above the holder; `null` for notes and for text outside
    /// any heading.
    pub section_id: Option<String>,
    /// The kind of reference.
    pub kind: RefKind,
    /// The words of the reference.
    pub text: String,
    /// Start offset into the holder's text (Unicode scalar values).
    pub start: u32,
    /// End offset (exclusive).
    pub end: u32,
    /// `document`: the first symbol cited (the row's `symbol` is the citing document's).
    pub cited_symbol: Option<String>,
    /// `document`: every symbol cited.
    pub cited_symbols: Option<Vec<String>>,
    /// `document`: pinpointed paragraphs; `paragraph`: the paragraph numbers.
    pub paragraphs: Option<Vec<String>>,
    /// `paragraph`: the ids they resolve to in this document.
    pub targets: Option<Vec<String>>,
    /// `article`: the instrument (`null` when unknown).
    pub instrument: Option<String>,
    /// `article`: true for national law.
    pub domestic: Option<bool>,
    /// `article`: the article numbers, in order.
    pub articles: Option<Vec<String>>,
    /// `article`: one entry per provision meant, `"9 (1)"`, `"5 (d) (v)"`, or the
    /// article number alone for a whole article.
    pub provisions: Option<Vec<String>>,
    /// `meeting`: meeting numbers.
    pub meetings: Option<Vec<u32>>,
    /// `general_comment` and `resolution`: the number (`"32"`, `"XV"`, `"68/268"`).
    pub number: Option<String>,
    /// `general_comment`: year of adoption, when given.
    pub year: Option<i32>,
    /// `general_comment`: the issuing body, when known.
    pub issuing_body: Option<TreatyBody>,
    /// `general_comment`: a joint general comment/recommendation.
    pub joint: Option<bool>,
    /// `sdg_target`: targets such as `"16.2"`.
    pub sdg_targets: Option<Vec<String>>,
    /// `law`: the designation (`"Act No. 30251"`).
    pub law_name: Option<String>,
    /// `law`: its date (ISO), when given.
    pub law_date: Option<String>,
    /// `resolution`: the organ (`"General Assembly"`), when stated.
    pub organ: Option<String>,
}

/// Table `warnings`: one row per warning of a document, in the tree's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WarningRow {
    /// Document columns (shared by every row of the document).
    #[serde(flatten)]
    pub document: Arc<DocColumns>,
    /// 1-based rank among the document's warnings.
    pub position: u32,
    /// The warning code (`numbering_gap`, ...).
    pub code: WarningCode,
    /// A sentence for a person.
    pub message: String,
    /// The id of the node concerned, when there is one.
    pub at: Option<String>,
}

impl Default for WarningRow {
    fn default() -> Self {
        WarningRow {
            document: Arc::default(),
            position: 0,
            code: WarningCode::NumberingGap,
            message: String::new(),
            at: None,
        }
    }
}
