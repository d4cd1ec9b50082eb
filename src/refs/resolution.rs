//! Resolutions of UN organs.
//!
//! ```text
//! resref = [ organ ] , ( "resolutions" | "resolution" ) , resnum , { list_sep , resnum } ;
//! resnum = 1-4 digits , "/" , 1-4 digits            68/268, 2005/35
//!        | 3-4 digits , [ " (" , year , ")" ] ;     1325 (2000), Security Council only without the year
//! ```
//!
//! The organ is the one written before the keyword, or before "in its resolution"
//! (`endorsed by the General Assembly in its resolution 47/111`). Each number of a list is
//! its own reference; the organ carries.

use nom::branch::alt;
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::char;
use nom::combinator::{opt, recognize};
use nom::Parser;

use super::common::{
    any_kw, is_space, list_sep_w, no_match, paren_year, phrase, sp, sp0, word_end, PResult,
};
use super::context::{Ctx, Found, Here};
use crate::model::RefTarget;
use crate::un::lang::Words;

/// An organ's name as `w` writes it; returns the canonical (English) name.
fn organ<'a>(w: &Words, i: &'a str) -> PResult<'a, &'static str> {
    w.organs
        .iter()
        .find_map(|(written, canonical)| phrase(i, written).ok().map(|(r, _)| (r, *canonical)))
        .ok_or_else(|| no_match(i))
}

/// After a resolution's number, the organ that adopted it, in languages that name it there
/// (`résolution 68/268 de l’Assemblée générale`, `resolución 68/268 de la Asamblea General`).
fn organ_after<'a>(w: &Words, i: &'a str) -> PResult<'a, &'static str> {
    let (rest, _) = sp(i)?;
    for of in w.organ_after {
        let Some(r) = rest.strip_prefix(of) else {
            continue;
        };
        // `de l’` runs on into the name; `du`, `de la`, `del` are followed by a space.
        let r = if of.ends_with(['’', '\'']) {
            r
        } else {
            match sp(r) {
                Ok((r, _)) => r,
                Err(_) => continue,
            }
        };
        if let Ok(found) = organ(w, r) {
            return Ok(found);
        }
    }
    Err(no_match(i))
}

fn resnum(security_council: bool) -> impl Fn(&str) -> PResult<'_, &str> {
    move |i| {
        let slashed = recognize((
            take_while_m_n(1, 4, |c: char| c.is_ascii_digit()),
            char('/'),
            take_while_m_n(1, 4, |c: char| c.is_ascii_digit()),
            word_end,
        ));
        let numbered = |i| {
            let (rest, n) =
                recognize((take_while_m_n(3, 4, |c: char| c.is_ascii_digit()), word_end))
                    .parse(i)?;
            let (rest2, year) = opt((sp0, paren_year)).parse(rest)?;
            if year.is_some() {
                Ok((rest2, n))
            } else if security_council {
                Ok((rest, n))
            } else {
                Err(nom::Err::Error(nom::error::Error::new(
                    i,
                    nom::error::ErrorKind::Verify,
                )))
            }
        };
        alt((slashed, numbered)).parse(i)
    }
}

/// The organ written just before "in its resolution" (`dans sa`, `en su`) in `before`.
fn organ_before(w: &Words, before: &str) -> Option<&'static str> {
    let b = before.trim_end_matches(is_space);
    let b = w
        .in_its
        .iter()
        .find_map(|p| b.strip_suffix(p))?
        .trim_end_matches(is_space);
    let b = b.strip_suffix(',').unwrap_or(b).trim_end_matches(is_space);
    w.organs
        .iter()
        .find(|(written, _)| b.ends_with(written))
        .map(|(_, canonical)| *canonical)
}

/// A resolution reference (one or more) starting at `h`.
pub(crate) fn at(h: &Here<'_>, cx: &Ctx, out: &mut Vec<Found>) -> Option<usize> {
    let w = cx.w;
    let i = h.input();
    let (rest, named) = match (|i| organ(w, i), sp).parse(i) {
        Ok((r, (o, _))) => (r, Some(o)),
        Err(_) => (i, None),
    };
    let (rest, _) = (|i| any_kw(w.resolution_keywords, i), sp)
        .parse(rest)
        .ok()?;
    let mut organ = named.or_else(|| organ_before(w, h.before()));
    let sc = organ == Some("Security Council");
    let (mut rest, first) = resnum(sc)(rest).ok()?;
    if organ.is_none() {
        if let Ok((r, o)) = organ_after(w, rest) {
            organ = Some(o);
            rest = r;
        }
    }
    out.push(Found {
        start: h.pos,
        end: h.abs(rest),
        target: RefTarget::Resolution {
            organ: organ.map(str::to_string),
            number: first.to_string(),
        },
    });
    while let Ok((r1, _)) = list_sep_w(w, rest) {
        let Ok((r, n)) = resnum(sc)(r1) else { break };
        out.push(Found {
            start: h.abs(r1),
            end: h.abs(r),
            target: RefTarget::Resolution {
                organ: organ.map(str::to_string),
                number: n.to_string(),
            },
        });
        rest = r;
    }
    Some(h.abs(rest))
}
