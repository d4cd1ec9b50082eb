//! Paragraph references. Internal ones point into this document; a paragraph list followed
//! by `of <symbol>` is a pinpoint into another document.
//!
//! ```text
//! parref   = para_kw , para_list , ( " above" | " below"
//!                                  | " of the present " , ( "concluding observations" | "document" | "report" )
//!                                  | " of " , [ "document " ] , docref          (external)
//!                                  | ")"  when opened by "(" or "(see " ) ;   (urgent-measure style)
//! ```
//!
//! A bare `paragraph 16 of its general comment No. 2` is none of these and is left alone:
//! it points into another text that the general-comment grammar names.

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::char;
use nom::combinator::opt;
use nom::Parser;

use super::common::{
    any_kw, any_phrase, any_word, join_path_w, list_sep_w, para_kw_w, para_list_w, paren_label_w,
    sp, sp0, uint, PResult,
};
use super::context::{Ctx, Found, Here, State};
use super::document;
use crate::model::RefTarget;
use crate::un::lang::Words;
use nom::combinator::verify;

fn direction<'a>(w: &Words, i: &'a str) -> PResult<'a, &'a str> {
    let (rest, _) = sp(i)?;
    any_word(w.directions, rest)
}

fn of_the_present<'a>(w: &Words, i: &'a str) -> PResult<'a, &'a str> {
    let (rest, _) = sp(i)?;
    any_phrase(w.present_document, rest)
}

/// The id of paragraph `4 (a) (ii)`: `para-4.a.ii`.
pub(crate) fn target_id(number: &str) -> String {
    let mut id = String::with_capacity(number.len() + 6);
    id.push_str("para-");
    for (k, part) in number
        .split(|c: char| c == '(' || c == ')' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        if k > 0 {
            id.push('.');
        }
        id.push_str(part);
    }
    id
}

/// A paragraph reference starting at `h`.
pub(crate) fn at(h: &Here<'_>, cx: &Ctx, st: &mut State, out: &mut Vec<Found>) -> Option<usize> {
    let w = cx.w;
    // `paragraphe 3 de l’article 4 de la Convention`: an article reference.
    if let Some(end) = super::article::paragraph_first(h, cx, st, out) {
        return Some(end);
    }
    let i = h.input();
    let (rest, (_, _, paragraphs)) = (|i| para_kw_w(w, i), sp0, |i| para_list_w(w, i))
        .parse(i)
        .ok()?;

    // External: `paragraph 16 of CRC/C/15/Add.120`.
    if let Some((r, (_, _, _, _, syms))) = w.law_of.iter().find_map(|of| {
        (sp, tag(*of), sp, opt((tag("document"), sp)), |i| {
            document::symbols(w, i)
        })
            .parse(rest)
            .ok()
    }) {
        let end = h.abs(r);
        document::push(out, st, cx, h.pos, end, syms, paragraphs);
        return Some(end);
    }

    let end_rest =
        if let Ok((r, _)) = alt((|i| direction(w, i), |i| of_the_present(w, i))).parse(rest) {
            r
        } else {
            // `(para. 17)`, `(see paras. 12-14)`: internal when the parenthesis holds nothing else.
            let before = h.before().trim_end_matches(super::common::is_space);
            let opened = before.ends_with('(') || w.see.iter().any(|s| before.ends_with(s));
            let closed = (sp0, char(')')).parse(rest).is_ok();
            if !(opened && closed) {
                return None;
            }
            rest
        };
    // Candidate ids; `resolve` keeps those that exist once the whole document is scanned.
    let targets = paragraphs.iter().map(|p| target_id(p)).collect();
    st.internal = true;
    let target = RefTarget::Paragraph {
        paragraphs,
        targets,
    };
    h.found(end_rest, target, out)
}

/// `apartados b) y c) del párrafo 16`, `alinéa a) du paragraphe 12`: sub-paragraphs
/// named before their paragraph, in this document.
pub(crate) fn subparagraphs_at(
    h: &Here<'_>,
    cx: &Ctx,
    st: &mut State,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let w = cx.w;
    let (r, _) = (|i| any_kw(w.subparagraph_keywords, i), sp)
        .parse(h.input())
        .ok()?;
    let (mut r, first) = paren_label_w(w, r).ok()?;
    let mut labels = vec![first];
    while let Ok((r2, (_, l))) = (|i| list_sep_w(w, i), |i| paren_label_w(w, i)).parse(r) {
        labels.push(l);
        r = r2;
    }
    let (r, _) = sp(r).ok()?;
    let (r, _) = any_phrase(w.of_paragraph, r).ok()?;
    let (r, (_, n)) = (sp, verify(uint, |n| *n > 0)).parse(r).ok()?;
    // `… del párrafo 16 supra`.
    let r = direction(w, r).map_or(r, |(r, _)| r);
    let end = h.abs(r);
    let paragraphs: Vec<String> = labels
        .iter()
        .map(|l| join_path_w(w, n, std::slice::from_ref(l)))
        .collect();
    let targets = paragraphs.iter().map(|p| target_id(p)).collect();
    st.internal = true;
    out.push(Found {
        start: h.pos,
        end,
        target: RefTarget::Paragraph {
            paragraphs,
            targets,
        },
    });
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(target_id("19"), "para-19");
        assert_eq!(target_id("4 (a) (ii)"), "para-4.a.ii");
    }
}
