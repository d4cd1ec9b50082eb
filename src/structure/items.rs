//! Items and ids: an item joins the open paragraph at the depth its label kind says
//! (`(a)`, then `(i)` inside it, bullets by bullet character), and every id is made unique
//! (`para-4`, `para-4~2` for a repeated number).

use foldhash::{HashMap, HashSet};

use super::classify::Builder;
use super::normalize::clean;
use super::tree::Entry;
use crate::blocks::Para;
use crate::model::{Item, Paragraph, Warning, WarningCode};
use crate::un::labels::roman_value;

/// Deepest item nesting: Word's nine list levels.
const MAX_ITEM_DEPTH: usize = 9;

/// The kind of an item label; items of one kind form one level of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ItemKind {
    Letter,
    Upper,
    Roman,
    Digit,
    Bullet(char),
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

impl Builder {
    /// A unique id: `base`, or `base~2`, `base~3` when taken (the caller warns).
    pub(super) fn unique_id(&mut self, base: String) -> String {
        unique(&mut self.ids, &mut self.next_suffix, base)
    }

    pub(super) fn item(&mut self, para: &Para, label: String, skip: usize) {
        self.item_of_kind(para, label, None, skip)
    }

    /// Adds an item to the open paragraph; `bullet` is the bullet character of bullet items.
    pub(super) fn item_of_kind(
        &mut self,
        para: &Para,
        label: String,
        bullet: Option<char>,
        skip: usize,
    ) {
        let Some(Entry::Paragraph(p)) = self.entries.last_mut() else {
            // Keep the label in the text: without a paragraph it is all we know.
            let lead = para.text.len() - para.text.trim_start_matches(['\t', ' ']).len();
            // tabs and spaces: bytes are chars; a Word label is shown as Word shows it
            self.text(para, lead, para.auto_label.clone());
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
        let level = para.list_level;
        let depth = match self.item_kinds.iter().position(|k| *k == kind) {
            Some(d) => d,
            None => {
                // A kind not open yet nests one level deeper, unless Word puts it at the
                // list level of an open one (a new bullet glyph at the same `w:ilvl`), and
                // never deeper than Word's nine levels: a glyph per item cannot nest items
                // thousands deep (issue 10).
                let at_level = level.and_then(|l| {
                    self.item_levels
                        .iter()
                        .position(|x| x.is_some_and(|x| x >= l))
                });
                let d = at_level
                    .unwrap_or(self.item_kinds.len())
                    .min(MAX_ITEM_DEPTH - 1);
                self.item_kinds.truncate(d);
                self.item_levels.truncate(d);
                self.item_kinds.push(kind);
                self.item_levels.push(level);
                d
            }
        };
        self.item_kinds.truncate(depth + 1);
        self.item_levels.truncate(depth + 1);
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
        // `p` borrows `self.entries`: the note marks go straight into their field.
        self.note_refs
            .extend(para.notes.iter().map(|m| (m.clone(), Some(id.clone()))));
        if self.track_placement {
            self.last_item_id = Some(id.clone());
        }
        list.push(Item {
            label,
            id,
            text,
            items: vec![],
            footnotes,
            refs: vec![],
        });
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
