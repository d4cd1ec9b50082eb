//! Same tree from both readers: a .docx and its POI text export give the same body,
//! footnotes and metadata (where the text holds it), through the one structure builder.
//!
//! The text twins are real POI 3.17 exports. POI does not print Word's auto-numbering labels,
//! so an auto-numbered .docx and its twin legitimately differ in numbers: for those, the
//! .docx tree is compared with the tree of the same document typed by hand instead.

mod docx_common;

use docx_common::*;
use serde_json::Value;
use treatydoc::Format;

/// The tree as JSON, minus `source` (path, format and hash differ by construction).
fn tree(path: &std::path::Path) -> Value {
    let mut v = serde_json::to_value(parse(path)).unwrap();
    v.as_object_mut().unwrap().remove("source");
    v
}

fn assert_same(a: &Value, b: &Value, key: &str, what: &str) {
    assert_eq!(json(&a[key]), json(&b[key]), "{what}: `{key}` differs");
}

/// Removes the body nodes with these ids (wherever they sit) and footnotes with these ids.
fn without(mut v: Value, nodes: &[&str], notes: &[&str]) -> Value {
    fn strip(list: &mut Value, nodes: &[&str]) {
        if let Some(arr) = list.as_array_mut() {
            arr.retain(|n| !nodes.contains(&n["id"].as_str().unwrap_or_default()));
            for n in arr.iter_mut() {
                if let Some(c) = n.get_mut("children") {
                    strip(c, nodes);
                }
            }
        }
    }
    strip(&mut v["body"], nodes);
    if let Some(f) = v["footnotes"].as_array_mut() {
        f.retain(|n| !notes.contains(&n["id"].as_str().unwrap_or_default()));
    }
    v
}

#[test]
fn cerd_docx_and_its_poi_export_give_the_same_tree() {
    let (d, t) = (cerd("docx"), cerd("poi.txt"));
    // The block streams first: every body paragraph, note mark and note body is identical.
    let (rd, rt) = (raw(&d, Format::Docx), raw(&t, Format::Text));
    assert_docx_paras_in_text(&rd, &rt, "CERD");
    assert_same_notes(&rd, &rt, "CERD");
    assert_eq!(rd.notes.len(), rt.notes.len());
    // Then the trees: body, footnotes, metadata and warnings all identical.
    let (a, b) = (tree(&d), tree(&t));
    for key in ["body", "footnotes", "metadata", "warnings"] {
        assert_same(&a, &b, key, "CERD");
    }
}

/// Fixture pairs whose trees must be identical in every part.
#[test]
fn fixture_pairs_identical() {
    for name in [
        "layout_masthead_headers_footers.docx",
        "layout_masthead_in_first_page_header.docx",
        "markup_comments.docx",
        "seed_typed/CRC_C_OPSC_PER_CO_1.docx",
    ] {
        let d = fixture(name);
        let (rd, rt) = (raw(&d, Format::Docx), raw(&twin(&d), Format::Text));
        assert_docx_paras_in_text(&rd, &rt, name);
        assert_same_notes(&rd, &rt, name);
        let (a, b) = (tree(&d), tree(&twin(&d)));
        for key in ["body", "footnotes", "metadata", "warnings"] {
            assert_same(&a, &b, key, name);
        }
    }
}

#[test]
fn seed_docx_gives_the_seed_text_tree() {
    // The seed rebuilt as a .docx gives the tree of the original text export.
    let d = fixture("seed_typed/CRC_C_OPSC_PER_CO_1.docx");
    let s = root().join("fixtures/CRC_C_OPSC_PER_CO_1.txt");
    let (a, b) = (tree(&d), tree(&s));
    for key in ["body", "footnotes", "metadata"] {
        assert_same(&a, &b, key, "seed");
    }
}

#[test]
fn auto_numbered_seed_gives_the_typed_seed_tree() {
    // Word auto-numbering (paragraph numbers, item letters, Roman headings) must give the
    // same numbers, labels, ids and texts as typed numbers. Its POI twin has no numbers at
    // all (POI prints no list labels), so the typed .docx is the reference.
    let a = tree(&fixture("seed_autonumbered/CRC_C_OPSC_PER_CO_1.docx"));
    let b = tree(&fixture("seed_typed/CRC_C_OPSC_PER_CO_1.docx"));
    for key in ["body", "footnotes", "metadata", "warnings"] {
        assert_same(&a, &b, key, "auto-numbered seed");
    }
    // What must still agree with its own POI twin: the words of every paragraph.
    let d = fixture("seed_autonumbered/CRC_C_OPSC_PER_CO_1.docx");
    let (rd, rt) = (raw(&d, Format::Docx), raw(&twin(&d), Format::Text));
    assert_docx_paras_in_text(&rd, &rt, "auto-numbered seed vs POI");
    assert_same_notes(&rd, &rt, "auto-numbered seed vs POI");
}

#[test]
fn notes_fixture_same_tree_except_the_orphan_note() {
    // Footnote 6 is never referenced: POI never prints it, the .docx holds it.
    let d = fixture("notes_footnotes_endnotes.docx");
    let (a, b) = (tree(&d), tree(&twin(&d)));
    assert_same(&a, &b, "body", "notes");
    assert_same(&a, &b, "metadata", "notes");
    assert_same(&without(a.clone(), &[], &["6"]), &b, "footnotes", "notes");
    assert!(a["footnotes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "6"));
}

#[test]
fn pairs_that_differ_only_where_poi_departs_from_word() {
    // (fixture, nodes whose text POI renders differently)
    let cases: [(&str, &[&str]); 2] = [
        // POI prints deleted and moved-from text.
        ("revisions_tracked_changes.docx", &["para-1", "para-2"]),
        // POI prints the result of a field nested in another field's code.
        ("fields_docproperty_fldsimple.docx", &["para-2"]),
    ];
    for (name, nodes) in cases {
        let d = fixture(name);
        let (a, b) = (tree(&d), tree(&twin(&d)));
        let (a, b) = (without(a, nodes, &[]), without(b, nodes, &[]));
        for key in ["body", "footnotes", "metadata"] {
            assert_same(&a, &b, key, name);
        }
    }
}

#[test]
fn inline_markup_pair_agrees_on_plain_paragraphs() {
    // POI drops w:noBreakHyphen, w:sym and inline content controls (para-2, para-3), and its
    // soft breaks and text-box lines (para-3, para-5) cannot be told from paragraph breaks in
    // plain text. Hyperlinks, smart tags, bookmarks, block content controls and images agree.
    let d = fixture("markup_inline.docx");
    let (a, b) = (tree(&d), tree(&twin(&d)));
    let node = |v: &Value, id: &str| -> Value {
        v["body"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no node {id}"))
    };
    for id in ["para-1", "para-4", "para-6"] {
        assert_eq!(json(&node(&a, id)), json(&node(&b, id)), "{id}");
    }
    assert_eq!(
        node(&a, "para-3")["text"],
        "A paragraph with a content control and a line break, a carriage return and a positional tab."
    );
}

#[test]
fn body_table_paragraphs_agree() {
    // Both give a `table` node, but POI joins a cell's paragraphs with the same tab it puts
    // between cells, so the text export cannot tell a two-paragraph cell from two cells; the
    // .docx can. The numbered paragraphs agree.
    let d = fixture("layout_body_table.docx");
    let a = tree(&d);
    let b = tree(&twin(&d));
    let paras = |v: &Value| -> Vec<Value> {
        v["body"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["type"] == "paragraph")
            .cloned()
            .collect()
    };
    assert_eq!(paras(&a), paras(&b));
    assert_eq!(a["body"][1]["type"], "table");
    assert_eq!(
        a["body"][1]["rows"][2][0],
        "Indigenous peoples (self-identified)"
    );
}

#[test]
fn styles_fixture_docx_knows_more_levels() {
    // Heading levels 3 and 4 (H4G, H56G), a localized heading style and outline levels exist
    // only in the .docx; numbers and words agree with the text export.
    let d = fixture("styles_un_and_headings.docx");
    let (a, b) = (parse(&d), parse(&twin(&d)));
    let words = |doc: &treatydoc::Document| -> Vec<(Option<String>, String)> {
        let mut out = Vec::new();
        fn walk(nodes: &[treatydoc::model::Node], out: &mut Vec<(Option<String>, String)>) {
            for n in nodes {
                match n {
                    treatydoc::model::Node::Heading(h) => {
                        out.push((h.number.clone(), h.title.clone()));
                        walk(&h.children, out);
                    }
                    treatydoc::model::Node::Paragraph(p) => {
                        out.push((Some(p.number.clone()), p.text.clone()))
                    }
                    treatydoc::model::Node::Text(t) => out.push((None, t.text.clone())),
                    treatydoc::model::Node::Table(_) => {}
                }
            }
        }
        walk(&doc.body, &mut out);
        out
    };
    assert_eq!(words(&a), words(&b));
    assert_eq!(json(&a.metadata), json(&b.metadata));
}

#[test]
fn ns0_prefix_reads_like_w_prefix() {
    // Same XML with the WordprocessingML prefix `ns0`: the same stream and tree. (POI 3.17
    // matches some elements by the literal `w:` prefix and loses tabs and shows field codes
    // on such files, so its export of this fixture is not a reference.)
    let a = raw(&fixture("prefix_ns0.docx"), Format::Docx);
    let b = raw(&fixture("notes_footnotes_endnotes.docx"), Format::Docx);
    assert_eq!(a, b);
    let (ta, tb) = (
        tree(&fixture("prefix_ns0.docx")),
        tree(&fixture("notes_footnotes_endnotes.docx")),
    );
    for key in ["body", "footnotes", "warnings"] {
        assert_same(&ta, &tb, key, "ns0");
    }
}

/// Comments: the same author, text and anchor from both readers; the date only the .docx
/// holds (POI does not print it).
#[test]
fn comments_agree_but_for_the_date() {
    let d = fixture("markup_comments.docx");
    let (a, b) = (tree(&d), tree(&twin(&d)));
    let mut ca = a["comments"].clone();
    assert_eq!(ca[0]["date"], "2017-01-01T00:00:00Z");
    assert_eq!(b["comments"][0]["date"], Value::Null);
    ca[0]["date"] = Value::Null;
    assert_eq!(json(&ca), json(&b["comments"]));
    assert_eq!(ca[0]["anchor"], "para-1");
    assert_eq!(ca[0]["author"], "Reviewer");
}
