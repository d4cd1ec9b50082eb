//! Pass 2 of the builder: each body paragraph is classified by its label and layout as a
//! heading, a numbered paragraph, an item ([`super::items`]), text, or a row of a text-export
//! table ([`super::rows`]), into a flat list of entries.

use foldhash::{HashMap, HashSet};

use super::items::ItemKind;
use super::normalize::clean;
use super::notes;
use super::rows::table_row;
use super::tree::{self, Entry};
use crate::blocks::{NoteBody, NoteMark, Para, StyleHint};
use crate::model::{Footnote, Node, Paragraph, TextBlock, Warning, WarningCode};
use crate::un::labels::{self, roman_value, split_label, Label};
use crate::un::lang::Lang;

/// The builder's state over passes 2 to 4.
#[derive(Default)]
pub(super) struct Builder {
    pub(super) entries: Vec<Entry>,
    pub(super) warnings: Vec<Warning>,
    /// Note references in document order.
    pub(super) note_refs: Vec<(NoteMark, Option<String>)>,
    pub(super) ids: HashSet<String>,
    /// Where [`unique`] resumes its search, per id base.
    pub(super) next_suffix: HashMap<String, u32>,
    pub(super) last_roman: u32,
    pub(super) last_letter: Option<char>,
    pub(super) seen_roman: bool,
    /// Level of the last numbered heading (0 before any).
    pub(super) numbered_level: u8,
    /// Level of the last heading numbered other than `2.1`-style (0 before any).
    pub(super) chapter_level: u8,
    pub(super) last_para_number: Option<u32>,
    /// Label kinds of the open paragraph's item levels, outermost first.
    pub(super) item_kinds: Vec<ItemKind>,
    /// Word list levels of the open item levels (parallel to `item_kinds`).
    pub(super) item_levels: Vec<Option<u8>>,
    /// The id of the item the last paragraph became, if it became one (kept only with
    /// `track_placement`).
    pub(super) last_item_id: Option<String>,
    /// Whether `build` records where each block went (for the comments anchored in them).
    pub(super) track_placement: bool,
    /// Consecutive tab-separated lines of a text export that may form a table.
    pub(super) rows: Vec<(Para, Vec<String>)>,
    pub(super) text_count: usize,
}

impl Builder {
    /// Records the note marks of `para`, in document order, as anchored in node `at`.
    pub(super) fn note_marks(&mut self, para: &Para, at: Option<&str>) {
        self.note_refs.extend(
            para.notes
                .iter()
                .map(|m| (m.clone(), at.map(str::to_string))),
        );
    }

    pub(super) fn warn(
        &mut self,
        code: WarningCode,
        message: impl Into<String>,
        at: Option<String>,
    ) {
        self.warnings.push(Warning::new(code, message, at));
    }

    pub(super) fn para(&mut self, para: Para) {
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
                None => match stray_before_item(body) {
                    Some((l, n)) => {
                        self.warn(
                            WarningCode::StrayCharacter,
                            format!(
                                "a stray character before the item label ({body:.12}…) was dropped"
                            ),
                            None,
                        );
                        (Some(l), n)
                    }
                    None => (None, 0),
                },
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
                // says how many levels below (H23G one, H4G two; H1G a sibling). Before any
                // numbered heading, the style's own level holds (Heading 1, Heading 2, ...).
                let below = |steps: u8| self.numbered_level.saturating_add(steps).max(1);
                // A Word number the label grammar does not read (`第1章`) is still the
                // heading's number, as Word shows it.
                let number = unparsed_auto.clone();
                match para.style {
                    StyleHint::Heading(n) if short && !trimmed.is_empty() => {
                        let level = if self.numbered_level == 0 {
                            n.max(1)
                        } else {
                            below(n.saturating_sub(1))
                        };
                        self.heading(&para, level, number, skip)
                    }
                    StyleHint::Title if !trimmed.is_empty() => self.heading(&para, 1, number, skip),
                    _ if lead_tabs >= 2 && short && open_end && !trimmed.is_empty() => {
                        let level = below(1);
                        self.heading(&para, level, number, skip)
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
        let list_end = t.ends_with([';', ','])
            || Lang::ALL
                .into_iter()
                .any(|l| l.words().list_member_ends.iter().any(|e| t.ends_with(e)));
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

    pub(super) fn heading(&mut self, para: &Para, level: u8, number: Option<String>, skip: usize) {
        self.item_kinds.clear();
        self.item_levels.clear();
        let (title, anchors) = clean(&para.text, skip, &para.notes);
        self.note_marks(para, None);
        self.entries.push(Entry::Heading {
            level: level.max(1),
            number,
            title,
            anchors,
        });
    }

    pub(super) fn paragraph(&mut self, para: &Para, number: String, skip: usize) {
        self.item_kinds.clear();
        self.item_levels.clear();
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
        self.note_marks(para, Some(&id));
        self.entries.push(Entry::Paragraph(Paragraph {
            id,
            number,
            text,
            items: vec![],
            footnotes,
            refs: vec![],
        }));
    }

    pub(super) fn text(&mut self, para: &Para, skip: usize, auto_label: Option<String>) {
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
        self.note_marks(para, Some(&id));
        self.entries.push(Entry::Text(TextBlock {
            id,
            text,
            footnotes,
            refs: vec![],
        }));
    }

    /// Footnote bodies in order of first reference, then the unreferenced ones.
    pub(super) fn footnotes(&mut self, notes: Vec<NoteBody>) -> Vec<Footnote> {
        let refs = std::mem::take(&mut self.note_refs);
        notes::footnotes(notes, &refs, &mut self.warnings)
    }

    /// Folds the flat entries into the heading tree.
    pub(super) fn tree(&mut self) -> Vec<Node> {
        let entries = std::mem::take(&mut self.entries);
        tree::fold(entries, &mut self.warnings)
    }
}

/// `€(c)\t...`: one stray symbol glyph before an item label (an extraction artefact of the
/// source, CRPD/C/MEX/CO/2-3) would turn the rest of a list into orphans. Returns the label
/// and the byte length of the stray char, the label and its separator.
fn stray_before_item(body: &str) -> Option<(Label, usize)> {
    let mut chars = body.chars();
    let c = chars.next()?;
    if c.is_alphanumeric() || c.is_whitespace() || "([\"'“‘*•·".contains(c) {
        return None;
    }
    match split_label(chars.as_str())? {
        (l @ Label::Item(_), n) => Some((l, c.len_utf8() + n)),
        _ => None,
    }
}
