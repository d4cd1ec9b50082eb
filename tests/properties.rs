//! Properties of the whole pipeline on generated input: arbitrary bytes and text, and text
//! built from the pieces UN exports are made of (labels, tabs, note markers and bodies, soft
//! breaks, first-page lines, tables, reference-like phrases).
//!
//! - nothing panics, whatever the format;
//! - every output validates against the JSON Schema and survives a JSON round trip;
//! - parsing is deterministic;
//! - every footnote anchor and ref offset lies within its holder's text (in chars), ids are
//!   unique, and every anchored footnote exists.
//!
//! Kept small (a few hundred cases in all) so that `cargo test` stays fast in debug builds.
//! Ref-specific properties (spans slice to `text`, no overlaps, targets exist) are in
//! `tests/refs_props.rs`; the .docx-equals-its-text-export pairs are in `tests/docx_same_tree.rs`.

use std::collections::HashSet;
use std::sync::LazyLock;

use proptest::prelude::*;
use treatydoc::model::walk::{parts, Part};
use treatydoc::model::{Anchor, Document, Node, Ref};
use treatydoc::{Format, Options};

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: serde_json::Value =
        serde_json::from_str(&treatydoc::writers::json::schema()).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
});

fn parse(bytes: &[u8], format: Option<Format>) -> treatydoc::Result<Document> {
    let opts = Options {
        format,
        ..Options::default()
    };
    treatydoc::parse(bytes, None, &opts)
}

/// Offsets of anchors and refs within `text`.
fn check_spans(at: &str, text: &str, anchors: &[Anchor], refs: &[Ref]) -> Result<(), String> {
    let len = text.chars().count();
    if let Some(a) = anchors.iter().find(|a| a.offset > len) {
        return Err(format!(
            "{at}: anchor {a:?} past the end ({len} chars) of {text:?}"
        ));
    }
    if let Some(r) = refs.iter().find(|r| r.start >= r.end || r.end > len) {
        return Err(format!("{at}: ref {r:?} outside {text:?}"));
    }
    Ok(())
}

/// Everything but the schema: spans, unique ids, anchored footnotes exist.
fn check_tree(doc: &Document) -> Result<(), String> {
    let (mut ids, mut anchors) = (Vec::new(), Vec::new());
    for part in parts(doc) {
        if let Part::Footnote(f) = part {
            check_spans(&format!("fn-{}", f.id), &f.text, &[], &f.refs)?;
            continue;
        }
        ids.push(part.id().to_string());
        anchors.extend(part.anchors().iter().map(|a| a.footnote.clone()));
        if let Some(text) = part.text() {
            check_spans(part.id(), text, part.anchors(), part.refs())?;
        }
    }
    let mut seen = HashSet::new();
    if let Some(dup) = ids.iter().find(|id| !seen.insert(id.as_str())) {
        return Err(format!("duplicate node id {dup}"));
    }
    let notes: HashSet<&str> = doc.footnotes.iter().map(|f| f.id.as_str()).collect();
    if notes.len() != doc.footnotes.len() {
        return Err("duplicate footnote id".into());
    }
    if let Some(a) = anchors.iter().find(|a| !notes.contains(a.as_str())) {
        return Err(format!(
            "anchor to footnote {a}, which is not in `footnotes`"
        ));
    }
    Ok(())
}

/// Parses `bytes` twice; when it parses, checks the output against the schema and the tree
/// properties. Errors are fine (typed by construction), but never `internal`.
fn check_input(bytes: &[u8], format: Option<Format>) -> Result<(), TestCaseError> {
    let doc = match parse(bytes, format) {
        Ok(doc) => doc,
        Err(e) => {
            prop_assert_ne!(e.kind(), treatydoc::ErrorKind::Internal, "{}", e);
            return Ok(());
        }
    };
    let json = treatydoc::writers::json::to_string(&doc, false);
    let value: serde_json::Value = serde_json::from_str(&json).expect("the writer writes JSON");
    let errors: Vec<String> = VALIDATOR
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    prop_assert!(errors.is_empty(), "schema violations: {:#?}", errors);
    let back: Document = serde_json::from_value(value).expect("the output reads back");
    prop_assert_eq!(&back, &doc, "JSON round trip");
    check_tree(&doc).map_err(TestCaseError::fail)?;
    let again = parse(bytes, format).expect("parsed once, parses again");
    prop_assert_eq!(again, doc, "not deterministic");
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// UN-like text.

fn words() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => "[a-z]{1,9}",
        1 => "[A-Z][a-z]{0,8}",
        1 => Just("State party".to_string()),
        1 => Just("the Committee".to_string()),
        1 => Just("r\u{e9}sum\u{e9}".to_string()),
        1 => Just("\u{a0}".to_string()),
        1 => Just("\u{2011}".to_string()),
        1 => "[0-9]{1,4}",
        1 => "\\PC{1,3}",
    ];
    prop::collection::vec(word, 1..12).prop_map(|w| w.join(" "))
}

fn reference() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("CRC/C/PER/CO/4-5, paras. 9 and 10".to_string()),
        Just("CERD/C/SR.2494 and 2495".to_string()),
        Just("ibid., para. 163".to_string()),
        (1u32..60, 1u32..60).prop_map(|(a, b)| format!("paragraphs {a} and {b} above")),
        (1u32..60).prop_map(|a| format!("para. {a} below")),
        Just("arts. 3, 4 (2 and 3) and 5-7 of the Convention".to_string()),
        Just("article 12 (1) of the Optional Protocol".to_string()),
        Just("general recommendation No. 35 (2017)".to_string()),
        Just("at its 2494th and 2495th meetings".to_string()),
        Just("target 16.2 of the Sustainable Development Goals".to_string()),
        Just("Act No. 30251 of 30 September 2014".to_string()),
        Just("General Assembly resolution 68/268".to_string()),
        Just("4/5 of the population, and/or 24/7".to_string()),
    ]
}

fn sentence() -> impl Strategy<Value = String> {
    let bit = prop_oneof![
        3 => words(),
        1 => reference(),
        1 => (1u32..6, prop::option::of("[*†]")).prop_map(|(n, m)| format!("[footnoteRef:{n}]{}", m.unwrap_or_default())),
        1 => (1u32..3).prop_map(|n| format!("[endnoteRef:{n}]")),
        1 => Just("[bookmark: _GoBack]".to_string()),
        1 => Just("[image: logo]".to_string()),
        1 => Just("|X|".to_string()),
        1 => Just("|_|".to_string()),
        1 => Just("[unknown: thing]".to_string()),
        1 => Just("[".to_string()),
        1 => Just("]".to_string()),
    ];
    prop::collection::vec(bit, 1..6).prop_map(|b| b.join(" "))
}

fn roman(n: u32) -> String {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][(n as usize - 1) % 10].to_string()
}

/// One line (or a few, for soft breaks and note bodies) of an export.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (1u32..40, sentence()).prop_map(|(n, s)| format!("{n}.\t{s}")),
        1 => (1u32..40, sentence()).prop_map(|(n, s)| format!("{n} bis.\t{s}")),
        2 => (1u32..11, words()).prop_map(|(n, w)| format!("\t{}.\t{w}", roman(n))),
        2 => (0u8..8, words()).prop_map(|(n, w)| format!("\t{}.\t{w}", char::from(b'A' + n))),
        3 => ("[a-h]|i{1,3}|iv|v", sentence()).prop_map(|(l, s)| format!("\t({l})\t{s}")),
        1 => sentence().prop_map(|s| format!("\t\u{2022}\t{s}")),
        2 => (sentence(), "[a-z]{1,6}", words()).prop_map(|(s, w, t)| format!("{s}\n{w} {t}")),
        1 => (1u32..6, "[*]?", words()).prop_map(|(n, m, w)| format!(" [{n}: \t{n}{m}\t{w}] ")),
        1 => (1u32..3, words()).prop_map(|(n, w)| format!(" [{n}: {w}]")),
        1 => words().prop_map(|w| format!("\tComment by Author: {w}")),
        1 => (words(), words(), words()).prop_map(|(a, b, c)| format!("{a}\t{b}\t{c}")),
        1 => Just("Committee on the Rights of the Child".to_string()),
        1 => Just("\t\tConcluding observations on the combined fourth and fifth periodic reports of Peru[footnoteRef:1]*".to_string()),
        1 => Just("CRC/C/PER/CO/4-5\tDistr.: General\n2 March 2016\nOriginal: Spanish".to_string()),
        1 => Just("GE.16-03305(E)".to_string()),
        1 => Just(String::new()),
        1 => "\\PC{0,40}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    (prop::collection::vec(line(), 0..30), any::<bool>())
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128)
}

proptest! {
    // 128 cases keep `cargo test` fast; `PROPTEST_CASES=20000` searches harder.
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Any bytes, any format.
    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for format in [None, Some(Format::Text), Some(Format::Docx)] {
            check_input(&bytes, format)?;
        }
    }

    /// Any printable-ish text, with tabs and newlines.
    #[test]
    fn arbitrary_text(text in "[\\PC\t\n]{0,600}") {
        check_input(text.as_bytes(), Some(Format::Text))?;
    }

    /// Text made of the pieces of real exports.
    #[test]
    fn un_like_text(text in document()) {
        check_input(text.as_bytes(), Some(Format::Text))?;
    }

    /// The same, UTF-16 encoded: decodes to the same tree.
    #[test]
    fn un_like_text_utf16(text in document()) {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        check_input(&bytes, None)?;
        if let (Ok(a), Ok(b)) = (parse(&bytes, None), parse(text.as_bytes(), None)) {
            prop_assert_eq!(a.body, b.body);
            prop_assert_eq!(a.footnotes, b.footnotes);
        }
    }
}

/// A sanity check of the generator: it does produce the structures the properties are about
/// (else they would hold vacuously).
#[test]
fn generator_reaches_structure() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut paragraphs, mut headings, mut items, mut notes, mut refs) = (0, 0, 0, 0, 0);
    for _ in 0..64 {
        let text = document().new_tree(&mut runner).unwrap().current();
        let Ok(doc) = parse(text.as_bytes(), Some(Format::Text)) else {
            continue;
        };
        notes += doc.footnotes.len();
        for part in parts(&doc) {
            match part {
                Part::Node(Node::Heading(_)) => headings += 1,
                Part::Node(Node::Paragraph(_)) => paragraphs += 1,
                Part::Item(_) => items += 1,
                _ => {}
            }
            if !matches!(part, Part::Footnote(_)) {
                refs += part.refs().len();
            }
        }
    }
    for (what, n) in [
        ("paragraphs", paragraphs),
        ("headings", headings),
        ("items", items),
        ("footnotes", notes),
        ("refs", refs),
    ] {
        assert!(n >= 10, "the generator made only {n} {what}");
    }
}
