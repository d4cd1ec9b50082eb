//! One walk over a [`Document`] that fills every table.

use std::sync::Arc;

use super::types::*;
use super::Rows;
use crate::model::{Anchor, Document, Heading, Item, Metadata, Node, Ref, RefTarget};

/// Counts fit in `u32`: documents are limited to far fewer paragraphs (`Limits`).
fn n32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(super) fn build(doc: &Document) -> Rows {
    let cols = Arc::new(doc_columns(doc));
    let mut w = Walk {
        cols: &cols,
        path: Vec::new(),
        sections: vec![Arc::default()],
        anchors: Vec::new(),
        rows: Rows::default(),
    };
    for node in &doc.body {
        w.node(node);
    }
    // Holders by note id, in document order, each once, for `footnotes.anchored_in`.
    let index: std::collections::HashMap<&str, usize> = doc
        .footnotes
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let mut anchored: Vec<Vec<String>> = vec![Vec::new(); doc.footnotes.len()];
    for (holder, note) in std::mem::take(&mut w.anchors) {
        if let Some(list) = index.get(note).and_then(|&i| anchored.get_mut(i)) {
            if list.last().map(String::as_str) != Some(holder) {
                list.push(holder.to_string());
            }
        }
    }
    for (i, (f, anchored_in)) in doc.footnotes.iter().zip(anchored).enumerate() {
        w.rows.footnotes.push(FootnoteRow {
            document: cols.clone(),
            footnote_id: f.id.clone(),
            position: n32(i + 1),
            kind: f.kind,
            mark: f.mark.clone(),
            text: f.text.clone(),
            anchored_in,
            ref_count: n32(f.refs.len()),
        });
        let holder = Holder {
            holder_type: HolderType::Footnote,
            holder_id: &f.id,
            heading_id: None,
            paragraph_id: None,
            item_id: None,
            footnote_id: Some(&f.id),
        };
        w.refs(&holder, &f.refs);
    }
    for (i, warning) in doc.warnings.iter().enumerate() {
        w.rows.warnings.push(WarningRow {
            document: cols.clone(),
            position: n32(i + 1),
            code: warning.code,
            message: warning.message.clone(),
            at: warning.at.clone(),
        });
    }
    let mut rows = w.rows;
    rows.document = document_row(doc, cols, &rows);
    rows
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

/// `metadata.language`, which contract v1 adds for documents in French and Spanish.
fn language(_m: &Metadata) -> Option<String> {
    None
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

fn document_row(doc: &Document, document: Arc<DocColumns>, rows: &Rows) -> DocumentRow {
    let m = &doc.metadata;
    DocumentRow {
        document,
        schema_version: doc.schema_version.clone(),
        title: m.title.clone(),
        committee: m.committee.clone(),
        instrument: m.instrument,
        symbol_source: m.symbol_source,
        reports_considered: m.reports_considered.clone(),
        session_dates: m.session.as_ref().and_then(|s| s.dates.clone()),
        adopted_meetings: m
            .adopted
            .as_ref()
            .map(|a| a.meetings.clone())
            .unwrap_or_default(),
        issue_date: m.date.clone(),
        distribution: m.distribution.clone(),
        original_language: m.original_language.clone(),
        job_number: m.job_number.clone(),
        source_path: doc.source.path.clone(),
        source_format: Some(doc.source.format),
        sha256: doc.source.sha256.clone(),
        heading_count: n32(rows.headings.len()),
        paragraph_count: n32(rows.paragraphs.len()),
        item_count: n32(rows.items.len()),
        footnote_count: n32(rows.footnotes.len()),
        ref_count: n32(rows.refs.len()),
        warning_count: n32(rows.warnings.len()),
    }
}

/// Where a reference stands.
struct Holder<'a> {
    holder_type: HolderType,
    holder_id: &'a str,
    heading_id: Option<&'a str>,
    paragraph_id: Option<&'a str>,
    item_id: Option<&'a str>,
    footnote_id: Option<&'a str>,
}

struct Walk<'a> {
    cols: &'a Arc<DocColumns>,
    /// The headings above the current node: (id, number, title).
    path: Vec<(&'a str, Option<&'a str>, &'a str)>,
    /// The section columns of each prefix of `path` (the empty one first), shared by the
    /// rows under it.
    sections: Vec<Arc<SectionColumns>>,
    /// (holder id, note id) for every anchor, in document order.
    anchors: Vec<(&'a str, &'a str)>,
    rows: Rows,
}

impl<'a> Walk<'a> {
    fn section(&self) -> Arc<SectionColumns> {
        self.sections.last().cloned().unwrap_or_default()
    }

    fn section_columns(&self) -> SectionColumns {
        let last = self.path.last();
        SectionColumns {
            section_id: last.map(|s| s.0.to_string()),
            section_number: last.and_then(|s| s.1.map(str::to_string)),
            section_title: last.map(|s| s.2.to_string()),
            section_ids: self.path.iter().map(|s| s.0.to_string()).collect(),
            section_numbers: self.path.iter().map(|s| s.1.map(str::to_string)).collect(),
            section_titles: self.path.iter().map(|s| s.2.to_string()).collect(),
        }
    }

    fn section_id(&self) -> Option<&'a str> {
        self.path.last().map(|s| s.0)
    }

    fn node(&mut self, node: &'a Node) {
        match node {
            Node::Heading(h) => self.heading(h),
            Node::Paragraph(p) => {
                let position = n32(self.rows.paragraphs.len() + 1);
                let first_item = self.rows.items.len();
                let section = self.section();
                let row = ParagraphRow {
                    document: self.cols.clone(),
                    paragraph_id: p.id.clone(),
                    node_type: BodyNodeType::Paragraph,
                    position,
                    number: Some(p.number.clone()),
                    section,
                    text: p.text.clone(),
                    item_count: 0,
                    footnote_ids: self.anchor_ids(&p.id, &p.footnotes),
                    ref_count: n32(p.refs.len()),
                };
                let index = self.rows.paragraphs.len();
                self.rows.paragraphs.push(row);
                let holder = Holder {
                    holder_type: HolderType::Paragraph,
                    holder_id: &p.id,
                    heading_id: None,
                    paragraph_id: Some(&p.id),
                    item_id: None,
                    footnote_id: None,
                };
                self.refs(&holder, &p.refs);
                for item in &p.items {
                    self.item(item, &p.id, &p.number, None, 1);
                }
                let count = n32(self.rows.items.len() - first_item);
                if let Some(row) = self.rows.paragraphs.get_mut(index) {
                    row.item_count = count;
                }
            }
            Node::Text(t) => {
                let row = ParagraphRow {
                    document: self.cols.clone(),
                    paragraph_id: t.id.clone(),
                    node_type: BodyNodeType::Text,
                    position: n32(self.rows.paragraphs.len() + 1),
                    number: None,
                    section: self.section(),
                    text: t.text.clone(),
                    item_count: 0,
                    footnote_ids: self.anchor_ids(&t.id, &t.footnotes),
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
                self.refs(&holder, &t.refs);
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
                    paragraph_id: t.id.clone(),
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

    fn heading(&mut self, h: &'a Heading) {
        let parent_id = self.section_id().map(str::to_string);
        self.path.push((&h.id, h.number.as_deref(), &h.title));
        self.sections.push(Arc::new(self.section_columns()));
        let row = HeadingRow {
            document: self.cols.clone(),
            heading_id: h.id.clone(),
            parent_id,
            position: n32(self.rows.headings.len() + 1),
            level: h.level,
            number: h.number.clone(),
            title: h.title.clone(),
            section: self.section(),
            footnote_ids: self.anchor_ids(&h.id, &h.footnotes),
            ref_count: n32(h.refs.len()),
        };
        self.rows.headings.push(row);
        let holder = Holder {
            holder_type: HolderType::Heading,
            holder_id: &h.id,
            heading_id: Some(&h.id),
            paragraph_id: None,
            item_id: None,
            footnote_id: None,
        };
        self.refs(&holder, &h.refs);
        for child in &h.children {
            self.node(child);
        }
        self.path.pop();
        self.sections.pop();
    }

    fn item(
        &mut self,
        item: &'a Item,
        paragraph_id: &'a str,
        paragraph_number: &'a str,
        parent: Option<&'a str>,
        depth: u32,
    ) {
        let row = ItemRow {
            document: self.cols.clone(),
            item_id: item.id.clone(),
            paragraph_id: paragraph_id.to_string(),
            paragraph_number: paragraph_number.to_string(),
            parent_item_id: parent.map(str::to_string),
            depth,
            position: n32(self.rows.items.len() + 1),
            label: item.label.clone(),
            section: self.section(),
            text: item.text.clone(),
            footnote_ids: self.anchor_ids(&item.id, &item.footnotes),
            ref_count: n32(item.refs.len()),
        };
        self.rows.items.push(row);
        let holder = Holder {
            holder_type: HolderType::Item,
            holder_id: &item.id,
            heading_id: None,
            paragraph_id: Some(paragraph_id),
            item_id: Some(&item.id),
            footnote_id: None,
        };
        self.refs(&holder, &item.refs);
        for child in &item.items {
            self.item(
                child,
                paragraph_id,
                paragraph_number,
                Some(&item.id),
                depth + 1,
            );
        }
    }

    fn refs(&mut self, holder: &Holder<'_>, refs: &[Ref]) {
        let section_id = match holder.holder_type {
            HolderType::Footnote => None,
            _ => self.section_id().map(str::to_string),
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
                text: r.text.clone(),
                start: n32(r.start),
                end: n32(r.end),
                ..RefRow::default()
            };
            target_columns(&mut row, &r.target);
            self.rows.refs.push(row);
        }
    }

    /// Records the anchors of one holder and returns the note ids.
    fn anchor_ids(&mut self, holder: &'a str, anchors: &'a [Anchor]) -> Vec<String> {
        self.anchors
            .extend(anchors.iter().map(|a| (holder, a.footnote.as_str())));
        anchors.iter().map(|a| a.footnote.clone()).collect()
    }
}

/// Fills the typed target columns of one reference; the others stay `null`.
fn target_columns(row: &mut RefRow, target: &RefTarget) {
    row.kind = match target {
        RefTarget::Document {
            symbol,
            symbols,
            paragraphs,
        } => {
            row.cited_symbol = Some(symbol.clone());
            row.cited_symbols = Some(symbols.clone());
            row.paragraphs = Some(paragraphs.clone());
            RefKind::Document
        }
        RefTarget::Paragraph {
            paragraphs,
            targets,
        } => {
            row.paragraphs = Some(paragraphs.clone());
            row.targets = Some(targets.clone());
            RefKind::Paragraph
        }
        RefTarget::Article {
            instrument,
            domestic,
            articles,
        } => {
            row.instrument = instrument.clone();
            row.domestic = Some(*domestic);
            row.articles = Some(articles.iter().map(|a| a.article.clone()).collect());
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
            RefKind::Article
        }
        RefTarget::Meeting { meetings } => {
            row.meetings = Some(meetings.clone());
            RefKind::Meeting
        }
        RefTarget::GeneralComment {
            number,
            year,
            body,
            joint,
        } => {
            row.number = Some(number.clone());
            row.year = *year;
            row.issuing_body = *body;
            row.joint = Some(*joint);
            RefKind::GeneralComment
        }
        RefTarget::SdgTarget { targets } => {
            row.sdg_targets = Some(targets.clone());
            RefKind::SdgTarget
        }
        RefTarget::Law { name, date } => {
            row.law_name = Some(name.clone());
            row.law_date = date.clone();
            RefKind::Law
        }
        RefTarget::Resolution { organ, number } => {
            row.organ = organ.clone();
            row.number = Some(number.clone());
            RefKind::Resolution
        }
    };
}
