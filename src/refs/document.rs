//! References to UN documents: a symbol, its shortened continuations and its pinpoint.
//!
//! ```text
//! docref = symbol , [ dash , symbol ]                    joint GR/GC: CEDAW/C/GC/31-CRC/C/GC/18
//!        , { continuation } , [ pinpoint ] ;
//! continuation = ( list_sep | range_sep ) , number       CERD/C/SR.2494 and 2495, SR.1432 to 1434
//!              | " and " , ( "Add." | "Corr." | "Rev." ) , number     .../Add.1 and Corr.1
//!              | " and Adds." , number , { list_sep , number }        E/C.12/GBR/5 and Adds.1 and 2
//! pinpoint = [ "," ] , ( "para." | "paras." | "paragraph(s)" ) , para_list ;
//! ibid     = "ibid." , [ pinpoint ] ;                   the document of the previous reference
//! ```
//!
//! Numeric continuations only follow a dotted last segment (`SR.2494`, `Add.1`), must
//! increase, and stay within 100 of the previous number, so prose numbers after a symbol are
//! not swallowed.

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::opt;
use nom::Parser;

use super::common::{dash, kw, list_sep_w, pinpoint_w, range_sep_w, sp, uint, PResult, MAX_RANGE};
use super::context::{Ctx, Found, Here, State};
use crate::model::RefTarget;
use crate::un::lang::Words;
use crate::un::symbol::{self, Seg};

/// The symbols a document reference names.
pub(crate) struct Symbols {
    /// Every symbol, expanded and rendered.
    pub all: Vec<String>,
}

/// A symbol with its joint partner and continuations, without pinpoint.
pub(crate) fn symbols<'a>(w: &Words, i: &'a str) -> PResult<'a, Symbols> {
    let (mut rest, first) = symbol::symbol(i)?;
    let mut all = vec![first.render()];
    // Joint symbols glued by a dash: `CEDAW/C/GC/31-CRC/C/GC/18`.
    if let Ok((r, (_, other))) = (dash, symbol::symbol).parse(rest) {
        all.push(other.render());
        rest = r;
        return Ok((rest, Symbols { all }));
    }
    // `Adds.1–4` inside the symbol itself.
    if let Some(Seg::Dotted("Adds", n)) = first.segs.last() {
        let (r, more) = number_continuations(w, rest, *n);
        rest = r;
        all.clear();
        for k in std::iter::once(*n).chain(more) {
            all.push(first.render_with_last(&Seg::Dotted("Add", k)));
        }
        return Ok((rest, Symbols { all }));
    }
    if let Some(Seg::Dotted(prefix, n)) = first.segs.last() {
        let (r, more) = number_continuations(w, rest, *n);
        rest = r;
        let mut last = more.last().copied().unwrap_or(*n);
        for k in more {
            all.push(first.render_with_last(&Seg::Dotted(prefix, k)));
        }
        // `CRPD/C/6/SR.3 and SR.4`: the next summary record with its prefix repeated.
        // Bounded like every list (`MAX_RANGE` members).
        for _ in 0..(if *prefix == "SR" { MAX_RANGE } else { 0 }) {
            let Ok((r, (_, _, m))) = (|i| list_sep_w(w, i), tag("SR."), uint).parse(rest) else {
                break;
            };
            if m <= last || m - last > 100 {
                break;
            }
            all.push(first.render_with_last(&Seg::Dotted(prefix, m)));
            last = m;
            rest = r;
        }
    }
    // `and Corr.1`, `and Add.1`, `and Adds.1 and 2`.
    while let Some((r, (_, _, _, pre, _, n))) = w.and.iter().find_map(|conj| {
        (
            sp,
            tag(*conj),
            sp,
            alt((tag("Adds"), tag("Add"), tag("Corr"), tag("Rev"))),
            tag("."),
            uint,
        )
            .parse(rest)
            .ok()
    }) {
        let base_all = all.clone();
        let Some(base) = base_all.last() else { break };
        if pre == "Adds" {
            let (r2, more) = number_continuations(w, r, n);
            rest = r2;
            for k in std::iter::once(n).chain(more) {
                all.push(format!("{}/Add.{k}", strip_suffix(base)));
            }
        } else {
            rest = r;
            let stem = if pre == "Add" {
                strip_suffix(base)
            } else {
                base.as_str()
            };
            all.push(format!("{stem}/{pre}.{n}"));
        }
    }
    Ok((rest, Symbols { all }))
}

/// `E/C.12/GBR/5/Add.1` gives `E/C.12/GBR/5`: the document an addendum belongs to.
fn strip_suffix(s: &str) -> &str {
    match s.rsplit_once('/') {
        Some((stem, last)) if last.starts_with("Add.") => stem,
        _ => s,
    }
}

/// `, 2542 and 2543`, ` to 1434`, `-84` after a dotted number `n`: the numbers named.
fn number_continuations<'a>(w: &Words, mut rest: &'a str, n: u32) -> (&'a str, Vec<u32>) {
    let mut out = Vec::new();
    let mut last = n;
    loop {
        if out.len() > MAX_RANGE as usize {
            return (rest, out);
        }
        if let Ok((r, (_, m))) = (|i| range_sep_w(w, i), uint).parse(rest) {
            if m > last && m - last <= 100 {
                out.extend(last + 1..=m);
                last = m;
                rest = r;
                continue;
            }
        }
        if let Ok((r, (_, m))) = (|i| list_sep_w(w, i), uint).parse(rest) {
            if m > last && m - last <= 100 {
                out.push(m);
                last = m;
                rest = r;
                continue;
            }
        }
        return (rest, out);
    }
}

/// A document reference starting at `h`.
pub(crate) fn at(h: &Here<'_>, cx: &Ctx, st: &mut State, out: &mut Vec<Found>) -> Option<usize> {
    if !symbol::may_precede(h.prev_char()) {
        return None;
    }
    let i = h.input();
    let (rest, syms) = symbols(cx.w, i).ok()?;
    let (rest, paragraphs) = match opt(|i| pinpoint_w(cx.w, i)).parse(rest) {
        Ok((r, p)) => (r, p.unwrap_or_default()),
        Err(_) => (rest, Vec::new()),
    };
    let end = h.abs(rest);
    push(out, st, cx, h.pos, end, syms, paragraphs);
    Some(end)
}

/// Records a document ref from `start` to `end`, remembered for a later `ibid.` where the
/// stream allows it.
pub(crate) fn push(
    out: &mut Vec<Found>,
    st: &mut State,
    cx: &Ctx,
    start: usize,
    end: usize,
    syms: Symbols,
    paragraphs: Vec<String>,
) {
    if cx.ibid {
        st.last_document = Some(syms.all.clone());
    }
    out.push(Found {
        start,
        end,
        target: RefTarget::Document {
            symbol: syms.all.first().cloned().unwrap_or_default(),
            symbols: syms.all,
            paragraphs,
        },
    });
}

/// The keyword of [`ibid_at`] (every language writes it so).
pub(crate) const IBID: &str = "ibid.";

/// `ibid., para. 163`: the document of the previous document reference in the same stream.
/// A bare `Ibid.` is taken only when the reference just before it was a document.
pub(crate) fn ibid_at(
    h: &Here<'_>,
    cx: &Ctx,
    st: &mut State,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let (rest, _) = kw(IBID)(h.input()).ok()?;
    let (rest, paragraphs) = match pinpoint_w(cx.w, rest) {
        Ok((r, p)) => (r, p),
        Err(_) if st.last_was_document => (rest, Vec::new()),
        Err(_) => return None,
    };
    let symbols = st.last_document.clone()?;
    let end = h.abs(rest);
    out.push(Found {
        start: h.pos,
        end,
        target: RefTarget::Document {
            symbol: symbols.first().cloned().unwrap_or_default(),
            symbols,
            paragraphs,
        },
    });
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &str) -> Vec<String> {
        symbols(crate::refs::common::en(), s).unwrap().1.all
    }

    #[test]
    fn expansions() {
        assert_eq!(
            all("CERD/C/SR.2494 and 2495)"),
            ["CERD/C/SR.2494", "CERD/C/SR.2495"]
        );
        assert_eq!(
            all("CCPR/C/SR.2541, 2542 and 2543"),
            ["CCPR/C/SR.2541", "CCPR/C/SR.2542", "CCPR/C/SR.2543"]
        );
        assert_eq!(
            all("CRC/C/SR.1432 to 1434"),
            ["CRC/C/SR.1432", "CRC/C/SR.1433", "CRC/C/SR.1434"]
        );
        assert_eq!(
            all("E/C.12/GBR/5 and Adds.1 and 2"),
            ["E/C.12/GBR/5", "E/C.12/GBR/5/Add.1", "E/C.12/GBR/5/Add.2"]
        );
        assert_eq!(
            all("CRC/C/PER/Q/4-5/Add.1 and Corr.1"),
            ["CRC/C/PER/Q/4-5/Add.1", "CRC/C/PER/Q/4-5/Add.1/Corr.1"]
        );
        assert_eq!(
            all("CCPR/C/128/3/Adds.1\u{2013}4"),
            [
                "CCPR/C/128/3/Add.1",
                "CCPR/C/128/3/Add.2",
                "CCPR/C/128/3/Add.3",
                "CCPR/C/128/3/Add.4"
            ]
        );
        assert_eq!(
            all("CEDAW/C/GC/31-CRC/C/GC/18"),
            ["CEDAW/C/GC/31", "CRC/C/GC/18"]
        );
        assert_eq!(
            all("CRPD/C/6/SR.3 and SR.4)"),
            ["CRPD/C/6/SR.3", "CRPD/C/6/SR.4"]
        );
        // Not a continuation: decreasing, or too far.
        assert_eq!(all("CRC/C/SR.2104, 15 January"), ["CRC/C/SR.2104"]);
    }
}
