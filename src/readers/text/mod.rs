//! The plain-text reader: what Apache Tika (text/plain) and Apache POI's
//! XWPFWordExtractor make of a .docx.
//!
//! Three steps, each in its own place: `decode` the bytes; scan the text into physical
//! lines, taking markers out with the nom parsers of `markers` and lifting note bodies
//! (which may span lines) out of the flow; then join soft-broken lines back into the Word
//! paragraphs they came from. The result is the same block stream the .docx reader makes.

mod decode;
mod join;
mod markers;

use std::collections::{BTreeSet, HashMap, VecDeque};

use crate::blocks::{Block, CommentBody, NoteBody, NoteMark, RawDocument, Region};
use crate::limits::LimitKind;
use crate::model::{NoteKind, Warning, WarningCode};
use crate::{Error, Limits, Result};

use join::Joiner;
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
    // No line is longer than the whole text: only a text over the limit needs the walk.
    let lines = (text.len() as u64 > limits.max_line_bytes).then(|| text.split('\n'));
    for (i, line) in lines.into_iter().flatten().enumerate() {
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
    let mut joiner = Joiner::new(limits.max_paragraphs);
    let comment_lines = scan(&text, &mut raw, &mut joiner)?;
    let paras = joiner.finish()?;
    // A comment is printed at the end of its paragraph: the last one starting at or before
    // the comment's line.
    for (c, line) in raw.comments.iter_mut().zip(comment_lines) {
        let after = paras.partition_point(|p| p.line.is_some_and(|l| l <= line));
        c.block = after.checked_sub(1);
    }
    raw.blocks = paras
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

    fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += s.chars().count();
    }
}

/// The bytes at which [`scan`] may have something to do: a line end, a marker's first
/// character and, while note bodies are awaited (`spaces`), the space that opens one. All are
/// ASCII, so a run of other bytes is whole characters that go to the line as they are.
fn is_special(b: u8, spaces: bool) -> bool {
    matches!(b, b'\n' | b'[' | b'\t' | b'|') || (spaces && b == b' ')
}

/// The length of the run of bytes before the first [`is_special`] one (all of `s` if none).
/// Eight bytes are tested at a time: a word holds one of the bytes sought exactly when one
/// of its bytes XOR that byte is zero (the classic zero-byte test).
fn plain_run(s: &str, spaces: bool) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let has = |x: u64, b: u8| {
        let y = x ^ (ONES * u64::from(b));
        y.wrapping_sub(ONES) & !y & HIGH != 0
    };
    let bytes = s.as_bytes();
    let mut at = 0;
    for word in bytes.chunks_exact(8) {
        let x = <[u8; 8]>::try_from(word).map_or(0, u64::from_ne_bytes);
        let special = has(x, b'\n')
            || has(x, b'\t')
            || has(x, b'[')
            || has(x, b'|')
            || (spaces && has(x, b' '));
        if special {
            break;
        }
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    at + rest
        .iter()
        .position(|&b| is_special(b, spaces))
        .unwrap_or(rest.len())
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

/// Scans the text into `lines`, notes and comments into `raw`; returns the line of each comment.
fn scan(text: &str, raw: &mut RawDocument, lines: &mut Joiner) -> Result<Vec<usize>> {
    let mut comment_lines = Vec::new();
    // The comment that ends the current line, whose text may go on over the next lines (a
    // comment of several paragraphs) up to the blank line that ends the paragraph.
    let mut open_comment = false;
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
    loop {
        // Plain text up to the next byte that may start something goes over in one piece.
        let spaces = !pending.is_empty() && !bodies_unterminated;
        let plain = plain_run(rest, spaces);
        if plain > 0 {
            if let Some((run, after)) = rest.split_at_checked(plain) {
                cur.push_str(run);
                rest = after;
            }
        }
        let Some(c) = rest.chars().next() else { break };
        if c == '\n' && std::mem::take(&mut open_comment) {
            if let Some((text, lines_taken, after)) = comment_continuation(rest) {
                if let Some(comment) = raw.comments.last_mut() {
                    comment.text.push_str(&text);
                }
                line_no += lines_taken;
                rest = after;
            }
        }
        if c == '\n' {
            lines.push(std::mem::take(&mut cur))?;
            line_no += 1;
            cur.number = line_no;
            rest = skip_char(rest);
            // One allocation for the line, not a doubling series.
            cur.text.reserve(rest.find('\n').unwrap_or(rest.len()));
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
                    Marker::Comment { author, text } => {
                        raw.comments.push(CommentBody {
                            author: Some(author.to_string()).filter(|a| !a.is_empty()),
                            date: None,
                            text: text.to_string(),
                            block: None,
                        });
                        comment_lines.push(line_no);
                        open_comment = true;
                    }
                    Marker::Bookmark | Marker::Image => {}
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
    lines.push(cur)?;
    Ok(comment_lines)
}

/// The further paragraphs of a comment that ends the line before `rest` (which starts with
/// that line's `\n`): the lines up to the blank line that ends the commented paragraph
/// (`\nline` each), how many, and what follows them. Only lines that cannot open a paragraph
/// of their own (no leading tab, paragraph or item label) are taken, and only when a blank
/// line or the end of the text follows them; otherwise the comment has one paragraph.
fn comment_continuation(rest: &str) -> Option<(String, usize, &str)> {
    let mut text = String::new();
    let mut taken = 0;
    let mut at = rest;
    loop {
        let Some(next) = at.strip_prefix('\n') else {
            // The end of the text.
            return (taken > 0).then_some((text, taken, at));
        };
        let line = next.split('\n').next().unwrap_or_default();
        if line.trim().is_empty() {
            return (taken > 0).then_some((text, taken, at));
        }
        let opens_paragraph = line.starts_with('\t')
            || crate::un::labels::starts_with_paragraph_label(line)
            || crate::un::labels::starts_with_item_label(line);
        if opens_paragraph || taken >= 1000 {
            return None;
        }
        text.push('\n');
        text.push_str(line);
        taken += 1;
        at = next.get(line.len()..).unwrap_or_default();
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Para;

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
    fn comments_are_kept_with_their_paragraph() {
        let raw = read(
            "1.\tFirst.\tComment by : no author.\tComment by B: two\n\n2.\tSecond.\tComment by Ana: line one\nline two\n\n3.\tThird.\n"
                .as_bytes(),
            &Limits::default(),
        )
        .unwrap();
        let c: Vec<_> = raw
            .comments
            .iter()
            .map(|c| (c.author.as_deref(), c.text.as_str(), c.block))
            .collect();
        assert_eq!(
            c,
            [
                (None, "no author.", Some(0)),
                (Some("B"), "two", Some(0)),
                (Some("Ana"), "line one\nline two", Some(1)),
            ]
        );
        let texts: Vec<_> = raw
            .blocks
            .iter()
            .map(|b| match b {
                Block::Para { para, .. } => para.text.as_str(),
                Block::Table { .. } => "",
            })
            .collect();
        assert_eq!(texts, ["1.\tFirst.", "2.\tSecond.", "3.\tThird."]);
    }

    #[test]
    fn the_word_scan_stops_where_the_byte_scan_stops() {
        let base = "abcdefgh ijklmnopqrstuvwxyzé0123456789";
        for special in ['\n', '\t', '[', '|', ' ', ']', 'é'] {
            for at in 0..base.len() {
                let mut s = base.to_string();
                if !s.is_char_boundary(at) {
                    continue;
                }
                s.insert(at, special);
                for spaces in [false, true] {
                    let slow = s
                        .bytes()
                        .position(|b| is_special(b, spaces))
                        .unwrap_or(s.len());
                    assert_eq!(plain_run(&s, spaces), slow, "{s:?} {spaces}");
                }
            }
        }
        assert_eq!(plain_run("", true), 0);
    }

    #[test]
    fn bookmarks_and_images_vanish() {
        let p = paras("[bookmark: _GoBack]3.\tThe [image: x]Committee");
        assert_eq!(p[0].text, "3.\tThe Committee");
    }
}
