//! `word/comments.xml`: review comments by `w:id`, with author, date and text.

use super::document::{items_text, Walker};
use super::xml::{Ns, Xml};
use crate::blocks::CommentBody;
use crate::Result;

/// Reads the comments part: `(w:id, comment)` in source order, not yet anchored.
pub(crate) fn parse(
    bytes: &[u8],
    part: &str,
    walker: &mut Walker<'_>,
    max_depth: u64,
) -> Result<Vec<(String, CommentBody)>> {
    let mut x = Xml::new(bytes, part, max_depth);
    let mut out = Vec::new();
    x.each(|x, s| {
        if !s.is(Ns::W, b"comment") {
            return Ok(());
        }
        let attr = |name: &[u8]| {
            x.attr(&s, Ns::W, name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let (id, author, date) = (attr(b"id"), attr(b"author"), attr(b"date"));
        let mut items = Vec::new();
        walker.blocks(x, &mut items)?;
        // Paragraphs and tables, as Word shows them (POI prints no table of a comment).
        let text = items_text(&items);
        if let Some(id) = id {
            out.push((
                id,
                CommentBody {
                    author,
                    date,
                    text,
                    block: None,
                },
            ));
        }
        Ok(())
    })?;
    Ok(out)
}
