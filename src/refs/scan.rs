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
struct Hints<'a> {
    /// Found on first use: most texts never try that grammar.
    acts: std::cell::OnceCell<Vec<usize>>,
    text: &'a str,
    /// The English keywords (looked up once per text).
    en: &'static EnKeywords,
}

impl Hints<'_> {
    /// Where the text says "Act" as a title word.
    fn acts(&self) -> &[usize] {
        self.acts.get_or_init(|| {
            ACT.find_iter(self.text.as_bytes())
                .filter(|&k| is_title_act(self.text, k))
                .collect()
        })
    }
}

/// What an English keyword opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opens {
    Article,
    Paragraph,
    General,
    Joint,
    Target,
    Resolution,
    Ibid,
    /// The first word of a UN organ (`Human Rights Council resolution 5/1`), capitalised.
    Organ,
    /// A law's kind or prefix (`Act No.`, `Legislative Decree No.`), capitalised.
    Law,
}

/// The English keywords, derived once from the English table ([`crate::un::lang`]) so that
/// the table is the one source of truth, and indexed for the scan's fast path: by the
/// lower-cased first letter, with the first two letters of the keywords that open a
/// reference in any case (a lowercase word is looked at only when its first two letters
/// are such a pair: `the`, `and`, `to`, `in` cost one bit test).
struct EnKeywords {
    /// Keywords matched in any case (`article`, `Paragraphs`), by first letter `a`..`z`.
    any_case: [Vec<(&'static str, Opens)>; 26],
    /// Keywords matched only when the word is capitalised (organs, laws; the rest of the
    /// word in any case), by first letter.
    capitalised: [Vec<(&'static str, Opens)>; 26],
    /// Bit `second` of `pairs[first]`: some any-case keyword starts with these two letters.
    pairs: [u32; 26],
}

/// The index of an ASCII letter, `a` (or `A`) being 0.
fn letter(b: u8) -> Option<usize> {
    b.is_ascii_alphabetic()
        .then(|| usize::from(b.to_ascii_lowercase() - b'a'))
}

impl EnKeywords {
    fn new() -> EnKeywords {
        let w = super::common::en();
        let mut k = EnKeywords {
            any_case: Default::default(),
            capitalised: Default::default(),
            pairs: [0; 26],
        };
        let any_case = w
            .article_keywords
            .iter()
            .map(|x| (*x, Opens::Article))
            .chain(w.paragraph_keywords.iter().map(|x| (*x, Opens::Paragraph)))
            .chain([(general_comment::GENERAL, Opens::General)])
            .chain(w.joint.iter().map(|x| (*x, Opens::Joint)))
            .chain(w.target_keywords.iter().map(|x| (*x, Opens::Target)))
            .chain(
                w.resolution_keywords
                    .iter()
                    .map(|x| (*x, Opens::Resolution)),
            )
            .chain([(document::IBID, Opens::Ibid)]);
        for (word, opens) in any_case {
            // A word of the scan has no full stop: `arts.` is matched as `arts`.
            let word = word.trim_end_matches('.');
            let b = word.as_bytes();
            let (Some(first), Some(second)) = (
                b.first().copied().and_then(letter),
                b.get(1).copied().and_then(letter),
            ) else {
                continue;
            };
            if let (Some(list), Some(bits)) = (k.any_case.get_mut(first), k.pairs.get_mut(first)) {
                if !list.iter().any(|(x, _)| x.eq_ignore_ascii_case(word)) {
                    list.push((word, opens));
                }
                *bits |= 1 << second;
            }
        }
        let first_word = |x: &&'static str| x.split([' ', '-']).next().unwrap_or(x);
        let capitalised = w
            .organs
            .iter()
            .map(|(written, _)| (first_word(written), Opens::Organ))
            .chain(
                w.law_kinds
                    .iter()
                    .chain(w.law_prefixes)
                    .map(|x| (first_word(x), Opens::Law)),
            );
        for (word, opens) in capitalised {
            let Some(first) = word.bytes().next().and_then(letter) else {
                continue;
            };
            // `General` (Assembly) is an any-case keyword already; the first kind wins.
            let known = k
                .any_case
                .get(first)
                .is_some_and(|l| l.iter().any(|(x, _)| x.eq_ignore_ascii_case(word)));
            if let Some(list) = k.capitalised.get_mut(first) {
                if !known && !list.iter().any(|(x, _)| x.eq_ignore_ascii_case(word)) {
                    list.push((word, opens));
                }
            }
        }
        k
    }

    /// Whether a lowercase word starting with these two bytes may be a keyword.
    fn may_open(&self, first: u8, second: Option<u8>) -> bool {
        let (Some(f), Some(s)) = (letter(first), second.and_then(letter)) else {
            return false;
        };
        self.pairs.get(f).is_some_and(|bits| bits & (1 << s) != 0)
    }

    /// What `word` opens, if it is a keyword.
    fn lookup(&self, word: &str) -> Option<Opens> {
        let first = word.as_bytes().first().copied()?;
        let f = letter(first)?;
        let find = |lists: &[Vec<(&'static str, Opens)>; 26]| {
            lists
                .get(f)?
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(word))
                .map(|(_, o)| *o)
        };
        find(&self.any_case).or_else(|| {
            if first.is_ascii_uppercase() {
                self.capitalised
                    .get(f)?
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(word))
                    .map(|(_, o)| *o)
            } else {
                None
            }
        })
    }
}

static EN_KEYWORDS: std::sync::LazyLock<EnKeywords> = std::sync::LazyLock::new(EnKeywords::new);

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
    match hints.en.lookup(word) {
        Some(Opens::Article) => article::at(h, cx, st, out),
        Some(Opens::Paragraph) => paragraph::at(h, cx, st, out),
        Some(Opens::General) => {
            general_comment::at(h, cx, out).or_else(|| resolution::at(h, cx, out))
        }
        Some(Opens::Joint) => general_comment::at(h, cx, out),
        Some(Opens::Target) => sdg::at(h, cx, out),
        Some(Opens::Resolution) => resolution::at(h, cx, out),
        Some(Opens::Ibid) => document::ibid_at(h, cx, st, out),
        _ if !first.is_ascii_uppercase() => None,
        Some(Opens::Organ) => {
            resolution::at(h, cx, out).or_else(|| titled_law(h, hints, cx, st, out))
        }
        Some(Opens::Law) => law::at(h, cx, st, out),
        None => titled_law(h, hints, cx, st, out),
    }
}

/// Whether the `Act` at byte `k` can end a short title (`law::titled`): a title word of
/// its own, after spaces (`Plan of Action`, `Acting` and `-Act` cannot).
fn is_title_act(text: &str, k: usize) -> bool {
    let before = text.get(..k).and_then(|b| b.chars().next_back());
    let after = text.get(k + 3..).and_then(|a| a.chars().next());
    before.is_some_and(is_space) && !after.is_some_and(law::is_title_char)
}

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
        .acts()
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
    let whole = needs_whole_scan(text, cx);
    // The prefilter: a text with no digit and none of those forms has no candidate (the
    // windowed scan would stop before looking at anything, `st` untouched).
    if whole {
        return scan_with(text, cx, st, false);
    }
    let Some(first) = next_digit(text.as_bytes(), 0) else {
        return Vec::new();
    };
    scan_windows(text, cx, st, true, Some(first))
}

/// Whether `text` may hold one of the references without a digit, and so is scanned whole.
fn needs_whole_scan(text: &str, cx: &Ctx) -> bool {
    contains(&IBID_DOT, text)
        || has_roman_recommendation(text)
        || cx.w.article_first_words.iter().any(|f| text.contains(f))
}

/// The fixed strings every text is searched for, their searchers built once (`str::contains`
/// builds one per call, which showed in the profile).
pub(crate) static IBID_DOT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("bid."));
static RECOMMENDATION: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("ecommendation"));
static ACT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("Act"));

/// Whether `text` contains what `finder` looks for.
pub(crate) fn contains(finder: &memchr::memmem::Finder<'_>, text: &str) -> bool {
    finder.find(text.as_bytes()).is_some()
}

/// Whether [`scan`] skips `text` without looking at it (for the test that proves the
/// prefilter conservative).
#[cfg(test)]
fn skipped(text: &str, cx: &Ctx) -> bool {
    !needs_whole_scan(text, cx) && next_digit(text.as_bytes(), 0).is_none()
}

/// Whether `text` has "recommendation(s)" followed by a Roman numeral (`General
/// Recommendation XIII`), the one kind of numbered reference without a digit.
fn has_roman_recommendation(text: &str) -> bool {
    RECOMMENDATION.find_iter(text.as_bytes()).any(|k| {
        let after = text.get(k + RECOMMENDATION.needle().len()..).unwrap_or("");
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
    scan_windows(text, cx, st, windowed, None)
}

/// [`scan_with`], given the text's first digit when the caller found it already.
fn scan_windows(
    text: &str,
    cx: &Ctx,
    st: &mut State,
    windowed: bool,
    mut first_digit: Option<usize>,
) -> Vec<Ref> {
    let mut found: Vec<Found> = Vec::new();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let english = std::ptr::eq(cx.w, super::common::en());
    let hints = Hints {
        acts: std::cell::OnceCell::new(),
        text,
        en: &EN_KEYWORDS,
    };
    let mut pos = 0;
    let mut floor = 0;
    // End of the current window (exclusive); the scan past it jumps to the next one.
    let mut window_end = if windowed { 0 } else { n };
    while pos < n {
        if pos >= window_end {
            // The first window starts at 0, where the caller may have looked already.
            let Some(d) = first_digit.take().or_else(|| next_digit(bytes, pos)) else {
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
            // A lowercase word opens a reference only as a keyword: check two letters
            // before anything else (`the`, `and`, `to`, `in` stop here).
            if english
                && class & LOWER != 0
                && !hints.en.may_open(byte, bytes.get(start + 1).copied())
            {
                continue;
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

/// The first or a continuation byte of a non-ASCII char.
const NON_ASCII: u8 = 2;
/// A lowercase ASCII letter.
const LOWER: u8 = 4;

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
            ALNUM
        } else if c.is_ascii_lowercase() {
            ALNUM | LOWER
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

    /// Every .docx and text input of the fixtures and of `../shared/corpus`, and the French
    /// and Spanish CRPD PDFs (the fixtures have few texts in those languages; all 64 PDFs
    /// would make this test a minute long in a debug build), parsed; unreadable ones (the
    /// `bad` fixtures) are skipped.
    fn every_document() -> Vec<crate::model::Document> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("fixtures"), root.join("../shared/corpus")];
        while let Some(d) = dirs.pop() {
            let Ok(rd) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "txt" || x == "docx") {
                    files.push(p);
                }
            }
        }
        for sym in [
            "ECU_CO_2-3",
            "NOR_CO_1",
            "GRC_CO_1",
            "SAU_CO_1",
            "SLV_CO_2-3",
        ] {
            files.push(root.join(format!("../shared/corpus/crpd-pdf/co/CRPD_C_{sym}.pdf")));
        }
        files.sort();
        assert!(
            files.len() > 100,
            "fixtures and ../shared/corpus: {}",
            files.len()
        );
        files
            .iter()
            .filter_map(|p| crate::parse_file(p, &crate::Options::default()).ok())
            .collect::<Vec<_>>()
    }

    #[test]
    fn the_prefilter_never_skips_a_text_with_a_ref() {
        use crate::model::walk::{walk_mut, PartKind};
        // The reference: the whole scan (no window, no prefilter) of every text in order,
        // a state per stream as `resolve` keeps them. A text the prefilter skips must give
        // nothing there.
        let mut checked = (0usize, 0usize);
        let mut check = |text: &str, cx: &Ctx, st: &mut State| {
            let refs = scan_with(text, cx, st, false);
            if skipped(text, cx) {
                checked.0 += 1;
                assert!(refs.is_empty(), "skipped, yet {refs:?} in {text:?}");
            } else {
                checked.1 += 1;
            }
        };
        for mut doc in every_document() {
            let cx = crate::refs::context(&doc, &crate::Limits::default());
            let (mut st, mut fst) = (State::default(), State::default());
            walk_mut(&mut doc, |t| {
                let state = if t.kind == PartKind::Footnote {
                    &mut fst
                } else {
                    &mut st
                };
                check(t.text, &cx, state);
            });
        }
        use crate::un::lang::Lang;
        for (lang, gold) in [
            (Lang::En, include_str!("../../fixtures/refs/gold.jsonl")),
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
            let cx = Ctx {
                body: Some(TreatyBody::Crc),
                protocol: None,
                ibid: true,
                w: lang.words(),
                members: crate::refs::context::Budget::new(u64::MAX),
            };
            for line in gold.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
                let mut st = State::default();
                let before = v["before"].as_array().cloned().unwrap_or_default();
                for t in before.iter().chain([&v["text"]]) {
                    check(t.as_str().unwrap_or(""), &cx, &mut st);
                }
            }
        }
        // Both sides were exercised: many texts skipped, many scanned.
        assert!(
            checked.0 > 1000 && checked.1 > 1000,
            "(skipped, scanned): {checked:?}"
        );
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
