//! The real UN file `CERD/C/URY/CO/21-23` (read from `../shared/corpus`, never copied here):
//! what a reader of the document sees, asserted on the tree the .docx gives.

mod docx_common;

use docx_common::*;
use treatydoc::model::{Node, NoteKind, SymbolSource, TreatyBody};

fn paragraphs<'a>(nodes: &'a [Node], out: &mut Vec<&'a treatydoc::model::Paragraph>) {
    for n in nodes {
        match n {
            Node::Heading(h) => paragraphs(&h.children, out),
            Node::Paragraph(p) => out.push(p),
            _ => {}
        }
    }
}

#[test]
fn cerd_uruguay_tree() {
    let doc = parse(&cerd("docx"));

    // Paragraph 1 stands before heading A; then the level-1 headings A to D.
    assert!(matches!(&doc.body[0], Node::Paragraph(p) if p.number == "1"));
    let heads: Vec<(String, String)> = doc
        .body
        .iter()
        .filter_map(|n| match n {
            Node::Heading(h) => {
                assert_eq!(h.level, 1);
                Some((h.number.clone().unwrap_or_default(), h.title.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        heads,
        [
            ("A", "Introduction"),
            ("B", "Positive aspects"),
            ("C", "Concerns and recommendations"),
            ("D", "Other recommendations"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );

    // Level-2 sub-headings (unnumbered, H23G) under C and D.
    let subs = |i: usize| -> Vec<String> {
        match &doc.body[i] {
            Node::Heading(h) => h
                .children
                .iter()
                .filter_map(|c| match c {
                    Node::Heading(s) => {
                        assert_eq!((s.level, s.number.as_deref()), (2, None));
                        Some(s.title.clone())
                    }
                    _ => None,
                })
                .collect(),
            _ => panic!("body[{i}] is not a heading"),
        }
    };
    let c = subs(3);
    assert_eq!(c.len(), 14);
    assert_eq!(c[0], "Statistical information");
    assert_eq!(c[13], "Racial stereotypes");
    let d = subs(4);
    assert_eq!(d.len(), 8);
    assert_eq!(d[7], "Preparation of the next report");

    // Paragraphs 1 to 44, in order, none missing; items only where the document has them.
    let mut ps = Vec::new();
    paragraphs(&doc.body, &mut ps);
    let numbers: Vec<String> = ps.iter().map(|p| p.number.clone()).collect();
    let expected: Vec<String> = (1..=44).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    let with_items: Vec<&str> = ps
        .iter()
        .filter(|p| !p.items.is_empty())
        .map(|p| p.number.as_str())
        .collect();
    assert_eq!(with_items, ["4", "6", "17", "23", "26", "34"]);
    let labels: Vec<&str> = ps[3].items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["a", "b", "c", "d", "e"]);
    assert_eq!(ps[3].items[0].id, "para-4.a");
    assert!(ps[3].items[0]
        .text
        .starts_with("Optional Protocol to the Convention on the Rights of the Child"));

    // The title's footnote: id 1, custom mark `*`, its text without the typed mark.
    assert_eq!(doc.footnotes.len(), 1);
    let f = &doc.footnotes[0];
    assert_eq!(
        (f.id.as_str(), f.kind, f.mark.as_str()),
        ("1", NoteKind::Footnote, "*")
    );
    assert_eq!(
        f.text,
        "Adopted by the Committee at its ninety-first session (21 November-9 December 2016)."
    );

    // Metadata from the file itself (first-page table, headers, footers, title footnote).
    let m = &doc.metadata;
    assert_eq!(m.symbol.as_deref(), Some("CERD/C/URY/CO/21-23"));
    assert_eq!(m.symbol_source, Some(SymbolSource::Header));
    assert_eq!(m.body, Some(TreatyBody::Cerd));
    assert_eq!(m.date.as_deref(), Some("2017-01-12"));
    assert_eq!(m.distribution.as_deref(), Some("General"));
    assert_eq!(m.original_language.as_deref(), Some("Spanish"));
    assert_eq!(m.job_number.as_deref(), Some("GE.17-00476(E)"));
    assert_eq!(m.session.as_ref().and_then(|s| s.number), Some(91));
    assert_eq!(m.state_party.as_deref(), Some("Uruguay"));
    assert_eq!(
        m.title.as_deref(),
        Some("Concluding observations on the combined twenty-first to twenty-third periodic reports of Uruguay")
    );

    // No page furniture in the body.
    let all = serde_json::to_string(&doc.body).unwrap();
    for furniture in [
        "GE.17-00476",
        "Distr.",
        "Original: Spanish",
        "United Nations",
        "\u{F02A}",
    ] {
        assert!(!all.contains(furniture), "{furniture} leaked into the body");
    }
}

#[test]
fn cerd_block_stream() {
    use treatydoc::blocks::{Block, Region, StyleHint};
    let raw = raw(&cerd("docx"), treatydoc::Format::Docx);
    // Headers first, then the masthead table, body, footers (POI's order).
    let regions: Vec<Region> = raw
        .blocks
        .iter()
        .map(|b| match b {
            Block::Para { region, .. } | Block::Table { region, .. } => *region,
        })
        .collect();
    assert_eq!(
        &regions[..3],
        [Region::Header, Region::Header, Region::FirstPage]
    );
    assert_eq!(&regions[regions.len() - 4..], [Region::Footer; 4]);
    assert!(regions[3..regions.len() - 4]
        .iter()
        .all(|r| *r == Region::Body));
    // Styles: HChG title, H1G and H23G headings.
    let styles: Vec<StyleHint> = raw
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para {
                region: Region::Body,
                para,
            } => Some(para.style),
            _ => None,
        })
        .collect();
    assert_eq!(styles.iter().filter(|s| **s == StyleHint::Title).count(), 1);
    assert_eq!(
        styles
            .iter()
            .filter(|s| **s == StyleHint::Heading(1))
            .count(),
        4
    );
    assert_eq!(
        styles
            .iter()
            .filter(|s| **s == StyleHint::Heading(2))
            .count(),
        22
    );
    // Core properties: the symbol and the job number.
    assert_eq!(raw.props.subject.as_deref(), Some("CERD/C/URY/CO/21-23"));
    assert_eq!(raw.props.title.as_deref(), Some("1700476"));
    assert!(raw.warnings.is_empty());
}
