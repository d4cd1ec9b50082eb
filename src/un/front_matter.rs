//! The words of a UN first page, its page furniture, a title and the title footnote:
//! distribution, original language, job number, committee lines, the State party named in
//! the title, the session. Each function reads one token or text and returns what it says;
//! the structure builder puts the answers into `metadata`.

use super::bodies::TreatyBody;
use super::dates::{ordinal, ordinal_word};
use super::lang::{Lang, Words};

/// The English table, which these functions read.
fn en() -> &'static Words {
    Lang::En.words()
}

/// `s` without `prefix`, compared ignoring ASCII case.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

/// Byte offset of `needle` (lower case ASCII) in `hay`, ignoring ASCII case, at the start of
/// a word. ASCII lower-casing keeps byte offsets, so the offset is valid in `hay`.
fn find_word_ci(hay: &str, needle: &str) -> Option<usize> {
    let lower = hay.to_ascii_lowercase();
    lower.match_indices(needle).map(|(i, _)| i).find(|&i| {
        lower
            .get(..i)
            .and_then(|before| before.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// `Distr.: General` gives `General` (also `Distr. GENERAL`).
pub(crate) fn distribution(t: &str) -> Option<&str> {
    let rest = strip_prefix_ci(t, en().distribution)?;
    let rest = rest.strip_prefix('.').unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
    let end = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    rest.get(..end).filter(|w| !w.is_empty())
}

/// `Original: Spanish` gives `Spanish`.
pub(crate) fn original_language(t: &str) -> Option<&str> {
    let rest = strip_prefix_ci(t, en().original)?.trim_start();
    Some(rest.strip_prefix(':')?.trim()).filter(|w| !w.is_empty())
}

/// The UN job number in a token: `GE.17-00476  (E)    270317` gives `GE.17-00476(E)`.
pub(crate) fn job_number(t: &str) -> Option<String> {
    let at = find_word_ci(t, "ge.").filter(|&i| t.get(i..i + 3) == Some("GE."))?;
    let rest = t.get(at + 3..)?;
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let (year, rest) = rest.split_at_checked(digits(rest))?;
    let rest = rest.strip_prefix('-').filter(|_| year.len() == 2)?;
    let n = digits(rest);
    if !(4..=6).contains(&n) {
        return None;
    }
    let (number, rest) = rest.split_at_checked(n)?;
    let mut chars = rest.trim_start().chars();
    let lang = match (chars.next(), chars.next(), chars.next()) {
        (Some('('), Some(l), Some(')')) if l.is_ascii_uppercase() => Some(l),
        _ => None,
    };
    Some(match lang {
        Some(l) => format!("GE.{year}-{number}({l})"),
        None => format!("GE.{year}-{number}"),
    })
}

/// Splits a first-page or furniture paragraph into its cells and lines.
pub(crate) fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\t', '\n'])
        .map(|t| t.trim_matches(|c: char| c.is_whitespace()))
        .filter(|t| !t.is_empty())
}

/// True when a body paragraph is page furniture: job numbers, page numbers, barcodes, the
/// document's own symbol repeated as a running header.
pub(crate) fn is_furniture(text: &str, symbol: Option<&str>) -> bool {
    let w = en();
    let mut any = false;
    for t in tokens(text) {
        any = true;
        let ok = t.starts_with("GE.") && job_number(t).is_some()
            || (t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
            || t.chars().all(|c| is_private_use(c) || c.is_whitespace())
            || w.furniture.iter().any(|f| t.eq_ignore_ascii_case(f))
            || t.to_ascii_lowercase().starts_with(w.page)
                && t.get(w.page.len()..)
                    .is_some_and(|n| n.trim().bytes().all(|b| b.is_ascii_digit()))
            || symbol.is_some_and(|s| s == t)
            || t == "(E)"
            || (t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return false;
        }
    }
    any
}

/// "Committee on the Rights of the Child", "Human Rights Committee", "Subcommittee on ...".
pub(crate) fn is_committee_line(t: &str) -> bool {
    TreatyBody::from_committee_name(t).is_some()
        || (en().committee_starts.iter().any(|s| t.starts_with(s))
            && t.len() < 160
            && !t.ends_with('.'))
}

/// The State party named in a title: "... submitted by Peru under article 12 ...",
/// "... periodic reports of Uruguay", "Concluding observations: Yemen".
pub(crate) fn state_party(title: &str) -> Option<&str> {
    let w = en();
    if let Some(i) = find_word_ci(title, w.submitted_by) {
        let rest = title.get(i + w.submitted_by.len()..)?;
        let lower = rest.to_ascii_lowercase();
        if let Some(end) = w
            .submitted_by_ends
            .iter()
            .filter_map(|m| lower.find(m))
            .min()
        {
            return rest.get(..end);
        }
    }
    for marker in w.reports_of {
        if let Some(i) = find_word_ci(title, marker) {
            let rest = title.get(i + marker.len()..)?;
            // CEDAW puts the session in the title: "..., adopted by the Committee at ...".
            // Also "..., as approved by the Committee at its eighth session (...)".
            let lower = rest.to_ascii_lowercase();
            let end = [w.reports_of_end, ", as approved"]
                .iter()
                .filter_map(|m| lower.find(m))
                .min()
                .unwrap_or(rest.len());
            return rest.get(..end);
        }
    }
    match title.split_once(':') {
        Some((_, state)) if !state.contains(':') => Some(state),
        _ => None,
    }
}

/// "Adopted by the Committee at its seventy-first session (11-29 January 2016)." gives the
/// session number (71) and its dates as written.
/// A first-page line that is only a session: `Fifth session` gives 5 (the 2011-2012 layout
/// puts the session above the title instead of in it).
pub(crate) fn session_line(t: &str) -> Option<u32> {
    let w = en();
    let lower = t.trim().to_ascii_lowercase();
    let words = lower.strip_suffix(w.session_after)?.trim();
    ordinal_word(words)
}

pub(crate) fn session(text: &str) -> Option<(Option<u32>, Option<String>)> {
    let w = en();
    let lower = text.to_ascii_lowercase();
    // "at its fifth session", also "during its fifth session".
    let mut starts = lower
        .match_indices(w.session_before)
        .chain(lower.match_indices("during its "));
    let (words, after) = starts.find_map(|(i, m)| {
        let start = i + m.len();
        let end = start + lower.get(start..)?.find(w.session_after)?;
        let words = text.get(start..end)?.trim();
        let plausible = words.len() <= 60
            && words.starts_with(|c: char| c.is_ascii_alphanumeric())
            && words
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ');
        plausible.then(|| (words, text.get(end + w.session_after.len()..).unwrap_or("")))
    })?;
    let number = ordinal_word(words).or_else(|| {
        ordinal(words)
            .ok()
            .filter(|(rest, _)| rest.trim().is_empty())
            .map(|(_, n)| n)
    });
    let after = after.trim_start();
    let dates = after
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .map(|(d, _)| d.trim().to_string())
        .or_else(|| {
            // "at its ninth session, 15–19 April 2013": the dates after a comma, to the end.
            let d = after.strip_prefix(',')?.trim().trim_end_matches('.');
            let plain = d.len() <= 40 && d.starts_with(|c: char| c.is_ascii_digit());
            (plain && crate::un::dates::find_date(d).is_some()).then(|| d.to_string())
        });
    (number.is_some() || dates.is_some()).then_some((number, dates))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_dates_after_a_comma() {
        assert_eq!(
            session("report of Paraguay, adopted by the Committee at its ninth session, 15–19 April 2013"),
            Some((Some(9), Some("15–19 April 2013".into())))
        );
        assert_eq!(session_line("Fifth session"), Some(5));
        assert_eq!(
            session("Adopted by the Committee during its tenth session (2-13 September 2013)."),
            Some((Some(10), Some("2-13 September 2013".into())))
        );
        assert_eq!(
            state_party("Concluding observations on the initial report of Spain, as approved by the Committee at its eighth session (17-28 September 2012)"),
            Some("Spain")
        );
        assert_eq!(session_line("Fifth session of the Committee"), None);
    }

    #[test]
    fn sessions_and_states() {
        assert_eq!(
            session(
                "Adopted by the Committee at its ninety-first session (21 November-9 December 2016)."
            ),
            Some((Some(91), Some("21 November-9 December 2016".into())))
        );
        assert_eq!(
            state_party("Concluding observations on the combined twenty-first to twenty-third periodic reports of Uruguay"),
            Some("Uruguay")
        );
    }

    #[test]
    fn furniture() {
        assert!(is_furniture("GE.17-00476  (E)    270317    280317", None));
        assert!(is_furniture("2\tGE.17-00476", None));
        assert!(is_furniture("\u{F02A}\u{F031}\u{F02A}", None));
        assert!(!is_furniture("2.\tThe Committee", None));
    }
}
