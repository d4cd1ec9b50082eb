//! Paragraph, heading and item labels as typed in UN documents or rendered from Word
//! auto-numbering: `12.`, `I.`, `A.`, `(a)`, `a)`, `(ii)`, bullets.

use std::sync::LazyLock;

use regex::Regex;

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

// `expect` on a literal pattern fails on every run or never; the tests compile them all.
#[allow(clippy::expect_used)]
static PARAGRAPH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3}(?: (?:bis|ter|quater))?)\.(?:\t+| +)").expect("static regex")
});
#[allow(clippy::expect_used)]
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXLC]{1,7}|[A-Z])\.(?:\t+| +)").expect("static regex"));
#[allow(clippy::expect_used)]
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\(([a-z]{1,2}|[A-Z]|[ivxlc]{1,7}|\d{1,2})\)|([a-z]{1,2}|[ivxlc]{1,7})\))(?:\t+| +)",
    )
    .expect("static regex")
});
#[allow(clippy::expect_used)]
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([·•\u{F0B7}▪◦])(?:\t+| +)").expect("static regex"));
#[allow(clippy::expect_used)]
static DECIMAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3}(?:\.\d{1,3})+)\.?(?:\t+| +)").expect("static regex"));

/// Splits a label off the start of `text` (leading tabs and spaces already removed).
/// Returns the label and the byte length of the label and its separator.
pub fn split_label(text: &str) -> Option<(Label, usize)> {
    if let Some(c) = PARAGRAPH.captures(text) {
        return Some((Label::Paragraph(c[1].to_string()), c[0].len()));
    }
    if let Some(c) = ITEM.captures(text) {
        let l = c.get(1).or_else(|| c.get(2))?.as_str().to_string();
        return Some((Label::Item(l), c[0].len()));
    }
    if let Some(c) = HEADING.captures(text) {
        let l = &c[1];
        // A single capital is a letter here; the builder reads `I.`, `V.` and `X.` as Roman
        // numerals when the sequence of headings says so.
        let label = if l.len() == 1 {
            Label::Letter(l.chars().next()?)
        } else if roman_value(l).is_some() {
            Label::Roman(l.to_string())
        } else {
            return None;
        };
        return Some((label, c[0].len()));
    }
    if let Some(c) = BULLET.captures(text) {
        let bullet = c[1].chars().next()?;
        return Some((Label::Bullet(bullet), c[0].len()));
    }
    if let Some(c) = DECIMAL.captures(text) {
        return Some((Label::Decimal(c[1].to_string()), c[0].len()));
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
    PARAGRAPH.is_match(line)
}

/// True when `line` starts with an item label (`(a)`, `a)`, `(ii)` and a tab or space).
pub fn starts_with_item_label(line: &str) -> bool {
    ITEM.is_match(line)
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
        assert_eq!(split_label("IV.\tData"), Some((Label::Roman("IV".into()), 4)));
        assert_eq!(split_label("C.\tConcerns"), Some((Label::Letter('C'), 3)));
        assert_eq!(split_label("(a)\tThe"), Some((Label::Item("a".into()), 4)));
        assert_eq!(split_label("a) Le"), Some((Label::Item("a".into()), 3)));
        assert_eq!(split_label("(ii)\tx"), Some((Label::Item("ii".into()), 5)));
        assert_eq!(split_label("· x"), Some((Label::Bullet('·'), 3)));
        assert_eq!(split_label("(B)\tx"), Some((Label::Item("B".into()), 4)));
        assert_eq!(split_label("2.1\tScope"), Some((Label::Decimal("2.1".into()), 4)));
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
