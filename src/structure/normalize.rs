//! Text clean-up with offset tracking: labels cut, runs of whitespace (tabs, soft line
//! breaks, spaces) made one space, ends trimmed, and note marks moved to where they now stand.

use crate::blocks::NoteMark;
use crate::model::Anchor;

/// True for the whitespace that collapses. U+00A0 is kept: it is meaningful in UN texts
/// (`article 2\u{a0}(a)`), as is U+2011.
pub fn is_collapsible(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{b}' | '\u{c}')
}

/// The byte form of [`is_collapsible`]: every collapsible char is ASCII, so a byte that is
/// one is never inside a multi-byte char.
fn is_collapsible_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Cleans `text` from char offset `skip` on; returns the text and the anchors of the
/// `marks` (offsets in chars into the whole of `text`). Marks before `skip` anchor at 0.
///
/// The text is built by copying spans between whitespace runs (most of a text is words
/// joined by single spaces, copied as they are); the anchors are counted in chars in a
/// separate walk that stops at the last mark, so a text without marks is never walked by
/// char.
pub fn clean(text: &str, skip: usize, marks: &[NoteMark]) -> (String, Vec<Anchor>) {
    let from = if skip == 0 {
        0
    } else {
        text.char_indices().nth(skip).map_or(text.len(), |(b, _)| b)
    };
    let out = collapse(text.get(from..).unwrap_or(""));
    let anchors = if marks.is_empty() {
        Vec::new()
    } else {
        anchors(text, skip, marks)
    };
    (out, anchors)
}

/// `s` with its whitespace runs made one space and its ends trimmed.
fn collapse(s: &str) -> String {
    if is_collapsed(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut p = bytes
        .iter()
        .position(|&b| !is_collapsible_byte(b))
        .unwrap_or(n);
    // Start of the span not yet copied; spans start at a non-collapsible byte, and every
    // span boundary is next to an ASCII byte, hence a char boundary.
    let mut span = p;
    while p < n {
        let Some(k) = bytes
            .get(p..)
            .and_then(|r| r.iter().position(|&b| is_collapsible_byte(b)))
        else {
            break;
        };
        let ws = p + k;
        let end = bytes
            .get(ws..)
            .and_then(|r| r.iter().position(|&b| !is_collapsible_byte(b)))
            .map_or(n, |k| ws + k);
        if end == n {
            // Trailing whitespace: the span ends before it.
            out.push_str(s.get(span..ws).unwrap_or(""));
            return out;
        }
        p = end;
        if end - ws == 1 && bytes.get(ws) == Some(&b' ') {
            continue; // a single space stays in the span
        }
        out.push_str(s.get(span..ws).unwrap_or(""));
        out.push(' ');
        span = end;
    }
    out.push_str(s.get(span..).unwrap_or(""));
    out
}

/// Whether `s` is already what [`collapse`] makes of it: no whitespace but single spaces
/// between words (most texts; the test is vector code, then one substring search).
fn is_collapsed(s: &str) -> bool {
    let bytes = s.as_bytes();
    let controls = bytes.chunks(32).any(|c| {
        c.iter()
            .fold(false, |any, &b| any | (b.wrapping_sub(b'\t') < 5))
    });
    !controls && bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ') && !s.contains("  ")
}

/// The anchors of `marks` in the cleaned text: a mark at char `o` anchors at the number of
/// chars the clean-up emitted for the chars before `o` (a space pending before `o` is not
/// emitted yet). Marks are taken in order, each at least where the one before it was.
fn anchors(text: &str, skip: usize, marks: &[NoteMark]) -> Vec<Anchor> {
    let mut out_len = 0usize;
    let mut pending_space = false;
    let mut anchors = Vec::with_capacity(marks.len());
    let mut next_mark = marks.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        while let Some(m) = next_mark.next_if(|m| m.offset <= i) {
            anchors.push(Anchor {
                footnote: m.id.clone(),
                offset: out_len,
            });
        }
        if next_mark.peek().is_none() {
            return anchors;
        }
        if i < skip {
            continue;
        }
        if is_collapsible(c) {
            pending_space = out_len > 0;
            continue;
        }
        if pending_space {
            out_len += 1;
            pending_space = false;
        }
        out_len += 1;
    }
    for m in next_mark {
        anchors.push(Anchor {
            footnote: m.id.clone(),
            offset: out_len,
        });
    }
    anchors
}

/// Collapses whitespace and trims, without marks.
pub fn squash(text: &str) -> String {
    collapse(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NoteKind;

    fn mark(offset: usize) -> NoteMark {
        NoteMark {
            offset,
            id: "1".into(),
            kind: NoteKind::Footnote,
            custom_mark: None,
        }
    }

    #[test]
    fn collapses_and_maps() {
        let (t, a) = clean("1.\tThe  report \nof Peru", 3, &[mark(7), mark(23)]);
        assert_eq!(t, "The report of Peru");
        assert_eq!(a[0].offset, 3);
        assert_eq!(a[1].offset, 18);
        assert_eq!(squash("\t\ta\u{a0}b \n"), "a\u{a0}b");
    }

    /// The clean-up as it was written first, char by char: the fast one must agree with it.
    fn reference(text: &str, skip: usize, marks: &[NoteMark]) -> (String, Vec<Anchor>) {
        let mut out = String::new();
        let mut out_len = 0usize;
        let mut pending_space = false;
        let mut anchors = Vec::new();
        let mut next_mark = marks.iter().peekable();
        for (i, c) in text.chars().enumerate() {
            while let Some(m) = next_mark.next_if(|m| m.offset <= i) {
                anchors.push(Anchor {
                    footnote: m.id.clone(),
                    offset: out_len,
                });
            }
            if i < skip {
                continue;
            }
            if is_collapsible(c) {
                pending_space = out_len > 0;
                continue;
            }
            if pending_space {
                out.push(' ');
                out_len += 1;
                pending_space = false;
            }
            out.push(c);
            out_len += 1;
        }
        for m in next_mark {
            anchors.push(Anchor {
                footnote: m.id.clone(),
                offset: out_len,
            });
        }
        (out, anchors)
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_char_by_char_clean_up(
            parts in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Just(" ".to_string()),
                proptest::strategy::Just("  ".to_string()),
                proptest::strategy::Just("\t".to_string()),
                proptest::strategy::Just("\r\n".to_string()),
                proptest::strategy::Just("\u{b}\u{c}".to_string()),
                proptest::strategy::Just("\u{a0}".to_string()),
                proptest::strategy::Just("État".to_string()),
                proptest::strategy::Just("日本".to_string()),
                "[a-z.]{1,6}",
            ], 0..24),
            skip in 0usize..12,
            offsets in proptest::collection::vec(0usize..60, 0..5),
        ) {
            let text = parts.concat();
            // Marks in any order: each anchors at least where the one before it did.
            let marks: Vec<NoteMark> = offsets.into_iter().map(mark).collect();
            proptest::prop_assert_eq!(clean(&text, skip, &marks), reference(&text, skip, &marks));
            proptest::prop_assert_eq!(squash(&text), reference(&text, 0, &[]).0);
        }
    }
}
