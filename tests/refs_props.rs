//! Properties of the cross-references, on arbitrary text and on every fixture:
//! every ref's offsets slice (in chars) to its `text`, the refs of one text are sorted and
//! do not overlap, every internal `targets` id exists in the document, and nothing panics.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use treatydoc::model::walk::{parts, Part};
use treatydoc::model::{Document, Metadata, Ref, RefTarget, TreatyBody};

mod common;

/// Checks the refs of one text; returns a description of the first violation.
fn check_refs(holder: &str, text: &str, refs: &[Ref], ids: &HashSet<String>) -> Result<(), String> {
    let mut prev_end = 0;
    for r in refs {
        if r.start >= r.end {
            return Err(format!("{holder}: empty or reversed span {r:?}"));
        }
        if r.start < prev_end {
            return Err(format!("{holder}: overlapping or unsorted ref {r:?}"));
        }
        prev_end = r.end;
        let slice: String = text.chars().skip(r.start).take(r.end - r.start).collect();
        if slice != r.text {
            return Err(format!(
                "{holder}: offsets give {slice:?}, text is {:?}",
                r.text
            ));
        }
        if let RefTarget::Paragraph { targets, .. } = &r.target {
            if let Some(t) = targets.iter().find(|t| !ids.contains(*t)) {
                return Err(format!("{holder}: target {t} does not exist"));
            }
        }
    }
    Ok(())
}

/// The ids of every node and item.
fn ids_of(doc: &Document) -> HashSet<String> {
    parts(doc)
        .filter(|p| !matches!(p, Part::Footnote(_)))
        .map(|p| p.id().to_string())
        .collect()
}

/// Checks every text of the document.
fn check_document(doc: &Document) -> Result<(), String> {
    let ids = ids_of(doc);
    for part in parts(doc) {
        let holder = match part {
            Part::Footnote(f) => format!("fn-{}", f.id),
            p => p.id().to_string(),
        };
        check_refs(&holder, part.text().unwrap_or(""), part.refs(), &ids)?;
    }
    Ok(())
}

/// A document holding `text` in every kind of holder, with paragraphs 1-5 to point at.
fn document_with(text: &str, body: Option<TreatyBody>) -> Document {
    let mut nodes = vec![common::text("text-1", text)];
    for n in 1..=5 {
        let items = vec![common::item(&format!("para-{n}"), "a", text)];
        nodes.push(common::paragraph(n, text, items));
    }
    let metadata = Metadata {
        body,
        ..Metadata::default()
    };
    common::document(metadata, nodes, vec![common::footnote("1", text)])
}

/// Fragments of references and their near-misses, glued at random: reaches the grammars'
/// corners far more often than uniformly random text.
fn refish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("CRC/C/".to_string()),
        Just("SR.".to_string()),
        Just("PER/CO/4-5".to_string()),
        Just("/".to_string()),
        Just("/ ".to_string()),
        Just(", paras. ".to_string()),
        Just("para. ".to_string()),
        Just("paragraphs ".to_string()),
        Just(" above".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just(" and ".to_string()),
        Just(", ".to_string()),
        Just(" to ".to_string()),
        Just("\u{2013}".to_string()),
        Just("\u{2011}".to_string()),
        Just("\u{a0}".to_string()),
        Just("article ".to_string()),
        Just("arts. ".to_string()),
        Just(" of the Convention".to_string()),
        Just(" of the aforementioned Act".to_string()),
        Just("general recommendations Nos. ".to_string()),
        Just("joint general comment No. ".to_string()),
        Just(" of the Committee on the Rights of the Child".to_string()),
        Just("ibid., para. ".to_string()),
        Just("Ibid.".to_string()),
        Just("th meetings".to_string()),
        Just("2494th".to_string()),
        Just("targets 5.".to_string()),
        Just("Act No. ".to_string()),
        Just("Human Rights Act ".to_string()),
        Just(" of 29 January 2016".to_string()),
        Just("General Assembly resolutions ".to_string()),
        Just("Adds.".to_string()),
        Just("é".to_string()),
        Just("\u{1F600}".to_string()),
        (0u32..3000).prop_map(|n| n.to_string()),
        "[a-zA-Z]{1,6}",
        "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_text(text: &str) -> Result<(), TestCaseError> {
    for body in [None, Some(TreatyBody::Crc), Some(TreatyBody::Cerd)] {
        let mut doc = document_with(text, body);
        treatydoc::refs::resolve(&mut doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_document(&doc).map_err(TestCaseError::fail)?;
        // Idempotent: a second pass gives the same document.
        let once = doc.clone();
        treatydoc::refs::resolve(&mut doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&once, &doc);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_gives_valid_refs(text in "\\PC{0,300}") {
        check_text(&text)?;
    }

    #[test]
    fn reference_like_text_gives_valid_refs(text in refish()) {
        check_text(&text)?;
    }

    #[test]
    fn arbitrary_input_never_panics_the_pipeline(text in refish()) {
        let input = format!("1.\t{text}\n2.\t{text}\n");
        if let Ok(doc) = treatydoc::parse(input.as_bytes(), None, &treatydoc::Options::default()) {
            check_document(&doc).map_err(TestCaseError::fail)?;
        }
    }
}

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            fixture_files(&p, out);
        } else if matches!(
            p.extension().and_then(|x| x.to_str()),
            Some("txt") | Some("docx")
        ) {
            out.push(p);
        }
    }
}

#[test]
fn every_fixture_has_valid_refs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    fixture_files(&root.join("fixtures"), &mut files);
    fixture_files(&root.join("../shared/corpus"), &mut files);
    files.sort();
    assert!(files.len() >= 2, "no fixtures found");
    let mut with_refs = 0;
    for f in &files {
        let bytes = std::fs::read(f).expect("read fixture");
        let Ok(doc) = treatydoc::parse(&bytes, Some(&f.to_string_lossy()), &Default::default())
        else {
            continue; // inputs the readers reject (fixtures/bad) have no refs to check
        };
        if let Err(e) = check_document(&doc) {
            panic!("{}: {e}", f.display());
        }
        let count = doc.body.len() + doc.footnotes.len();
        if count > 0 && parts(&doc).any(|p| !p.refs().is_empty()) {
            with_refs += 1;
        }
    }
    assert!(
        with_refs >= 2,
        "the seed and the CERD document must have refs"
    );
}
