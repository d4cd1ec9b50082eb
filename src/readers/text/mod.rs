//! The plain-text reader: what Apache Tika (text/plain) and Apache POI's
//! XWPFWordExtractor make of a .docx.
//!
//! Three steps, each in its own place: `decode` the bytes; scan the text into physical
//! lines, taking markers out with the nom parsers of `markers` and lifting note bodies
//! (which may span lines) out of the flow; then join soft-broken lines back into the Word
//! paragraphs they came from. The result is the same block stream the .docx reader makes.

mod decode;
mod markers;

use std::collections::{BTreeSet, HashMap, VecDeque};

use crate::blocks::{Block, NoteBody, NoteMark, Para, RawDocument, Region};
use crate::limits::LimitKind;
use crate::model::{NoteKind, Warning, WarningCode};
use crate::{Error, Limits, Result};

use markers::Marker;

/// Reads a text export into the block stream.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<RawDocument> {
    // An empty file is a failed export or a truncated copy, not an empty document.
    if bytes.is_empty() {
        return Err(Error::Decode {
            line: None,
            message: "the file is empty".into(),
        });
    }
    let text = decode::decode(bytes)?;
    for (i, line) in text.split('\n').enumerate() {
        if line.len() as u64 > limits.max_line_bytes {
            return Err(Error::TooLarge {
                limit: LimitKind::LineBytes,
                measured: line.len() as u64,
                max: limits.max_line_bytes,
                part: None,
                line: Some(i + 1),
            });
        }
    }
    let mut raw = RawDocument::default();
    // Lines are joined as they are scanned, so that memory follows the paragraphs kept and
    // the paragraph limit stops a file of millions of short lines early.
    let mut joiner = Joiner {
        out: Vec::new(),
        open: None,
        max_paragraphs: limits.max_paragraphs,
    };
    scan(&text, &mut raw, &mut joiner)?;
    raw.blocks = joiner
        .finish()?
        .into_iter()
        .map(|para| Block::Para {
            region: Region::Body,
            para,
        })
        .collect();
    Ok(raw)
}

/// One physical line after markers were taken out.
#[derive(Debug, Default)]
struct Line {
    text: String,
    chars: usize,
    notes: Vec<NoteMark>,
    /// Note bodies follow the last line of their paragraph, so a line that carried one
    /// ends its paragraph.
    ends_paragraph: bool,
    number: usize,
}

impl Line {
    fn push(&mut self, c: char) {
        self.text.push(c);
        self.chars += 1;
    }
}

/// Notes referenced but whose bodies have not been seen yet, by source id (the N of
/// `[footnoteRef:N]`), oldest reference first. A map, not a list: with thousands of notes
/// whose bodies come in another order, list scans made reading quadratic.
#[derive(Default)]
struct Pending {
    /// Never holds an empty queue.
    by_source: HashMap<String, VecDeque<(String, NoteKind)>>,
}

impl Pending {
    fn is_empty(&self) -> bool {
        self.by_source.is_empty()
    }

    fn contains(&self, source_id: &str) -> bool {
        self.by_source.contains_key(source_id)
    }

    fn push(&mut self, source_id: &str, id: String, kind: NoteKind) {
        let queue = self.by_source.entry(source_id.to_string()).or_default();
        queue.push_back((id, kind));
    }

    /// The oldest pending reference to `source_id`, removed.
    fn take(&mut self, source_id: &str) -> Option<(String, NoteKind)> {
        let queue = self.by_source.get_mut(source_id)?;
        let first = queue.pop_front();
        if queue.is_empty() {
            self.by_source.remove(source_id);
        }
        first
    }
}

fn scan(text: &str, raw: &mut RawDocument, lines: &mut Joiner) -> Result<()> {
    let mut line_no = 1;
    let mut cur = Line {
        number: 1,
        ..Line::default()
    };
    let mut pending = Pending::default();
    let mut unknown: BTreeSet<String> = BTreeSet::new();
    // Once a body's end was searched for and not found, no later search can succeed either.
    let mut bodies_unterminated = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\n' {
            lines.push(std::mem::take(&mut cur))?;
            line_no += 1;
            cur.number = line_no;
            rest = skip_char(rest);
            continue;
        }
        if c == ' ' && !pending.is_empty() && !bodies_unterminated {
            if let Ok((after, n)) = markers::note_body_open(rest) {
                if pending.contains(n) {
                    match note_body_end(after, &pending) {
                        Some((body, after_body)) => {
                            line_no += body.matches('\n').count();
                            // Always there: `contains` said so.
                            if let Some((id, kind)) = pending.take(n) {
                                raw.notes.push(NoteBody {
                                    id,
                                    kind,
                                    text: body.to_string(),
                                    missing: body.starts_with("!!! "),
                                });
                            }
                            cur.ends_paragraph = true;
                            rest = after_body;
                            continue;
                        }
                        None => bodies_unterminated = true,
                    }
                }
            }
        }
        if matches!(c, '[' | '\t' | '|') {
            if let Ok((after, m)) = markers::marker(rest) {
                match m {
                    Marker::FootnoteRef { id, custom } | Marker::EndnoteRef { id, custom } => {
                        let kind = if matches!(m, Marker::FootnoteRef { .. }) {
                            NoteKind::Footnote
                        } else {
                            NoteKind::Endnote
                        };
                        let model_id = match kind {
                            NoteKind::Footnote => id.to_string(),
                            NoteKind::Endnote => format!("e{id}"),
                        };
                        cur.notes.push(NoteMark {
                            offset: cur.chars,
                            id: model_id.clone(),
                            kind,
                            custom_mark: custom.map(str::to_string),
                        });
                        pending.push(id, model_id, kind);
                    }
                    Marker::Checkbox(checked) => cur.push(if checked { '☒' } else { '☐' }),
                    Marker::Bookmark | Marker::Image | Marker::Comment => {}
                }
                rest = after;
                continue;
            }
            if c == '[' {
                if let Ok((_, name)) = markers::unknown_marker(rest) {
                    if unknown.insert(name.to_string()) {
                        raw.warnings.push(Warning::new(
                            WarningCode::UnknownMarker,
                            format!("line {line_no}: unknown marker [{name}: ...] kept as text"),
                            None,
                        ));
                    }
                }
            }
        }
        cur.push(c);
        rest = skip_char(rest);
    }
    // References whose bodies never came stay in `pending`: the builder warns about them.
    lines.push(cur)
}

/// `s` without its first char.
fn skip_char(s: &str) -> &str {
    let mut chars = s.chars();
    chars.next();
    chars.as_str()
}

/// Finds where a note body that starts at `after` ends: the first `]` followed by an optional
/// space and then the end of the line, the end of the text, or the next pending note body.
/// Returns the body and what follows it (closing bracket and space consumed).
fn note_body_end<'a>(after: &'a str, pending: &Pending) -> Option<(&'a str, &'a str)> {
    for (pos, _) in after.match_indices(']') {
        let (body, close) = after.split_at_checked(pos)?;
        let tail = skip_char(close);
        let tail = tail.strip_prefix(' ').unwrap_or(tail);
        let next_body = markers::note_body_open(tail)
            .map(|(_, n)| pending.contains(n))
            .unwrap_or(false);
        if tail.is_empty() || tail.starts_with('\n') || next_body {
            return Some((body, tail));
        }
    }
    None
}

/// Joins physical lines into paragraphs: a line continues the paragraph above when Word
/// broke it softly (`w:br`), which shows as a line that cannot start a paragraph.
struct Joiner {
    out: Vec<Para>,
    /// The paragraph being built, its length in chars, and whether it has ended.
    open: Option<(Para, usize, bool)>,
    max_paragraphs: u64,
}

impl Joiner {
    fn push(&mut self, line: Line) -> Result<()> {
        if line.text.trim().is_empty() && line.notes.is_empty() {
            return self.close();
        }
        if let Some((p, chars, ended)) = self.open.as_mut() {
            if !*ended && continues_paragraph(&line.text) {
                p.text.push('\n');
                let base = *chars + 1;
                p.notes.extend(line.notes.into_iter().map(|mut n| {
                    n.offset += base;
                    n
                }));
                p.text.push_str(&line.text);
                *chars = base + line.chars;
                *ended = line.ends_paragraph;
                return Ok(());
            }
        }
        self.close()?;
        self.open = Some((
            Para {
                text: line.text,
                notes: line.notes,
                line: Some(line.number),
                ..Para::default()
            },
            line.chars,
            line.ends_paragraph,
        ));
        Ok(())
    }

    fn close(&mut self) -> Result<()> {
        if let Some((p, _, _)) = self.open.take() {
            if self.out.len() as u64 >= self.max_paragraphs {
                return Err(LimitKind::Paragraphs
                    .exceeded(self.max_paragraphs.saturating_add(1), self.max_paragraphs));
            }
            self.out.push(p);
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<Para>> {
        self.close()?;
        Ok(self.out)
    }
}

/// Can this line only be the rest of a softly broken paragraph? Lines that open with a
/// tab, a label, a capital or a bullet, or that hold a tab, start paragraphs; lines that open mid-sentence
/// (lower case, a digit that is no label, a bracket that is no item label) do not.
fn continues_paragraph(line: &str) -> bool {
    let Some(first) = line.chars().next() else {
        return false;
    };
    if first.is_lowercase() {
        return !crate::un::labels::starts_with_item_label(line);
    }
    // Otherwise a tab inside the line makes it a table row or a labelled paragraph, never
    // the tail of a sentence (`2018\t1 200` is a row, `9 (3 and 4))` a tail).
    if line.contains('\t') {
        return false;
    }
    if first.is_ascii_digit() {
        return !crate::un::labels::starts_with_paragraph_label(line);
    }
    if first == '(' {
        return !crate::un::labels::starts_with_item_label(line);
    }
    matches!(
        first,
        ')' | ',' | ';' | ':' | '.' | '–' | '-' | '—' | '"' | '\u{201d}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(s: &str) -> Vec<Para> {
        let raw = read(s.as_bytes(), &Limits::default()).unwrap();
        raw.blocks
            .into_iter()
            .map(|b| match b {
                Block::Para { para, .. } => para,
                Block::Table { .. } => panic!("no tables from text"),
            })
            .collect()
    }

    #[test]
    fn soft_breaks_join() {
        let p = paras("\tVII.\tProtection (arts. 8 and\n9 (3 and 4))\n10.\tNext");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "\tVII.\tProtection (arts. 8 and\n9 (3 and 4))");
        assert_eq!(p[1].line, Some(3));
    }

    #[test]
    fn footnote_with_custom_mark_and_multiline_body() {
        let raw = read(
            "Title of[footnoteRef:2]* doc [2: \t*\tAdopted (see [x]).\nSecond para.] \n1.\tText"
                .as_bytes(),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(raw.notes.len(), 1);
        assert_eq!(raw.notes[0].text, "\t*\tAdopted (see [x]).\nSecond para.");
        let Block::Para { para, .. } = &raw.blocks[0] else {
            panic!()
        };
        assert_eq!(para.text, "Title of doc");
        assert_eq!(para.notes[0].offset, 8);
        assert_eq!(para.notes[0].custom_mark.as_deref(), Some("*"));
        assert_eq!(raw.blocks.len(), 2);
    }

    #[test]
    fn bookmarks_and_images_vanish() {
        let p = paras("[bookmark: _GoBack]3.\tThe [image: x]Committee");
        assert_eq!(p[0].text, "3.\tThe Committee");
    }
}
