//! Footnotes and endnotes: bodies matched to references, marks as Word displays them.

use std::collections::{BTreeMap, HashSet};

use super::normalize::{self, squash};
use crate::blocks::{NoteBody, NoteMark};
use crate::model::{Footnote, NoteKind, Warning, WarningCode};

/// Footnote bodies in order of first reference (`refs`: each reference with the id of the
/// node holding it), then the bodies never referenced.
pub(super) fn footnotes(
    notes: Vec<NoteBody>,
    refs: &[(NoteMark, Option<String>)],
    warnings: &mut Vec<Warning>,
) -> Vec<Footnote> {
    let mut bodies: BTreeMap<String, NoteBody> = BTreeMap::new();
    let mut source_order = Vec::new();
    for n in notes {
        source_order.push(n.id.clone());
        bodies.insert(n.id.clone(), n);
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    // Word numbers footnotes and endnotes in separate sequences; custom marks take none.
    let mut counters = [0u32; 2];
    let mut next_mark = |kind: NoteKind| {
        let [footnotes, endnotes] = &mut counters;
        let c = if kind == NoteKind::Endnote {
            endnotes
        } else {
            footnotes
        };
        *c += 1;
        c.to_string()
    };
    for (r, holder) in refs {
        if !seen.insert(r.id.clone()) {
            continue;
        }
        let mark = match &r.custom_mark {
            Some(m) => m.clone(),
            None => next_mark(r.kind),
        };
        let (text, kind) = match bodies.remove(&r.id) {
            Some(body) if !body.missing => (
                note_text(&body.text, r.custom_mark.as_deref(), &mark),
                body.kind,
            ),
            _ => {
                // Keep an entry so that every anchor resolves; the text is unknown.
                warnings.push(Warning::new(
                    WarningCode::MissingFootnote,
                    format!("note {} is referenced but its text is missing", r.id),
                    holder.clone(),
                ));
                (String::new(), r.kind)
            }
        };
        out.push(Footnote {
            id: r.id.clone(),
            kind,
            mark,
            text,
            refs: vec![],
        });
    }
    for id in source_order {
        if let Some(body) = bodies.remove(&id) {
            warnings.push(Warning::new(
                WarningCode::UnreferencedFootnote,
                format!("note {id} is never referenced"),
                None,
            ));
            // Nothing in the text shows this note, so it has no mark.
            let mark = String::new();
            out.push(Footnote {
                id,
                kind: body.kind,
                text: note_text(&body.text, None, &mark),
                mark,
                refs: vec![],
            });
        }
    }
    out
}

/// A footnote's text: the typed mark and tab UN notes start with are removed.
fn note_text(raw: &str, custom: Option<&str>, mark: &str) -> String {
    let t = raw.trim_start_matches(|c: char| normalize::is_collapsible(c));
    let t = match custom {
        Some(m) => t.strip_prefix(m).unwrap_or(t),
        None => t
            .strip_prefix(mark)
            .filter(|r| r.starts_with(['\t', ' ']))
            .unwrap_or(t),
    };
    squash(t)
}
