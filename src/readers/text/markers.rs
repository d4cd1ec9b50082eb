//! nom parsers for the markers Tika and POI write into their text exports.
//!
//! Each parser takes the input at a candidate position and returns the rest and what it
//! recognised; [`marker`] tries them all.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till, take_till1, take_while1};
use nom::character::complete::{char, digit1};
use nom::combinator::{map, opt};
use nom::sequence::{delimited, preceded, terminated};
use nom::{IResult, Parser};

/// A marker recognised in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker<'a> {
    /// `[footnoteRef:N]` followed by an optional custom mark such as `*`.
    FootnoteRef {
        id: &'a str,
        custom: Option<&'a str>,
    },
    /// `[endnoteRef:N]` followed by an optional custom mark.
    EndnoteRef {
        id: &'a str,
        custom: Option<&'a str>,
    },
    /// `[bookmark: NAME]`.
    Bookmark,
    /// `[image: ALT]`.
    Image,
    /// `\tComment by AUTHOR: TEXT` up to the end of the line or the next comment; the
    /// author may be empty.
    Comment { author: &'a str, text: &'a str },
    /// A checkbox `|X|` (checked) or `|_|`.
    Checkbox(bool),
}

/// Characters that make up a custom footnote mark typed after the reference.
fn is_custom_mark_char(c: char) -> bool {
    matches!(c, '*' | '†' | '‡' | '§' | '¶' | '#')
}

fn note_ref<'a>(
    name: &'static str,
) -> impl Parser<&'a str, Output = (&'a str, Option<&'a str>), Error = nom::error::Error<&'a str>> {
    (
        delimited(tag("["), preceded(tag(name), digit1), tag("]")),
        opt(take_while1(is_custom_mark_char)),
    )
}

fn footnote_ref(i: &str) -> IResult<&str, Marker<'_>> {
    map(note_ref("footnoteRef:"), |(id, custom)| {
        Marker::FootnoteRef { id, custom }
    })
    .parse(i)
}

fn endnote_ref(i: &str) -> IResult<&str, Marker<'_>> {
    map(note_ref("endnoteRef:"), |(id, custom)| Marker::EndnoteRef {
        id,
        custom,
    })
    .parse(i)
}

fn bookmark(i: &str) -> IResult<&str, Marker<'_>> {
    map(
        delimited(
            tag("[bookmark: "),
            take_till1(|c| c == ']' || c == '\n'),
            char(']'),
        ),
        |_| Marker::Bookmark,
    )
    .parse(i)
}

fn image(i: &str) -> IResult<&str, Marker<'_>> {
    map(
        delimited(
            tag("[image: "),
            opt(take_till1(|c| c == ']' || c == '\n')),
            char(']'),
        ),
        |_| Marker::Image,
    )
    .parse(i)
}

/// What POI prints before each comment of a paragraph.
pub const COMMENT_OPEN: &str = "\tComment by ";

fn comment(i: &str) -> IResult<&str, Marker<'_>> {
    let (rest, author) = preceded(
        tag(COMMENT_OPEN),
        terminated(take_till(|c| c == ':' || c == '\n'), tag(":")),
    )
    .parse(i)?;
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    // The text runs to the end of the line or to the next comment of the same paragraph.
    let end = rest
        .find(['\n'])
        .unwrap_or(rest.len())
        .min(rest.find(COMMENT_OPEN).unwrap_or(rest.len()));
    let (text, rest) = rest.split_at_checked(end).unwrap_or((rest, ""));
    Ok((
        rest,
        Marker::Comment {
            author: author.trim(),
            text,
        },
    ))
}

fn checkbox(i: &str) -> IResult<&str, Marker<'_>> {
    alt((
        map(tag("|X|"), |_| Marker::Checkbox(true)),
        map(tag("|_|"), |_| Marker::Checkbox(false)),
    ))
    .parse(i)
}

/// Recognises a marker at the start of `i`.
pub fn marker(i: &str) -> IResult<&str, Marker<'_>> {
    alt((
        footnote_ref,
        endnote_ref,
        bookmark,
        image,
        comment,
        checkbox,
    ))
    .parse(i)
}

/// Recognises the opening of a note body, ` [N: `, and returns N.
pub fn note_body_open(i: &str) -> IResult<&str, &str> {
    delimited(tag(" ["), digit1, tag(": ")).parse(i)
}

/// A lower-case bracketed marker we do not know, like `[chart: x]`: returns its name.
pub fn unknown_marker(i: &str) -> IResult<&str, &str> {
    terminated(
        preceded(
            char('['),
            take_while1(|c: char| c.is_ascii_lowercase() || c == '_'),
        ),
        alt((tag(": "), tag(":"), tag("]"))),
    )
    .parse(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(
            marker("[footnoteRef:2]* [2: x]"),
            Ok((
                " [2: x]",
                Marker::FootnoteRef {
                    id: "2",
                    custom: Some("*")
                }
            ))
        );
        assert_eq!(
            marker("[endnoteRef:10] rest"),
            Ok((
                " rest",
                Marker::EndnoteRef {
                    id: "10",
                    custom: None
                }
            ))
        );
        assert_eq!(
            marker("[bookmark: _GoBack]3."),
            Ok(("3.", Marker::Bookmark))
        );
        assert_eq!(marker("[image: logo]x"), Ok(("x", Marker::Image)));
        assert_eq!(
            marker("\tComment by Ana: fix this\nnext"),
            Ok((
                "\nnext",
                Marker::Comment {
                    author: "Ana",
                    text: "fix this"
                }
            ))
        );
        // An empty author, and two comments of one paragraph.
        assert_eq!(
            marker("\tComment by : one.\tComment by B: two."),
            Ok((
                "\tComment by B: two.",
                Marker::Comment {
                    author: "",
                    text: "one."
                }
            ))
        );
        assert!(marker("[footnoteRef:x]").is_err());
        assert_eq!(note_body_open(" [12: body"), Ok(("body", "12")));
        assert_eq!(unknown_marker("[chart: a]"), Ok(("a]", "chart")));
    }
}
