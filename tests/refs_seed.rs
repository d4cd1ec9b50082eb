//! The references a reviewer checks on the seed (CRC/C/OPSC/PER/CO/1) and on CERD/C/URY/CO/21-23
//! (both its .docx and POI's text export): paragraph 1 of each and the metadata drawn from
//! it, the pinpointed references to the previous concluding observations, and the internal
//! references of CERD paragraphs 42 and 43. The snapshots show every ref; these pin the ones
//! that matter.

use std::path::Path;

use serde_json::{json, Value};
use treatydoc::model::walk::{parts, Part};
use treatydoc::model::{
    Adopted, Document, Item, Metadata, Node, Paragraph, SymbolSource, TreatyBody,
};

mod common;

const OPSC: &str = "Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography";
const ICERD: &str =
    "International Convention on the Elimination of All Forms of Racial Discrimination";

fn parse(rel: &str) -> Document {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    treatydoc::parse(&bytes, Some(rel), &treatydoc::Options::default()).expect("parses")
}

fn seed() -> Document {
    parse("fixtures/CRC_C_OPSC_PER_CO_1.txt")
}

fn cerd_text() -> Document {
    parse("../shared/corpus/CERD_C_URY_CO_21-23.poi.txt")
}

fn cerd_docx() -> Document {
    parse("../shared/corpus/CERD_C_URY_CO_21-23.docx")
}

fn para(doc: &Document, n: u32) -> &Paragraph {
    let id = format!("para-{n}");
    parts(doc)
        .find_map(|part| match part {
            Part::Node(Node::Paragraph(p)) if p.id == id => Some(p),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no paragraph {n}"))
}

/// The refs as JSON without offsets (checked by the property test), for readable asserts.
fn refs(list: &[treatydoc::model::Ref]) -> Vec<Value> {
    list.iter()
        .map(|r| {
            let mut v = serde_json::to_value(r).expect("json");
            if let Some(o) = v.as_object_mut() {
                o.remove("start");
                o.remove("end");
            }
            v
        })
        .collect()
}

fn document(text: &str, symbol: &str) -> Value {
    json!({"kind": "document", "text": text, "symbol": symbol, "symbols": [symbol], "paragraphs": []})
}

#[test]
fn seed_paragraph_1_and_metadata() {
    let doc = seed();
    assert_eq!(
        refs(&para(&doc, 1).refs),
        vec![
            document("CRC/C/OPSC/PER/1", "CRC/C/OPSC/PER/1"),
            json!({"kind": "meeting", "text": "2071st meeting", "meetings": [2071]}),
            document("CRC/C/SR.2071", "CRC/C/SR.2071"),
            json!({"kind": "meeting", "text": "2104th meeting", "meetings": [2104]}),
            document("CRC/C/SR.2104", "CRC/C/SR.2104"),
        ]
    );
    assert_eq!(doc.metadata.reports_considered, ["CRC/C/OPSC/PER/1"]);
    assert_eq!(
        doc.metadata.adopted,
        Some(Adopted {
            meetings: vec![2104],
            date: Some("2016-01-29".into())
        })
    );
}

#[test]
fn seed_previous_concluding_observations() {
    let doc = seed();
    for (n, paras) in [(10, ["9", "10"]), (12, ["11", "12"])] {
        assert_eq!(
            refs(&para(&doc, n).refs),
            vec![json!({
                "kind": "document",
                "text": format!("CRC/C/PER/CO/4-5, paras. {} and {}", paras[0], paras[1]),
                "symbol": "CRC/C/PER/CO/4-5",
                "symbols": ["CRC/C/PER/CO/4-5"],
                "paragraphs": paras,
            })],
            "paragraph {n}"
        );
    }
}

#[test]
fn seed_articles_laws_and_near_misses() {
    let doc = seed();
    // The protocol under review is what an unqualified article or "the Optional Protocol" means;
    // "the Convention" is the CRC.
    let p38 = refs(&para(&doc, 38).refs);
    assert_eq!(p38[0]["instrument"], OPSC);
    assert_eq!(p38[1]["text"], "article 44 of the Convention");
    assert_eq!(
        p38[1]["instrument"],
        "Convention on the Rights of the Child"
    );
    // Item 5 (a): a law with its date, and a Criminal Code article that is national law.
    let item = &para(&doc, 5).items[0];
    assert_eq!(
        refs(&item.refs),
        vec![
            json!({"kind": "law", "text": "Act No. 30251 of 30 September 2014", "name": "Act No. 30251", "date": "2014-09-30"}),
            json!({"kind": "article", "text": "article 153 of the Criminal Code", "instrument": "Criminal Code", "domestic": true,
                   "articles": [{"article": "153", "paragraphs": []}]}),
        ]
    );
    // Plans named with year ranges (`2012-2021`) and "rural and/or remote areas" are not refs.
    let p6: Vec<&Item> = para(&doc, 6).items.iter().collect();
    assert!(p6.iter().all(|i| i.refs.is_empty()), "{p6:?}");
    assert!(para(&doc, 19).items.iter().all(|i| i.refs.is_empty()));
}

#[test]
fn cerd_paragraph_1_and_metadata() {
    for doc in [cerd_text(), cerd_docx()] {
        assert_eq!(
            refs(&para(&doc, 1).refs),
            vec![
                document("CERD/C/URY/21-23", "CERD/C/URY/21-23"),
                json!({"kind": "meeting", "text": "2494th and 2495th meetings", "meetings": [2494, 2495]}),
                json!({"kind": "document", "text": "CERD/C/SR.2494 and 2495", "symbol": "CERD/C/SR.2494",
                       "symbols": ["CERD/C/SR.2494", "CERD/C/SR.2495"], "paragraphs": []}),
                json!({"kind": "meeting", "text": "2508th meeting", "meetings": [2508]}),
            ],
            "{:?}",
            doc.source.format
        );
        assert_eq!(doc.metadata.reports_considered, ["CERD/C/URY/21-23"]);
        assert_eq!(
            doc.metadata.adopted,
            Some(Adopted {
                meetings: vec![2508],
                date: Some("2016-12-05".into())
            })
        );
    }
}

#[test]
fn cerd_previous_concluding_observations() {
    let doc = cerd_text();
    for (n, pinpoint) in [(9, "8"), (11, "9"), (12, "11"), (35, "19")] {
        let found: Vec<Value> = refs(&para(&doc, n).refs)
            .into_iter()
            .filter(|r| r["kind"] == "document")
            .collect();
        assert_eq!(
            found,
            vec![json!({
                "kind": "document",
                "text": format!("CERD/C/URY/CO/16-20, para. {pinpoint}"),
                "symbol": "CERD/C/URY/CO/16-20",
                "symbols": ["CERD/C/URY/CO/16-20"],
                "paragraphs": [pinpoint],
            })],
            "paragraph {n}"
        );
    }
}

#[test]
fn cerd_internal_references() {
    let doc = cerd_text();
    assert_eq!(
        refs(&para(&doc, 42).refs),
        vec![
            json!({"kind": "article", "text": "article 9 (1) of the Convention", "instrument": ICERD, "domestic": false,
                   "articles": [{"article": "9", "paragraphs": ["1"]}]}),
            json!({"kind": "paragraph", "text": "paragraphs 19 and 21 above", "paragraphs": ["19", "21"],
                   "targets": ["para-19", "para-21"]}),
        ]
    );
    assert_eq!(
        refs(&para(&doc, 43).refs),
        vec![
            json!({"kind": "paragraph", "text": "paragraphs 11, 23, 32 and 34 above",
                    "paragraphs": ["11", "23", "32", "34"],
                    "targets": ["para-11", "para-23", "para-32", "para-34"]})
        ]
    );
    assert!(!doc
        .warnings
        .iter()
        .any(|w| w.code == treatydoc::model::WarningCode::MissingRefTarget));
}

#[test]
fn cerd_articles_carry_and_national_acts() {
    let doc = cerd_text();
    let p20 = refs(&para(&doc, 20).refs);
    assert_eq!(
        p20,
        vec![
            json!({"kind": "article", "text": "arts. 2 and 5 (d) (v)", "instrument": ICERD, "domestic": false,
                    "articles": [{"article": "2", "paragraphs": []}, {"article": "5", "paragraphs": ["d (v)"]}]})
        ]
    );
    // "the aforementioned Act" is the act named in the items before it.
    let c = &para(&doc, 17).items[2];
    assert_eq!(
        refs(&c.refs),
        vec![
            json!({"kind": "article", "text": "article 2 of the aforementioned Act", "instrument": "Act No. 19122",
                    "domestic": true, "articles": [{"article": "2", "paragraphs": []}]})
        ]
    );
    // Rule 65, the Fourteenth Meeting of States Parties, the 21,200-word limit and the decade
    // (2015-2024) are not references.
    let kinds = |n| -> Vec<String> {
        refs(&para(&doc, n).refs)
            .iter()
            .map(|r| r["kind"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(kinds(37), ["article", "resolution"]);
    assert_eq!(kinds(39), ["resolution", "resolution", "general_comment"]);
    assert_eq!(kinds(44), ["document", "resolution"]);
}

#[test]
fn both_readers_give_the_same_refs() {
    // Every body text's refs (headings, paragraphs, items at any depth, text), by holder id.
    let all = |doc: &Document| -> Vec<(String, Vec<Value>)> {
        parts(doc)
            .filter(|p| !matches!(p, Part::Footnote(_) | Part::Node(Node::Table(_))))
            .map(|p| (p.id().to_string(), refs(p.refs())))
            .collect()
    };
    let (mut a, mut b) = (all(&cerd_text()), all(&cerd_docx()));
    a.retain(|(_, r)| !r.is_empty());
    b.retain(|(_, r)| !r.is_empty());
    assert_eq!(a, b);
}

/// Without a symbol, the document's is inferred from the report considered.
#[test]
fn symbol_inferred_from_the_report_considered() {
    let text = "The Committee considered the initial report of Peru (CRC/C/OPSC/PER/1) at its \
                2071st meeting (see CRC/C/SR.2071), held on 15 January 2016, and adopted the \
                following concluding observations at its 2104th meeting (see CRC/C/SR.2104), \
                held on 29 January 2016.";
    let metadata = Metadata {
        body: Some(TreatyBody::Crc),
        ..Metadata::default()
    };
    let mut doc = common::document(metadata, vec![common::paragraph(1, text, vec![])], vec![]);
    treatydoc::refs::resolve(&mut doc).unwrap();
    assert_eq!(doc.metadata.symbol.as_deref(), Some("CRC/C/OPSC/PER/CO/1"));
    assert_eq!(doc.metadata.symbol_source, Some(SymbolSource::Inferred));
    assert_eq!(doc.metadata.reports_considered, ["CRC/C/OPSC/PER/1"]);
    assert_eq!(
        doc.metadata.adopted,
        Some(Adopted {
            meetings: vec![2104],
            date: Some("2016-01-29".into())
        })
    );
}
