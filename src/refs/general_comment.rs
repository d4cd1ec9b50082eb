//! General comments and general recommendations.
//!
//! ```text
//! gcref  = [ "joint " ] , "general " , ( "comment" | "recommendation" ) , [ "s" ]
//!        , entry , { list_sep , entry } , [ "/" , gcref ] ;          joint GR/GC
//! entry  = [ "No." | "Nos." ] , ( digits | roman ) , [ "(" , year | session , ")" ]
//!        , [ " of the " , committee name ] , [ "(" , year , ")" ] ;
//! ```
//!
//! Each comment named is its own reference (its span starts at its number after the
//! first), since each has its own number, year and body: `general recommendations Nos. 32
//! (2009) and 34 (2011)` gives two. After a singular keyword, a further entry needs its own
//! `No.`, so `general comment No. 14 (2013), 5 ...` does not take the 5. The body is the
//! committee named, else the document's own committee when it issues that kind of text
//! (recommendations: CEDAW and CERD; comments: the others).

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while_m_n};
use nom::character::complete::char;
use nom::combinator::{opt, recognize};
use nom::Parser;

use super::common::{
    any_kw, kw, list_sep_w, no_match, paren_year, phrase, sp, sp0, word_end, PResult,
};
use super::context::{Ctx, Found, Here};
use crate::model::{RefTarget, TreatyBody};
use crate::un::lang::Words;

/// The English keyword a general comment or recommendation opens with (after `joint`).
pub(crate) const GENERAL: &str = "general";

struct Head {
    joint: bool,
    plural: bool,
    recommendation: bool,
}

fn head<'a>(w: &Words, i: &'a str) -> PResult<'a, Head> {
    // French and Spanish: `observation générale`, `recomendaciones generales`.
    for (words, plural, recommendation) in w.gc_keywords {
        if let Ok((rest, _)) = phrase_no_case(i, words) {
            return Ok((
                rest,
                Head {
                    joint: false,
                    plural: *plural,
                    recommendation: *recommendation,
                },
            ));
        }
    }
    if !w.gc_keywords.is_empty() {
        return Err(no_match(i));
    }
    let (rest, (joint, _, _, word)) = (
        opt((|i| any_kw(w.joint, i), sp)),
        kw(GENERAL),
        sp,
        alt((
            kw("comments"),
            kw("comment"),
            kw("recommendations"),
            kw("recommendation"),
        )),
    )
        .parse(i)?;
    Ok((
        rest,
        Head {
            joint: joint.is_some(),
            plural: word.ends_with(['s', 'S']),
            recommendation: word
                .get(..14)
                .is_some_and(|w| w.eq_ignore_ascii_case("recommendation")),
        },
    ))
}

fn no<'a>(w: &Words, i: &'a str) -> PResult<'a, &'a str> {
    any_kw(w.number_signs, i)
}

/// [`phrase`](super::common::phrase) ignoring case (`Observation générale` opening a
/// sentence).
fn phrase_no_case<'a>(i: &'a str, words: &str) -> PResult<'a, &'a str> {
    let mut rest = i;
    for (k, wd) in words.split(' ').enumerate() {
        if k > 0 {
            rest = sp(rest)?.0;
        }
        rest = tag_no_case(wd)(rest)?.0;
    }
    let (rest, _) = word_end(rest)?;
    Ok((rest, i.get(..i.len() - rest.len()).unwrap_or("")))
}

fn number(i: &str) -> PResult<'_, &str> {
    let (rest, n) = alt((
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        take_while_m_n(1, 7, |c: char| matches!(c, 'I' | 'V' | 'X' | 'L')),
    ))
    .parse(i)?;
    let (rest, _) = word_end(rest)?;
    Ok((rest, n))
}

/// `of the Committee on the Rights of the Child`, `du Comité des droits de l’enfant`.
fn of_committee<'a>(w: &Words, i: &'a str) -> PResult<'a, TreatyBody> {
    let Some(rest) = w
        .committee_of
        .iter()
        .find_map(|of| (sp, |i| phrase(i, of), sp).parse(i).ok().map(|(r, _)| r))
    else {
        return Err(no_match(i));
    };
    for b in TreatyBody::ALL {
        let name = if w.committees.is_empty() {
            Some(b.committee_name())
        } else {
            w.committees
                .iter()
                .find(|(acronym, _)| *acronym == b.acronym())
                .map(|(_, n)| *n)
        };
        let Some(name) = name else { continue };
        if let Ok((r, _)) = tag::<_, _, nom::error::Error<&str>>(name)(rest) {
            if word_end(r).is_ok() {
                return Ok((r, b));
            }
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Tag,
    )))
}

struct Entry<'a> {
    number: &'a str,
    year: Option<i32>,
    body: Option<TreatyBody>,
}

/// `No. 31 (2019)`, `32 (2009)`, `VIII`, `No. 24(52)`, `No. 31 of the Committee ... (2019)`.
fn entry<'w>(w: &'w Words, need_no: bool) -> impl Fn(&str) -> PResult<'_, Entry<'_>> + 'w {
    move |i| {
        let (rest, has_no) = opt((|i| no(w, i), sp0)).parse(i)?;
        if need_no && has_no.is_none() {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Verify,
            )));
        }
        let (rest, number) = number(rest)?;
        let (rest, year) = opt((sp0, paren_year)).parse(rest)?;
        let mut year = year.map(|(_, y)| y);
        // An old CCPR session number: `No. 24(52)`.
        let (rest, _) = if year.is_none() {
            opt(recognize((
                sp0,
                char('('),
                take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
                char(')'),
            )))
            .parse(rest)?
        } else {
            (rest, None)
        };
        let (rest, body) = opt(|i| of_committee(w, i)).parse(rest)?;
        let (rest, late_year) = if year.is_none() && body.is_some() {
            opt((sp0, paren_year)).parse(rest)?
        } else {
            (rest, None)
        };
        if let Some((_, y)) = late_year {
            year = Some(y);
        }
        Ok((rest, Entry { number, year, body }))
    }
}

fn implied_body(cx: &Ctx, recommendation: bool) -> Option<TreatyBody> {
    let body = cx.body?;
    let issues_recommendations = matches!(body, TreatyBody::Cedaw | TreatyBody::Cerd);
    (recommendation == issues_recommendations && body != TreatyBody::Spt).then_some(body)
}

/// General-comment references starting at `h`.
pub(crate) fn at(h: &Here<'_>, cx: &Ctx, out: &mut Vec<Found>) -> Option<usize> {
    let first_out = out.len();
    let mut start = h.pos;
    let mut rest = h.input();
    let mut joint = false;
    let mut parts = 0;
    // Where the match ends so far; a failed joint continuation leaves it unchanged.
    let mut end = h.pos;
    loop {
        let Some((r, hd, entries)) = one_part(cx.w, h, start, rest) else {
            if parts == 0 {
                return None;
            }
            break;
        };
        joint |= hd.joint || parts > 0;
        for (s, e_end, e) in entries {
            out.push(Found {
                start: s,
                end: e_end,
                target: RefTarget::GeneralComment {
                    number: e.number.to_string(),
                    year: e.year,
                    body: e.body.or_else(|| implied_body(cx, hd.recommendation)),
                    joint,
                },
            });
        }
        parts += 1;
        end = h.abs(r);
        // Joint GR/GC: `.../general comment No. 18 of the Committee on the Rights of the Child`.
        match (char::<_, nom::error::Error<&str>>('/'), sp0).parse(r) {
            Ok((r2, _)) if parts < 3 => {
                start = h.abs(r2);
                rest = r2;
            }
            _ => break,
        }
    }
    // A joint text shares its year: `No. 31 of CEDAW/general comment No. 18 of CRC (2019)`.
    let all = out.get_mut(first_out..).unwrap_or_default();
    let shared_year = all.iter().find_map(|f| match f.target {
        RefTarget::GeneralComment { year, .. } => year,
        _ => None,
    });
    for f in all.iter_mut() {
        if let RefTarget::GeneralComment {
            year,
            joint: is_joint,
            ..
        } = &mut f.target
        {
            *is_joint = joint;
            if joint && year.is_none() {
                *year = shared_year;
            }
        }
    }
    Some(end)
}

type Spanned<'a> = (usize, usize, Entry<'a>);

/// One keyword with its entries, from `rest` (which starts at byte `start` of the text).
fn one_part<'a>(
    w: &Words,
    h: &Here<'a>,
    start: usize,
    rest: &'a str,
) -> Option<(&'a str, Head, Vec<Spanned<'a>>)> {
    let (r, hd) = head(w, rest).ok()?;
    let (r, _) = sp(r).ok()?;
    let (mut r, e) = entry(w, false)(r).ok()?;
    let mut entries = vec![(start, h.abs(r), e)];
    while let Ok((r1, _)) = list_sep_w(w, r) {
        let Ok((r2, e)) = entry(w, !hd.plural)(r1) else {
            break;
        };
        entries.push((h.abs(r1), h.abs(r2), e));
        r = r2;
    }
    Some((r, hd, entries))
}
