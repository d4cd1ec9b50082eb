//! What a reviewer checks on the seed (CRC/C/OPSC/PER/CO/1, Tika text export) and on POI's
//! export of CERD/C/URY/CO/21-23, beside their snapshots.

use std::path::Path;

use treatydoc::model::walk::{parts, Part};
use treatydoc::model::{Document, Heading, Instrument, Node, Paragraph, SymbolSource, TreatyBody};
use treatydoc::Options;

fn parse(path: &Path, shown: &str) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    treatydoc::parse(&bytes, Some(shown), &Options::default()).unwrap()
}

fn seed() -> Document {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/CRC_C_OPSC_PER_CO_1.txt");
    parse(&p, "fixtures/CRC_C_OPSC_PER_CO_1.txt")
}

fn cerd_text() -> Document {
    let p =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/CERD_C_URY_CO_21-23.poi.txt");
    parse(&p, "CERD_C_URY_CO_21-23.poi.txt")
}

/// Paragraphs in document order, with the chain of heading titles above each (a recursion
/// of its own: `walk::parts` gives no ancestors, and this reads the tree's actual nesting).
fn paragraphs(doc: &Document) -> Vec<(&Paragraph, Vec<&Heading>)> {
    fn walk<'a>(
        nodes: &'a [Node],
        path: &mut Vec<&'a Heading>,
        out: &mut Vec<(&'a Paragraph, Vec<&'a Heading>)>,
    ) {
        for n in nodes {
            match n {
                Node::Heading(h) => {
                    path.push(h);
                    walk(&h.children, path, out);
                    path.pop();
                }
                Node::Paragraph(p) => out.push((p, path.clone())),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.body, &mut Vec::new(), &mut out);
    out
}

/// The headings of one level, in document order.
fn headings(doc: &Document, level: u8) -> Vec<&Heading> {
    parts(doc)
        .filter_map(|p| match p {
            Part::Node(Node::Heading(h)) if h.level == level => Some(h),
            _ => None,
        })
        .collect()
}

fn item_labels(p: &Paragraph) -> Vec<&str> {
    p.items.iter().map(|i| i.label.as_str()).collect()
}

#[test]
fn seed_paragraphs_are_1_to_38_in_order() {
    let doc = seed();
    let numbers: Vec<String> = paragraphs(&doc)
        .iter()
        .map(|(p, _)| p.number.clone())
        .collect();
    let expected: Vec<String> = (1..=38).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    for (p, _) in paragraphs(&doc) {
        assert_eq!(p.id, format!("para-{}", p.number));
        assert!(!p.text.is_empty());
        assert!(
            !p.text.contains(['\t', '\n', '[']),
            "{}: {:?}",
            p.id,
            p.text
        );
    }
}

#[test]
fn seed_has_ten_level_one_headings_with_full_titles() {
    let doc = seed();
    let h1 = headings(&doc, 1);
    let numbers: Vec<_> = h1
        .iter()
        .map(|h| h.number.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        numbers,
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    );
    assert!(
        h1.iter().all(|h| doc.body.iter().any(|n| n.id() == h.id)),
        "all at top level"
    );
    assert_eq!(
        h1[4].title,
        "Prevention of the sale of children, child prostitution and child pornography (art. 9 (1 and 2))"
    );
    assert_eq!(
        h1[5].title,
        "Prohibition of the sale of children, child pornography and child prostitution and related matters (arts. 3, 4 (2 and 3) and 5-7)"
    );
    assert_eq!(
        h1[6].title,
        "Protection of the rights of child victims (arts. 8 and 9 (3 and 4))"
    );
    assert_eq!(h1[0].title, "Introduction");
    assert_eq!(h1[9].title, "Next report");
}

#[test]
fn seed_has_eighteen_unnumbered_subheadings_under_the_right_parents() {
    let doc = seed();
    let mut got = Vec::new();
    for n in &doc.body {
        let Node::Heading(h1) = n else { continue };
        for c in &h1.children {
            if let Node::Heading(h2) = c {
                assert_eq!(h2.level, 2);
                assert_eq!(h2.number, None);
                assert!(!h2.children.is_empty(), "{} is empty", h2.title);
                got.push((h1.number.clone().unwrap(), h2.title.clone()));
            }
        }
    }
    let expected = [
        ("II", "Positive aspects"),
        ("III", "Data collection"),
        ("IV", "Comprehensive policy and strategy"),
        ("IV", "Coordination and evaluation"),
        ("IV", "Dissemination and awareness-raising"),
        ("IV", "Training"),
        ("IV", "Allocation of resources"),
        ("V", "Measures adopted to prevent offences prohibited under the Protocol"),
        ("V", "Child sex tourism"),
        ("VI", "Existing criminal or penal laws and regulations"),
        ("VI", "Impunity"),
        ("VI", "Liability of legal persons"),
        ("VI", "Extraterritorial jurisdiction and extradition"),
        ("VII", "Measures adopted to protect the rights and interests of child victims of offences prohibited under the Optional Protocol"),
        ("VII", "Recovery and reintegration of victims"),
        ("VIII", "Multilateral, bilateral and regional agreements"),
        ("IX", "Follow-up"),
        ("IX", "Dissemination of concluding observations"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn seed_items_only_where_the_source_has_them() {
    let doc = seed();
    let with_items: Vec<(String, Vec<&str>)> = paragraphs(&doc)
        .iter()
        .filter(|(p, _)| !p.items.is_empty())
        .map(|(p, _)| (p.number.clone(), item_labels(p)))
        .collect();
    let abcde = |n: usize| ["a", "b", "c", "d", "e"][..n].to_vec();
    let expected = vec![
        ("4".to_string(), abcde(2)),
        ("5".to_string(), abcde(5)),
        ("6".to_string(), abcde(4)),
        ("14".to_string(), abcde(4)),
        ("19".to_string(), abcde(2)),
        ("20".to_string(), abcde(4)),
        ("26".to_string(), abcde(4)),
        ("31".to_string(), abcde(3)),
        ("32".to_string(), abcde(5)),
    ];
    assert_eq!(with_items, expected);
    let p5 = paragraphs(&doc)[4].0;
    assert_eq!(p5.items[0].id, "para-5.a");
    assert!(p5.items[0]
        .text
        .starts_with("Act No. 30251 of 30 September 2014"));
    assert!(p5.text.ends_with("including the adoption of:"));
}

#[test]
fn seed_footnote_and_metadata() {
    let doc = seed();
    assert_eq!(doc.footnotes.len(), 1);
    let f = &doc.footnotes[0];
    assert_eq!((f.id.as_str(), f.mark.as_str()), ("2", "*"));
    assert_eq!(
        f.text,
        "Adopted by the Committee at its seventy-first session (11-29 January 2016)."
    );
    let md = &doc.metadata;
    assert_eq!(md.session.as_ref().unwrap().number, Some(71));
    assert_eq!(
        md.session.as_ref().unwrap().dates.as_deref(),
        Some("11-29 January 2016")
    );
    assert_eq!(md.state_party.as_deref(), Some("Peru"));
    assert_eq!(md.instrument, Some(Instrument::Opsc));
    assert_eq!(md.body, Some(TreatyBody::Crc));
    assert_eq!(
        md.committee.as_deref(),
        Some("Committee on the Rights of the Child")
    );
    assert_eq!(md.symbol.as_deref(), Some("CRC/C/OPSC/PER/CO/1"));
    assert_eq!(md.symbol_source, Some(SymbolSource::Filename));
    assert_eq!(
        md.title.as_deref(),
        Some("Concluding observations on the report submitted by Peru under article 12 (1) of the Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography")
    );
    // Paragraph 1 stands under heading I in CRC documents.
    let (p1, path) = &paragraphs(&doc)[0];
    assert_eq!(p1.number, "1");
    assert!(
        path.is_empty(),
        "in this document paragraph 1 precedes heading I"
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn cerd_text_export() {
    let doc = cerd_text();
    let paras = paragraphs(&doc);
    let numbers: Vec<String> = paras.iter().map(|(p, _)| p.number.clone()).collect();
    let expected: Vec<String> = (1..=44).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    assert!(paras[0].1.is_empty(), "paragraph 1 comes before heading A");
    assert!(matches!(doc.body.first(), Some(Node::Paragraph(p)) if p.number == "1"));
    let h1: Vec<_> = headings(&doc, 1)
        .iter()
        .map(|h| (h.number.clone().unwrap_or_default(), h.title.clone()))
        .collect();
    assert_eq!(
        h1,
        [
            ("A", "Introduction"),
            ("B", "Positive aspects"),
            ("C", "Concerns and recommendations"),
            ("D", "Other recommendations")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(headings(&doc, 2).len(), 14 + 8);
    let with_items: Vec<&str> = paras
        .iter()
        .filter(|(p, _)| !p.items.is_empty())
        .map(|(p, _)| p.number.as_str())
        .collect();
    assert_eq!(with_items, ["4", "6", "17", "23", "26", "34"]);
    let md = &doc.metadata;
    assert_eq!(md.symbol.as_deref(), Some("CERD/C/URY/CO/21-23"));
    assert_eq!(md.symbol_source, Some(SymbolSource::Header));
    assert_eq!(md.date.as_deref(), Some("2017-01-12"));
    assert_eq!(md.original_language.as_deref(), Some("Spanish"));
    assert_eq!(md.distribution.as_deref(), Some("General"));
    assert_eq!(md.job_number.as_deref(), Some("GE.17-00476(E)"));
    assert_eq!(md.session.as_ref().unwrap().number, Some(91));
    assert_eq!(md.state_party.as_deref(), Some("Uruguay"));
    assert_eq!(md.body, Some(TreatyBody::Cerd));
    assert_eq!(doc.footnotes.len(), 1);
    assert_eq!(
        (doc.footnotes[0].id.as_str(), doc.footnotes[0].mark.as_str()),
        ("1", "*")
    );
    // No page furniture in the body.
    let json = treatydoc::writers::json::to_string(&doc, false);
    let body = serde_json::to_string(&doc.body).unwrap();
    for leak in [
        "GE.17",
        "United Nations",
        "Distr.",
        "\\t",
        "\\n",
        "\u{f02a}",
    ] {
        assert!(!body.contains(leak), "{leak} leaked into the body");
    }
    assert!(json.contains("\"schema_version\":\"1\""));
}

/// Issue 9: the first page's symbol is read with the one symbol grammar, so a line such as
/// `UN/DESA/DPAD` (no number: not a symbol) above the real symbol is not taken for it.
#[test]
fn first_page_symbol_by_the_symbol_grammar() {
    let text = "UN/DESA/DPAD\nCRC/C/PER/CO/4-5\nCommittee on the Rights of the Child\n\
                Concluding observations on the combined fourth and fifth periodic reports of Peru\n\
                1.\tThe Committee considered the report.\n";
    let doc = treatydoc::parse(text.as_bytes(), None, &Options::default()).unwrap();
    assert_eq!(doc.metadata.symbol.as_deref(), Some("CRC/C/PER/CO/4-5"));
    assert_eq!(doc.metadata.symbol_source, Some(SymbolSource::Header));
    assert_eq!(doc.metadata.body, Some(TreatyBody::Crc));
}
