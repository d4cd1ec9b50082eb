//! Meetings of the committee, by their numeric ordinals.
//!
//! ```text
//! meetingref = ordinal , { ( list_sep | range_sep ) , ordinal } , " meeting" , [ "s" ] ;
//! ```
//!
//! `2494th and 2495th meetings`, `2071st meeting`, `36th to 38th meetings`,
//! `82nd, 83rd and 84th meetings`. The committee's meetings are always "its" meetings
//! (`at its 2071st meeting`), so the word before must be `its`: `the 3rd meeting of the
//! Working Group` is someone else's. Ordinals spelt in words (`the Fourteenth Meeting of
//! States Parties`) are not matched either.

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::Parser;

use super::common::{is_space, list_sep, range_sep, sp, word_end, MAX_RANGE};
use super::scan::{Found, Here};
use crate::model::RefTarget;
use crate::un::dates::ordinal;

/// A meeting reference starting at `h`.
pub(crate) fn at(h: &Here<'_>, out: &mut Vec<Found>) -> Option<usize> {
    let before = h.before().trim_end_matches(is_space);
    let its = before
        .strip_suffix("its")
        .is_some_and(|b| b.chars().next_back().is_none_or(|c| !c.is_alphanumeric()));
    if !its {
        return None;
    }
    let (mut rest, first) = ordinal(h.input()).ok()?;
    let mut meetings = vec![first];
    loop {
        let last = meetings.last().copied().unwrap_or(0);
        if let Ok((r, (_, m))) = (range_sep, ordinal).parse(rest) {
            if m > last && m - last <= MAX_RANGE {
                meetings.extend(last + 1..=m);
                rest = r;
                continue;
            }
        }
        if let Ok((r, (_, m))) = (list_sep, ordinal).parse(rest) {
            meetings.push(m);
            rest = r;
            continue;
        }
        break;
    }
    let (rest, _) = (sp, alt((tag("meetings"), tag("meeting"))), word_end)
        .parse(rest)
        .ok()?;
    let end = h.abs(rest);
    out.push(Found {
        start: h.pos,
        end,
        target: RefTarget::Meeting { meetings },
    });
    Some(end)
}
