//! The UN document-symbol grammar (un-conventions.md §1), by structure rather than by a list
//! of known prefixes, and what is read with it: whole-token symbols on a first page, the
//! symbol in a file name, State reports and their concluding observations. One job, UN
//! symbols, hence the length (a third of it tests).
//!
//! ```text
//! symbol  = root , "/" , segment , { "/" , segment } , [ " (Vol. I)" | " (Part I)" ] ;
//! root    = 1-6 capital letters ;                     CRC, CCPR, E, A, HRI
//! segment = dotted | word | number ;
//! dotted  = ( capitals | "Add" | "Adds" | "Rev" | "Corr" | "Amend" | "Sub" ) , "." , digits ;
//!                                                      C.12, SR.2071, Add.1, WG.6, L.41
//! word    = 1-8 capital letters ;                     C, PER, CO, Q, OPSC, CORE
//! number  = digits , [ dash , digits ] ;              5, 4-5, 21-23, 2007
//! ```
//!
//! A symbol has at least two segments after its root and at least one digit, so `and/or`,
//! `HIV/AIDS`, `4/5`, `11/12/2016` and `24/7` never match. Extraction damage is tolerated:
//! a space or soft break after a slash (`CRC/C/OPSC/ IND/CO/1`) or after the dot of a dotted
//! segment (`CRC/C/SR. 1988`), and any dash in a combined-report range.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::char;
use nom::combinator::opt;
use nom::Parser;

use super::bodies::FILE_NAME_ROOTS;
use super::lex::{dash, is_dash, sp, sp0, word_end, PResult};

/// Words that say what a document is rather than whose it is; used to tell a State report
/// (`CRC/C/PER/4-5`) from concluding observations, lists of issues, records and the like.
const TYPE_WORDS: &[&str] = &[
    "CO", "Q", "QPR", "RQ", "LOIPR", "SR", "GC", "L", "CORE", "GEN", "RES", "HRC", "WG", "CRP",
    "INF", "NGO", "PV", "R", "WP", "OPSC", "OPAC", "OPIC", "C", "CN", "AC", "CONF", "PRST", "CR",
    "FU", "ICM", "MC", "DEC", "PET", "SP", "OP", "CMW", "CRC", "CED",
];

/// Modification suffixes (`Add.1`, `Rev.1`, `Corr.1`, `Amend.1`).
const SUFFIXES: &[&str] = &["Add", "Rev", "Corr", "Amend"];

/// One `/`-separated component of a symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg<'a> {
    /// `SR.2071`, `Add.1`, `C.12`: a prefix and a number.
    Dotted(&'a str, u32),
    /// `PER`, `CO`, `OPSC`.
    Word(&'a str),
    /// `5`, `4-5` (range normalised to an ASCII hyphen).
    Num(u32, Option<u32>),
}

/// A parsed symbol: the root and its segments, plus a parenthetical such as `(Vol. I)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Symbol<'a> {
    /// `CRC`, `E`, `A`.
    pub root: &'a str,
    /// Everything after the root.
    pub segs: Vec<Seg<'a>>,
    /// `Vol. I`, `Part I`, without the parentheses.
    pub extra: Option<&'a str>,
}

impl Symbol<'_> {
    /// The symbol in its canonical form: slashes without spaces, ASCII hyphens.
    pub fn render(&self) -> String {
        let mut s = String::with_capacity(24);
        s.push_str(self.root);
        for seg in &self.segs {
            s.push('/');
            push_seg(&mut s, seg);
        }
        if let Some(x) = self.extra {
            s.push_str(" (");
            s.push_str(x);
            s.push(')');
        }
        s
    }

    /// The symbol with its last segment replaced.
    pub fn render_with_last(&self, last: &Seg<'_>) -> String {
        let mut s = String::with_capacity(24);
        s.push_str(self.root);
        let n = self.segs.len();
        for seg in self.segs.iter().take(n.saturating_sub(1)) {
            s.push('/');
            push_seg(&mut s, seg);
        }
        s.push('/');
        push_seg(&mut s, last);
        s
    }
}

fn push_seg(s: &mut String, seg: &Seg<'_>) {
    match seg {
        Seg::Dotted(p, n) => {
            s.push_str(p);
            s.push('.');
            push_u32(s, *n);
        }
        Seg::Word(w) => s.push_str(w),
        Seg::Num(a, b) => {
            push_u32(s, *a);
            if let Some(b) = b {
                s.push('-');
                push_u32(s, *b);
            }
        }
    }
}

/// Appends the decimal digits of `n` without going through `fmt` (this runs for every
/// symbol found).
fn push_u32(s: &mut String, n: u32) {
    let mut buf = [0u8; 10];
    let mut k = buf.len();
    let mut n = n;
    loop {
        k -= 1;
        if let Some(d) = buf.get_mut(k) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || k == 0 {
            break;
        }
    }
    for &d in buf.get(k..).unwrap_or_default() {
        s.push(char::from(d));
    }
}

fn capitals(min: usize, max: usize) -> impl Fn(&str) -> PResult<'_, &str> {
    move |i| take_while_m_n(min, max, |c: char| c.is_ascii_uppercase())(i)
}

fn digits(i: &str) -> PResult<'_, u32> {
    let (rest, d) = take_while_m_n(1, 6, |c: char| c.is_ascii_digit())(i)?;
    match d.parse() {
        Ok(n) => Ok((rest, n)),
        Err(_) => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        ))),
    }
}

fn dotted(i: &str) -> PResult<'_, Seg<'_>> {
    let (rest, prefix) = alt((
        tag("Adds"),
        tag("Add"),
        tag("Rev"),
        tag("Corr"),
        tag("Amend"),
        tag("Sub"),
        capitals(1, 8),
    ))
    .parse(i)?;
    // `SR. 1988`: one space after the dot is extraction damage; more would be prose.
    let (rest, (_, _, n, _)) = (char('.'), opt(sp), digits, word_end).parse(rest)?;
    Ok((rest, Seg::Dotted(prefix, n)))
}

fn word(i: &str) -> PResult<'_, Seg<'_>> {
    let (rest, w) = capitals(1, 8)(i)?;
    let (rest, _) = word_end(rest)?;
    Ok((rest, Seg::Word(w)))
}

fn number(i: &str) -> PResult<'_, Seg<'_>> {
    let (rest, a) = digits(i)?;
    let (rest, b) = opt((dash, digits)).parse(rest)?;
    let (rest, _) = word_end(rest)?;
    Ok((rest, Seg::Num(a, b.map(|(_, b)| b))))
}

fn segment(i: &str) -> PResult<'_, Seg<'_>> {
    alt((dotted, word, number)).parse(i)
}

/// `/`, optionally followed by one run of spaces (a soft break in the export), then a segment.
fn slash_segment(i: &str) -> PResult<'_, Seg<'_>> {
    let (rest, _) = char('/')(i)?;
    let (rest, _) = sp0(rest)?;
    segment(rest)
}

fn extra(i: &str) -> PResult<'_, &str> {
    let (rest, (_, _, _, inner, _)) = (
        sp0,
        char('('),
        sp0,
        nom::combinator::recognize((
            alt((tag("Vol."), tag("Part"))),
            sp0,
            take_while_m_n(1, 6, |c: char| matches!(c, 'I' | 'V' | 'X' | '0'..='9')),
        )),
        char(')'),
    )
        .parse(i)?;
    Ok((rest, inner))
}

/// Parses a symbol at the start of `i`. The caller checks the char before it.
pub(crate) fn symbol(i: &str) -> PResult<'_, Symbol<'_>> {
    let (mut rest, root) = capitals(1, 6)(i)?;
    if !rest.starts_with('/') {
        // The common case (a capitalised word): fail before allocating.
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Char,
        )));
    }
    let mut segs = Vec::with_capacity(5);
    while let Ok((r, seg)) = slash_segment(rest) {
        segs.push(seg);
        rest = r;
        if segs.len() > 12 {
            break;
        }
    }
    let has_digit = segs
        .iter()
        .any(|s| matches!(s, Seg::Dotted(..) | Seg::Num(..)));
    if segs.len() < 2 || !has_digit {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let (rest, extra) = opt(extra).parse(rest)?;
    Ok((rest, Symbol { root, segs, extra }))
}

/// True when the whole of `token` is a UN document symbol by the grammar above: a
/// first-page line `CRC/C/PER/CO/4-5` is, `UN/DESA/DPAD` (no number) and `HIV/AIDS` are not.
pub(crate) fn is_symbol(token: &str) -> bool {
    symbol(token).is_ok_and(|(rest, _)| rest.is_empty())
}

/// The symbol a UN file name carries: `CRC_C_OPSC_PER_CO_1_23172_E.txt` gives
/// `CRC/C/OPSC/PER/CO/1` (job number and language suffix dropped).
pub(crate) fn symbol_from_filename(path: &str) -> Option<String> {
    let base = path.rsplit(['/', '\\']).next()?;
    let mut stem = base;
    // Strip extensions: ".docx", ".txt", ".poi.txt".
    while let Some((s, ext)) = stem.rsplit_once('.') {
        if matches!(
            ext.to_ascii_lowercase().as_str(),
            "txt" | "docx" | "doc" | "poi" | "tika" | "json"
        ) {
            stem = s;
        } else {
            break;
        }
    }
    let mut parts: Vec<&str> = stem.split('_').collect();
    if parts
        .last()
        .is_some_and(|p| p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase()))
    {
        parts.pop();
    }
    if parts
        .last()
        .is_some_and(|p| p.len() >= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        parts.pop();
    }
    if parts.len() < 3 || !FILE_NAME_ROOTS.contains(parts.first()?) {
        return None;
    }
    let symbol = parts.join("/");
    is_symbol(&symbol).then_some(symbol)
}

/// Whether `c`, the char before a candidate, allows a symbol to start: not part of a word,
/// a number, a path or a URL.
pub(crate) fn may_precede(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            !(c.is_alphanumeric()
                || matches!(
                    c,
                    '/' | '.' | '_' | ':' | '@' | '#' | '%' | '&' | '=' | '?' | '~' | '+' | '\\'
                )
                || is_dash(c))
        }
    }
}

/// Where the country segment of a State-report-like symbol is: after the root, an optional
/// `C`/`C.12`, an optional `OPSC`/`OPAC`, a 2-4 letter code that is not a type word.
fn country_index(sym: &Symbol<'_>) -> Option<usize> {
    let mut k = 0;
    if matches!(
        sym.segs.first(),
        Some(Seg::Word("C")) | Some(Seg::Dotted("C", _))
    ) {
        k += 1;
    }
    if matches!(
        sym.segs.get(k),
        Some(Seg::Word("OPSC")) | Some(Seg::Word("OPAC")) | Some(Seg::Word("OPIC"))
    ) {
        k += 1;
    }
    match sym.segs.get(k) {
        Some(Seg::Word(w)) if (2..=4).contains(&w.len()) && !TYPE_WORDS.contains(w) => Some(k),
        _ => None,
    }
}

/// Whether the symbol is a State party's report (`CRC/C/OPSC/PER/1`, `CERD/C/URY/21-23`,
/// `E/C.12/GBR/5/Add.1`, `CCPR/C/KEN/2004/2`): a country segment followed only by report
/// numbers and modification suffixes. Concluding observations, lists of issues, replies,
/// summary records and general comments are not.
pub(crate) fn is_state_report(sym: &Symbol<'_>) -> bool {
    if sym.root == "HRI" || sym.root == "A" || sym.root == "S" {
        return false;
    }
    let Some(k) = country_index(sym) else {
        return false;
    };
    let tail = sym.segs.get(k + 1..).unwrap_or_default();
    matches!(tail.first(), Some(Seg::Num(..)))
        && tail.iter().all(|s| match s {
            Seg::Num(..) => true,
            Seg::Dotted(p, _) => SUFFIXES.contains(p),
            Seg::Word(_) => false,
        })
}

/// The concluding observations on a State report: `CRC/C/OPSC/PER/1` gives
/// `CRC/C/OPSC/PER/CO/1`. Modification suffixes of the report are dropped.
pub(crate) fn concluding_observations_for(sym: &Symbol<'_>) -> Option<String> {
    if !is_state_report(sym) {
        return None;
    }
    let k = country_index(sym)?;
    let mut segs: Vec<Seg<'_>> = Vec::with_capacity(sym.segs.len() + 1);
    segs.extend(sym.segs.get(..=k).unwrap_or_default().iter().cloned());
    segs.push(Seg::Word("CO"));
    segs.extend(
        sym.segs
            .get(k + 1..)
            .unwrap_or_default()
            .iter()
            .filter(|s| matches!(s, Seg::Num(..)))
            .cloned(),
    );
    Some(
        Symbol {
            root: sym.root,
            segs,
            extra: None,
        }
        .render(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sym(s: &str) -> Option<String> {
        symbol(s).ok().map(|(_, x)| x.render())
    }

    #[test]
    fn parses_modern_and_old_forms() {
        for s in [
            "CRC/C/PER/CO/4-5",
            "CRC/C/OPSC/PER/1",
            "E/C.12/2021/SR.13",
            "CERD/C/2007/1",
            "CRC/C/15/Add.120",
            "CAT/C/CR/33/3",
            "A/61/40 (Vol. I)",
            "HRI/GEN/1/Rev.9",
            "A/HRC/WG.6/27/GBR/1",
            "CCPR/C/82/L/KEN",
            "A/RES/70/1",
            "A/C.3/78/L.41",
            "E/C.12/Q/UK/2",
        ] {
            assert_eq!(sym(s).as_deref(), Some(s), "{s}");
        }
    }

    #[test]
    fn whole_tokens() {
        assert!(is_symbol("CRC/C/PER/CO/4-5"));
        assert!(is_symbol("A/61/40 (Vol. I)"));
        for s in [
            "UN/DESA/DPAD",
            "HIV/AIDS",
            "CRC/C/PER/CO/4-5 and more",
            "CRC/C",
        ] {
            assert!(!is_symbol(s), "{s}");
        }
    }

    #[test]
    fn filename_symbols() {
        assert_eq!(
            symbol_from_filename("x/CRC_C_OPSC_PER_CO_1_23172_E.txt").as_deref(),
            Some("CRC/C/OPSC/PER/CO/1")
        );
        assert_eq!(
            symbol_from_filename("CERD_C_URY_CO_21-23.poi.txt").as_deref(),
            Some("CERD/C/URY/CO/21-23")
        );
        assert_eq!(symbol_from_filename("notes_2016.txt"), None);
    }

    #[test]
    fn repairs_damage() {
        assert_eq!(
            sym("CRC/C/OPSC/ IND/CO/1").as_deref(),
            Some("CRC/C/OPSC/IND/CO/1")
        );
        assert_eq!(sym("CRC/C/SR. 1988").as_deref(), Some("CRC/C/SR.1988"));
        assert_eq!(
            sym("CERD/C/URY/CO/21\u{2013}23").as_deref(),
            Some("CERD/C/URY/CO/21-23")
        );
    }

    #[test]
    fn rejects_near_misses() {
        for s in ["AND/OR", "HIV/AIDS", "UN/DESA", "A/B", "PER/1"] {
            assert_eq!(sym(s), None, "{s}");
        }
    }

    #[test]
    fn state_reports() {
        let yes = ["CRC/C/OPSC/PER/1", "CERD/C/URY/21-23", "E/C.12/GBR/5/Add.1"];
        let no = [
            "CRC/C/PER/CO/4-5",
            "CRC/C/SR.2071",
            "CRC/C/OPSC/PER/Q/1/Add.1",
            "CRC/C/GC/13",
            "HRI/CORE/NZL/2010",
        ];
        for s in yes {
            assert!(is_state_report(&symbol(s).unwrap().1), "{s}");
        }
        for s in no {
            assert!(!is_state_report(&symbol(s).unwrap().1), "{s}");
        }
        assert_eq!(
            concluding_observations_for(&symbol("CRC/C/OPSC/PER/1").unwrap().1).as_deref(),
            Some("CRC/C/OPSC/PER/CO/1")
        );
        assert_eq!(
            concluding_observations_for(&symbol("CERD/C/URY/21-23").unwrap().1).as_deref(),
            Some("CERD/C/URY/CO/21-23")
        );
    }
}
