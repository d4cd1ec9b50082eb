//! Text clean-up with offset tracking: labels cut, runs of whitespace (tabs, soft line
//! breaks, spaces) made one space, ends trimmed, and note marks moved to where they now stand.

use crate::blocks::NoteMark;
use crate::model::Anchor;

/// True for the whitespace that collapses. U+00A0 is kept: it is meaningful in UN texts
/// (`article 2\u{a0}(a)`), as is U+2011.
pub fn is_collapsible(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{b}' | '\u{c}')
}

/// Cleans `text` from char offset `skip` on; returns the text and the anchors of the
/// `marks` (offsets in chars into the whole of `text`). Marks before `skip` anchor at 0.
pub fn clean(text: &str, skip: usize, marks: &[NoteMark]) -> (String, Vec<Anchor>) {
    let mut out = String::with_capacity(text.len());
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

/// Collapses whitespace and trims, without marks.
pub fn squash(text: &str) -> String {
    clean(text, 0, &[]).0
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
}
