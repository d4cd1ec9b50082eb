//! Soft line breaks joined back into the Word paragraphs they came from: a line continues
//! the paragraph above when it cannot start one.

use super::Line;
use crate::blocks::Para;
use crate::limits::LimitKind;
use crate::Result;

/// Joins physical lines into paragraphs: a line continues the paragraph above when Word
/// broke it softly (`w:br`), which shows as a line that cannot start a paragraph.
pub(super) struct Joiner {
    out: Vec<Para>,
    /// The paragraph being built, its length in chars, and whether it has ended.
    open: Option<(Para, usize, bool)>,
    max_paragraphs: u64,
}

impl Joiner {
    /// A joiner that stops after `max_paragraphs` paragraphs.
    pub(super) fn new(max_paragraphs: u64) -> Self {
        Joiner {
            out: Vec::new(),
            open: None,
            max_paragraphs,
        }
    }

    /// Adds the next physical line.
    pub(super) fn push(&mut self, line: Line) -> Result<()> {
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

    /// The paragraphs.
    pub(super) fn finish(mut self) -> Result<Vec<Para>> {
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
