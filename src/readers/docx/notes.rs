//! `word/footnotes.xml` and `word/endnotes.xml`: note bodies by `w:id`, in source order.

use super::document::{items_text, Walker};
use super::xml::{Ns, Xml};
use crate::blocks::NoteBody;
use crate::model::NoteKind;
use crate::Result;

/// Reads the notes of one part. Separator and continuation notes are not notes.
pub(crate) fn parse(
    bytes: &[u8],
    part: &str,
    kind: NoteKind,
    walker: &mut Walker<'_>,
    max_depth: u64,
) -> Result<Vec<NoteBody>> {
    let mut x = Xml::new(bytes, part, max_depth);
    let element: &[u8] = match kind {
        NoteKind::Footnote => b"footnote",
        NoteKind::Endnote => b"endnote",
    };
    let mut out = Vec::new();
    x.each(|x, s| {
        if !s.is(Ns::W, element) {
            return Ok(());
        }
        let [ty, id] = x.attrs(&s, Ns::W, [b"type", b"id"]);
        let ty = ty.unwrap_or_else(|| "normal".to_string());
        let id = id.as_deref().map(|v| {
            v.trim()
                .parse::<i64>()
                .map(|n| n.to_string())
                .unwrap_or_else(|_| v.trim().to_string())
        });
        let mut items = Vec::new();
        walker.blocks(x, &mut items)?;
        let (Some(id), "normal") = (id, ty.as_str()) else {
            return Ok(());
        };
        // Paragraphs and tables, as Word shows them (POI prints no table of a note).
        let text = items_text(&items);
        out.push(NoteBody {
            id: match kind {
                NoteKind::Footnote => id,
                NoteKind::Endnote => format!("e{id}"),
            },
            kind,
            text,
            missing: false,
        });
        Ok(())
    })?;
    Ok(out)
}
