//! The lexical pieces every UN grammar shares: spaces and dashes as text extraction
//! damages them, and the end of a word. Used by the symbol, date and label grammars here and
//! by the reference grammars in `refs`.
//!
//! Every parser works on `&str` and returns the unconsumed rest, so callers compute byte
//! offsets as `input.len() - rest.len()`; no parser ever slices by a computed index.

use nom::bytes::complete::take_while1;
use nom::character::complete::satisfy;
use nom::IResult;

/// Result type of every UN grammar.
pub(crate) type PResult<'a, O> = IResult<&'a str, O>;

/// Whitespace as it appears in extracted text: the usual ASCII, plus the no-break and thin
/// spaces the UN's Word templates use inside references.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{a0}' | '\u{2007}' | '\u{2009}' | '\u{202f}'
    )
}

/// Whether `a` and `b` are equal lower-cased (`str::to_lowercase`), compared char by char
/// without allocating. Exact when `b` holds no sigma (`Σ`, `σ`, `ς`), the one letter whose
/// lower case depends on where it stands; every table word this is used with has none.
pub(crate) fn eq_lowercase(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Hyphen-like characters used in ranges: ASCII hyphen, hyphen, non-breaking hyphen, figure
/// dash, en dash and minus sign.
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}'
    )
}

/// One or more spaces.
pub(crate) fn sp(i: &str) -> PResult<'_, &str> {
    take_while1(is_space)(i)
}

/// Zero or more spaces.
pub(crate) fn sp0(i: &str) -> PResult<'_, &str> {
    nom::bytes::complete::take_while(is_space)(i)
}

/// A single dash.
pub(crate) fn dash(i: &str) -> PResult<'_, char> {
    satisfy(is_dash)(i)
}

/// Succeeds, consuming nothing, when the next char is not a letter or digit: the end of a
/// word or number.
pub(crate) fn word_end(i: &str) -> PResult<'_, ()> {
    match i.chars().next() {
        Some(c) if c.is_alphanumeric() => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        ))),
        _ => Ok((i, ())),
    }
}
