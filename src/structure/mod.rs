//! The structure builder: one [`build`] turns the block stream of either reader into the
//! document model.
//!
//! It works in three passes over the blocks: split off the first-page block, the title and
//! the page furniture (they feed `metadata`, never `body`); classify each remaining paragraph
//! by its label and layout (heading, numbered paragraph, item, text, table row) into a flat
//! list of entries; then fold the entries into the heading tree and give every node its id.

pub mod metadata;
pub mod normalize;
mod notes;
mod tree;

use std::collections::{HashMap, HashSet};

use crate::blocks::{Block, NoteBody, NoteMark, Para, RawDocument, Region, StyleHint};
use crate::model::{
    Document, Footnote, Item, Metadata, Node, Paragraph, Source, SymbolSource, TextBlock, Warning,
    WarningCode, SCHEMA_VERSION,
};
use crate::{Limits, Result};

use crate::un::labels::{self, roman_value, split_label, Label};
use normalize::{clean, squash};
use tree::Entry;

/// Builds the document tree from a reader's block stream.
pub fn build(raw: RawDocument, source: Source, _limits: &Limits) -> Result<Document> {
    let RawDocument {
        blocks,
        notes,
        props,
        warnings,
    } = raw;
    let mut b = Builder {
        warnings,
        ..Builder::default()
    };
    let mut md = Metadata::default();

    // Pass 1: first-page block, headers and footers, title.
    let mut body: Vec<Block> = Vec::new();
    let mut footer_tokens: Vec<String> = Vec::new();
    for block in blocks {
        match block {
            Block::Table {
                region: Region::FirstPage | Region::Header,
                rows,
            } => {
                for cell in rows.iter().flatten() {
                    metadata::from_tokens(&mut md, metadata::tokens(cell));
                }
            }
            Block::Para {
                region: Region::Header | Region::FirstPage,
                para,
            } => metadata::from_tokens(&mut md, metadata::tokens(&para.text)),
            Block::Para {
                region: Region::Footer,
                para,
            } => footer_tokens.extend(metadata::tokens(&para.text).map(str::to_string)),
            Block::Table {
                region: Region::Footer,
                rows,
            } => {
                for cell in rows.iter().flatten() {
                    footer_tokens.extend(metadata::tokens(cell).map(str::to_string));
                }
            }
            other => body.push(other),
        }
    }

    let title_at = find_title(&body);
    let first_content = title_at.map(|t| t + 1).unwrap_or_else(|| {
        body.iter()
            .position(|blk| match blk {
                Block::Para { para, .. } => is_structural(para),
                Block::Table { .. } => false,
            })
            .unwrap_or(0)
    });
    let mut rest = body.split_off(first_content.min(body.len()));
    let title_block = title_at.and_then(|_| body.pop());
    // What stands before the title is the first-page block.
    for block in &body {
        match block {
            Block::Para { para, .. } => {
                metadata::from_tokens(&mut md, metadata::tokens(&para.text))
            }
            Block::Table { rows, .. } => {
                for cell in rows.iter().flatten() {
                    metadata::from_tokens(&mut md, metadata::tokens(cell));
                }
            }
        }
    }
    if let Some(Block::Para { para, .. }) = &title_block {
        let (title, _) = clean(&para.text, 0, &para.notes);
        for m in &para.notes {
            b.note_refs.push((m.clone(), None));
        }
        metadata::from_title(&mut md, &title);
        md.title = Some(title);
    } else {
        b.warn(
            WarningCode::NoTitle,
            "no title (\"Concluding observations ...\") found",
            None,
        );
    }
    if md.symbol.is_none() {
        if let Some(sym) = props
            .subject
            .as_deref()
            .map(str::trim)
            .filter(|s| crate::un::symbol::is_symbol(s))
        {
            md.symbol = Some(sym.to_string());
            md.symbol_source = Some(SymbolSource::Header);
        }
    }

    // Page furniture inside the flow (text exports put footers at the end).
    rest.retain(|blk| match blk {
        Block::Para { para, .. } if metadata::is_furniture(&para.text, md.symbol.as_deref()) => {
            footer_tokens.extend(metadata::tokens(&para.text).map(str::to_string));
            false
        }
        _ => true,
    });
    metadata::from_tokens(&mut md, footer_tokens.iter().map(String::as_str));
    if md.symbol.is_none() {
        if let Some(sym) = source
            .path
            .as_deref()
            .and_then(crate::un::symbol::symbol_from_filename)
        {
            md.symbol = Some(sym);
            md.symbol_source = Some(SymbolSource::Filename);
        }
    }

    md.language = detect_language_of(md.title.as_deref(), &rest);

    // Pass 2: classify into a flat list of entries.
    for block in rest {
        match block {
            Block::Para { para, .. } => b.para(para),
            Block::Table { rows, .. } => b.table(rows),
        }
    }
    b.flush_rows();

    // Footnotes, in order of first reference; the title's note gives the session.
    let footnotes = b.footnotes(notes);
    if md.session.is_none() {
        if let Some(Block::Para { para, .. }) = &title_block {
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
    Ok(Document {
        schema_version: SCHEMA_VERSION.to_string(),
        source,
        metadata: md,
        body,
        footnotes,
        warnings: b.warnings,
    })
}

/// The language of the document, from its title and the text of its first paragraphs (a
/// sample of a few thousand characters is plenty to tell six languages apart).
fn detect_language_of(title: Option<&str>, body: &[Block]) -> Option<crate::model::Language> {
    const SAMPLE: usize = 8_000;
    let mut sample = String::with_capacity(SAMPLE + 200);
    sample.push_str(title.unwrap_or(""));
    for blk in body {
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

/// The title: the paragraph styled as one, or the first one that reads like one, before any
/// numbered paragraph or heading.
fn find_title(body: &[Block]) -> Option<usize> {
    const OPENINGS: [&str; 9] = [
        "concluding observations",
        "concluding comments",
        "conclusions and recommendations",
        "observations finales",
        "observaciones finales",
        "list of issues",
        "general comment",
        "general recommendation",
        "joint general",
    ];
    for (i, blk) in body.iter().enumerate() {
        let Block::Para { para, .. } = blk else {
            continue;
        };
        if para.style == StyleHint::Title {
            return Some(i);
        }
        let t = para.text.trim_start().to_lowercase();
        if OPENINGS.iter().any(|o| t.starts_with(o)) {
            return Some(i);
        }
        if is_structural(para) {
            return None;
        }
    }
    None
}

/// A paragraph that can only be body: numbered, or a labelled heading.
fn is_structural(para: &Para) -> bool {
    if para.auto_label.is_some() {
        return true;
    }
    let t = para.text.trim_start_matches(['\t', ' ']);
    matches!(
        split_label(t),
        Some((Label::Paragraph(_) | Label::Roman(_) | Label::Letter(_), _))
    )
}

#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    warnings: Vec<Warning>,
    /// Note references in document order.
    note_refs: Vec<(NoteMark, Option<String>)>,
    ids: HashSet<String>,
    /// Where [`unique`] resumes its search, per id base.
    next_suffix: HashMap<String, u32>,
    last_roman: u32,
    last_letter: Option<char>,
    seen_roman: bool,
    /// Level of the last numbered heading (0 before any).
    numbered_level: u8,
    /// Level of the last heading numbered other than `2.1`-style (0 before any).
    chapter_level: u8,
    last_para_number: Option<u32>,
    /// Label kinds of the open paragraph's item levels, outermost first.
    item_kinds: Vec<ItemKind>,
    /// Consecutive tab-separated lines of a text export that may form a table.
    rows: Vec<(Para, Vec<String>)>,
    text_count: usize,
}

/// `base`, or `base~2`, `base~3`, ... when taken. `next` remembers where each base's search
/// stopped (every suffix below it is taken: ids are never released), so that a number or
/// label repeated thousands of times does not make this quadratic.
fn unique(ids: &mut HashSet<String>, next: &mut HashMap<String, u32>, base: String) -> String {
    if ids.insert(base.clone()) {
        return base;
    }
    let n = next.entry(base.clone()).or_insert(2);
    loop {
        let id = format!("{base}~{n}");
        *n += 1;
        if ids.insert(id.clone()) {
            return id;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemKind {
    Letter,
    Upper,
    Roman,
    Digit,
    Bullet(char),
}

impl Builder {
    fn warn(&mut self, code: WarningCode, message: impl Into<String>, at: Option<String>) {
        self.warnings.push(Warning::new(code, message, at));
    }

    /// A unique id: `base`, or `base~2`, `base~3` when taken (the caller warns).
    fn unique_id(&mut self, base: String) -> String {
        unique(&mut self.ids, &mut self.next_suffix, base)
    }

    fn para(&mut self, para: Para) {
        let body = para.text.trim_start_matches(['\t', ' ']);
        let lead_len = para.text.len() - body.len();
        let lead_tabs = para
            .text
            .chars()
            .take(lead_len)
            .filter(|&c| c == '\t')
            .count();
        let (label, label_len) = match para.auto_label.as_deref() {
            Some(auto) => match labels::parse_auto_label(auto) {
                Some(l) => (Some(l), 0),
                None => (None, 0),
            },
            None => match split_label(body) {
                Some((l, n)) => (Some(l), n),
                None => (None, 0),
            },
        };
        // Label text that Word renders but we cannot classify stays in the text.
        let unparsed_auto = para
            .auto_label
            .as_deref()
            .filter(|_| label.is_none())
            .map(str::to_string);
        // Leading tabs and spaces are one byte a char; the label is counted in chars.
        let skip = lead_len + body.get(..label_len).map_or(0, |l| l.chars().count());

        if label.is_none() && unparsed_auto.is_none() {
            if let Some(cells) = table_row(body) {
                self.rows.push((para, cells));
                return;
            }
        }
        self.flush_rows();

        match label {
            Some(Label::Paragraph(n)) if !matches!(para.style, StyleHint::Heading(_)) => {
                self.paragraph(&para, n, skip)
            }
            Some(Label::Paragraph(n)) => {
                // "1. Introduction" styled as a heading (old CCPR layout).
                let level = match para.style {
                    StyleHint::Heading(l) => l,
                    _ => 1,
                };
                self.numbered_heading(&para, level, n, skip)
            }
            // `A.`/`IV.` labels on a clause that ends like a list member, right after a
            // numbered paragraph or its items, are items (an upper-letter list), not headings.
            Some(Label::Roman(r)) if self.in_list(body) => self.item(&para, r, skip),
            Some(Label::Letter(c)) if self.in_list(body) => self.item(&para, c.to_string(), skip),
            Some(Label::Roman(r)) => self.roman_heading(&para, r, skip),
            Some(Label::Letter(c)) => {
                let follows_letter =
                    self.last_letter.map(|l| (l as u8).wrapping_add(1)) == Some(c as u8);
                let as_roman = matches!(c, 'I' | 'V' | 'X')
                    && !follows_letter
                    && roman_value(&c.to_string()).is_some_and(|v| {
                        v == self.last_roman + 1 || (v == 1 && self.last_letter.is_none())
                    });
                if as_roman {
                    self.roman_heading(&para, c.to_string(), skip)
                } else {
                    self.last_letter = Some(c);
                    // Letters are main headings, or sections of a Roman chapter (CRC).
                    let level = if self.seen_roman { 2 } else { 1 };
                    self.numbered_heading(&para, level, c.to_string(), skip)
                }
            }
            Some(Label::Item(l)) => self.item(&para, l, skip),
            Some(Label::Bullet(c)) => self.item_of_kind(&para, "•".to_string(), Some(c), skip),
            Some(Label::Decimal(n)) => {
                let trimmed = body.trim_end();
                let heading_like =
                    trimmed.chars().count() < 300 && !trimmed.ends_with(['.', ':', ';', ',']);
                if matches!(para.style, StyleHint::Heading(_)) || heading_like {
                    // `2.1` sits one level below the chapter it subdivides, `2.1.1` two.
                    let parts = u8::try_from(n.split('.').count()).unwrap_or(u8::MAX);
                    let level = match self.chapter_level {
                        0 => parts,
                        base => base.saturating_add(parts - 1),
                    };
                    self.numbered_level = level;
                    self.heading(&para, level, Some(n), skip)
                } else {
                    self.paragraph(&para, n, skip)
                }
            }
            None => {
                let trimmed = body.trim_end();
                let short = trimmed.chars().count() < 300;
                let open_end = !trimmed.ends_with(['.', ':', ';', ',']);
                // An unnumbered heading is a sub-heading of the last numbered one; a style
                // says how many levels below (H23G one, H4G two; H1G a sibling).
                let below = |steps: u8| self.numbered_level.saturating_add(steps).max(1);
                match para.style {
                    StyleHint::Heading(n) if short && !trimmed.is_empty() => {
                        let level = below(n.saturating_sub(1));
                        self.heading(&para, level, None, skip)
                    }
                    StyleHint::Title if !trimmed.is_empty() => self.heading(&para, 1, None, skip),
                    _ if lead_tabs >= 2 && short && open_end && !trimmed.is_empty() => {
                        let level = below(1);
                        self.heading(&para, level, None, skip)
                    }
                    _ => self.text(&para, skip, unparsed_auto),
                }
            }
        }
    }

    /// True when `body` ends like a list member (`;`, `,`, `; and`) and a numbered paragraph
    /// is open to receive it.
    fn in_list(&self, body: &str) -> bool {
        let t = body.trim_end();
        let list_end = t.ends_with([';', ',']) || t.ends_with("; and") || t.ends_with("; or");
        list_end && matches!(self.entries.last(), Some(Entry::Paragraph(_)))
    }

    fn roman_heading(&mut self, para: &Para, r: String, skip: usize) {
        self.last_roman = roman_value(&r).unwrap_or(0);
        self.seen_roman = true;
        self.last_letter = None;
        self.numbered_heading(para, 1, r, skip)
    }

    fn numbered_heading(&mut self, para: &Para, level: u8, number: String, skip: usize) {
        self.numbered_level = level;
        self.chapter_level = level;
        self.heading(para, level, Some(number), skip)
    }

    fn heading(&mut self, para: &Para, level: u8, number: Option<String>, skip: usize) {
        self.item_kinds.clear();
        let (title, anchors) = clean(&para.text, skip, &para.notes);
        self.note_refs
            .extend(para.notes.iter().map(|m| (m.clone(), None)));
        self.entries.push(Entry::Heading {
            level: level.max(1),
            number,
            title,
            anchors,
        });
    }

    fn paragraph(&mut self, para: &Para, number: String, skip: usize) {
        self.item_kinds.clear();
        let base = format!("para-{number}");
        let id = self.unique_id(base);
        if id.contains('~') {
            self.warn(
                WarningCode::DuplicateNumber,
                format!("paragraph {number} is numbered twice"),
                Some(id.clone()),
            );
        }
        if let Ok(n) = number.parse::<u32>() {
            match self.last_para_number {
                Some(prev) if n != prev + 1 && n != prev => self.warn(
                    WarningCode::NumberingGap,
                    format!("paragraph {n} follows paragraph {prev}"),
                    Some(id.clone()),
                ),
                None if n != 1 => self.warn(
                    WarningCode::NumberingGap,
                    format!("the first numbered paragraph is {n}"),
                    Some(id.clone()),
                ),
                _ => {}
            }
            self.last_para_number = Some(n);
        }
        let (text, footnotes) = clean(&para.text, skip, &para.notes);
        self.note_refs
            .extend(para.notes.iter().map(|m| (m.clone(), Some(id.clone()))));
        self.entries.push(Entry::Paragraph(Paragraph {
            id,
            number,
            text,
            items: vec![],
            footnotes,
            refs: vec![],
        }));
    }

    fn text(&mut self, para: &Para, skip: usize, auto_label: Option<String>) {
        let (mut text, mut footnotes) = clean(&para.text, skip, &para.notes);
        if let Some(l) = auto_label {
            let shift = l.chars().count() + 1;
            text = format!("{l} {text}");
            for a in &mut footnotes {
                a.offset += shift;
            }
        }
        if text.is_empty() && footnotes.is_empty() {
            return;
        }
        self.text_count += 1;
        let id = self.unique_id(format!("text-{}", self.text_count));
        self.note_refs
            .extend(para.notes.iter().map(|m| (m.clone(), Some(id.clone()))));
        self.entries.push(Entry::Text(TextBlock {
            id,
            text,
            footnotes,
            refs: vec![],
        }));
    }

    fn item(&mut self, para: &Para, label: String, skip: usize) {
        self.item_of_kind(para, label, None, skip)
    }

    /// Adds an item to the open paragraph; `bullet` is the bullet character of bullet items.
    fn item_of_kind(&mut self, para: &Para, label: String, bullet: Option<char>, skip: usize) {
        let Some(Entry::Paragraph(p)) = self.entries.last_mut() else {
            // Keep the label in the text: without a paragraph it is all we know.
            let lead = para.text.len() - para.text.trim_start_matches(['\t', ' ']).len();
            self.text(para, lead, None); // tabs and spaces: bytes are chars
            let at = match self.entries.last() {
                Some(Entry::Text(t)) => Some(t.id.clone()),
                _ => None,
            };
            return self.warn(
                WarningCode::OrphanItem,
                format!("item ({label}) does not follow a numbered paragraph; kept as text"),
                at,
            );
        };
        let kind = match bullet {
            Some(c) => ItemKind::Bullet(c),
            None => item_kind(&label, &self.item_kinds, p),
        };
        let depth = match self.item_kinds.iter().position(|k| *k == kind) {
            Some(d) => d,
            None => {
                self.item_kinds.push(kind);
                self.item_kinds.len() - 1
            }
        };
        self.item_kinds.truncate(depth + 1);
        let (text, footnotes) = clean(&para.text, skip, &para.notes);
        // Walk down to the list that receives the item: as deep as items exist.
        let mut parent_id = p.id.clone();
        let mut reach = 0;
        {
            let mut list = &p.items;
            while reach < depth {
                let Some(last) = list.last() else { break };
                parent_id = last.id.clone();
                list = &last.items;
                reach += 1;
            }
        }
        let Some(list) = descend(&mut p.items, reach) else {
            return;
        };
        let id_label = if label == "•" {
            (list.len() + 1).to_string()
        } else {
            label.clone()
        };
        let base = format!("{parent_id}.{id_label}");
        let id = unique(&mut self.ids, &mut self.next_suffix, base);
        if id.contains('~') {
            self.warnings.push(Warning::new(
                WarningCode::DuplicateItem,
                format!("item ({label}) occurs twice in the same list"),
                Some(id.clone()),
            ));
        }
        self.note_refs
            .extend(para.notes.iter().map(|m| (m.clone(), Some(id.clone()))));
        list.push(Item {
            label,
            id,
            text,
            items: vec![],
            footnotes,
            refs: vec![],
        });
    }

    fn table(&mut self, rows: Vec<Vec<String>>) {
        self.flush_rows();
        self.push_table(
            rows.into_iter()
                .map(|r| r.iter().map(|c| squash(c)).collect())
                .collect(),
        );
    }

    fn push_table(&mut self, rows: Vec<Vec<String>>) {
        self.item_kinds.clear();
        self.entries.push(Entry::Table(rows));
    }

    /// Tab-separated lines of a text export: two or more in a row are a table (POI writes a
    /// row per line, cells joined by tabs; a cell of two paragraphs adds a cell, so widths
    /// may differ); a lone one is text.
    fn flush_rows(&mut self) {
        let rows = std::mem::take(&mut self.rows);
        if rows.len() >= 2 {
            self.push_table(rows.into_iter().map(|(_, cells)| cells).collect());
        } else {
            for (para, _) in rows {
                let skip = para.text.len() - para.text.trim_start_matches(['\t', ' ']).len();
                self.text(&para, skip, None);
            }
        }
    }

    /// Footnote bodies in order of first reference, then the unreferenced ones.
    fn footnotes(&mut self, notes: Vec<NoteBody>) -> Vec<Footnote> {
        let refs = std::mem::take(&mut self.note_refs);
        notes::footnotes(notes, &refs, &mut self.warnings)
    }

    /// Folds the flat entries into the heading tree.
    fn tree(&mut self) -> Vec<Node> {
        let entries = std::mem::take(&mut self.entries);
        tree::fold(entries, &mut self.warnings)
    }
}

/// The item list `depth` levels down, following the last item of each level.
fn descend(list: &mut Vec<Item>, depth: usize) -> Option<&mut Vec<Item>> {
    let mut list = list;
    for _ in 0..depth {
        list = &mut list.last_mut()?.items;
    }
    Some(list)
}

/// Which kind of label an item has. `(i)` after `(h)` is a letter; otherwise Roman-looking
/// labels are Roman numerals.
fn item_kind(label: &str, kinds: &[ItemKind], p: &Paragraph) -> ItemKind {
    if label.bytes().all(|b| b.is_ascii_digit()) {
        return ItemKind::Digit;
    }
    if label.chars().all(|c| c.is_ascii_uppercase()) {
        return ItemKind::Upper;
    }
    if roman_value(label).is_none() {
        return ItemKind::Letter;
    }
    // Roman-looking: a letter when it follows the previous letter item at that level.
    if let Some(d) = kinds.iter().position(|k| *k == ItemKind::Letter) {
        let mut list = &p.items;
        for _ in 0..d {
            match list.last() {
                Some(last) => list = &last.items,
                None => break,
            }
        }
        if let (Some(last), Some(c)) = (list.last(), label.chars().next()) {
            let prev = last.label.chars().next();
            if label.len() == 1 && prev.map(|p| (p as u8).wrapping_add(1)) == Some(c as u8) {
                return ItemKind::Letter;
            }
        }
    }
    if label.len() == 1 && kinds.is_empty() && !matches!(label, "i") {
        // `(v)` or `(x)` opening a list is a letter.
        return ItemKind::Letter;
    }
    ItemKind::Roman
}

/// Cells of a tab-separated line with no label, `None` when there is no inner tab.
fn table_row(body: &str) -> Option<Vec<String>> {
    let t = body.trim_end_matches(['\t', ' ', '\n']);
    if !t.contains('\t') {
        return None;
    }
    Some(t.split('\t').map(squash).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;

    fn parse(text: &str) -> Document {
        let raw = crate::readers::text::read(text.as_bytes(), &Limits::default()).unwrap();
        let src = Source {
            path: None,
            format: Format::Text,
            sha256: String::new(),
        };
        build(raw, src, &Limits::default()).unwrap()
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
