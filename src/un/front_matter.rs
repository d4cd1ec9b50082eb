//! The words of a UN first page, its page furniture, a title and the title footnote:
//! distribution, original language, job number, committee lines, the State party named in
//! the title, the session. Each function reads one token or text and returns what it says;
//! the structure builder puts the answers into `metadata`. One job, the first page's
//! words, hence the length.

use super::bodies::TreatyBody;
use super::dates::{ordinal_in, ordinal_word_in};
use super::lang::{Lang, Words};
use super::lex::eq_lowercase;

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
    // `Distr.`, `Distr:`, `Distr GENERAL`; not the word `distribution`.
    if rest.starts_with(char::is_alphanumeric) {
        return None;
    }
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

/// True when a first-page token is UN masthead: a symbol, the distribution, a date, the
/// languages or original language, the job number, a committee or treaty line, the words
/// of the masthead (`United Nations`), page furniture. Only such tokens may leave the body
/// for `metadata`.
pub(crate) fn is_masthead_token(t: &str) -> bool {
    // Any language's words: the masthead of a French or Spanish document is in its language.
    let languages_line = || {
        !t.is_empty()
            && t.split([' ', ',']).filter(|x| !x.is_empty()).all(|x| {
                Lang::ALL.iter().any(|l| {
                    l.words()
                        .masthead_languages
                        .iter()
                        .any(|m| eq_lowercase(x, m))
                })
            })
    };
    is_strong_masthead_token(t)
        || is_furniture(t, None)
        || super::dates::date_any(t).is_ok_and(|(rest, _)| rest.trim().is_empty())
        // The 2011-2012 layout: `Fifth session` and its dates above the title.
        || session_line(t).is_some()
        || super::dates::date_range(t).is_ok_and(|(rest, _)| rest.trim().is_empty())
        || languages_line()
}

/// A masthead token that only a UN first page has (a number, a date or a language name
/// alone may stand on any first page): a symbol, the distribution, the original language,
/// the job number, a committee or treaty line, `United Nations`.
pub(crate) fn is_strong_masthead_token(t: &str) -> bool {
    super::symbol::is_symbol(without_reissue_mark(t))
        || distribution(t).is_some()
        || original_language(t).is_some()
        || job_number(t).is_some()
        || is_committee_line(t)
        || Lang::ALL
            .iter()
            .any(|l| l.words().masthead.iter().any(|m| eq_lowercase(t, m)))
        || is_treaty_piece(t)
}

/// The masthead symbol without its reissue mark (`CRPD/C/AUT/CO/2-3*`; a PDF's Symbol font
/// may give the asterisk as the private-use U+F02A).
pub(crate) fn without_reissue_mark(t: &str) -> &str {
    t.trim_end_matches(|c: char| c == '*' || is_private_use(c))
}

/// A treaty's name, or a piece of it of two words or more (a masthead cell broken over
/// lines that a text export prints as separate paragraphs: `International Covenant on`).
fn is_treaty_piece(t: &str) -> bool {
    // Lower-cased once per process, not once per first-page line.
    static NAMES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let english = super::bodies::TREATIES.iter().map(|(name, _)| *name);
        let others = Lang::ALL
            .iter()
            .flat_map(|l| l.words().treaty_names.iter().copied());
        english.chain(others).map(str::to_lowercase).collect()
    });
    if t.split_whitespace().nth(1).is_none() {
        return false;
    }
    let t = t.to_lowercase();
    NAMES.iter().any(|name| {
        name.match_indices(t.as_str()).any(|(i, m)| {
            let before = name.get(..i).and_then(|b| b.chars().next_back());
            let after = name.get(i + m.len()..).and_then(|a| a.chars().next());
            before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ' || c == ',')
        })
    })
}

/// True when some token of `text` is a [strong](is_strong_masthead_token) masthead token.
pub(crate) fn has_strong_masthead_token(text: &str) -> bool {
    text.split('\t').any(|cell| {
        let joined = cell.split_whitespace().collect::<Vec<_>>().join(" ");
        is_strong_masthead_token(&joined) || tokens(cell).any(is_strong_masthead_token)
    })
}

/// True when every cell (tab-separated) of a first-page, header or footer paragraph is UN
/// masthead: the whole cell (a treaty name broken over lines), or each of its lines.
pub(crate) fn is_masthead(text: &str) -> bool {
    text.split('\t').all(|cell| {
        let joined = cell.split_whitespace().collect::<Vec<_>>().join(" ");
        joined.is_empty() || is_masthead_token(&joined) || tokens(cell).all(is_masthead_token)
    })
}

/// True when a line of a text export can only be a running header or footer: page
/// furniture with at least one token that says so (a job number, the document's symbol, a
/// barcode, `Please recycle`), not merely numbers.
pub(crate) fn is_running_furniture(text: &str, symbol: Option<&str>) -> bool {
    let w = en();
    is_furniture(text, symbol)
        && tokens(text).any(|t| {
            job_number(t).is_some()
                || symbol.is_some_and(|s| s == t)
                || t.chars().all(|c| is_private_use(c) || c.is_whitespace())
                || w.furniture.iter().any(|f| t.eq_ignore_ascii_case(f))
        })
}

/// "Committee on the Rights of the Child", "Human Rights Committee", "Subcommittee on ...",
/// "Comité des droits de l’enfant", "Comité sobre los Derechos ...".
pub(crate) fn is_committee_line(t: &str) -> bool {
    TreatyBody::from_committee_name(t).is_some()
        || (Lang::ALL
            .iter()
            .any(|l| l.words().committee_starts.iter().any(|s| t.starts_with(s)))
            && t.len() < 160
            && !t.ends_with('.'))
}

/// The language whose title openings (`Observations finales`, `Observaciones finales`,
/// `Liste de points`) start a lower-case title; English when none does.
fn title_lang(lower_title: &str) -> Lang {
    [Lang::Fr, Lang::Es]
        .into_iter()
        .find(|l| {
            let w = l.words();
            w.concluding_observations
                .iter()
                .chain(w.list_of_issues)
                .chain(w.general_comment)
                .any(|p| lower_title.starts_with(p))
        })
        .unwrap_or(Lang::En)
}

/// `name` without the article the language puts before country names (`la Norvège` gives
/// `Norvège`; `El Salvador`, capitalised, keeps its `El`).
fn without_article<'a>(w: &Words, name: &'a str) -> &'a str {
    w.state_articles
        .iter()
        .find_map(|a| name.strip_prefix(a))
        .unwrap_or(name)
}

/// The State party in a French or Spanish title: after the first preposition followed by a
/// capital (`… rapport initial de la Norvège`, `… combinados de El Salvador`), without its
/// article, up to what ends it (`… de l’Équateur valant deuxième …`).
fn state_party_romance<'a>(w: &Words, title: &'a str) -> Option<&'a str> {
    let mut start = None;
    'outer: for (i, _) in title.char_indices() {
        let at_word = title
            .get(..i)
            .and_then(|b| b.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric());
        if !at_word {
            continue;
        }
        for p in w.state_prepositions {
            let Some(after) = title.get(i..).and_then(|r| r.strip_prefix(p)) else {
                continue;
            };
            if after.starts_with(char::is_uppercase) {
                start = Some(title.len() - after.len());
                break 'outer;
            }
        }
    }
    let rest = title.get(start?..)?;
    let end = w
        .state_ends
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    Some(without_article(w, rest.get(..end)?))
}

/// The State party named in a title: "... submitted by Peru under article 12 ...",
/// "... periodic reports of Uruguay", "Concluding observations: Yemen".
pub(crate) fn state_party(title: &str) -> Option<&str> {
    let lang = title_lang(&title.to_lowercase());
    let w = lang.words();
    if lang != Lang::En {
        // `… soumis par la France en application …`, `… presentado por el Perú en virtud …`
        if let Some(i) = find_word_ci(title, w.submitted_by) {
            let rest = title.get(i + w.submitted_by.len()..)?;
            let end = w
                .submitted_by_ends
                .iter()
                .filter_map(|m| rest.find(m))
                .min()
                .unwrap_or(rest.len());
            return Some(without_article(w, rest.get(..end)?));
        }
        return state_party_romance(w, title);
    }
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
    super::dates::ordinal_word_in(w, words)
}

pub(crate) fn session(text: &str) -> Option<(Option<u32>, Option<String>)> {
    Lang::ALL
        .into_iter()
        .find_map(|l| session_in(l.words(), text))
}

/// [`session`] in one language: `à sa vingt-deuxième session (…)`, `en su 22º período de
/// sesiones (…)`.
fn session_in(w: &Words, text: &str) -> Option<(Option<u32>, Option<String>)> {
    // ASCII lower-casing keeps byte offsets valid in `text`; the keywords' non-ASCII
    // letters are lower case already.
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
            && words.starts_with(|c: char| c.is_alphanumeric())
            && words
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == ' ');
        plausible.then(|| (words, text.get(end + w.session_after.len()..).unwrap_or("")))
    })?;
    let number = ordinal_word_in(w, words)
        .or_else(|| {
            ordinal_in(w, words)
                .ok()
                .filter(|(rest, _)| rest.trim().is_empty())
                .map(|(_, n)| n)
        })
        // `en su 21 período de sesiones`: a PDF may lose the superscript `er` of `21er`.
        .or_else(|| {
            (words.len() <= 3 && words.bytes().all(|b| b.is_ascii_digit()))
                .then(|| words.parse().ok())
                .flatten()
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
            (plain && crate::un::dates::find_date_in(w, d).is_some()).then(|| d.to_string())
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
    fn french_and_spanish() {
        assert_eq!(
            session("Adoptées par le Comité à sa vingt et unième session (11 mars-5 avril 2019)."),
            Some((Some(21), Some("11 mars-5 avril 2019".into())))
        );
        assert_eq!(
            session("Aprobadas por el Comité en su 21er período de sesiones (11 de marzo a 5 de abril de 2019)."),
            Some((Some(21), Some("11 de marzo a 5 de abril de 2019".into())))
        );
        assert_eq!(
            session("Aprobadas por el Comité en su 21 período de sesiones (…)."),
            Some((Some(21), Some("…".into())))
        );
        assert_eq!(
            state_party("Observations finales concernant le cinquième rapport périodique du Maroc"),
            Some("Maroc")
        );
        assert_eq!(
            state_party("Observations finales concernant le rapport de l’Équateur valant deuxième et troisième rapports périodiques"),
            Some("Équateur")
        );
        assert_eq!(
            state_party("Observaciones finales sobre los informes periódicos quinto y sexto combinados de los Países Bajos"),
            Some("Países Bajos")
        );
        assert_eq!(
            state_party("Observaciones finales sobre los informes periódicos segundo y tercero combinados de El Salvador"),
            Some("El Salvador")
        );
        assert_eq!(
            state_party("Observations finales concernant le rapport soumis par la France en application du paragraphe 1 de l’article 12 du Protocole facultatif"),
            Some("France")
        );
        assert!(is_committee_line("Comité des droits de l'enfant"));
        assert_eq!(
            TreatyBody::from_committee_name("Comité de los Derechos del Niño"),
            Some(TreatyBody::Crc)
        );
        assert_eq!(
            TreatyBody::from_committee_name("Comité des droits de l'homme"),
            Some(TreatyBody::Ccpr)
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
