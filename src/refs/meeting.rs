//! Meetings of the committee, by their numeric ordinals.
//!
//! ```text
//! meetingref = ordinal , { ( list_sep | range_sep ) , ordinal } , " " , meeting_noun
//!            | meeting_noun_first , " " , ordinal , { ( list_sep | range_sep ) , ordinal } ;
//! ```
//!
//! `2494th and 2495th meetings`, `2071st meeting`, `36th to 38th meetings`,
//! `82nd, 83rd and 84th meetings`, `481e et 482e séances`, `504e séance`, `506ª sesión`,
//! `sesiones 487ª y 488ª` (Spanish puts the plural noun first). The committee's meetings
//! are always "its" meetings (`at its 2071st meeting`, `à sa 504e séance`, `en sus sesiones
//! …`), so the word before must be the possessive of the language's table: `the 3rd meeting
//! of the Working Group` is someone else's. Ordinals spelt in words (`the Fourteenth Meeting
//! of States Parties`) are not matched either.

use nom::Parser;

use super::common::{any_kw, any_word, is_space, list_sep_w, range_sep_w, sp, MAX_RANGE};
use super::context::{Ctx, Found, Here};
use crate::model::RefTarget;
use crate::un::dates::ordinal_in;
use crate::un::lang::Words;

/// Whether the text before ends with the committee's possessive (`its`, `sa`, `sus`).
fn after_its(w: &Words, before: &str) -> bool {
    let before = before.trim_end_matches(is_space);
    w.its.iter().any(|its| {
        before
            .strip_suffix(its)
            .is_some_and(|b| b.chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// `2494th and 2495th`, `36th to 38th`: the meeting numbers, ranges expanded.
fn ordinals<'a>(w: &Words, i: &'a str) -> Option<(&'a str, Vec<u32>)> {
    let (mut rest, first) = ordinal_in(w, i).ok()?;
    let mut meetings = vec![first];
    while meetings.len() <= MAX_RANGE as usize {
        let last = meetings.last().copied().unwrap_or(0);
        if let Ok((r, (_, m))) = (|i| range_sep_w(w, i), |i| ordinal_in(w, i)).parse(rest) {
            if m > last && m - last <= MAX_RANGE {
                meetings.extend(last + 1..=m);
                rest = r;
                continue;
            }
        }
        if let Ok((r, (_, m))) = (|i| list_sep_w(w, i), |i| ordinal_in(w, i)).parse(rest) {
            meetings.push(m);
            rest = r;
            continue;
        }
        break;
    }
    Some((rest, meetings))
}

/// A meeting reference starting at `h`.
pub(crate) fn at(h: &Here<'_>, cx: &Ctx, out: &mut Vec<Found>) -> Option<usize> {
    let w = cx.w;
    if !after_its(w, h.before()) {
        return None;
    }
    let rest = if let Ok((r, _)) = any_kw(w.meeting_nouns_first, h.input()) {
        // `sesiones 487ª y 488ª`.
        let (r, _) = sp(r).ok()?;
        let (r, meetings) = ordinals(w, r)?;
        return h.found(r, RefTarget::Meeting { meetings }, out);
    } else {
        h.input()
    };
    let (rest, meetings) = ordinals(w, rest)?;
    let (rest, _) = (sp, |i| any_word(w.meeting_nouns, i)).parse(rest).ok()?;
    h.found(rest, RefTarget::Meeting { meetings }, out)
}
