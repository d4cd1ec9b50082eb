//! English dates and ordinals as UN documents write them.

use std::sync::LazyLock;

use regex::Regex;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month number of an English month name (case-insensitive).
pub fn month_number(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    MONTHS.iter().position(|m| *m == n).map(|i| i as u32 + 1)
}

/// Days in a month, leap years included.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// An ISO date from its parts, `None` when the day does not exist.
pub fn iso(year: i32, month: u32, day: u32) -> Option<String> {
    ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

// `expect` on a literal pattern fails on every run or never; the tests compile them all.
#[allow(clippy::expect_used)]
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b")
        .expect("static regex")
});
#[allow(clippy::expect_used)]
static MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),\s+(\d{4})\b")
        .expect("static regex")
});

/// Finds the first English date in `text` ("12 January 2017", "January 12, 2017") and
/// returns it as ISO with its byte range.
pub fn find_date(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    let a = DMY.captures(text).and_then(|c| {
        let iso = iso(
            c[3].parse().ok()?,
            month_number(&c[2])?,
            c[1].parse().ok()?,
        )?;
        Some((iso, c.get(0)?.range()))
    });
    let b = MDY.captures(text).and_then(|c| {
        let iso = iso(
            c[3].parse().ok()?,
            month_number(&c[1])?,
            c[2].parse().ok()?,
        )?;
        Some((iso, c.get(0)?.range()))
    });
    match (a, b) {
        (Some(a), Some(b)) => Some(if a.1.start <= b.1.start { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Parses an English ordinal: `"seventy-first"` gives 71, `"one hundred and twenty-first"`
/// 121, `"71st"` 71.
pub fn parse_ordinal(s: &str) -> Option<u32> {
    let s = s.trim().to_ascii_lowercase();
    if let Some(digits) = s
        .strip_suffix("st")
        .or_else(|| s.strip_suffix("nd"))
        .or_else(|| s.strip_suffix("rd"))
        .or_else(|| s.strip_suffix("th"))
    {
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return digits.parse().ok();
        }
    }
    let words: Vec<&str> = s
        .split(['-', ' ', '\u{2011}'])
        .filter(|w| !w.is_empty() && *w != "and")
        .collect();
    let (last, init) = words.split_last()?;
    let mut total = 0u32;
    let mut current = 0u32;
    for w in init {
        match *w {
            "hundred" => current = current.max(1) * 100,
            "thousand" => {
                total += current.max(1) * 1000;
                current = 0;
            }
            w => current += cardinal(w)?,
        }
    }
    let last_value = match *last {
        "hundredth" => {
            current = current.max(1) * 100;
            0
        }
        "thousandth" => {
            total += current.max(1) * 1000;
            current = 0;
            0
        }
        w => ordinal_word(w)?,
    };
    Some(total + current + last_value)
}

fn cardinal(w: &str) -> Option<u32> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fifth" => 5,
        "eighth" => 8,
        "ninth" => 9,
        "twelfth" => 12,
        _ => {
            // Regular forms: "fourth", "sixteenth", "twentieth", "seventieth".
            if let Some(stem) = w.strip_suffix("ieth") {
                return cardinal(&format!("{stem}y"));
            }
            return cardinal(w.strip_suffix("th")?);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(parse_ordinal("seventy-first"), Some(71));
        assert_eq!(parse_ordinal("ninety-first"), Some(91));
        assert_eq!(parse_ordinal("fortieth"), Some(40));
        assert_eq!(parse_ordinal("twelfth"), Some(12));
        assert_eq!(parse_ordinal("fourteenth"), Some(14));
        assert_eq!(parse_ordinal("one hundred and twenty-first"), Some(121));
        assert_eq!(parse_ordinal("hundredth"), Some(100));
        assert_eq!(parse_ordinal("eighty-eighth"), Some(88));
        assert_eq!(parse_ordinal("71st"), Some(71));
        assert_eq!(parse_ordinal("session"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(find_date("12 January 2017").unwrap().0, "2017-01-12");
        assert_eq!(find_date("on February 29, 2016.").unwrap().0, "2016-02-29");
        assert!(find_date("31 February 2016").is_none());
    }
}
