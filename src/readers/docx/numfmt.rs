//! How Word shows a number: a counter value in a `w:numFmt` (`iv`, `d`, `03`, `22nd`), a
//! level text with its `%1`..`%9` placeholders filled (`(%1)`, `%1.%2`), bullet glyphs, all
//! in bounded work: a label is cut at [`MAX_LABEL_CHARS`].

/// Longest label rendered, in chars. Word's own labels are a few chars (`1.2.3.`, `(iv)`,
/// `第12章`); a hostile `w:lvlText` of `%1` repeated 100,000 times would otherwise make every
/// paragraph's label megabytes long (issue 10). Longer labels are cut with a warning.
pub(crate) const MAX_LABEL_CHARS: usize = 64;

/// A rendered label, whole or cut at [`MAX_LABEL_CHARS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Rendered {
    /// The label as Word shows it.
    Whole(String),
    /// Its first [`MAX_LABEL_CHARS`] chars.
    Cut(String),
}

impl Rendered {
    /// True for an empty label.
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Rendered::Whole(s) | Rendered::Cut(s) => s.is_empty(),
        }
    }
}

/// Replaces `%1`..`%9` in a level text, stopping at [`MAX_LABEL_CHARS`]: the work and the
/// label are bounded whatever the level text.
pub(crate) fn render(text: &str, mut value: impl FnMut(usize) -> String) -> Rendered {
    let mut out = String::with_capacity(text.len().min(MAX_LABEL_CHARS) + 4);
    let mut len = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let piece = match chars
            .peek()
            .and_then(|d| d.to_digit(10))
            .filter(|d| c == '%' && (1..=9).contains(d))
        {
            Some(d) => {
                chars.next();
                value(d as usize - 1)
            }
            None => c.to_string(),
        };
        for p in piece.chars() {
            if len == MAX_LABEL_CHARS {
                return Rendered::Cut(out);
            }
            out.push(p);
            len += 1;
        }
    }
    Rendered::Whole(out)
}

/// A label cut at [`MAX_LABEL_CHARS`] when longer.
pub(crate) fn cut(s: String) -> Rendered {
    match s.char_indices().nth(MAX_LABEL_CHARS) {
        Some((at, _)) => Rendered::Cut(s.get(..at).unwrap_or_default().to_string()),
        None => Rendered::Whole(s),
    }
}

/// Bullet glyphs: Symbol/Wingdings private-use code points shown as the characters they draw.
pub(crate) fn bullet(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{F0B7}' | '\u{F06C}' => '•',
            '\u{F0A7}' | '\u{F06E}' => '▪',
            '\u{F0D8}' => '➢',
            '\u{F0FC}' => '✓',
            c => c,
        })
        .collect()
}

/// Formats a counter value in a `w:numFmt`.
pub(crate) fn format_value(n: i64, fmt: &str) -> String {
    match fmt {
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "lowerLetter" if n > 0 => letters(n, b'a'),
        "upperLetter" if n > 0 => letters(n, b'A'),
        "lowerRoman" if (1..4000).contains(&n) => roman(n).to_lowercase(),
        "upperRoman" if (1..4000).contains(&n) => roman(n),
        "ordinal" => format!("{n}{}", ordinal_suffix(n)),
        "none" => String::new(),
        // decimal and every format we do not draw (cardinalText, chineseCounting, ...).
        _ => n.to_string(),
    }
}

/// Upper-case Roman numeral of `n` (1..4000), the one the builder reads back.
fn roman(n: i64) -> String {
    u32::try_from(n)
        .map(crate::un::labels::to_roman)
        .unwrap_or_default()
}

/// Word's letter numbering: a..z, then aa..zz, aaa.. (the letter repeated).
fn letters(n: i64, base: u8) -> String {
    let idx = (n - 1) % 26;
    let reps = ((n - 1) / 26 + 1) as usize;
    let c = char::from(base + idx as u8);
    std::iter::repeat_n(c, reps).collect()
}

fn ordinal_suffix(n: i64) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(format_value(4, "lowerLetter"), "d");
        assert_eq!(format_value(27, "lowerLetter"), "aa");
        assert_eq!(format_value(14, "upperRoman"), "XIV");
        assert_eq!(format_value(9, "lowerRoman"), "ix");
        assert_eq!(format_value(3, "decimalZero"), "03");
        assert_eq!(format_value(22, "ordinal"), "22nd");
        assert_eq!(format_value(12, "ordinal"), "12th");
        assert_eq!(format_value(0, "upperRoman"), "0");
        let whole = |s: &str| Rendered::Whole(s.to_string());
        assert_eq!(render("(%1)", |_| "a".into()), whole("(a)"));
        assert_eq!(render("%1.%2", |i| (i + 1).to_string()), whole("1.2"));
        assert_eq!(render("100%", |_| "x".into()), whole("100%"));
        assert_eq!(render("%", |_| "x".into()), whole("%"));
        assert_eq!(render("%0%1", |_| "x".into()), whole("%0x"));
    }

    #[test]
    fn labels_are_bounded() {
        let mut calls = 0;
        let r = render(&"%1".repeat(100_000), |_| {
            calls += 1;
            "z".repeat(1261)
        });
        assert_eq!(r, Rendered::Cut("z".repeat(MAX_LABEL_CHARS)));
        // It stops at the cap instead of rendering 100,000 values.
        assert_eq!(calls, 1);
        assert_eq!(cut("•".into()), Rendered::Whole("•".into()));
        assert_eq!(
            cut("é".repeat(70)),
            Rendered::Cut("é".repeat(MAX_LABEL_CHARS))
        );
    }
}
