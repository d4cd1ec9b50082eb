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

use super::common::{para_kw, para_list, sp, sp0, word_end, PResult};
use super::context::{Ctx, Found, Here, State};
use super::document;
use crate::model::RefTarget;

fn direction(i: &str) -> PResult<'_, &str> {
    let (rest, (_, w, _)) = (sp, alt((tag("above"), tag("below"))), word_end).parse(i)?;
    Ok((rest, w))
}

fn of_the_present(i: &str) -> PResult<'_, &str> {
    let (rest, (_, _, _, _, _, _, w, _)) = (
        sp,
        tag("of"),
        sp,
        tag("the"),
        sp,
        tag("present"),
        nom::sequence::preceded(
            sp,
            alt((
                tag("concluding observations"),
                tag("document"),
                tag("report"),
            )),
        ),
        word_end,
    )
        .parse(i)?;
    Ok((rest, w))
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
    let i = h.input();
    let (rest, (_, _, paragraphs)) = (para_kw, sp0, para_list).parse(i).ok()?;

    // External: `paragraph 16 of CRC/C/15/Add.120`.
    if let Ok((r, (_, _, _, _, syms))) = (
        sp,
        tag("of"),
        sp,
        opt((tag("document"), sp)),
        document::symbols,
    )
        .parse(rest)
    {
        let end = h.abs(r);
        document::push(out, st, cx, h.pos, end, syms, paragraphs);
        return Some(end);
    }

    let end_rest = if let Ok((r, _)) = alt((direction, of_the_present)).parse(rest) {
        r
    } else {
        // `(para. 17)`, `(see paras. 12-14)`: internal when the parenthesis holds nothing else.
        let before = h.before().trim_end_matches(super::common::is_space);
        let opened = before.ends_with('(')
            || before.ends_with("(see")
            || before.ends_with("(See")
            || before.ends_with("(cf.");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(target_id("19"), "para-19");
        assert_eq!(target_id("4 (a) (ii)"), "para-4.a.ii");
    }
}
