//! Targets of the Sustainable Development Goals.
//!
//! ```text
//! sdgref = ( "targets" | "target" ) , target , { list_sep , target }
//!        , [ " of the Sustainable Development Goals" ] ;
//! target = goal (1-17) , "." , ( 1-2 digits | "a" | "b" | "c" ) ;
//! ```
//!
//! A "target" followed by a quantity (`target 1.5 per cent`, `target 2.5%`) is not an SDG
//! target.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, one_of};
use nom::combinator::recognize;
use nom::Parser;

use super::common::{kw, list_sep, sp, sp0, word_end, PResult};
use super::context::{Found, Here};
use crate::model::RefTarget;

fn target(i: &str) -> PResult<'_, &str> {
    let (rest, t) = recognize((
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        char('.'),
        alt((
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            recognize(one_of("abc")),
        )),
    ))
    .parse(i)?;
    let (rest, _) = word_end(rest)?;
    let goal: u32 = t
        .split('.')
        .next()
        .and_then(|g| g.parse().ok())
        .unwrap_or(0);
    let quantity = (sp0, alt((tag("per cent"), tag("%"), tag("percent"))))
        .parse(rest)
        .is_ok();
    if !(1..=17).contains(&goal) || quantity {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, t))
}

fn of_the_goals(i: &str) -> PResult<'_, &str> {
    recognize((
        sp,
        tag("of"),
        sp,
        tag("the"),
        sp,
        tag("Sustainable"),
        sp,
        tag("Development"),
        sp,
        tag("Goals"),
        word_end,
    ))
    .parse(i)
}

/// An SDG-target reference starting at `h`.
pub(crate) fn at(h: &Here<'_>, out: &mut Vec<Found>) -> Option<usize> {
    let (mut rest, _) = (alt((kw("targets"), kw("target"))), sp)
        .parse(h.input())
        .ok()?;
    let (r, first) = target(rest).ok()?;
    rest = r;
    let mut targets = vec![first.to_string()];
    while let Ok((r, (_, t))) = (list_sep, target).parse(rest) {
        targets.push(t.to_string());
        rest = r;
    }
    if let Ok((r, _)) = of_the_goals(rest) {
        rest = r;
    }
    h.found(rest, RefTarget::SdgTarget { targets }, out)
}
