//! One walk over a [`Document`] that fills every table (one job, hence the length).
//!
//! The walk consumes the document: texts, ids and reference lists move into the rows
//! instead of being copied (the batch writer has no further use for the tree), and the
//! document and section columns are shared by the rows (`Arc`).

use std::collections::HashMap;
use std::sync::Arc;

use super::types::*;
use super::Rows;
use crate::model::{
    Anchor, Document, Footnote, Heading, Item, Metadata, Node, Paragraph, Ref, RefTarget, Source,
};

/// Counts fit in `u32`: documents are limited to far fewer paragraphs (`Limits`).
fn n32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(super) fn build(doc: Document) -> Rows {
    let cols = Arc::new(doc_columns(&doc));
    let Document {
        schema_version,
        source,
        metadata,
        body,
        footnotes,
        warnings,
        // Review comments and page headers/footers are not analytics tables (yet).
        comments: _,
        headers_footers: _,
    } = doc;
    let mut w = Walk {
        cols: &cols,
        path: Vec::new(),
        sections: vec![Arc::default()],
        anchors: Vec::new(),
        rows: Rows::default(),
    };
    for node in body {
        w.node(node);
    }
    let anchored = anchored_in(&footnotes, std::mem::take(&mut w.anchors));
    for (i, (f, anchored_in)) in footnotes.into_iter().zip(anchored).enumerate() {
        let Footnote {
            id,
            kind,
            mark,
            text,
            refs,
        } = f;
        w.rows.footnotes.push(FootnoteRow {
            document: cols.clone(),
            footnote_id: id.clone(),
            position: n32(i + 1),
            kind,
            mark,
            text,
            anchored_in,
            ref_count: n32(refs.len()),
        });
        let holder = Holder {
            holder_type: HolderType::Footnote,
            holder_id: &id,
            heading_id: None,
            paragraph_id: None,
            item_id: None,
            footnote_id: Some(&id),
        };
        w.refs(&holder, refs);
    }
    for (i, warning) in warnings.into_iter().enumerate() {
        w.rows.warnings.push(WarningRow {
            document: cols.clone(),
            position: n32(i + 1),
            code: warning.code,
            message: warning.message,
            at: warning.at,
        });
    }
    let mut rows = w.rows;
    rows.document = document_row(schema_version, source, metadata, cols, &rows);
    rows
}

/// For each note, the holders that anchor it, in document order, each once.
fn anchored_in(footnotes: &[Footnote], anchors: Vec<(String, String)>) -> Vec<Vec<String>> {
    let index: HashMap<&str, usize> = footnotes
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let mut anchored: Vec<Vec<String>> = vec![Vec::new(); footnotes.len()];
    for (holder, note) in anchors {
        if let Some(list) = index.get(note.as_str()).and_then(|&i| anchored.get_mut(i)) {
            // A holder's anchors are consecutive: comparing with the last one suffices.
            if list.last() != Some(&holder) {
                list.push(holder);
            }
        }
    }
    anchored
}

fn doc_columns(doc: &Document) -> DocColumns {
    let m = &doc.metadata;
    let adopted_date = m.adopted.as_ref().and_then(|a| a.date.clone());
    DocColumns {
        doc: match &doc.source.path {
            Some(p) => p.clone(),
            None => format!("sha256:{}", doc.source.sha256),
        },
        symbol: m.symbol.clone(),
        body: m.body,
        state_party: m.state_party.clone(),
        document_type: m.document_type,
        session: m.session.as_ref().and_then(|s| s.number),
        adopted_year: adopted_year(m, adopted_date.as_deref()),
        adopted_date,
        language: language(m),
    }
}

/// `metadata.language` (an addition to contract v1).
fn language(m: &Metadata) -> Option<crate::model::Language> {
    m.language
}

fn adopted_year(m: &Metadata, adopted_date: Option<&str>) -> Option<i32> {
    let iso_year = |d: &str| d.get(..4).and_then(|y| y.parse::<i32>().ok());
    adopted_date
        .and_then(iso_year)
        .or_else(|| {
            let dates = m.session.as_ref()?.dates.as_deref()?;
            last_year(dates)
        })
        .or_else(|| m.date.as_deref().and_then(iso_year))
}

/// The last run of exactly four ASCII digits in `s`, as a year.
fn last_year(s: &str) -> Option<i32> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .next_back()
}

fn document_row(
    schema_version: String,
    source: Source,
    m: Metadata,
    document: Arc<DocColumns>,
    rows: &Rows,
) -> DocumentRow {
    let (session_dates, adopted_meetings) = (
        m.session.and_then(|s| s.dates),
        m.adopted.map(|a| a.meetings).unwrap_or_default(),
    );
    DocumentRow {
        document,
        schema_version,
        title: m.title,
        committee: m.committee,
        instrument: m.instrument,
        symbol_source: m.symbol_source,
        reports_considered: m.reports_considered,
        session_dates,
        adopted_meetings,
        issue_date: m.date,
        distribution: m.distribution,
        original_language: m.original_language,
        job_number: m.job_number,
        source_path: source.path,
        source_format: Some(source.format),
        sha256: source.sha256,
        heading_count: n32(rows.headings.len()),
        paragraph_count: n32(rows.paragraphs.len()),
        item_count: n32(rows.items.len()),
        footnote_count: n32(rows.footnotes.len()),
        ref_count: n32(rows.refs.len()),
        warning_count: n32(rows.warnings.len()),
    }
}

/// Where a reference stands.
struct Holder<'h> {
    holder_type: HolderType,
    holder_id: &'h str,
    heading_id: Option<&'h str>,
    paragraph_id: Option<&'h str>,
    item_id: Option<&'h str>,
    footnote_id: Option<&'h str>,
}

struct Walk<'a> {
    cols: &'a Arc<DocColumns>,
    /// The headings above the current node: (id, number, title).
    path: Vec<(String, Option<String>, String)>,
    /// The section columns of each prefix of `path` (the empty one first), shared by the
    /// rows under it.
    sections: Vec<Arc<SectionColumns>>,
    /// (holder id, note id) for every anchor, in document order.
    anchors: Vec<(String, String)>,
    rows: Rows,
}

impl Walk<'_> {
    fn section(&self) -> Arc<SectionColumns> {
        self.sections.last().cloned().unwrap_or_default()
    }

    fn section_columns(&self) -> SectionColumns {
        let last = self.path.last();
        SectionColumns {
            section_id: last.map(|s| s.0.clone()),
            section_number: last.and_then(|s| s.1.clone()),
            section_title: last.map(|s| s.2.clone()),
            section_ids: self.path.iter().map(|s| s.0.clone()).collect(),
            section_numbers: self.path.iter().map(|s| s.1.clone()).collect(),
            section_titles: self.path.iter().map(|s| s.2.clone()).collect(),
        }
    }

    fn section_id(&self) -> Option<String> {
        self.path.last().map(|s| s.0.clone())
    }

    fn node(&mut self, node: Node) {
        match node {
            Node::Heading(h) => self.heading(h),
            Node::Paragraph(p) => self.paragraph(p),
            Node::Text(t) => {
                let footnote_ids = self.anchor_ids(&t.id, &t.footnotes);
                let row = ParagraphRow {
                    document: self.cols.clone(),
                    paragraph_id: t.id.clone(),
                    node_type: BodyNodeType::Text,
                    position: n32(self.rows.paragraphs.len() + 1),
                    number: None,
                    section: self.section(),
                    text: t.text,
                    item_count: 0,
                    footnote_ids,
                    ref_count: n32(t.refs.len()),
                };
                self.rows.paragraphs.push(row);
                let holder = Holder {
                    holder_type: HolderType::Text,
                    holder_id: &t.id,
                    heading_id: None,
                    paragraph_id: Some(&t.id),
                    item_id: None,
                    footnote_id: None,
                };
                self.refs(&holder, t.refs);
            }
            Node::Table(t) => {
                let text = t
                    .rows
                    .iter()
                    .map(|r| r.join("\t"))
                    .collect::<Vec<_>>()
                    .join("\n");
                let row = ParagraphRow {
                    document: self.cols.clone(),
                    paragraph_id: t.id,
                    node_type: BodyNodeType::Table,
                    position: n32(self.rows.paragraphs.len() + 1),
                    number: None,
                    section: self.section(),
                    text,
                    item_count: 0,
                    footnote_ids: Vec::new(),
                    ref_count: 0,
                };
                self.rows.paragraphs.push(row);
            }
        }
    }

    fn paragraph(&mut self, p: Paragraph) {
        let Paragraph {
            id,
            number,
            text,
            items,
            footnotes,
            refs,
        } = p;
        let index = self.rows.paragraphs.len();
        let first_item = self.rows.items.len();
        let footnote_ids = self.anchor_ids(&id, &footnotes);
        let row = ParagraphRow {
            document: self.cols.clone(),
            paragraph_id: id.clone(),
            node_type: BodyNodeType::Paragraph,
            position: n32(index + 1),
            number: Some(number.clone()),
            section: self.section(),
            text,
            item_count: 0,
            footnote_ids,
            ref_count: n32(refs.len()),
        };
        self.rows.paragraphs.push(row);
        let holder = Holder {
            holder_type: HolderType::Paragraph,
            holder_id: &id,
            heading_id: None,
            paragraph_id: Some(&id),
            item_id: None,
            footnote_id: None,
        };
        self.refs(&holder, refs);
        for item in items {
            self.item(item, &id, &number, None, 1);
        }
        let count = n32(self.rows.items.len() - first_item);
        if let Some(row) = self.rows.paragraphs.get_mut(index) {
            row.item_count = count;
        }
    }

    fn heading(&mut self, h: Heading) {
        let Heading {
            id,
            level,
            number,
            title,
            footnotes,
            refs,
            children,
        } = h;
        let parent_id = self.section_id();
        self.path.push((id.clone(), number.clone(), title.clone()));
        self.sections.push(Arc::new(self.section_columns()));
        let footnote_ids = self.anchor_ids(&id, &footnotes);
        let row = HeadingRow {
            document: self.cols.clone(),
            heading_id: id.clone(),
            parent_id,
            position: n32(self.rows.headings.len() + 1),
            level,
            number,
            title,
            section: self.section(),
            footnote_ids,
            ref_count: n32(refs.len()),
        };
        self.rows.headings.push(row);
        let holder = Holder {
            holder_type: HolderType::Heading,
            holder_id: &id,
            heading_id: Some(&id),
            paragraph_id: None,
            item_id: None,
            footnote_id: None,
        };
        self.refs(&holder, refs);
        for child in children {
            self.node(child);
        }
        self.path.pop();
        self.sections.pop();
    }

    fn item(
        &mut self,
        item: Item,
        paragraph_id: &str,
        paragraph_number: &str,
        parent: Option<&str>,
        depth: u32,
    ) {
        let Item {
            label,
            id,
            text,
            items,
            footnotes,
            refs,
        } = item;
        let footnote_ids = self.anchor_ids(&id, &footnotes);
        let row = ItemRow {
            document: self.cols.clone(),
            item_id: id.clone(),
            paragraph_id: paragraph_id.to_string(),
            paragraph_number: paragraph_number.to_string(),
            parent_item_id: parent.map(str::to_string),
            depth,
            position: n32(self.rows.items.len() + 1),
            label,
            section: self.section(),
            text,
            footnote_ids,
            ref_count: n32(refs.len()),
        };
        self.rows.items.push(row);
        let holder = Holder {
            holder_type: HolderType::Item,
            holder_id: &id,
            heading_id: None,
            paragraph_id: Some(paragraph_id),
            item_id: Some(&id),
            footnote_id: None,
        };
        self.refs(&holder, refs);
        for child in items {
            self.item(child, paragraph_id, paragraph_number, Some(&id), depth + 1);
        }
    }

    fn refs(&mut self, holder: &Holder<'_>, refs: Vec<Ref>) {
        let section_id = match holder.holder_type {
            HolderType::Footnote => None,
            _ => self.section_id(),
        };
        for r in refs {
            let mut row = RefRow {
                document: self.cols.clone(),
                position: n32(self.rows.refs.len() + 1),
                holder_type: holder.holder_type,
                holder_id: holder.holder_id.to_string(),
                heading_id: holder.heading_id.map(str::to_string),
                paragraph_id: holder.paragraph_id.map(str::to_string),
                item_id: holder.item_id.map(str::to_string),
                footnote_id: holder.footnote_id.map(str::to_string),
                section_id: section_id.clone(),
                text: r.text,
                start: n32(r.start),
                end: n32(r.end),
                ..RefRow::default()
            };
            target_columns(&mut row, r.target);
            self.rows.refs.push(row);
        }
    }

    /// Records the anchors of one holder and returns the note ids.
    fn anchor_ids(&mut self, holder: &str, anchors: &[Anchor]) -> Vec<String> {
        self.anchors.extend(
            anchors
                .iter()
                .map(|a| (holder.to_string(), a.footnote.clone())),
        );
        anchors.iter().map(|a| a.footnote.clone()).collect()
    }
}

/// Fills the typed target columns of one reference; the others stay `null`.
fn target_columns(row: &mut RefRow, target: RefTarget) {
    row.kind = match target {
        RefTarget::Document {
            symbol,
            symbols,
            paragraphs,
        } => {
            row.cited_symbol = Some(symbol);
            row.cited_symbols = Some(symbols);
            row.paragraphs = Some(paragraphs);
            RefKind::Document
        }
        RefTarget::Paragraph {
            paragraphs,
            targets,
        } => {
            row.paragraphs = Some(paragraphs);
            row.targets = Some(targets);
            RefKind::Paragraph
        }
        RefTarget::Article {
            instrument,
            domestic,
            articles,
        } => {
            row.instrument = instrument;
            row.domestic = Some(domestic);
            row.provisions = Some(
                articles
                    .iter()
                    .flat_map(|a| {
                        if a.paragraphs.is_empty() {
                            vec![a.article.clone()]
                        } else {
                            a.paragraphs
                                .iter()
                                .map(|p| format!("{} ({p})", a.article))
                                .collect()
                        }
                    })
                    .collect(),
            );
            row.articles = Some(articles.into_iter().map(|a| a.article).collect());
            RefKind::Article
        }
        RefTarget::Meeting { meetings } => {
            row.meetings = Some(meetings);
            RefKind::Meeting
        }
        RefTarget::GeneralComment {
            number,
            year,
            body,
            joint,
        } => {
            row.number = Some(number);
            row.year = year;
            row.issuing_body = body;
            row.joint = Some(joint);
            RefKind::GeneralComment
        }
        RefTarget::SdgTarget { targets } => {
            row.sdg_targets = Some(targets);
            RefKind::SdgTarget
        }
        RefTarget::Law { name, date } => {
            row.law_name = Some(name);
            row.law_date = date;
            RefKind::Law
        }
        RefTarget::Resolution { organ, number } => {
            row.organ = organ;
            row.number = Some(number);
            RefKind::Resolution
        }
    };
}
