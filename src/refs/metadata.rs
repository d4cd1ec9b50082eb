//! Metadata that comes from the opening paragraph's references, so that the metadata and
//! the refs never disagree:
//!
//! - `reports_considered`: the document refs of paragraph 1, and of the footnotes anchored
//!   in it, that are State reports (not summary records, lists of issues, replies or
//!   concluding observations);
//! - `adopted`: the meeting at which the document was adopted and its date, from "adopted
//!   the following concluding observations at its 2104th meeting (...), held on 29 January
//!   2016" or "At its 2508th meeting, held on 5 December 2016, it adopted ...";
//! - `symbol` (source `inferred`), when no symbol is known: the concluding observations on
//!   the first report considered (`CRC/C/OPSC/PER/1` gives `CRC/C/OPSC/PER/CO/1`).

use crate::model::walk::{parts, Part};
use crate::model::{Adopted, Document, DocumentType, Node, Paragraph, RefTarget, SymbolSource};

use crate::un::dates::find_date_in;
use crate::un::lang::{Lang, Words};
use crate::un::symbol;

/// Fills the metadata derived from paragraph 1's refs; leaves fields alone when paragraph 1
/// does not provide them.
pub(crate) fn fill(doc: &mut Document) {
    let Some(p1) = find_paragraph(doc, "1") else {
        return;
    };
    // Newer documents put the report's symbol in a footnote of paragraph 1 rather than in
    // its text: the refs of the footnotes anchored there count too, after the text's own.
    let note_refs = p1
        .footnotes
        .iter()
        .filter_map(|a| doc.footnotes.iter().find(|f| f.id == a.footnote))
        .flat_map(|f| f.refs.iter());
    let reports = reports(p1.refs.iter().chain(note_refs));
    let w = doc
        .metadata
        .language
        .map_or(Lang::En, crate::model::Language::lang)
        .words();
    let adopted = adopted(w, p1);
    let md = &mut doc.metadata;
    if !reports.is_empty() {
        md.reports_considered = reports;
    }
    if adopted.is_some() {
        md.adopted = adopted;
    }
    let is_co = matches!(
        md.document_type,
        None | Some(DocumentType::ConcludingObservations)
    );
    if md.symbol.is_none() && is_co {
        let inferred = md.reports_considered.iter().find_map(|r| {
            symbol::symbol(r)
                .ok()
                .and_then(|(_, s)| symbol::concluding_observations_for(&s))
        });
        if let Some(s) = inferred {
            md.symbol = Some(s);
            md.symbol_source = Some(SymbolSource::Inferred);
        }
    }
}

fn find_paragraph<'a>(doc: &'a Document, number: &str) -> Option<&'a Paragraph> {
    parts(doc).find_map(|part| match part {
        Part::Node(Node::Paragraph(p)) if p.number == number => Some(p),
        _ => None,
    })
}

fn reports<'a>(refs: impl Iterator<Item = &'a crate::model::Ref>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in refs {
        if let RefTarget::Document { symbols, .. } = &r.target {
            for s in symbols {
                let is_report = symbol::symbol(s)
                    .ok()
                    .is_some_and(|(rest, sym)| rest.is_empty() && symbol::is_state_report(&sym));
                if is_report && !out.contains(s) {
                    out.push(s.clone());
                }
            }
        }
    }
    out
}

/// Byte offset of char offset `k` in `s`.
fn byte_at(s: &str, k: usize) -> usize {
    s.char_indices().nth(k).map_or(s.len(), |(b, _)| b)
}

/// Whether `s` holds the end of a sentence: a full stop, then a space and a capital, not
/// after an abbreviation such as `No.` or `para.`.
fn has_sentence_end(w: &Words, s: &str) -> bool {
    let mut rest = s;
    while let Some(k) = rest.find(". ") {
        let Some((head, tail)) = rest.split_at_checked(k) else {
            break;
        };
        let next_upper = tail
            .get(2..)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_uppercase);
        let word = head
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let abbreviation = w.abbreviations.contains(&word);
        if next_upper && !abbreviation {
            return true;
        }
        rest = tail.get(1..).unwrap_or("");
    }
    false
}

fn adopted(w: &Words, p1: &Paragraph) -> Option<Adopted> {
    let text = p1.text.as_str();
    let verb = w.adopted.iter().find_map(|v| text.find(v))?;
    // Meeting refs with byte spans.
    let meetings: Vec<(usize, usize, &Vec<u32>)> = p1
        .refs
        .iter()
        .filter_map(|r| match &r.target {
            RefTarget::Meeting { meetings } => {
                Some((byte_at(text, r.start), byte_at(text, r.end), meetings))
            }
            _ => None,
        })
        .collect();
    // "adopted ... at its 2104th meeting": the first meeting after the verb, same sentence.
    let after = meetings.iter().position(|(s, _, _)| {
        *s > verb
            && text
                .get(verb..*s)
                .is_some_and(|between| !has_sentence_end(w, between))
    });
    // "At its 2508th meeting, ..., it adopted": the last meeting before it, same sentence.
    let before = || {
        meetings.iter().rposition(|(_, e, _)| {
            *e <= verb
                && text
                    .get(*e..verb)
                    .is_some_and(|between| !has_sentence_end(w, between))
        })
    };
    let k = after.or_else(before)?;
    let (_, end, numbers) = meetings.get(k)?;
    // The date: the first one after the meeting, before the next meeting or sentence end.
    let limit = meetings.get(k + 1).map_or(text.len(), |(s, _, _)| *s);
    let window = text.get(*end..limit.max(*end)).unwrap_or("");
    let date = find_date_in(w, window).and_then(|(at, d)| {
        let gap = window.get(..at).unwrap_or("");
        (!has_sentence_end(w, gap)).then(|| d.iso())
    });
    Some(Adopted {
        meetings: numbers.to_vec(),
        date,
    })
}
