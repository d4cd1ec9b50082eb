//! Dates and ordinals as UN documents write them: `29 January 2016`,
//! `11-29 January 2016`, `21 November-9 December 2016`, `2071st`, `seventy-first`. The
//! words come from the language tables ([`super::lang`]); the parsers without a language
//! argument read English. Shared by the structure builder (title footnote, first-page date)
//! and the reference grammars (meetings, laws).

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::combinator::opt;
use nom::Parser;

use super::lang::{Lang, Words};
use super::lex::{dash, is_dash, sp, sp0, word_end, PResult};

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ymd {
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
}

impl Ymd {
    /// `2016-01-29`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    fn valid(year: i32, month: u32, day: u32) -> Option<Ymd> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Ymd { year, month, day })
    }
}

/// The English tables, which the parsers without a language argument read.
fn en() -> &'static Words {
    Lang::En.words()
}

fn month<'a>(w: &Words, i: &'a str) -> PResult<'a, u32> {
    for (k, name) in w.months.iter().enumerate() {
        if let Ok((rest, _)) = tag::<_, _, nom::error::Error<&str>>(*name)(i) {
            if let Ok((rest, _)) = word_end(rest) {
                return Ok((rest, k as u32 + 1));
            }
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Tag,
    )))
}

fn day(i: &str) -> PResult<'_, u32> {
    let (rest, d) = take_while_m_n(1, 2, |c: char| c.is_ascii_digit())(i)?;
    let (rest, _) = word_end(rest)?;
    Ok((rest, d.parse().unwrap_or(0)))
}

fn year(i: &str) -> PResult<'_, i32> {
    let (rest, y) = take_while_m_n(4, 4, |c: char| c.is_ascii_digit())(i)?;
    let (rest, _) = word_end(rest)?;
    Ok((rest, y.parse().unwrap_or(0)))
}

fn invalid(i: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))
}

/// `29 January 2016` (also with a no-break space).
pub(crate) fn date(i: &str) -> PResult<'_, Ymd> {
    date_in(en(), i)
}

/// A date in `w`'s language: `29 January 2016`, `29 janvier 2016`, `29 de enero de 2016`.
pub(crate) fn date_in<'a>(w: &Words, i: &'a str) -> PResult<'a, Ymd> {
    let joiner = |i: &'a str| -> PResult<'a, ()> {
        let (rest, _) = sp(i)?;
        match w.date_joiner {
            Some(j) => {
                let (rest, _) = (tag(j), word_end, sp).parse(rest)?;
                Ok((rest, ()))
            }
            None => Ok((rest, ())),
        }
    };
    let (rest, d) = day(i)?;
    let (rest, _) = joiner(rest)?;
    let (rest, m) = month(w, rest)?;
    let (rest, _) = joiner(rest)?;
    let (rest, y) = year(rest)?;
    Ymd::valid(y, m, d).map(|v| (rest, v)).ok_or(invalid(i))
}

/// A standalone date in any language with a table (first-page dates).
pub(crate) fn date_any(i: &str) -> PResult<'_, Ymd> {
    let mut last = Err(invalid(i));
    for l in Lang::ALL {
        last = date_in(l.words(), i);
        if last.is_ok() {
            break;
        }
    }
    last
}

/// A date or a range of dates: `29 January 2016`, `11-29 January 2016`,
/// `21 November-9 December 2016`, `11 February–1 March 2013`. Returns the first and last day.
#[allow(dead_code)] // for the structure builder (session dates)
pub(crate) fn date_range(i: &str) -> PResult<'_, (Ymd, Ymd)> {
    // `21 November-9 December 2016`
    let long = |i| {
        let (rest, (d1, _, m1, _, _, _, last)) =
            (day, sp, |i| month(en(), i), sp0, dash, sp0, date).parse(i)?;
        Ymd::valid(last.year, m1, d1)
            .map(|first| (rest, (first, last)))
            .ok_or(invalid(i))
    };
    // `11-29 January 2016`
    let short = |i| {
        let (rest, (d1, _, _, _, last)) = (day, sp0, dash, sp0, date).parse(i)?;
        Ymd::valid(last.year, last.month, d1)
            .map(|first| (rest, (first, last)))
            .ok_or(invalid(i))
    };
    alt((long, short, |i| date(i).map(|(r, d)| (r, (d, d))))).parse(i)
}

/// Finds the first date in `s` (a scan, for metadata). Returns it with its byte range.
#[cfg(test)]
pub(crate) fn find_date(s: &str) -> Option<(usize, Ymd)> {
    find_date_in(en(), s)
}

/// [`find_date`] in `w`'s language.
pub(crate) fn find_date_in(w: &Words, s: &str) -> Option<(usize, Ymd)> {
    let mut prev_alnum = false;
    for (k, c) in s.char_indices() {
        if c.is_ascii_digit() && !prev_alnum {
            if let Some(rest) = s.get(k..) {
                if let Ok((_, d)) = date_in(w, rest) {
                    return Some((k, d));
                }
            }
        }
        prev_alnum = c.is_alphanumeric();
    }
    None
}

/// A numeric ordinal: `2071st`, `82nd`, `3rd`, `36th`, tolerating a doubled last letter
/// (`2542ndd`, seen in real documents). Returns the number.
#[cfg(test)]
pub(crate) fn ordinal(i: &str) -> PResult<'_, u32> {
    ordinal_in(en(), i)
}

/// A numeric ordinal in `w`'s language: `2071st`, `481e`, `1er`, `487ª`, `22º`.
pub(crate) fn ordinal_in<'a>(w: &Words, i: &'a str) -> PResult<'a, u32> {
    let (mut rest, first) = take_while_m_n(1, 6, |c: char| c.is_ascii_digit())(i)?;
    let mut d = first.to_string();
    // `1 885e`: groups of three digits after a thousands separator.
    while let Some(after) = rest
        .strip_prefix(|c: char| w.thousands_separators.contains(&c))
        .filter(|_| d.len() <= 3)
    {
        let Ok((r, group)) =
            take_while_m_n::<_, _, nom::error::Error<&str>>(3, 3, |c: char| c.is_ascii_digit())(
                after,
            )
        else {
            break;
        };
        if r.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        d.push_str(group);
        rest = r;
    }
    let Some((rest, suffix)) = w
        .ordinal_suffixes
        .iter()
        .find_map(|s| tag::<_, _, nom::error::Error<&str>>(*s)(rest).ok())
    else {
        return Err(invalid(i));
    };
    let Some(last) = suffix.chars().last() else {
        return Err(invalid(i));
    };
    let (rest, _) = opt(nom::character::complete::char(last)).parse(rest)?;
    let (rest, _) = word_end(rest)?;
    d.parse().map(|n| (rest, n)).map_err(|_| invalid(i))
}

/// An ordinal in words, 1-199: `seventy-first` gives 71, `hundred and third` gives 103,
/// `one hundred and twelfth` gives 112 (case-insensitive; any dash between tens and units).
#[cfg(test)]
pub(crate) fn ordinal_word(s: &str) -> Option<u32> {
    ordinal_word_in(en(), s)
}

/// An ordinal in words in `w`'s language, 1-199.
pub(crate) fn ordinal_word_in(w: &Words, s: &str) -> Option<u32> {
    if !w.cardinal_units.is_empty() {
        return ordinal_from_cardinals(w, s);
    }
    let lower = s.trim().to_lowercase();
    let mut rest = lower.as_str();
    let mut base = 0;
    for prefix in w.hundred_prefixes {
        if let Some(r) = rest.strip_prefix(prefix) {
            base = 100;
            rest = r;
            break;
        }
    }
    if base == 100 && (rest == "th" || rest.is_empty()) {
        return None;
    }
    if let Some(k) = w
        .unit_ordinals
        .iter()
        .position(|w| !w.is_empty() && *w == rest)
    {
        return Some(base + k as u32);
    }
    if let Some(k) = w
        .tens_ordinals
        .iter()
        .position(|w| !w.is_empty() && *w == rest)
    {
        return Some(base + 10 * k as u32);
    }
    let (tens, unit) = rest.split_once(|c: char| c == '-' || is_dash(c))?;
    let t = w.tens.iter().position(|w| !w.is_empty() && *w == tens)?;
    let u = w
        .unit_ordinals
        .iter()
        .take(10)
        .position(|w| !w.is_empty() && *w == unit)?;
    Some(base + 10 * t as u32 + u as u32)
}

/// Spaces and dashes between the words of a number, as one separator.
fn squash_number(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for part in s
        .split(|c: char| c == '-' || c == ' ' || is_dash(c) || c == '\u{a0}')
        .filter(|p| !p.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(part);
    }
    out
}

/// A cardinal 1-99 built from the table the French way: `vingt-deux`, `vingt-et-un`,
/// `soixante-et-onze`, `soixante-douze`, `quatre-vingt-onze` (separators squashed to `-`).
fn cardinal(w: &Words, n: u32) -> Option<String> {
    let unit = |k: u32| w.cardinal_units.get(k as usize).copied();
    let tens = w.tens.get((n / 10) as usize).copied();
    Some(match n {
        1..=19 => unit(n)?.to_string(),
        20..=69 | 80..=89 => {
            let t = tens?;
            match n % 10 {
                0 => t.to_string(),
                1 if n < 80 => format!("{t}-et-{}", unit(1)?),
                u => format!("{t}-{}", unit(u)?),
            }
        }
        70..=79 | 90..=99 => {
            let t = tens?;
            match n % 10 {
                1 if n < 80 => format!("{t}-et-{}", unit(11)?),
                u => format!("{t}-{}", unit(10 + u)?),
            }
        }
        _ => return None,
    })
}

/// An ordinal built from cardinals (French): the last word takes `ième` (`unième`,
/// `cinquième`, `neuvième`, `quatre-vingtième`); `premier`/`première` alone is 1.
fn ordinal_from_cardinals(w: &Words, s: &str) -> Option<u32> {
    let lower = squash_number(&s.trim().to_lowercase());
    if lower == "centième" {
        return Some(100);
    }
    // `cent vingt-troisième`: the prefix is a word of its own.
    let (base, rest) = match w.hundred_prefixes.iter().find_map(|p| {
        lower
            .strip_prefix(&squash_number(p))
            .and_then(|r| r.strip_prefix('-'))
    }) {
        Some(r) => (100, r.to_string()),
        None => (0, lower.clone()),
    };
    if base == 0 && (rest == "premier" || rest == "première") {
        return Some(1);
    }
    let stem = rest.strip_suffix("ième")?;
    (1..=99).find_map(|n| {
        let c = cardinal(w, n)?;
        let c_stem = if let Some(x) = c.strip_suffix("cinq") {
            format!("{x}cinqu")
        } else if let Some(x) = c.strip_suffix("neuf") {
            format!("{x}neuv")
        } else {
            c.strip_suffix('e').unwrap_or(&c).to_string()
        };
        (c_stem == stem).then_some(base + n)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date("29 January 2016").unwrap().1.iso(), "2016-01-29");
        assert_eq!(date("5\u{a0}December 2016.").unwrap().1.iso(), "2016-12-05");
        assert!(date("31 February 2016").is_err());
        assert!(date("29 Januaryx 2016").is_err());
        let (_, (a, b)) = date_range("11-29 January 2016").unwrap();
        assert_eq!(
            (a.iso(), b.iso()),
            ("2016-01-11".into(), "2016-01-29".into())
        );
        let (_, (a, b)) = date_range("21 November-9 December 2016").unwrap();
        assert_eq!(
            (a.iso(), b.iso()),
            ("2016-11-21".into(), "2016-12-09".into())
        );
        let (_, (a, b)) = date_range("11 February\u{2013}1 March 2013").unwrap();
        assert_eq!(
            (a.iso(), b.iso()),
            ("2013-02-11".into(), "2013-03-01".into())
        );
        assert_eq!(
            find_date("held on 24 and 25 November 2016").map(|(_, d)| d.iso()),
            Some("2016-11-25".into())
        );
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("2071st meeting").unwrap(), (" meeting", 2071));
        assert_eq!(ordinal("2542ndd").unwrap().1, 2542);
        assert!(ordinal("2071stx").is_err());
        assert_eq!(ordinal_word("seventy-first"), Some(71));
        assert_eq!(ordinal_word("Ninety\u{2011}first"), Some(91));
        assert_eq!(ordinal_word("fourteenth"), Some(14));
        assert_eq!(ordinal_word("twentieth"), Some(20));
        assert_eq!(ordinal_word("one hundred and third"), Some(103));
        assert_eq!(ordinal_word("seventy"), None);
    }

    #[test]
    fn french_and_spanish() {
        let fr = Lang::Fr.words();
        let es = Lang::Es.words();
        assert_eq!(
            date_in(fr, "29 janvier 2016").unwrap().1.iso(),
            "2016-01-29"
        );
        assert_eq!(
            date_in(es, "29 de enero de 2016").unwrap().1.iso(),
            "2016-01-29"
        );
        assert_eq!(date_any("21 octobre 2019").unwrap().1.iso(), "2019-10-21");
        assert_eq!(
            date_any("1 de octubre de 2019").unwrap().1.iso(),
            "2019-10-01"
        );
        assert_eq!(ordinal_in(fr, "2071e séance").unwrap(), (" séance", 2071));
        assert_eq!(ordinal_in(fr, "665ème").unwrap().1, 665);
        assert_eq!(ordinal_in(es, "2071ª sesión").unwrap(), (" sesión", 2071));
        assert_eq!(ordinal_in(es, "71er").unwrap().1, 71);
        for (words, n) in [
            ("vingt-deuxième", 22),
            ("vingt et unième", 21),
            ("soixante et onzième", 71),
            ("soixante-douzième", 72),
            ("soixante-dix-septième", 77),
            ("quatre-vingtième", 80),
            ("quatre-vingt-onzième", 91),
            ("trente-cinquième", 35),
            ("dix-neuvième", 19),
            ("premier", 1),
            ("cent unième", 101),
            ("centième", 100),
            ("cent vingt-troisième", 123),
        ] {
            assert_eq!(ordinal_word_in(fr, words), Some(n), "{words}");
        }
        assert_eq!(ordinal_word_in(fr, "vingt"), None);
    }
}
