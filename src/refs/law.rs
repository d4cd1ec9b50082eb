//! National laws, acts and decrees by number.
//!
//! ```text
//! lawref = [ prefix ] , kind , [ "No." | "No" | "Nº" ] , number , [ [","] , " of " , date ] ;
//! prefix = "Legislative" | "Supreme" | "Presidential" | "Executive" | "Ministerial" | "Royal"
//!        | "Federal" | "Organic" | "Emergency" ;
//! kind   = "Decree-Law" | "Act" | "Law" | "Decree" | "Ordinance" | "Bill" ;
//! number = digits , { ( "/" | "." | "-" ) , digits } , [ "-" , capitals ] ;   144/014, 005-2016-IN
//! ```
//!
//! Without `No.`, the number must look like a law number (a separator, or five digits or
//! more) so that `the Act 2006` (a year) or `Law 3 of the Constitution` are not taken.
//!
//! Acts known by their short title, as in common-law States, are laws too:
//!
//! ```text
//! titled = capitalised words (with "and", "of", "on", "the", "for", "to", "in" inside)
//!        , "Act" , ( " " , year | " (" , year , ")" ) ;      Human Rights Act 1998
//! ```
//!
//! The title may not start with a sentence-opening function word (`The`, `In`, `Under`...),
//! so `The Human Rights Act 1998` gives `Human Rights Act 1998`.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::one_of;
use nom::combinator::{opt, recognize};
use nom::multi::many0;
use nom::Parser;

use super::common::{any_word, no_match, sp, sp0, squash_spaces, word_end, PResult};
use super::context::{Ctx, Found, Here, State};
use crate::model::RefTarget;
use crate::un::dates::date_in;
use crate::un::lang::Words;

fn digits(i: &str) -> PResult<'_, &str> {
    take_while_m_n(1, 9, |c: char| c.is_ascii_digit())(i)
}

fn number(i: &str) -> PResult<'_, &str> {
    let (rest, n) = recognize((
        digits,
        many0((one_of("/.-"), digits)),
        opt((
            nom::character::complete::char('-'),
            take_while_m_n(1, 6, |c: char| c.is_ascii_uppercase()),
        )),
    ))
    .parse(i)?;
    let (rest, _) = word_end(rest)?;
    Ok((rest, n))
}

fn kind<'a>(w: &Words, i: &'a str) -> PResult<'a, &'a str> {
    any_word(w.law_kinds, i)
}

fn prefix<'a>(w: &Words, i: &'a str) -> PResult<'a, &'a str> {
    w.law_prefixes
        .iter()
        .find_map(|p| tag::<_, _, nom::error::Error<&str>>(*p)(i).ok())
        .ok_or_else(|| no_match(i))
}

fn no<'a>(w: &Words, i: &'a str) -> PResult<'a, &'a str> {
    w.law_number_signs
        .iter()
        .find_map(|p| tag::<_, _, nom::error::Error<&str>>(*p)(i).ok())
        .ok_or_else(|| no_match(i))
}

/// A law's designation (`Act No. 30251`, `loi no 2005-102`, `Ley núm. 4488/2017`), spaces
/// normalised; the rest of the input.
pub(crate) fn name<'a>(w: &Words, i: &'a str) -> PResult<'a, String> {
    let (rest, raw) = recognize((
        opt((|i| prefix(w, i), sp)),
        |i| kind(w, i),
        alt((
            recognize((sp0, |i| no(w, i), sp0, number)),
            recognize((
                sp,
                nom::combinator::verify(number, |n: &str| {
                    let is_year = n.len() == 4
                        && n.bytes().all(|b| b.is_ascii_digit())
                        && (n.starts_with("19") || n.starts_with("20"));
                    !is_year
                        && (n.contains(['/', '.', '-'])
                            || n.bytes().filter(u8::is_ascii_digit).count() >= 5)
                }),
            )),
        )),
    ))
    .parse(i)?;
    Ok((rest, squash_spaces(raw)))
}

/// Words that open a sentence or a phrase and are never the first word of an act's title.
const NOT_TITLE_START: &[&str] = &[
    "The",
    "In",
    "Under",
    "By",
    "With",
    "As",
    "For",
    "Its",
    "This",
    "That",
    "On",
    "Since",
    "Through",
    "To",
    "A",
    "An",
    "While",
    "And",
    "Of",
    "Although",
    "Despite",
    "Following",
    "Pursuant",
    "According",
    "Whereas",
    "Both",
    "New",
    "Amending",
];
const TITLE_JOINERS: &[&str] = &["and", "of", "on", "the", "for", "to", "in"];

/// A char of a word of an act's short title.
pub(crate) fn is_title_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\''
}

fn title_word(i: &str) -> PResult<'_, &str> {
    nom::bytes::complete::take_while1(is_title_char)(i)
}

fn act_year(i: &str) -> PResult<'_, &str> {
    let year = |i| {
        let (rest, y) = take_while_m_n(4, 4, |c: char| c.is_ascii_digit())(i)?;
        let (rest, _) = word_end(rest)?;
        if y.starts_with("18") || y.starts_with("19") || y.starts_with("20") {
            Ok((rest, y))
        } else {
            Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Verify,
            )))
        }
    };
    recognize(alt((
        recognize((sp, year)),
        recognize((
            sp0,
            nom::character::complete::char('('),
            year,
            nom::character::complete::char(')'),
        )),
    )))
    .parse(i)
}

/// `Human Rights Act 1998`, `Care of Children Amendment Act (2008)`.
pub(crate) fn titled(i: &str) -> PResult<'_, String> {
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify));
    let (mut rest, first) = title_word(i)?;
    if !first.starts_with(|c: char| c.is_uppercase()) || NOT_TITLE_START.contains(&first) {
        return Err(fail());
    }
    let mut last = first;
    for words in 1..=12 {
        // At least one word before "Act": `Act 1998` alone is no title.
        if last == "Act" && words > 1 {
            if let Ok((r, _)) = act_year(rest) {
                let len = i.len() - r.len();
                return Ok((r, squash_spaces(i.get(..len).unwrap_or(""))));
            }
        }
        let Ok((r, (_, w))) = (sp, title_word).parse(rest) else {
            break;
        };
        if !(w.starts_with(|c: char| c.is_uppercase()) || TITLE_JOINERS.contains(&w)) {
            break;
        }
        last = w;
        rest = r;
    }
    Err(fail())
}

/// A law reference starting at `h`.
pub(crate) fn at(h: &Here<'_>, cx: &Ctx, st: &mut State, out: &mut Vec<Found>) -> Option<usize> {
    let w = cx.w;
    let (mut rest, name) = alt((|i| name(w, i), titled)).parse(h.input()).ok()?;
    let mut when = None;
    let dated = w.law_date_of.iter().find_map(|of| {
        (opt(tag(",")), sp, tag(*of), sp, |i| date_in(w, i))
            .parse(rest)
            .ok()
    });
    if let Some((r, (_, _, _, _, d))) = dated {
        when = Some(d.iso());
        rest = r;
    }
    st.last_law = Some(name.clone());
    h.found(rest, RefTarget::Law { name, date: when }, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let name = |s| name(crate::refs::common::en(), s);
        assert_eq!(name("Act No. 30251 of").unwrap().1, "Act No. 30251");
        assert_eq!(name("Decree 144/014 of").unwrap().1, "Decree 144/014");
        assert_eq!(
            name("Legislative Decree No.\u{a0}1297,").unwrap().1,
            "Legislative Decree No. 1297"
        );
        assert_eq!(name("Law 19122").unwrap().1, "Law 19122");
        assert!(name("Act 2006").is_err());
        assert!(name("Law 3 of").is_err());
        assert!(name("Actually 12345").is_err());
    }

    #[test]
    fn titled_acts() {
        assert_eq!(
            titled("Human Rights Act 1998 and").unwrap().1,
            "Human Rights Act 1998"
        );
        assert_eq!(
            titled("Care of Children Amendment Act (2008)").unwrap().1,
            "Care of Children Amendment Act (2008)"
        );
        assert!(titled("The Human Rights Act 1998").is_err());
        assert!(titled("Human Rights Act in 1998").is_err());
        assert!(titled("Human Rights Act 12345").is_err());
    }
}
