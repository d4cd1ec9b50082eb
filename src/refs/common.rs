//! Small nom pieces shared by the reference grammars: spaces and dashes as extraction
//! damages them, list separators, numbers, and the paragraph-number lists used by both
//! internal references (`paragraphs 19 and 21 above`) and pinpoints (`, paras. 9 and 10`).
//!
//! Every parser works on `&str` and returns the unconsumed rest, so callers compute byte
//! offsets as `input.len() - rest.len()`; no parser ever slices by a computed index.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::char;
use nom::combinator::{map, opt, recognize, verify};
use nom::multi::many1;
use nom::Parser;

use crate::un::lang::{Lang, Words};
pub(crate) use crate::un::lex::{dash, is_space, sp, sp0, word_end, PResult};

/// The English words, for the parsers without a language argument.
pub(crate) fn en() -> &'static Words {
    Lang::En.words()
}

/// Upper bound on the members a range may expand to (`paras. 12-14`, `arts. 5-30`), so that
/// a damaged or hostile `1-999999999` cannot blow up the output; a list stops growing past
/// it too. The document as a whole is bounded by `Limits::max_ref_members`.
pub(crate) const MAX_RANGE: u32 = 200;

/// A keyword, matched ASCII-case-insensitively (keywords are ASCII; this is much cheaper
/// than Unicode lowercasing), that must end a word (`art.` ends with its dot).
pub(crate) fn kw<'a>(word: &'static str) -> impl Fn(&'a str) -> PResult<'a, &'a str> {
    move |i| {
        let n = word.len();
        let matched = i
            .as_bytes()
            .get(..n)
            .is_some_and(|b| b.eq_ignore_ascii_case(word.as_bytes()));
        // `n` is a char boundary of `i` because the matched bytes are ASCII.
        let (Some(k), Some(rest)) = (i.get(..n), i.get(n..)) else {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Tag,
            )));
        };
        if !matched {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Tag,
            )));
        }
        if word.ends_with('.') {
            Ok((rest, k))
        } else {
            word_end(rest).map(|(r, _)| (r, k))
        }
    }
}

/// A keyword error at `i`.
pub(crate) fn no_match(i: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag))
}

/// The first of `words` (each matched as [`kw`] does) that `i` starts with.
pub(crate) fn any_kw<'a>(words: &'static [&'static str], i: &'a str) -> PResult<'a, &'a str> {
    words
        .iter()
        .find_map(|k| kw(k)(i).ok())
        .ok_or_else(|| no_match(i))
}

/// The first of `words` that `i` starts with, case-sensitively, ending a word.
pub(crate) fn any_word<'a>(words: &[&'static str], i: &'a str) -> PResult<'a, &'a str> {
    words
        .iter()
        .find_map(|k| {
            let rest = i.strip_prefix(k)?;
            word_end(rest).ok()?;
            Some((rest, i.get(..k.len()).unwrap_or("")))
        })
        .ok_or_else(|| no_match(i))
}

/// The first of `phrases` (spaces matching any run of whitespace, see [`phrase`]) that `i`
/// starts with.
pub(crate) fn any_phrase<'a>(phrases: &[&'static str], i: &'a str) -> PResult<'a, &'a str> {
    phrases
        .iter()
        .find_map(|p| phrase(i, p).ok())
        .ok_or_else(|| no_match(i))
}

/// List separator: `, and `, `, ` or ` and ` (also `,and` damaged), with the conjunctions
/// of `w` (`et`, `y`). Order matters: the longest form first.
pub(crate) fn list_sep_w<'a>(w: &Words, i: &'a str) -> PResult<'a, &'a str> {
    for conj in w.and {
        if let Ok(r) = recognize((sp0, char(','), sp, tag(*conj), sp)).parse(i) {
            return Ok(r);
        }
    }
    if let Ok(r) = recognize((sp0, char(','), sp0)).parse(i) {
        return Ok(r);
    }
    for conj in w.and {
        if let Ok(r) = recognize((sp, tag(*conj), sp)).parse(i) {
            return Ok(r);
        }
    }
    Err(no_match(i))
}

/// Range separator: a dash (with optional spaces around it) or ` to ` (`à`, `a`: the range
/// words of `w`).
pub(crate) fn range_sep_w<'a>(w: &Words, i: &'a str) -> PResult<'a, &'a str> {
    if let Ok(r) = recognize((sp0, dash, sp0)).parse(i) {
        return Ok(r);
    }
    for to in w.to {
        if let Ok(r) = recognize((sp, tag(*to), sp)).parse(i) {
            return Ok(r);
        }
    }
    Err(no_match(i))
}

/// An unsigned number of at most nine digits, ending a word.
pub(crate) fn uint(i: &str) -> PResult<'_, u32> {
    let (rest, digits) = take_while_m_n(1, 9, |c: char| c.is_ascii_digit())(i)?;
    let (rest, _) = word_end(rest)?;
    match digits.parse::<u32>() {
        Ok(n) => Ok((rest, n)),
        Err(_) => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        ))),
    }
}

/// A four-digit year from 1900 to 2099 in parentheses: `(2013)`, with optional inner spaces.
pub(crate) fn paren_year(i: &str) -> PResult<'_, i32> {
    map(
        verify(
            (
                char('('),
                sp0,
                take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
                sp0,
                char(')'),
            ),
            |(_, _, y, _, _): &(char, &str, &str, &str, char)| {
                y.starts_with("19") || y.starts_with("20")
            },
        ),
        |(_, _, y, _, _)| y.parse::<i32>().unwrap_or_default(),
    )
    .parse(i)
}

/// A sub-division label inside parentheses: `(a)`, `(ii)`, `(2)`; returns the label.
pub(crate) fn paren_label(i: &str) -> PResult<'_, &str> {
    let (rest, (_, _, label, _, _)) = (char('('), sp0, label, sp0, char(')')).parse(i)?;
    Ok((rest, label))
}

/// A bare sub-division label: one to three digits, or one to five lowercase letters (a
/// letter or a Roman numeral).
pub(crate) fn label(i: &str) -> PResult<'_, &str> {
    alt((
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        take_while_m_n(1, 5, |c: char| c.is_ascii_lowercase()),
    ))
    .parse(i)
}

/// A sub-division label as `w`'s language writes it: `(a)` in English, `a)` in French and
/// Spanish; returns the label.
pub(crate) fn paren_label_w<'a>(w: &Words, i: &'a str) -> PResult<'a, &'a str> {
    if w.closing_labels {
        let (rest, (l, _)) = (label, char(')')).parse(i)?;
        Ok((rest, l))
    } else {
        paren_label(i)
    }
}

/// A paragraph number with its nested sub-divisions, normalised: `4 (a) (ii)`, `12`.
/// Returns the number and the written sub-division path.
fn para_item<'a>(w: &Words, i: &'a str) -> PResult<'a, (u32, Vec<&'a str>)> {
    let (rest, n) = verify(uint, |n| *n > 0).parse(i)?;
    let (rest, subs) = opt(many1(map((sp0, |i| paren_label_w(w, i)), |(_, l)| l))).parse(rest)?;
    Ok((rest, (n, subs.unwrap_or_default())))
}

/// One element of a paragraph list: a number with sub-divisions, or a range `12-14` /
/// `12 to 14` (no sub-divisions), expanded.
fn para_element<'a>(w: &Words, i: &'a str) -> PResult<'a, Vec<String>> {
    // `párr. 14.2`: a decimal paragraph number (views and decisions number them so).
    if let Ok((rest, num)) = recognize((
        verify(uint, |n| *n > 0),
        char('.'),
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        word_end,
    ))
    .parse(i)
    {
        return Ok((rest, vec![num.to_string()]));
    }
    let (mut rest, (n, subs)) = para_item(w, i)?;
    // `71 (b) and (d)`, `71 b) y d)`: more provisions of the same paragraph.
    if let Some((_, parents)) = subs.split_last() {
        let mut out = vec![join_path_w(w, n, &subs)];
        while let Ok((r, (_, _, l))) =
            (|i| list_sep_w(w, i), sp0, |i| paren_label_w(w, i)).parse(rest)
        {
            let mut path = parents.to_vec();
            path.push(l);
            out.push(join_path_w(w, n, &path));
            rest = r;
        }
        return Ok((rest, out));
    }
    if subs.is_empty() {
        if let Ok((after, (_, m))) = (|i| range_sep_w(w, i), verify(uint, |m| *m > n)).parse(rest) {
            if m - n <= MAX_RANGE {
                return Ok((after, (n..=m).map(|k| k.to_string()).collect()));
            }
        }
    }
    Ok((rest, vec![join_path_w(w, n, &subs)]))
}

/// `4` + `["a", "ii"]` gives `4 (a) (ii)`, as `w`'s language writes labels: `4 a) ii)` in
/// French and Spanish.
pub(crate) fn join_path_w(w: &Words, n: impl std::fmt::Display, subs: &[&str]) -> String {
    let mut s = n.to_string();
    for l in subs {
        if w.closing_labels {
            s.push(' ');
            s.push_str(l);
            s.push(')');
        } else {
            s.push_str(" (");
            s.push_str(l);
            s.push(')');
        }
    }
    s
}

/// A list of paragraph numbers: `9 and 10`, `34-48 and 91-96`, `11, 23, 32 and 34`,
/// `4 (a) (ii)`. Ranges are expanded. The list ends once it holds more than [`MAX_RANGE`]
/// members (the rest of the text is scanned as usual), so that one reference cannot grow
/// without bound (`1-199, 1-199, ...`).
#[cfg(test)]
pub(crate) fn para_list(i: &str) -> PResult<'_, Vec<String>> {
    para_list_w(en(), i)
}

/// [`para_list`] in `w`'s language: `9 et 11`, `12 à 14`, `20 y 21`, `4 a) ii)`.
pub(crate) fn para_list_w<'a>(w: &Words, i: &'a str) -> PResult<'a, Vec<String>> {
    let (mut rest, mut out) = para_element(w, i)?;
    while out.len() <= MAX_RANGE as usize {
        let Ok((after_sep, _)) = list_sep_w(w, rest) else {
            break;
        };
        match para_element(w, after_sep) {
            Ok((after, more)) => {
                out.extend(more);
                rest = after;
            }
            Err(_) => break,
        }
    }
    Ok((rest, out))
}

/// The paragraph keyword in `w`'s language: `paragraphs`, `paragraph`, `paras.`, `para.`
/// (any case), `paragraphe`, `par.`, `párrafos`, `párr.`.
pub(crate) fn para_kw_w<'a>(w: &Words, i: &'a str) -> PResult<'a, &'a str> {
    any_kw(w.paragraph_keywords, i)
}

/// A pinpoint after a document: `, paras. 9 and 10`, ` para. 4 (a) (ii)`, `, par. 9 et
/// 11`, `, párrs. 20 y 21`. Returns the paragraphs.
pub(crate) fn pinpoint_w<'a>(w: &Words, i: &'a str) -> PResult<'a, Vec<String>> {
    let (rest, (_, _, _, _, list)) = (
        opt((sp0, char(','))),
        sp0,
        |i| para_kw_w(w, i),
        sp0,
        |i| para_list_w(w, i),
    )
        .parse(i)?;
    Ok((rest, list))
}

/// The byte offset of `rest` inside `whole`, given that `rest` is a suffix of `whole`.
pub(crate) fn consumed(whole: &str, rest: &str) -> usize {
    whole.len().saturating_sub(rest.len())
}

/// Collapses runs of whitespace (including no-break spaces and soft breaks) to one ASCII
/// space, for normalised values such as law names.
pub(crate) fn squash_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if is_space(c) {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out.trim().to_string()
}

/// A fixed phrase whose spaces may be any run of whitespace (a no-break space, a soft
/// break), ending a word: `phrase("General Assembly")` matches `General\u{a0}Assembly`.
pub(crate) fn phrase<'a>(i: &'a str, words: &str) -> PResult<'a, &'a str> {
    // Most calls try a phrase that `i` does not start with (the list of treaty names):
    // reject on the first word before splitting the phrase.
    let first = words.bytes().position(|b| b == b' ').unwrap_or(words.len());
    let head = words.as_bytes().get(..first).unwrap_or_default();
    if !i.as_bytes().starts_with(head) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )));
    }
    let mut rest = i;
    let mut words = words;
    // The words one by one, a space between two meaning a run of spaces (a byte loop:
    // `split` showed in the profile).
    loop {
        let space = words.bytes().position(|b| b == b' ');
        let w = words.get(..space.unwrap_or(words.len())).unwrap_or("");
        rest = tag(w)(rest)?.0;
        let Some(more) = space.and_then(|k| words.get(k + 1..)) else {
            break;
        };
        rest = sp(rest)?.0;
        words = more;
    }
    let (rest, _) = word_end(rest)?;
    Ok((rest, i.get(..consumed(i, rest)).unwrap_or("")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_expand_ranges_and_keep_subdivisions() {
        assert_eq!(
            para_list("34-48 and 91-93;").unwrap().1.len(),
            15 + 3,
            "ranges expand"
        );
        assert_eq!(
            para_list("9 and 10)").unwrap(),
            (")", vec!["9".into(), "10".into()])
        );
        assert_eq!(
            para_list("4 (a) (ii))").unwrap().1,
            vec!["4 (a) (ii)".to_string()]
        );
        assert_eq!(
            para_list("11, 23, 32 and 34 above").unwrap().1,
            vec!["11", "23", "32", "34"]
        );
        assert_eq!(para_list("12\u{2013}14").unwrap().1, vec!["12", "13", "14"]);
        // A separator not followed by a number is left unconsumed.
        assert_eq!(para_list("12 and the").unwrap().0, " and the");
    }

    #[test]
    fn huge_ranges_are_not_expanded() {
        assert_eq!(para_list("1-999999").unwrap().1, vec!["1"]);
    }
}
