//! The driver: one left-to-right pass over a text, trying the grammars at word starts (one
//! job; a third of the file is tests).
//!
//! Every reference but two rare forms has a digit within a few words of its start, so the
//! scan only looks at the [`LOOKBACK`] bytes before each digit (texts that may hold the two
//! forms are scanned whole). There, at each word start, the word's first letters pick the
//! grammars worth trying (a capital run before `/` for symbols, `art`/`para`/`general`/... for
//! keywords, an ordinal for meetings), so most words cost a table lookup. A grammar that
//! matches consumes its span and the scan resumes after it, which is what keeps references
//! from overlapping. Offsets are collected in bytes and converted to chars once per text,
//! in one walk.

use crate::model::{Ref, RefTarget};

use super::common::is_space;
use super::context::{Ctx, Found, Here, State};
use super::{article, document, general_comment, law, meeting, paragraph, resolution, sdg};

/// Where a text says "Act": short-titled acts (`Human Rights Act 1998`) can start at any
/// capitalised word, so that grammar is only tried a few words before an "Act".
struct Hints {
    acts: Vec<usize>,
}

/// Tries the grammars worth trying for the word at `h`; returns the end of what matched.
///
/// The word (its ASCII letters and digits) picks the grammars: a keyword that opens a
/// reference (`article`, `paras`, `General`, `Act`, ...), a capital run followed by `/` for
/// symbols, an ordinal for meetings. Everything else is rejected after one comparison.
fn try_at(
    h: &Here<'_>,
    word: &str,
    hints: &Hints,
    cx: &Ctx,
    st: &mut State,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let first = word.as_bytes().first().copied()?;
    if first.is_ascii_digit() {
        // Only an ordinal (`2071st`, `2542ndd`) can open a meeting reference.
        let letters = word.trim_start_matches(|c: char| c.is_ascii_digit());
        return if matches!(letters.len(), 2 | 3) {
            meeting::at(h, cx, out)
        } else {
            None
        };
    }
    let after = h.input().as_bytes().get(word.len()).copied();
    if first.is_ascii_uppercase() && after == Some(b'/') {
        if let Some(end) = document::at(h, cx, st, out) {
            return Some(end);
        }
    }
    let is = |keywords: &[&str]| keywords.iter().any(|k| word.eq_ignore_ascii_case(k));
    let lower = first.to_ascii_lowercase();
    match lower {
        b'a' if is(&["article", "articles", "art", "arts"]) => article::at(h, cx, st, out),
        b'p' if is(&["para", "paras", "paragraph", "paragraphs"]) => paragraph::at(h, cx, st, out),
        b'g' if is(&["general"]) => {
            general_comment::at(h, cx, out).or_else(|| resolution::at(h, cx, out))
        }
        b'j' if is(&["joint"]) => general_comment::at(h, cx, out),
        b't' if is(&["target", "targets"]) => sdg::at(h, cx, out),
        b'r' if is(&["resolution", "resolutions"]) => resolution::at(h, cx, out),
        b'i' if is(&["ibid"]) => document::ibid_at(h, cx, st, out),
        _ if !first.is_ascii_uppercase() => None,
        b'h' | b's' | b'e' | b'c' | b'w'
            if is(&["Human", "Security", "Economic", "Commission", "World"]) =>
        {
            resolution::at(h, cx, out).or_else(|| titled_law(h, hints, cx, st, out))
        }
        b'a' | b'l' | b'd' | b'o' | b'b' | b's' | b'p' | b'e' | b'm' | b'r' | b'f'
            if is(LAW_WORDS) =>
        {
            law::at(h, cx, st, out)
        }
        _ => titled_law(h, hints, cx, st, out),
    }
}

/// Words that open a numbered law (`Act No.`, `Legislative Decree No.`).
const LAW_WORDS: &[&str] = &[
    "Act",
    "Law",
    "Decree",
    "Ordinance",
    "Bill",
    "Legislative",
    "Supreme",
    "Presidential",
    "Executive",
    "Ministerial",
    "Royal",
    "Federal",
    "Organic",
    "Emergency",
];

/// A short-titled act starting at a capitalised word, tried only when "Act" follows soon.
fn titled_law(
    h: &Here<'_>,
    hints: &Hints,
    cx: &Ctx,
    st: &mut State,
    out: &mut Vec<Found>,
) -> Option<usize> {
    // A title is at most a dozen words: "Act" must follow within 200 bytes.
    let near = hints
        .acts
        .iter()
        .any(|&a| a > h.pos && a <= h.pos.saturating_add(200));
    if !near {
        return None;
    }
    law::at(h, cx, st, out)
}

/// Whether `word` (letters only) is one of `keywords` (which may end in a full stop).
fn is_keyword(keywords: &[&str], word: &str) -> bool {
    keywords
        .iter()
        .any(|k| k.trim_end_matches('.').eq_ignore_ascii_case(word))
}

/// Whether `word` is the first word of one of `phrases`.
fn opens_phrase(phrases: impl Iterator<Item = &'static str>, word: &str) -> bool {
    phrases
        .filter_map(|p| p.split(' ').next())
        .any(|first| first.eq_ignore_ascii_case(word))
}

/// [`try_at`] for a language other than English: the word is looked up in the language's
/// tables (French and Spanish keywords start with any letter, accented ones too).
fn try_at_table(
    h: &Here<'_>,
    word: &str,
    cx: &Ctx,
    st: &mut State,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let w = cx.w;
    let first = word.chars().next()?;
    if first.is_ascii_digit() {
        // An ordinal (`481e`, `487ª`) can open a meeting reference.
        let letters = word.trim_start_matches(|c: char| c.is_ascii_digit());
        let grouped = letters.is_empty()
            && !w.thousands_separators.is_empty()
            && crate::un::dates::ordinal_in(w, h.input()).is_ok();
        return if grouped || w.ordinal_suffixes.iter().any(|s| letters.starts_with(s)) {
            meeting::at(h, cx, out)
        } else {
            None
        };
    }
    let after = h.input().as_bytes().get(word.len()).copied();
    if first.is_ascii_uppercase() && after == Some(b'/') {
        if let Some(end) = document::at(h, cx, st, out) {
            return Some(end);
        }
    }
    if is_keyword(w.article_keywords, word) {
        return article::at(h, cx, st, out);
    }
    if is_keyword(w.paragraph_keywords, word) {
        return paragraph::at(h, cx, st, out);
    }
    if is_keyword(w.subparagraph_keywords, word) {
        return paragraph::subparagraphs_at(h, cx, st, out);
    }
    if opens_phrase(w.gc_keywords.iter().map(|(k, _, _)| *k), word) {
        return general_comment::at(h, cx, out);
    }
    if is_keyword(w.target_keywords, word) {
        return sdg::at(h, cx, out);
    }
    if is_keyword(w.resolution_keywords, word) {
        return resolution::at(h, cx, out);
    }
    if word.eq_ignore_ascii_case("ibid") {
        return document::ibid_at(h, cx, st, out);
    }
    if is_keyword(w.meeting_nouns_first, word) {
        return meeting::at(h, cx, out);
    }
    if opens_phrase(w.law_kinds.iter().copied(), word) {
        return law::at(h, cx, st, out);
    }
    None
}

/// Finds the references of one text. `st` carries `ibid.` and "the aforementioned Act"
/// from the texts before it.
pub(crate) fn scan(text: &str, cx: &Ctx, st: &mut State) -> Vec<Ref> {
    if cx.members.exceeded() {
        return Vec::new(); // the pass fails: no more work
    }
    // Only CERD's Roman-numbered recommendations, a bare `Ibid.` and the French `article
    // premier` hold no digit; a text that may have one is scanned whole, every other one
    // only before its digits.
    let whole = text.contains("bid.")
        || has_roman_recommendation(text)
        || cx.w.article_first_words.iter().any(|f| text.contains(f));
    scan_with(text, cx, st, !whole)
}

/// Whether `text` has "recommendation(s)" followed by a Roman numeral (`General
/// Recommendation XIII`), the one kind of numbered reference without a digit.
fn has_roman_recommendation(text: &str) -> bool {
    text.contains("ecommendation")
        && text.match_indices("ecommendation").any(|(k, w)| {
            let after = text.get(k + w.len()..).unwrap_or("");
            let after = after.strip_prefix('s').unwrap_or(after);
            let after = after.trim_start_matches(is_space);
            after.starts_with(['I', 'V', 'X', 'L'])
        })
}

/// How far before its first digit a reference may start: a short-titled act of a dozen
/// words (`Criminal Justice and Public Order Act 1994`) is the longest case; every other
/// kind has a digit within a few words of its start.
const LOOKBACK: usize = 200;

/// The first ASCII digit at or after `from`, sixteen bytes at a time where there is none
/// (the chunk test compiles to vector code).
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 16) {
        if chunk.iter().fold(false, |any, b| any | b.is_ascii_digit()) {
            break;
        }
        i += 16;
    }
    let k = bytes.get(i..)?.iter().position(u8::is_ascii_digit)?;
    Some(i + k)
}

/// The scan. With `windowed`, only the `LOOKBACK` bytes before each digit are looked at:
/// every reference except those [`scan`] excludes has a digit that close to its start, so
/// the refs are the same as from the whole text (a unit test checks it), at a fraction of
/// the cost on prose.
fn scan_with(text: &str, cx: &Ctx, st: &mut State, windowed: bool) -> Vec<Ref> {
    let mut found: Vec<Found> = Vec::new();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let english = std::ptr::eq(cx.w, super::common::en());
    let hints = Hints {
        // `contains` is SIMD-accelerated; `match_indices` is not, so run it only when needed.
        acts: if text.contains("Act") {
            text.match_indices("Act").map(|(k, _)| k).collect()
        } else {
            Vec::new()
        },
    };
    let mut pos = 0;
    let mut floor = 0;
    // End of the current window (exclusive); the scan past it jumps to the next one.
    let mut window_end = if windowed { 0 } else { n };
    while pos < n {
        if pos >= window_end {
            let Some(d) = next_digit(bytes, pos) else {
                break;
            };
            window_end = d + 1;
            let mut start = d.saturating_sub(LOOKBACK).max(pos);
            if start > pos {
                while !text.is_char_boundary(start) {
                    start += 1;
                }
                // Do not start inside a word: skip to its end.
                let inside = text
                    .get(..start)
                    .and_then(|s| s.chars().next_back())
                    .is_some_and(char::is_alphanumeric);
                pos = if inside {
                    skip_word(text, start)
                } else {
                    start
                };
                continue;
            }
        }
        let Some(&byte) = bytes.get(pos) else {
            break;
        };
        let class = class_of(byte);
        // Another language's keywords may start with any letter, accented ones too.
        let other_letter = !english
            && class & NON_ASCII != 0
            && text
                .get(pos..)
                .and_then(|s| s.chars().next())
                .is_some_and(char::is_alphabetic);
        if class & ALNUM != 0 || other_letter {
            // A word start (the loop never stops inside a word). Its ASCII letters and digits:
            let start = pos;
            pos = skip_word(text, pos);
            if english && class & TRIGGER == 0 {
                continue;
            }
            // A lowercase word opens a reference only as a keyword: check two letters
            // before anything else (`the`, `and`, `to`, `in` stop here).
            if english && class & LOWER != 0 {
                let second = bytes.get(start + 1).map(u8::to_ascii_lowercase);
                let keyword_start = matches!(
                    (bytes.get(start).copied(), second),
                    (Some(b'a'), Some(b'r'))
                        | (Some(b'p'), Some(b'a'))
                        | (Some(b'g'), Some(b'e'))
                        | (Some(b'j'), Some(b'o'))
                        | (Some(b't'), Some(b'a'))
                        | (Some(b'r'), Some(b'e'))
                        | (Some(b'i'), Some(b'b'))
                );
                if !keyword_start {
                    continue;
                }
            }
            let word = text.get(start..pos).unwrap_or("");
            let h = Here {
                text,
                pos: start,
                floor,
            };
            let before = found.len();
            let matched = if english {
                try_at(&h, word, &hints, cx, st, &mut found)
            } else {
                try_at_table(&h, word, cx, st, &mut found)
            };
            match matched {
                Some(end) if end > start => {
                    let within = found
                        .get(before..)
                        .unwrap_or_default()
                        .iter()
                        .all(|f| cx.members.spend(&f.target));
                    if !within {
                        break;
                    }
                    st.last_was_document = matches!(
                        found.last(),
                        Some(Found {
                            target: RefTarget::Document { .. },
                            ..
                        })
                    );
                    floor = end;
                    pos = end;
                    // A reference may end inside a word (`para. 12b`): skip the rest of it.
                    let prev_alnum = text
                        .get(..pos)
                        .and_then(|s| s.chars().next_back())
                        .is_some_and(char::is_alphanumeric);
                    if prev_alnum {
                        pos = skip_word(text, pos);
                    }
                }
                _ => found.truncate(before),
            }
        } else if class & NON_ASCII != 0 {
            // A non-ASCII char: a letter (`État`) starts a word no reference starts in.
            let c = text.get(pos..).and_then(|s| s.chars().next());
            pos += c.map_or(1, char::len_utf8);
            if c.is_some_and(char::is_alphanumeric) {
                pos = skip_word(text, pos);
            }
        } else {
            pos += 1;
        }
    }
    to_refs(text, found)
}

/// The end of the word at `pos` (a char boundary): ASCII letters and digits, and non-ASCII
/// letters.
fn skip_word(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(pos) {
        let class = class_of(b);
        if class & ALNUM != 0 {
            pos += 1;
        } else if class & NON_ASCII != 0 {
            match text.get(pos..).and_then(|s| s.chars().next()) {
                Some(c) if c.is_alphanumeric() => pos += c.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    pos
}

/// Byte classes for the scan loop.
const ALNUM: u8 = 1;
/// A byte that can open a reference: a digit, a capital, or the first letter of a
/// lowercase keyword (`article`, `para`, `general`, `joint`, `target`, `resolution`, `ibid`).
const TRIGGER: u8 = 2;
/// The first or a continuation byte of a non-ASCII char.
const NON_ASCII: u8 = 4;
/// A lowercase ASCII letter.
const LOWER: u8 = 8;

/// The class of a byte (a `u8` always indexes the 256-entry table).
fn class_of(b: u8) -> u8 {
    CLASS.get(usize::from(b)).copied().unwrap_or(0)
}

// Built at compile time; `b` < 256 in the loop, so the indexing cannot fail.
#[allow(clippy::indexing_slicing)]
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() || c.is_ascii_uppercase() {
            ALNUM | TRIGGER
        } else if c.is_ascii_lowercase() {
            match c {
                b'a' | b'p' | b'g' | b'j' | b't' | b'r' | b'i' => ALNUM | TRIGGER | LOWER,
                _ => ALNUM | LOWER,
            }
        } else if c >= 0x80 {
            NON_ASCII
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Converts byte spans to char offsets in one walk over the text. `found` is sorted by
/// start and non-overlapping by construction.
fn to_refs(text: &str, found: Vec<Found>) -> Vec<Ref> {
    let mut refs = Vec::with_capacity(found.len());
    let mut chars = 0usize;
    let mut byte = 0usize;
    let char_at = |target: usize, byte: &mut usize, chars: &mut usize| -> usize {
        if let Some(s) = text.get(*byte..target) {
            *chars += s.chars().count();
            *byte = target;
        }
        *chars
    };
    for f in found {
        if f.end <= f.start || f.start < byte {
            continue; // cannot happen; never emit a bad span
        }
        let Some(slice) = text.get(f.start..f.end) else {
            continue;
        };
        let start = char_at(f.start, &mut byte, &mut chars);
        let end = char_at(f.end, &mut byte, &mut chars);
        refs.push(Ref {
            text: slice.to_string(),
            start,
            end,
            target: f.target,
        });
    }
    refs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TreatyBody;
    use proptest::prelude::*;

    fn both(text: &str) -> (Vec<Ref>, Vec<Ref>) {
        both_in(crate::un::lang::Lang::En, text)
    }

    fn both_in(lang: crate::un::lang::Lang, text: &str) -> (Vec<Ref>, Vec<Ref>) {
        let cx = Ctx {
            body: Some(TreatyBody::Crc),
            protocol: None,
            ibid: true,
            w: lang.words(),
            members: crate::refs::context::Budget::new(u64::MAX),
        };
        let a = scan(text, &cx, &mut State::default());
        let b = scan_with(text, &cx, &mut State::default(), false);
        (a, b)
    }

    #[test]
    fn windows_find_what_the_whole_scan_finds_in_the_gold_sentences() {
        let gold = include_str!("../../fixtures/refs/gold.jsonl");
        for line in gold.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
            let text = v["text"].as_str().unwrap_or("");
            let (a, b) = both(text);
            assert_eq!(a, b, "{text}");
        }
    }

    #[test]
    fn windows_find_what_the_whole_scan_finds_in_french_and_spanish() {
        use crate::un::lang::Lang;
        for (lang, gold) in [
            (Lang::Fr, include_str!("../../fixtures/refs/gold_fr.jsonl")),
            (
                Lang::Fr,
                include_str!("../../fixtures/refs/gold_fr_2.jsonl"),
            ),
            (Lang::Es, include_str!("../../fixtures/refs/gold_es.jsonl")),
            (
                Lang::Es,
                include_str!("../../fixtures/refs/gold_es_2.jsonl"),
            ),
        ] {
            for line in gold.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
                let text = v["text"].as_str().unwrap_or("");
                let (a, b) = both_in(lang, text);
                assert_eq!(a, b, "{text}");
            }
        }
    }

    #[test]
    fn next_digit_finds_the_first() {
        let s = b"no digits in this long stretch of words, then 7 and 8";
        assert_eq!(next_digit(s, 0), Some(46));
        assert_eq!(next_digit(s, 47), Some(52));
        assert_eq!(next_digit(b"none", 0), None);
    }

    proptest! {
        #[test]
        fn windows_find_what_the_whole_scan_finds(
            words in prop::collection::vec(prop_oneof![
                Just("Human Rights Act 1998".to_string()),
                Just("Act No. 30251 of 30 September 2014".to_string()),
                Just("article 2 of the aforementioned Act".to_string()),
                Just("CRC/C/SR.2494 and 2495".to_string()),
                Just("paragraphs 19 and 21 above".to_string()),
                Just("2494th and 2495th meetings".to_string()),
                Just("General Assembly resolution 68/268".to_string()),
                Just("targets 5.2 and 5.3".to_string()),
                Just("General Recommendations VIII and XV".to_string()),
                Just("Ibid.".to_string()),
                Just("Committee".to_string()), Just("the".to_string()), Just("État".to_string()), Just("\u{a0}".to_string()),
                Just("and".to_string()), Just(",".to_string()), Just("(".to_string()), Just(")".to_string()), Just("12".to_string()),
                "[A-Za-z]{1,12}".prop_map(|s| s),
            ], 0..120)
        ) {
            let text = words.join(" ");
            let (a, b) = both(&text);
            prop_assert_eq!(a, b);
        }
    }
}
