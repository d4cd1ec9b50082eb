//! Metadata from the first-page block, page furniture, the title and its footnote: the
//! front-matter pass puts what the UN vocabulary ([`crate::un`]) reads into `metadata`.

use crate::model::Language;
use crate::model::{DocumentType, Instrument, Metadata, Session, SymbolSource, TreatyBody};
use crate::un::dates::date_any;
use crate::un::front_matter::{distribution, is_committee_line, job_number, original_language};
use crate::un::symbol::is_symbol;

pub(crate) use crate::un::front_matter::{is_furniture, tokens};

/// Fills the fields the first-page block and furniture hold. Earlier tokens win.
pub(crate) fn from_tokens<'a>(md: &mut Metadata, tokens: impl Iterator<Item = &'a str>) {
    for t in tokens {
        // After a `Fifth session` line, a date range standing alone gives its dates.
        if let Some(s) = md
            .session
            .as_mut()
            .filter(|s| s.number.is_some() && s.dates.is_none())
        {
            if crate::un::dates::date_range(t).is_ok_and(|(r, _)| r.trim().is_empty()) {
                s.dates = Some(t.to_string());
                continue;
            }
        }
        if md.session.is_none() {
            if let Some(n) = crate::un::front_matter::session_line(t) {
                md.session = Some(Session {
                    number: Some(n),
                    dates: None,
                });
                continue;
            }
        }
        // A reissue mark on the masthead symbol (`CRPD/C/AUT/CO/2-3*`) is a note mark.
        let sym = crate::un::front_matter::without_reissue_mark(t);
        if md.symbol.is_none() && is_symbol(sym) {
            md.symbol = Some(sym.to_string());
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
                md.original_language_code = Language::from_name(l);
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
            if let Ok((rest, d)) = date_any(t) {
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

fn title_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Fields that come from the title.
pub(crate) fn from_title(md: &mut Metadata, title: &str) {
    let lower = title.to_lowercase();
    if let Some(t) = DocumentType::from_title(&lower) {
        md.document_type = Some(t);
    }
    if md.state_party.is_none() {
        let state = crate::un::front_matter::state_party(title)
            .map(|s| s.trim().trim_end_matches(['.', '*', ',']).trim());
        md.state_party = state
            .filter(|s| !s.is_empty() && s.len() < 120)
            .map(str::to_string);
    }
    if md.instrument.is_none() {
        md.instrument = Instrument::from_title(&lower);
    }
    if md.session.is_none() {
        md.session = session(title);
    }
}

/// The session a text names ("... at its seventy-first session (11-29 January 2016).").
pub(crate) fn session(text: &str) -> Option<Session> {
    crate::un::front_matter::session(text).map(|(number, dates)| Session { number, dates })
}

/// Fills what follows from the other fields: body, document type, instrument from the symbol.
pub(crate) fn complete(md: &mut Metadata) {
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
            md.instrument = Instrument::from_symbol(sym);
        }
        if md.document_type.is_none() {
            md.document_type = DocumentType::from_symbol(sym);
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
    fn titles() {
        let mut md = Metadata::default();
        from_title(&mut md, "Concluding observations on the combined twenty-first to twenty-third periodic reports of Uruguay");
        assert_eq!(md.state_party.as_deref(), Some("Uruguay"));
        assert_eq!(md.document_type, Some(DocumentType::ConcludingObservations));
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
        let mut md = Metadata::default();
        from_title(
            &mut md,
            "Concluding observations on the initial report of Bangladesh*,**",
        );
        assert_eq!(md.state_party.as_deref(), Some("Bangladesh"));
    }

    #[test]
    fn first_page_tokens() {
        let mut md = Metadata::default();
        let toks = ["CRPD/C/AUT/CO/2-3*", "Fifth session", "11-15 April 2011"];
        from_tokens(&mut md, toks.into_iter());
        assert_eq!(md.symbol.as_deref(), Some("CRPD/C/AUT/CO/2-3"));
        let s = md.session.unwrap();
        assert_eq!(
            (s.number, s.dates.as_deref()),
            (Some(5), Some("11-15 April 2011"))
        );
    }
}
