//! Lines into the block stream: page regions (masthead, running header and footer, footnote
//! area, body), paragraphs by spacing and labels, export-form text with note marks, note
//! bodies, style hints from size and weight.

use std::collections::HashMap;

use super::content::PageText;
use super::lines::{lines, Line, Mark};
use crate::blocks::{Block, NoteBody, NoteMark, Para, RawDocument, Region, StyleHint};
use crate::model::NoteKind;
use crate::un::front_matter::is_furniture;
use crate::un::labels::{split_label, Label};

/// Where a line belongs on its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    FirstPage,
    Header,
    Footer,
    Notes,
    Body,
}

struct PageLines {
    lines: Vec<(Zone, Line)>,
    right: f64,
}

/// Total of rule segments at one height.
fn wide_rules(page: &PageText) -> Vec<(f64, f64)> {
    let mut rows: Vec<(f64, f64, f64)> = Vec::new(); // y, x0, x1
    for r in &page.rules {
        match rows.iter_mut().find(|(y, _, _)| (*y - r.y).abs() < 1.5) {
            Some(row) => {
                row.1 = row.1.min(r.x0);
                row.2 = row.2.max(r.x1);
            }
            None => rows.push((r.y, r.x0, r.x1)),
        }
    }
    rows.into_iter().map(|(y, a, b)| (y, b - a)).collect()
}

/// Code 39 barcode text under the job number: `*1516705*`.
fn is_barcode_text(t: &str) -> bool {
    let inner = t.strip_prefix('*').and_then(|r| r.strip_suffix('*'));
    inner.is_some_and(|d| d.len() >= 5 && d.bytes().all(|b| b.is_ascii_digit()))
}

fn tokens_furniture(line: &Line, symbol: Option<&str>) -> bool {
    // `GE.11 -42792`: a job number broken by a gap.
    let joined = line.text.replace([' ', '\t'], "");
    is_barcode_text(line.text.trim())
        || is_furniture(&line.text.replace('\t', "\n"), symbol)
        || (joined.starts_with("GE.") && is_furniture(&joined, symbol))
        || line
            .text
            .chars()
            .all(|c| c.is_whitespace() || ('\u{E000}'..='\u{F8FF}').contains(&c))
}

fn zone_page(page: &PageText, first: bool, symbol: Option<&str>) -> PageLines {
    let h = page.height;
    let w = page.width;
    let ls = lines(&page.chars);
    let rules = wide_rules(page);
    // Running header: above the top rule that spans the text block.
    let header_cut = rules
        .iter()
        .filter(|(y, len)| *y > 0.85 * h && *len > 0.6 * w)
        .map(|(y, _)| *y)
        .fold(None, |a: Option<f64>, y| Some(a.map_or(y, |a| a.min(y))));
    // The masthead on page 1 ends at the lowest wide rule in the top third.
    let mast_cut = if first {
        rules
            .iter()
            .filter(|(y, len)| *y > 0.62 * h && *len > 0.6 * w)
            .map(|(y, _)| *y)
            .fold(None, |a: Option<f64>, y| Some(a.map_or(y, |a| a.min(y))))
    } else {
        None
    };
    // The footnote separator: a short rule near the left margin, low on the page.
    let note_cut = page
        .rules
        .iter()
        .filter(|r| r.y < 0.6 * h && r.x0 < 0.35 * w && r.x1 - r.x0 < 0.9 * w)
        .map(|r| r.y)
        .fold(None, |a: Option<f64>, y| {
            Some(a.map_or(y, |a: f64| a.max(y)))
        });
    let mut out: Vec<(Zone, Line)> = Vec::new();
    for l in ls {
        let zone = if mast_cut.is_some_and(|c| l.y > c) {
            Zone::FirstPage
        } else if header_cut.is_some_and(|c| l.y > c) || (header_cut.is_none() && l.y > 0.93 * h) {
            Zone::Header
        } else if note_cut.is_some_and(|c| l.y < c) {
            Zone::Notes
        } else {
            Zone::Body
        };
        out.push((zone, l));
    }
    // Footer: the lowest lines that are furniture (job number, page number, barcode).
    for (zone, l) in out.iter_mut().rev() {
        let furniture = l.y < 0.16 * h && tokens_furniture(l, symbol);
        if furniture || (*zone != Zone::Notes && l.y < 0.07 * h) {
            *zone = Zone::Footer;
        } else {
            break;
        }
    }
    let right = out
        .iter()
        .filter(|(z, _)| *z == Zone::Body)
        .map(|(_, l)| l.x1)
        .fold(0.0, f64::max);
    PageLines { lines: out, right }
}

/// A paragraph under construction.
#[derive(Default)]
struct Acc {
    text: String,
    n: usize,
    marks: Vec<(usize, String, usize)>, // offset, mark, page
    size: f64,
    bold_lines: usize,
    lines: usize,
    first_page: bool,
    page: usize,
    last_trailing_space: bool,
}

impl Acc {
    fn push_line(&mut self, l: &Line, page: usize) {
        let mut t = l.text.as_str();
        if self.lines == 0 {
            self.size = l.size;
            self.page = page;
        }
        let base = if self.lines == 0 {
            0
        } else {
            // Rejoin a word broken across lines; a hyphen between words stays.
            // A hyphen or dash that ends a line without a typed space after it joins the
            // next line directly ("anti-" + "discrimination", "COVID-" + "19").
            // After digits a hyphen is a range broken at the hyphen and a space follows, as
            // the gold transcription has it ("(2015- 2025)"); an en dash joins directly.
            let before = self.text.chars().rev().nth(1);
            let ends_hyphen = ((self.text.ends_with('-')
                && before.is_some_and(char::is_alphabetic))
                || self.text.ends_with('–'))
                && !self.last_trailing_space;
            let soft = self.text.ends_with('\u{ad}');
            if soft {
                self.text.pop();
                self.n -= 1;
            } else if !ends_hyphen {
                self.text.push(' ');
                self.n += 1;
            }
            self.n
        };
        // Tabs other than the label's are just wide spaces inside a paragraph.
        let keep_tab = self.lines == 0 && line_label(l).is_some();
        let mut out = String::with_capacity(t.len());
        let mut count = 0usize;
        for (i, c) in t.chars().enumerate() {
            if c == '\t' && !(keep_tab && Some(i) == l.first_tab) {
                out.push(' ');
            } else {
                out.push(c);
            }
            count += 1;
        }
        t = &out;
        self.text.push_str(t);
        self.n += count;
        for Mark { offset, mark } in &l.marks {
            self.marks.push((base + offset, mark.clone(), page));
        }
        self.lines += 1;
        self.last_trailing_space = l.trailing_space;
        if l.bold {
            self.bold_lines += 1;
        }
    }
}

/// Builds the block stream from the interpreted pages.
pub fn build(pages: &[PageText], symbol_hint: Option<&str>) -> RawDocument {
    let mut raw = RawDocument::default();
    let zoned: Vec<PageLines> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| zone_page(p, i == 0, symbol_hint))
        .collect();

    // Notes first, so that body marks find their ids.
    let mut notes: Vec<(usize, String, String)> = Vec::new(); // page, mark, text
    for (pi, page) in zoned.iter().enumerate() {
        for (zone, l) in &page.lines {
            if *zone != Zone::Notes {
                continue;
            }
            let starts_mark = l.marks.first().is_some_and(|m| m.offset == 0);
            let t = l.text.trim_start();
            let stars = t.chars().take_while(|&c| c == '*').count();
            let typed_star = stars > 0 && t.chars().nth(stars).is_some_and(char::is_whitespace);
            if starts_mark {
                let mark = l.marks.first().map(|m| m.mark.clone()).unwrap_or_default();
                notes.push((pi, mark, l.text.trim().to_string()));
            } else if typed_star {
                let rest: String = t.chars().skip(stars).collect();
                notes.push((pi, "*".repeat(stars), rest.trim().to_string()));
            } else if let Some(last) = notes.last_mut() {
                join_into(&mut last.2, l.text.trim());
            } else {
                // A note continued from a page we did not see: keep its text.
                notes.push((pi, String::new(), l.text.trim().to_string()));
            }
        }
    }
    let mut note_ids: HashMap<(usize, String), String> = HashMap::new();
    let mut by_mark: HashMap<String, String> = HashMap::new();
    for (i, (page, mark, text)) in notes.iter().enumerate() {
        let id = (i + 1).to_string();
        note_ids
            .entry((*page, mark.clone()))
            .or_insert_with(|| id.clone());
        by_mark.entry(mark.clone()).or_insert_with(|| id.clone());
        raw.notes.push(NoteBody {
            id,
            kind: NoteKind::Footnote,
            text: if mark.is_empty() {
                text.clone()
            } else {
                format!("{mark}\t{text}")
            },
            missing: false,
        });
    }

    // Body paragraphs.
    let mut paras: Vec<(Region, Acc)> = Vec::new();
    let mut cur: Option<Acc> = None;
    let mut prev: Option<(usize, Line)> = None;
    let mut prev_right = 0.0;
    for (pi, page) in zoned.iter().enumerate() {
        for (zone, l) in &page.lines {
            match zone {
                Zone::Notes => continue,
                Zone::FirstPage | Zone::Header | Zone::Footer => {
                    let region = match zone {
                        Zone::FirstPage => Region::FirstPage,
                        Zone::Header => Region::Header,
                        _ => Region::Footer,
                    };
                    let a = Acc {
                        text: l.text.clone(),
                        lines: 1,
                        ..Acc::default()
                    };
                    paras.push((region, a));
                    continue;
                }
                Zone::Body => {}
            }
            let new_para = match (&prev, &cur) {
                (Some((pp, pl)), Some(acc)) => starts_para(pl, *pp, l, pi, acc, prev_right),
                _ => true,
            };
            if new_para {
                if let Some(a) = cur.take() {
                    paras.push((Region::Body, a));
                }
                cur = Some(Acc {
                    first_page: pi == 0,
                    ..Acc::default()
                });
            }
            if let Some(a) = cur.as_mut() {
                a.push_line(l, pi);
            }
            prev = Some((pi, l.clone()));
            prev_right = page.right;
        }
    }
    if let Some(a) = cur.take() {
        paras.push((Region::Body, a));
    }

    // The title: the page-1 paragraph that opens like one ("Concluding observations ..."),
    // else the first 14 pt bold one. Older layouts put a 14 pt "Consideration of reports
    // submitted by States parties ..." line above the real title.
    let opens_title = |a: &Acc| {
        let lower = a.text.trim_start().to_lowercase();
        a.first_page
            && a.bold_lines == a.lines
            && a.size >= 11.5
            && TITLE_OPENINGS.iter().any(|o| lower.starts_with(o))
    };
    let mut title_seen = false;
    let title_at = paras
        .iter()
        .position(|(r, a)| *r == Region::Body && opens_title(a));
    for (i, (region, a)) in paras.into_iter().enumerate() {
        if let Some(t) = title_at {
            // Only the chosen paragraph can be the title.
            title_seen = i != t;
        }
        let notes: Vec<NoteMark> = a
            .marks
            .iter()
            .filter_map(|(offset, mark, page)| {
                let id = note_ids
                    .get(&(*page, mark.clone()))
                    .or_else(|| by_mark.get(mark))?;
                Some(NoteMark {
                    offset: *offset,
                    id: id.clone(),
                    kind: NoteKind::Footnote,
                    custom_mark: Some(mark.clone()),
                })
            })
            .collect();
        let style = if region == Region::Body {
            style_of(&a, &mut title_seen)
        } else {
            StyleHint::None
        };
        raw.blocks.push(Block::Para {
            region,
            para: Para {
                text: a.text,
                auto_label: None,
                style,
                notes,
                line: None,
                // Items nest by their labels: a PDF has no list levels.
                list_level: None,
            },
        });
    }
    raw
}

/// How a title opens.
const TITLE_OPENINGS: [&str; 4] = [
    "concluding observations",
    "observations finales",
    "observaciones finales",
    "list of issues",
];

fn join_into(text: &mut String, more: &str) {
    if text.ends_with('-') {
        text.push_str(more);
    } else {
        text.push(' ');
        text.push_str(more);
    }
}

/// The label at the start of a line, when a tab gap follows it.
fn line_label(l: &Line) -> Option<Label> {
    l.first_tab?;
    let t = l.text.trim_start();
    split_label(t).map(|(lab, _)| lab)
}

fn starts_para(pl: &Line, pp: usize, l: &Line, pi: usize, acc: &Acc, right: f64) -> bool {
    if line_label(l).is_some() {
        return true;
    }
    if (l.size - acc.size).abs() > 0.6 {
        return true;
    }
    // A bold heading line followed by plain text.
    if acc.bold_lines == acc.lines && !l.bold && acc.lines > 0 {
        return true;
    }
    if pp != pi {
        // Across a page break the paragraph goes on unless the last line ended short.
        let closed = pl.text.trim_end().ends_with(['.', ':', ';']);
        let short_prev = pl.x1 < right - 0.15 * (right - pl.x0).max(1.0);
        let lt = l.text.trim_end();
        let heading_like = l.x1 < right - 30.0 && !lt.ends_with(['.', ',', ';', ':']);
        return closed && (short_prev || l.bold != pl.bold || heading_like);
    }
    let gap = pl.y - l.y;
    gap > 1.42 * l.size.max(pl.size) || gap < 0.0
}

fn style_of(a: &Acc, title_seen: &mut bool) -> StyleHint {
    let all_bold = a.lines > 0 && a.bold_lines == a.lines;
    let t = a.text.trim();
    let lower = t.to_lowercase();
    let label = split_label(t).map(|(l, _)| l);
    if !*title_seen && a.first_page && a.size >= 13.0 && all_bold && label.is_none() {
        *title_seen = true;
        return StyleHint::Title;
    }
    if !*title_seen
        && a.first_page
        && label.is_none()
        && [
            "concluding observations",
            "observations finales",
            "observaciones finales",
        ]
        .iter()
        .any(|o| lower.starts_with(o))
    {
        *title_seen = true;
        return StyleHint::Title;
    }
    if !all_bold {
        return StyleHint::Body;
    }
    let short = t.chars().count() < 300 && !t.ends_with(['.', ';', ':', ',']);
    match label {
        Some(Label::Roman(_)) => StyleHint::Heading(1),
        Some(Label::Letter(_)) => StyleHint::Heading(2),
        Some(Label::Paragraph(_)) if short => StyleHint::Heading(3),
        None if short => StyleHint::Heading(2),
        _ => StyleHint::Body,
    }
}
