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
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::char;
use nom::combinator::{opt, recognize};
use nom::Parser;

use super::common::{is_space, kw, list_sep, paren_year, sp, sp0, word_end, PResult};
use super::context::{Found, Here};
use crate::model::RefTarget;

const ORGANS: &[&str] = &[
    "General Assembly",
    "Human Rights Council",
    "Security Council",
    "Economic and Social Council",
    "Commission on Human Rights",
    "World Health Assembly",
];

fn organ(i: &str) -> PResult<'_, &'static str> {
    for o in ORGANS {
        // Organ names may be split by a no-break space or a soft break.
        let mut rest = i;
        let mut ok = true;
        for (k, w) in o.split(' ').enumerate() {
            if k > 0 {
                match sp(rest) {
                    Ok((r, _)) => rest = r,
                    Err(_) => {
                        ok = false;
                        break;
                    }
                }
            }
            match tag::<_, _, nom::error::Error<&str>>(w)(rest) {
                Ok((r, _)) => rest = r,
                Err(_) => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && word_end(rest).is_ok() {
            return Ok((rest, o));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Tag,
    )))
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

/// The organ written just before "in its resolution" in `before`.
fn organ_before(before: &str) -> Option<&'static str> {
    let b = before.trim_end_matches(is_space);
    let b = b.strip_suffix("in its")?.trim_end_matches(is_space);
    let b = b.strip_suffix(',').unwrap_or(b).trim_end_matches(is_space);
    ORGANS.iter().copied().find(|o| b.ends_with(o))
}

/// A resolution reference (one or more) starting at `h`.
pub(crate) fn at(h: &Here<'_>, out: &mut Vec<Found>) -> Option<usize> {
    let i = h.input();
    let (rest, named) = match (organ, sp).parse(i) {
        Ok((r, (o, _))) => (r, Some(o)),
        Err(_) => (i, None),
    };
    let (rest, _) = (alt((kw("resolutions"), kw("resolution"))), sp)
        .parse(rest)
        .ok()?;
    let organ = named.or_else(|| organ_before(h.before()));
    let sc = organ == Some("Security Council");
    let (mut rest, first) = resnum(sc)(rest).ok()?;
    out.push(Found {
        start: h.pos,
        end: h.abs(rest),
        target: RefTarget::Resolution {
            organ: organ.map(str::to_string),
            number: first.to_string(),
        },
    });
    while let Ok((r1, _)) = list_sep(rest) {
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
