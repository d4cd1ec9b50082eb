//! Paragraph, heading and item labels as typed in UN documents or rendered from Word
//! auto-numbering: `12.`, `I.`, `A.`, `(a)`, `a)`, `(ii)`, bullets.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1, take_while_m_n};
use nom::character::complete::{char, one_of};
use nom::combinator::{opt, recognize, verify};
use nom::multi::many1;
use nom::sequence::{delimited, terminated};
use nom::{IResult, Parser};

/// A recognised label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// A paragraph number: `12.` gives `"12"`, `12 bis.` gives `"12 bis"`.
    Paragraph(String),
    /// A Roman heading number: `IV.` gives `"IV"`.
    Roman(String),
    /// A capital-letter heading number: `C.` gives `'C'`.
    Letter(char),
    /// An item label without brackets: `(a)` gives `"a"`, `(ii)` gives `"ii"`.
    Item(String),
    /// A bullet, with its character: lists nest by bullet character (Word's levels use
    /// `•`, `o`, `▪`).
    Bullet(char),
    /// A multi-level decimal number: `2.1` gives `"2.1"`.
    Decimal(String),
}

/// The separator after a label: tabs (typed, or Word's) or spaces (Tika's rendering of
/// auto-numbering).
fn sep(i: &str) -> IResult<&str, &str> {
    alt((take_while1(|c| c == '\t'), take_while1(|c| c == ' '))).parse(i)
}

fn digits(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, &str> {
    move |i| take_while_m_n(min, max, |c: char| c.is_ascii_digit())(i)
}

fn lower(max: usize) -> impl Fn(&str) -> IResult<&str, &str> {
    move |i| take_while_m_n(1, max, |c: char| c.is_ascii_lowercase())(i)
}

fn roman_chars(upper: bool) -> impl Fn(&str) -> IResult<&str, &str> {
    move |i| {
        let set = if upper { "IVXLC" } else { "ivxlc" };
        take_while_m_n(1, 7, |c: char| set.contains(c))(i)
    }
}

/// `12.`, `12 bis.`
fn paragraph(i: &str) -> IResult<&str, &str> {
    terminated(
        recognize((
            digits(1, 3),
            opt(alt((tag(" bis"), tag(" ter"), tag(" quater")))),
        )),
        (char('.'), sep),
    )
    .parse(i)
}

/// `(a)`, `(B)`, `(iv)`, `(1)`; French and Spanish `a)`, `iv)`. Each alternative ends with
/// its bracket, so `(iii)` falls through to the Roman one.
fn item(i: &str) -> IResult<&str, &str> {
    terminated(
        alt((
            bracketed(lower(2)),
            bracketed(take_while_m_n(1, 1, |c: char| c.is_ascii_uppercase())),
            bracketed(roman_chars(false)),
            bracketed(digits(1, 2)),
            terminated(lower(2), char(')')),
            terminated(roman_chars(false), char(')')),
        )),
        sep,
    )
    .parse(i)
}

fn bracketed<'a, P>(
    inner: P,
) -> impl Parser<&'a str, Output = &'a str, Error = nom::error::Error<&'a str>>
where
    P: Parser<&'a str, Output = &'a str, Error = nom::error::Error<&'a str>>,
{
    delimited(char('('), inner, char(')'))
}

/// `IV.`, `C.`
fn heading(i: &str) -> IResult<&str, &str> {
    terminated(
        alt((
            roman_chars(true),
            take_while_m_n(1, 1, |c: char| c.is_ascii_uppercase()),
        )),
        (char('.'), sep),
    )
    .parse(i)
}

/// `2.1`, `2.1.3.`
fn decimal(i: &str) -> IResult<&str, &str> {
    terminated(
        recognize((digits(1, 3), many1((char('.'), digits(1, 3))))),
        (opt(char('.')), sep),
    )
    .parse(i)
}

fn bullet(i: &str) -> IResult<&str, char> {
    terminated(one_of("·•\u{F0B7}▪◦"), sep).parse(i)
}

/// Splits a label off the start of `text` (leading tabs and spaces already removed).
/// Returns the label and the byte length of the label and its separator.
pub fn split_label(text: &str) -> Option<(Label, usize)> {
    let used = |rest: &str| text.len() - rest.len();
    if let Ok((rest, n)) = paragraph(text) {
        return Some((Label::Paragraph(n.to_string()), used(rest)));
    }
    if let Ok((rest, l)) = item(text) {
        return Some((Label::Item(l.to_string()), used(rest)));
    }
    if let Ok((rest, l)) =
        verify(heading, |l: &str| l.len() == 1 || roman_value(l).is_some()).parse(text)
    {
        // A single capital is a letter here; the builder reads `I.`, `V.` and `X.` as Roman
        // numerals when the sequence of headings says so.
        let label = match l.chars().next() {
            Some(c) if l.len() == 1 => Label::Letter(c),
            _ => Label::Roman(l.to_string()),
        };
        return Some((label, used(rest)));
    }
    if let Ok((rest, c)) = bullet(text) {
        return Some((Label::Bullet(c), used(rest)));
    }
    if let Ok((rest, n)) = decimal(text) {
        return Some((Label::Decimal(n.to_string()), used(rest)));
    }
    None
}

/// Parses a label rendered by Word auto-numbering (`"1."`, `"(a)"`, `"·"`). Any label
/// without letters or digits is a bullet, and so is `o` (Word's second-level bullet).
pub fn parse_auto_label(label: &str) -> Option<Label> {
    let label = label.trim();
    if label == "o" || (!label.is_empty() && !label.chars().any(char::is_alphanumeric)) {
        return label.chars().next().map(Label::Bullet);
    }
    let with_sep = format!("{label}\t");
    split_label(&with_sep).map(|(l, _)| l)
}

/// True when `line` starts with a paragraph label (`12.` and a tab or space).
pub fn starts_with_paragraph_label(line: &str) -> bool {
    paragraph(line).is_ok()
}

/// True when `line` starts with an item label (`(a)`, `a)`, `(ii)` and a tab or space).
pub fn starts_with_item_label(line: &str) -> bool {
    // Every item label closes within its first 9 bytes (`(viiiiii)` at most): most lines
    // skip the parser, which matters for exports of millions of soft-broken lines.
    line.bytes().take(9).any(|b| b == b')') && item(line).is_ok()
}

/// The value of a Roman numeral (upper or lower case), `None` when it is not one.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let val = |c: char| match c.to_ascii_uppercase() {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let digits: Option<Vec<i64>> = s.chars().map(val).collect();
    let digits = digits?;
    let mut total: i64 = 0;
    for (i, &d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(&next) if next > d => total -= d,
            _ => total += d,
        }
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0)?;
    // Reject non-canonical forms like "IIII" or "VX" by round-tripping.
    (to_roman(total).eq_ignore_ascii_case(s)).then_some(total)
}

/// The canonical upper-case Roman numeral of `n` (1..=3999).
pub fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(
            split_label("12.\tText"),
            Some((Label::Paragraph("12".into()), 4))
        );
        assert_eq!(
            split_label("12 bis. Text"),
            Some((Label::Paragraph("12 bis".into()), 8))
        );
        assert_eq!(
            split_label("IV.\tData"),
            Some((Label::Roman("IV".into()), 4))
        );
        assert_eq!(split_label("C.\tConcerns"), Some((Label::Letter('C'), 3)));
        assert_eq!(split_label("(a)\tThe"), Some((Label::Item("a".into()), 4)));
        assert_eq!(split_label("a) Le"), Some((Label::Item("a".into()), 3)));
        assert_eq!(split_label("(ii)\tx"), Some((Label::Item("ii".into()), 5)));
        assert_eq!(split_label("· x"), Some((Label::Bullet('·'), 3)));
        assert_eq!(split_label("(B)\tx"), Some((Label::Item("B".into()), 4)));
        assert_eq!(
            split_label("2.1\tScope"),
            Some((Label::Decimal("2.1".into()), 4))
        );
        assert_eq!(parse_auto_label("o"), Some(Label::Bullet('o')));
        assert_eq!(split_label("2016 was"), None);
        assert_eq!(split_label("(see CRC/C/1)"), None);
        assert_eq!(split_label("9 (3 and 4))"), None);
        assert_eq!(parse_auto_label("(a)"), Some(Label::Item("a".into())));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("A"), None);
    }
}
