//! Metadata from the first-page block, page furniture, the title and its footnote.

// Dates and ordinals share the cross-reference grammar's parsers, so that the builder and
// the refs pass read "29 January 2016" and "seventy-first" the same way.
use crate::model::{DocumentType, Instrument, Metadata, Session, SymbolSource, TreatyBody};
use crate::refs::dates::{date, ordinal, ordinal_word};

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
fn distribution(t: &str) -> Option<&str> {
    let rest = strip_prefix_ci(t, "distr")?;
    let rest = rest.strip_prefix('.').unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
    let end = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    rest.get(..end).filter(|w| !w.is_empty())
}

/// `Original: Spanish` gives `Spanish`.
fn original_language(t: &str) -> Option<&str> {
    let rest = strip_prefix_ci(t, "original")?.trim_start();
    Some(rest.strip_prefix(':')?.trim()).filter(|w| !w.is_empty())
}

/// The UN job number in a token: `GE.17-00476  (E)    270317` gives `GE.17-00476(E)`.
fn job_number(t: &str) -> Option<String> {
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
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\t', '\n'])
        .map(|t| t.trim_matches(|c: char| c.is_whitespace()))
        .filter(|t| !t.is_empty())
}

/// True when `token` looks like a UN document symbol.
pub fn is_symbol(token: &str) -> bool {
    let mut parts = token.split('/');
    let root = parts.next().unwrap_or_default();
    if !(1..=6).contains(&root.len()) || !root.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let mut segments = 0;
    for p in parts {
        let ok = !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '–' | '‑'));
        if !ok {
            return false;
        }
        segments += 1;
    }
    segments >= 2
}

/// True when a body paragraph is page furniture: job numbers, page numbers, barcodes, the
/// document's own symbol repeated as a running header.
pub fn is_furniture(text: &str, symbol: Option<&str>) -> bool {
    let mut any = false;
    for t in tokens(text) {
        any = true;
        let ok = t.starts_with("GE.") && job_number(t).is_some()
            || (t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
            || t.chars().all(|c| is_private_use(c) || c.is_whitespace())
            || t.eq_ignore_ascii_case("Please recycle")
            || t.to_ascii_lowercase().starts_with("page ")
                && t.get(5..)
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

/// Fills the fields the first-page block and furniture hold. Earlier tokens win.
pub fn from_tokens<'a>(md: &mut Metadata, tokens: impl Iterator<Item = &'a str>) {
    for t in tokens {
        if md.symbol.is_none() && is_symbol(t) {
            md.symbol = Some(t.to_string());
            md.symbol_source = Some(SymbolSource::Header);
        }
        if md.distribution.is_none() {
            if let Some(d) = distribution(t) {
                md.distribution = Some(title_case(d));
                continue;
            }
        }
        if md.original_language.is_none() {
            if let Some(l) = original_language(t) {
                md.original_language = Some(title_case(l));
                continue;
            }
        }
        if md.job_number.is_none() {
            if let Some(job) = job_number(t) {
                md.job_number = Some(job);
                continue;
            }
        }
        if md.date.is_none() {
            // Only a date standing alone: "12 January 2017", not a sentence.
            if let Ok((rest, d)) = date(t) {
                if rest.trim().is_empty() {
                    md.date = Some(d.iso());
                    continue;
                }
            }
        }
        if md.committee.is_none() && is_committee_line(t) {
            md.committee = Some(t.to_string());
        }
    }
}

/// "Committee on the Rights of the Child", "Human Rights Committee", "Subcommittee on ...".
pub fn is_committee_line(t: &str) -> bool {
    TreatyBody::from_committee_name(t).is_some()
        || ((t.starts_with("Committee ") || t.starts_with("Subcommittee "))
            && t.len() < 160
            && !t.ends_with('.'))
}

fn title_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The symbol a UN file name carries: `CRC_C_OPSC_PER_CO_1_23172_E.txt` gives
/// `CRC/C/OPSC/PER/CO/1` (job number and language suffix dropped).
pub fn symbol_from_filename(path: &str) -> Option<String> {
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
    let roots = [
        "CRC", "CCPR", "CERD", "CEDAW", "CAT", "CRPD", "CED", "CMW", "E", "A", "HRI",
    ];
    if parts.len() < 3 || !roots.contains(parts.first()?) {
        return None;
    }
    let symbol = parts.join("/");
    is_symbol(&symbol).then_some(symbol)
}

/// Fields that come from the title.
pub fn from_title(md: &mut Metadata, title: &str) {
    let lower = title.to_lowercase();
    let doc_type = if [
        "concluding observations",
        "concluding comments",
        "conclusions and recommendations",
        "observations finales",
        "observaciones finales",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        Some(DocumentType::ConcludingObservations)
    } else if lower.starts_with("list of issues") {
        Some(DocumentType::ListOfIssues)
    } else if lower.starts_with("general comment") || lower.starts_with("general recommendation") {
        Some(DocumentType::GeneralComment)
    } else {
        None
    };
    if doc_type.is_some() {
        md.document_type = doc_type;
    }
    if md.state_party.is_none() {
        let state = state_party(title).map(|s| s.trim().trim_end_matches(['.', '*']).trim());
        md.state_party = state
            .filter(|s| !s.is_empty() && s.len() < 120)
            .map(str::to_string);
    }
    if md.instrument.is_none() {
        if lower.contains("sale of children") {
            md.instrument = Some(Instrument::Opsc);
        } else if lower.contains("involvement of children in armed conflict") {
            md.instrument = Some(Instrument::Opac);
        }
    }
    if md.session.is_none() {
        md.session = session(title);
    }
}

/// The State party named in a title: "... submitted by Peru under article 12 ...",
/// "... periodic reports of Uruguay", "Concluding observations: Yemen".
fn state_party(title: &str) -> Option<&str> {
    if let Some(i) = find_word_ci(title, "submitted by ") {
        let rest = title.get(i + "submitted by ".len()..)?;
        let lower = rest.to_ascii_lowercase();
        if let Some(end) = [" under article", " under the"]
            .iter()
            .filter_map(|m| lower.find(m))
            .min()
        {
            return rest.get(..end);
        }
    }
    for marker in ["reports of ", "report of "] {
        if let Some(i) = find_word_ci(title, marker) {
            let rest = title.get(i + marker.len()..)?;
            // CEDAW puts the session in the title: "..., adopted by the Committee at ...".
            let end = rest
                .to_ascii_lowercase()
                .find(", adopted")
                .unwrap_or(rest.len());
            return rest.get(..end);
        }
    }
    match title.split_once(':') {
        Some((_, state)) if !state.contains(':') => Some(state),
        _ => None,
    }
}

/// "Adopted by the Committee at its seventy-first session (11-29 January 2016)."
pub fn session(text: &str) -> Option<Session> {
    let lower = text.to_ascii_lowercase();
    let (words, after) = lower.match_indices("at its ").find_map(|(i, m)| {
        let start = i + m.len();
        let end = start + lower.get(start..)?.find(" session")?;
        let words = text.get(start..end)?.trim();
        let plausible = words.len() <= 60
            && words.starts_with(|c: char| c.is_ascii_alphanumeric())
            && words
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ');
        plausible.then(|| (words, text.get(end + " session".len()..).unwrap_or("")))
    })?;
    let number = ordinal_word(words).or_else(|| {
        ordinal(words)
            .ok()
            .filter(|(rest, _)| rest.trim().is_empty())
            .map(|(_, n)| n)
    });
    let dates = after
        .trim_start()
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .map(|(d, _)| d.trim().to_string());
    (number.is_some() || dates.is_some()).then_some(Session { number, dates })
}

/// Fills what follows from the other fields: body, document type, instrument from the symbol.
pub fn complete(md: &mut Metadata) {
    if md.body.is_none() {
        md.body = md
            .symbol
            .as_deref()
            .and_then(TreatyBody::from_symbol)
            .or_else(|| {
                md.committee
                    .as_deref()
                    .and_then(TreatyBody::from_committee_name)
            });
    }
    if let Some(sym) = md.symbol.as_deref() {
        if md.instrument.is_none() {
            if sym.contains("/OPSC/") {
                md.instrument = Some(Instrument::Opsc);
            } else if sym.contains("/OPAC/") {
                md.instrument = Some(Instrument::Opac);
            }
        }
        if md.document_type.is_none() {
            md.document_type = if sym.contains("/CO/") {
                Some(DocumentType::ConcludingObservations)
            } else if sym.contains("/Q/") || sym.contains("/QPR/") {
                Some(DocumentType::ListOfIssues)
            } else if sym.contains("/GC/") {
                Some(DocumentType::GeneralComment)
            } else {
                None
            };
        }
    }
    if md.document_type.is_none() && md.title.is_some() {
        md.document_type = Some(DocumentType::Other);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn titles() {
        let mut md = Metadata::default();
        from_title(&mut md, "Concluding observations on the combined twenty-first to twenty-third periodic reports of Uruguay");
        assert_eq!(md.state_party.as_deref(), Some("Uruguay"));
        let mut md = Metadata::default();
        from_title(&mut md, "Concluding observations on the report submitted by Peru under article 12 (1) of the Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography");
        assert_eq!(md.state_party.as_deref(), Some("Peru"));
        assert_eq!(md.instrument, Some(Instrument::Opsc));
        let s = session(
            "Adopted by the Committee at its ninety-first session (21 November-9 December 2016).",
        )
        .unwrap();
        assert_eq!(s.number, Some(91));
        assert_eq!(s.dates.as_deref(), Some("21 November-9 December 2016"));
    }

    #[test]
    fn furniture() {
        assert!(is_furniture("GE.17-00476  (E)    270317    280317", None));
        assert!(is_furniture("2\tGE.17-00476", None));
        assert!(is_furniture("\u{F02A}\u{F031}\u{F02A}", None));
        assert!(!is_furniture("2.\tThe Committee", None));
    }
}
