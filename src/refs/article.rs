//! Article references, with the instrument resolved. One job (the longest grammar: lists,
//! levels, ranges and the instrument rules below), hence the length.
//!
//! ```text
//! artref  = ( "articles" | "article" | "arts." | "art." ) , item , { list_sep , item }
//!         , [ [","] , " of " , instrument ] ;
//! item    = number , [ levels ] , [ range_sep , number ]        5-7, 6 to 27 (expanded)
//!         , [ ", " , ( "paragraph" | "para." ) , label ]        article 8, paragraph 1
//!         , { list_sep , level } ;                              article 4 (a) and (b)
//! number  = digits , [ "." , digits ] ;                          9, 18.1
//! levels  = level , { level } ;                                 5 (d) (v)
//! level   = "(" , [ "paras." ] , label , { list_sep , label } , ")" ;   (1 and 2), (paras. 1 and 3)
//! ```
//!
//! The keyword and the instrument carry across the whole list: in
//! `arts. 4, 42 and 44, para. 6 of the Convention` every article is the Convention's.
//!
//! Instruments: "the Convention", "the present Convention", "the Covenant" are the
//! committee's own treaty ([`TreatyBody::home_instrument`]); "the Optional Protocol" is the
//! protocol under review in an OPSC/OPAC document, else the body's protocol when it has
//! one; a known treaty named in full keeps its canonical name; any other capitalised name
//! is kept as written. With no instrument written, the document's own protocol or treaty is
//! meant — unless the article number exceeds that treaty's last article (`a new article
//! 130` in a review under a 17-article protocol), when the instrument is `null`.
//!
//! National law: `article 153 of the Criminal Code`, `article 2 of the aforementioned Act`
//! are **emitted** as article references with `domestic: true` and the law as instrument
//! (the aforementioned act resolved to the last law named). A reader marking references
//! would mark them, and a consumer counting treaty articles filters on `domestic`. When
//! the law is named by number (`article 2 of Act No. 19122`) the article reference ends
//! before `of`, so that the law keeps its own `law` reference.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1, take_while_m_n};
use nom::character::complete::{char, one_of};
use nom::combinator::{opt, recognize};
use nom::multi::many1;
use nom::Parser;

use super::common::{
    any_kw, any_phrase, dash, kw, label, list_sep_w, para_kw_w, paren_label, phrase, range_sep_w,
    sp, sp0, word_end, PResult, MAX_RANGE,
};
use super::context::{Ctx, Found, Here, State};
use super::law;
use crate::model::{ArticleRef, RefTarget};
use crate::un::bodies::{max_articles, TREATIES};
use crate::un::lang::Words;

/// The instrument an article reference names (or implies).
#[derive(Debug, Clone, PartialEq)]
struct Resolved {
    name: Option<String>,
    domestic: bool,
}

impl Resolved {
    fn treaty(name: impl Into<String>) -> Self {
        Resolved {
            name: Some(name.into()),
            domestic: false,
        }
    }
}

fn art_number<'a>(w: &Words, i: &'a str) -> PResult<'a, &'a str> {
    // `article premier`.
    if let Ok((rest, _)) = super::common::any_word(w.article_first_words, i) {
        return Ok((rest, "1"));
    }
    let (rest, n) = recognize((
        take_while_m_n(1, w.article_max_digits, |c: char| c.is_ascii_digit()),
        alt((
            // `article 3A (1)`: an article inserted after article 3.
            recognize(one_of("ABCDEFGH")),
            recognize(opt((
                char('.'),
                take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            ))),
        )),
    ))
    .parse(i)?;
    // `article 1er`: a suffix that adds nothing.
    let rest = w
        .article_number_suffixes
        .iter()
        .find_map(|s| rest.strip_prefix(s).filter(|r| word_end(r).is_ok()))
        .unwrap_or(rest);
    let (rest, _) = word_end(rest)?;
    Ok((rest, n))
}

/// `(1 and 2)`, `(d)`, `(paras. 1 and 3)`: the labels of one level.
fn level<'a>(w: &Words, i: &'a str) -> PResult<'a, Vec<String>> {
    let (mut rest, (_, _, _, _, first)) =
        (sp0, char('('), sp0, opt((|i| para_kw_w(w, i), sp0)), label).parse(i)?;
    let mut labels = vec![first.to_string()];
    while let Ok((r, (_, l))) = (|i| list_sep_w(w, i), label).parse(rest) {
        labels.push(l.to_string());
        rest = r;
    }
    let (mut rest, _) = (sp0, char(')')).parse(rest)?;
    // `27 (1)-(3)`, `37 (b)-(d)`: a range of sub-divisions.
    if let Ok((r, (_, _, _, last))) = (sp0, dash, sp0, paren_label).parse(rest) {
        if let Some(from) = labels.last() {
            match label_range(from, last) {
                Some(more) => labels.extend(more),
                None => labels.push(last.to_string()),
            }
            rest = r;
        }
    }
    Ok((rest, labels))
}

/// The labels after `from` up to `to`: `1`-`3` gives `2`, `3`; `b`-`d` gives `c`, `d`.
/// `None` for anything else (Roman numerals, mixed kinds, reversed or huge ranges).
fn label_range(from: &str, to: &str) -> Option<Vec<String>> {
    if let (Ok(a), Ok(b)) = (from.parse::<u32>(), to.parse::<u32>()) {
        return (b > a && b - a <= MAX_RANGE).then(|| (a + 1..=b).map(|k| k.to_string()).collect());
    }
    let (mut fa, mut fb) = (from.chars(), to.chars());
    match (fa.next(), fa.next(), fb.next(), fb.next()) {
        (Some(a), None, Some(b), None)
            if a.is_ascii_lowercase() && b.is_ascii_lowercase() && b > a =>
        {
            Some(
                (u8::try_from(a).ok()? + 1..=u8::try_from(b).ok()?)
                    .map(|c| char::from(c).to_string())
                    .collect(),
            )
        }
        _ => None,
    }
}

/// Every path through the levels: `[[1, 2], [a]]` gives `1 (a)`, `2 (a)`.
fn paths(levels: &[Vec<String>]) -> Vec<String> {
    if levels.is_empty() {
        return Vec::new(); // the common case, without the allocations below
    }
    let mut out: Vec<String> = vec![String::new()];
    for (depth, labels) in levels.iter().enumerate() {
        let mut next = Vec::with_capacity(out.len() * labels.len());
        for prefix in &out {
            for l in labels {
                next.push(if depth == 0 {
                    l.clone()
                } else {
                    format!("{prefix} ({l})")
                });
            }
        }
        out = next;
        if out.len() > MAX_RANGE as usize {
            break;
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// One item of the list; a range gives several articles.
fn item<'a>(w: &Words, i: &'a str) -> PResult<'a, Vec<ArticleRef>> {
    let (rest, n) = art_number(w, i)?;
    let (mut rest, levels) = opt(many1(|i| level(w, i))).parse(rest)?;
    let levels = levels.unwrap_or_default();
    if levels.is_empty() {
        if let Ok((r, (_, m))) = (|i| range_sep_w(w, i), |i| art_number(w, i)).parse(rest) {
            if let (Ok(a), Ok(b)) = (n.parse::<u32>(), m.parse::<u32>()) {
                if b > a && b - a <= MAX_RANGE {
                    let arts = (a..=b)
                        .map(|k| ArticleRef {
                            article: k.to_string(),
                            paragraphs: vec![],
                        })
                        .collect();
                    return Ok((r, arts));
                }
            }
        }
    }
    let mut paragraphs = paths(&levels);
    // `article 8, paragraph 1` / `art. 2, para. 1`.
    if let Ok((r, (_, _, _, _, _, l))) =
        (sp0, char(','), sp0, |i| para_kw_w(w, i), sp0, label).parse(rest)
    {
        paragraphs.push(l.to_string());
        rest = r;
    }
    // `article 4 (a) and (b)`: more provisions of the same article.
    if !paragraphs.is_empty() {
        while let Ok((r, (_, more))) = (|i| list_sep_w(w, i), many1(|i| level(w, i))).parse(rest) {
            paragraphs.extend(paths(&more));
            rest = r;
        }
    }
    Ok((
        rest,
        vec![ArticleRef {
            article: n.to_string(),
            paragraphs,
        }],
    ))
}

fn articles<'a>(w: &Words, i: &'a str) -> PResult<'a, Vec<ArticleRef>> {
    let (mut rest, mut arts) = item(w, i)?;
    while let Ok((r, (_, more))) = (|i| list_sep_w(w, i), |i| item(w, i)).parse(rest) {
        arts.extend(more);
        rest = r;
        if arts.len() > MAX_RANGE as usize {
            break;
        }
    }
    Ok((rest, arts))
}

/// A capitalised name: `Criminal Code`, `Children and Adolescents Code`, `Universal
/// Declaration of Human Rights`. Trailing joiners are not part of it.
fn capitalised_name<'a>(w: &Words, i: &'a str) -> PResult<'a, &'a str> {
    let word = |i| {
        take_while1(|c: char| c.is_alphanumeric() || c == '-' || c == '\u{2019}' || c == '\'')(i)
    };
    let (mut rest, first) = word(i)?;
    if !first.starts_with(|c: char| c.is_uppercase()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let mut end = rest;
    let mut prev = first;
    for _ in 0..15 {
        let Ok((r, (_, wd))) = (sp, word).parse(rest) else {
            break;
        };
        // `the Convention and the Committee's ...`: "and the" starts another noun phrase,
        // and a possessive is never inside an instrument's name.
        if (prev == "and" && wd == "the") || wd.ends_with("'s") || wd.ends_with("\u{2019}s") {
            break;
        }
        let adjective = prev == first && w.name_adjectives.contains(&wd);
        prev = wd;
        if wd.starts_with(|c: char| c.is_uppercase()) || adjective {
            end = r;
        } else if !w.name_joiners.contains(&wd) {
            break;
        }
        rest = r;
    }
    let len = i.len() - end.len();
    Ok((end, i.get(..len).unwrap_or("")))
}

/// `Convention`/`Covenant` in the document's language, as the English word.
fn own_treaty_word(cx: &Ctx, name: &str) -> Option<&'static str> {
    let k = cx.w.own_treaty.iter().position(|t| *t == name)?;
    crate::refs::common::en().own_treaty.get(k).copied()
}

fn home(cx: &Ctx, word: &str) -> Option<String> {
    let home = cx.body?.home_instrument();
    home.contains(word).then(|| home.to_string())
}

fn optional_protocol(cx: &Ctx) -> Option<String> {
    if let Some(p) = cx.protocol {
        return Some(p.name().to_string());
    }
    cx.body?.optional_protocol()
}

/// What the text after `of the` names.
fn named_instrument<'a>(i: &'a str, cx: &Ctx, st: &State) -> PResult<'a, Resolved> {
    // "the aforementioned Act": the last law named.
    if let Ok((r, (_, _, kind))) = (
        alt((
            tag("aforementioned"),
            tag("above-mentioned"),
            tag("abovementioned"),
            tag("aforesaid"),
            tag("said"),
        )),
        sp,
        alt((kw("Act"), kw("Law"), kw("Decree"), kw("Code"))),
    )
        .parse(i)
    {
        let name = match (&st.last_law, kind) {
            (Some(l), "Act" | "Law" | "Decree") => l.clone(),
            _ => kind.to_string(),
        };
        return Ok((
            r,
            Resolved {
                name: Some(name),
                domestic: true,
            },
        ));
    }
    for (name, _) in TREATIES {
        if let Ok((r, _)) = phrase(i, name) {
            return Ok((r, Resolved::treaty(*name)));
        }
    }
    let w = cx.w;
    let (i2, present) = match (tag::<_, _, nom::error::Error<&str>>(w.present), sp).parse(i) {
        Ok((r, _)) => (r, true),
        Err(_) => (i, false),
    };
    let (r, name) = capitalised_name(w, i2)?;
    let resolved = if let Some(word) = own_treaty_word(cx, name) {
        // "the Convention", "du Pacte", "de la Convención": the committee's own treaty.
        Resolved {
            name: Some(home(cx, word).unwrap_or_else(|| name.to_string())),
            domestic: false,
        }
    } else {
        // Squashed only here: the own treaty (the common case) does not need it.
        let squashed = super::common::squash_spaces(name);
        if w.optional_protocol.contains(&squashed.as_str()) {
            Resolved {
                name: Some(optional_protocol(cx).unwrap_or_else(|| name.to_string())),
                domestic: false,
            }
        } else if present {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Verify,
            )));
        } else {
            let words = || name.split(super::common::is_space);
            let domestic = words().any(|x| w.domestic_words.contains(&x))
                && !words().any(|x| w.treaty_words.contains(&x));
            Resolved {
                name: Some(squashed),
                domestic,
            }
        }
    };
    Ok((r, resolved))
}

/// `of the Convention`, `, of the Optional Protocol`, `of Act No. 19122`. The bool says
/// whether the phrase belongs to the article reference's span.
fn instrument<'a>(i: &'a str, cx: &Ctx, st: &State) -> Option<(&'a str, Resolved, bool)> {
    let w = cx.w;
    let (r0, _) = (opt((sp0, char(','))), sp).parse(i).ok()?;
    // `of Act No. 19122`, `de la loi no 2005-102`: the law keeps its own reference.
    for of in w.law_of {
        let Ok((r, _)) = (tag(*of), sp).parse(r0) else {
            continue;
        };
        if let Ok((_, name)) = law::name(w, r) {
            return Some((
                i,
                Resolved {
                    name: Some(name),
                    domestic: true,
                },
                false,
            ));
        }
    }
    // `of the Convention`, `de la Convention`, `du Pacte`, `de l’Accord` (no space after an
    // elided article).
    for of in w.instrument_of {
        let Ok((r, _)) = any_phrase(&[*of], r0) else {
            // `de l’` ends in an apostrophe, which `phrase` cannot end a word with.
            let Some(r) = r0.strip_prefix(of).filter(|_| of.ends_with(['’', '\''])) else {
                continue;
            };
            if let Ok((r, resolved)) = named_instrument(r, cx, st) {
                return Some((r, resolved, true));
            }
            continue;
        };
        let Ok((r, _)) = sp(r) else { continue };
        if let Ok((r, resolved)) = named_instrument(r, cx, st) {
            return Some((r, resolved, true));
        }
    }
    None
}

/// `paragraphe 3 de l’article 4 de la Convention`, `párrafo 2 del artículo 35 de la
/// Convención`: the paragraph first, then its article (French and Spanish).
pub(crate) fn paragraph_first(
    h: &Here<'_>,
    cx: &Ctx,
    st: &mut State,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let w = cx.w;
    if w.paragraph_of_article.is_empty() {
        return None;
    }
    let (mut rest, (_, _, first)) = (|i| para_kw_w(w, i), sp0, label).parse(h.input()).ok()?;
    let mut labels = vec![first.to_string()];
    while let Ok((r, (_, l))) = (|i| list_sep_w(w, i), label).parse(rest) {
        labels.push(l.to_string());
        rest = r;
    }
    let (rest, _) = sp(rest).ok()?;
    let rest = w.paragraph_of_article.iter().find_map(|p| {
        let r = rest.strip_prefix(p)?;
        // `de l’article` runs on; `del artículo` is followed by a space.
        Some(sp0(r).map_or(r, |(r, _)| r))
    })?;
    let (rest, n) = art_number(w, rest).ok()?;
    let arts = vec![ArticleRef {
        article: n.to_string(),
        paragraphs: labels,
    }];
    let (rest, resolved) = match instrument(rest, cx, st) {
        Some((r, res, true)) => (r, res),
        Some((_, res, false)) => (rest, res),
        None => (rest, default_instrument(cx, &arts)),
    };
    let end = h.abs(rest);
    out.push(Found {
        start: h.pos,
        end,
        target: RefTarget::Article {
            instrument: resolved.name,
            domestic: resolved.domestic,
            articles: arts,
        },
    });
    Some(end)
}

/// The instrument when none is written: the protocol under review, else the own treaty.
fn default_instrument(cx: &Ctx, arts: &[ArticleRef]) -> Resolved {
    let name = match cx.protocol {
        Some(p) => Some(p.name().to_string()),
        None => cx.body.map(|b| b.home_instrument().to_string()),
    };
    let within = |name: &str| {
        let max = max_articles(name).unwrap_or(u32::MAX);
        arts.iter().all(|a| {
            let digits = a.article.bytes().take_while(u8::is_ascii_digit).count();
            a.article
                .get(..digits)
                .and_then(|n| n.parse::<u32>().ok())
                .is_some_and(|n| n <= max)
        })
    };
    Resolved {
        name: name.filter(|n| within(n)),
        domestic: false,
    }
}

/// An article reference starting at `h`.
pub(crate) fn at(h: &Here<'_>, cx: &Ctx, st: &mut State, out: &mut Vec<Found>) -> Option<usize> {
    let w = cx.w;
    let (rest, (_, _, arts)) = (|i| any_kw(w.article_keywords, i), sp0, |i| articles(w, i))
        .parse(h.input())
        .ok()?;
    let (rest, resolved) = match instrument(rest, cx, st) {
        Some((r, res, true)) => (r, res),
        Some((_, res, false)) => (rest, res),
        None => (rest, default_instrument(cx, &arts)),
    };
    let target = RefTarget::Article {
        instrument: resolved.name,
        domestic: resolved.domestic,
        articles: arts,
    };
    h.found(rest, target, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arts(s: &str) -> Vec<(String, Vec<String>)> {
        articles(crate::refs::common::en(), s)
            .unwrap()
            .1
            .into_iter()
            .map(|a| (a.article, a.paragraphs))
            .collect()
    }

    fn a(n: &str, p: &[&str]) -> (String, Vec<String>) {
        (n.to_string(), p.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn lists() {
        assert_eq!(
            arts("3, 4 (2 and 3) and 5-7)"),
            [
                a("3", &[]),
                a("4", &["2", "3"]),
                a("5", &[]),
                a("6", &[]),
                a("7", &[])
            ]
        );
        assert_eq!(
            arts("2 (c), 3, 5 (a) and 15"),
            [a("2", &["c"]), a("3", &[]), a("5", &["a"]), a("15", &[])]
        );
        assert_eq!(arts("5 (d) (v))"), [a("5", &["d (v)"])]);
        assert_eq!(arts("4 (a) and (b) of"), [a("4", &["a", "b"])]);
        assert_eq!(
            arts("4, 42 and 44, para. 6 of"),
            [a("4", &[]), a("42", &[]), a("44", &["6"])]
        );
        assert_eq!(
            arts("2 (paras. 1 and 3), 3"),
            [a("2", &["1", "3"]), a("3", &[])]
        );
        assert_eq!(arts("18.1 and 27.2"), [a("18.1", &[]), a("27.2", &[])]);
        assert_eq!(arts("3A (1) and 4"), [a("3A", &["1"]), a("4", &[])]);
        assert_eq!(arts("2 (1) (d) and 4"), [a("2", &["1 (d)"]), a("4", &[])]);
        assert_eq!(
            arts("26, 27 (1)-(3) and 33"),
            [a("26", &[]), a("27", &["1", "2", "3"]), a("33", &[])]
        );
        assert_eq!(
            arts("37 (b)\u{2013}(d), 38"),
            [a("37", &["b", "c", "d"]), a("38", &[])]
        );
        assert_eq!(arts("2 (i)-(iii)"), [a("2", &["i", "iii"])]);
    }
}
