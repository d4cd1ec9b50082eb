//! Nothing lost: every word Word shows reaches the JSON.
//!
//! For every .docx of `../shared/corpus/foreign-docx/pandoc/` (real-world files from pandoc's
//! test suite) the words of the raw XML are counted: every `w:t` and `m:t` of the body, the
//! notes, the comments, the headers and the footers, without deleted text (`w:delText`,
//! `w:del`, `w:moveFrom`), field codes (`w:instrText`) and `mc:Fallback` copies. The file is
//! then parsed and the words of every text field of its JSON counted (metadata, body,
//! footnotes, comments, header/footer text; not ids, types, warnings, refs or the source).
//! Word recall is the multiset overlap over all files: a word counts as found as many times
//! as it occurs in both.
//!
//! `cargo test --test nothing_lost -- --nocapture` prints the figure and the worst files.

mod nothing_lost_common;

use std::path::PathBuf;

use nothing_lost_common::{decode_text, json_words, text_words, xml_words, Recall};

/// The bar from issue 11.
const MIN_RECALL: f64 = 0.995;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/foreign-docx/pandoc")
}

/// Word recall over every .docx of `dir`.
fn recall_of(dir: &std::path::Path) -> Recall {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        .collect();
    files.sort();
    let mut recall = Recall::default();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let want = xml_words(&bytes);
        let got = match treatydoc::parse(&bytes, Some(&name), &treatydoc::Options::default()) {
            Ok(doc) => json_words(&serde_json::to_value(&doc).unwrap()),
            Err(e) => {
                eprintln!("{name}: error {e}");
                Default::default()
            }
        };
        recall.add(&name, &want, &got);
    }
    recall
}

#[test]
fn pandoc_corpus_word_recall() {
    let recall = recall_of(&corpus());
    assert!(recall.files() >= 100, "corpus has {} files", recall.files());
    recall.report("pandoc corpus");
    let empty = recall.empty_outputs();
    assert!(
        empty.is_empty(),
        "files with words in their XML but none in the JSON: {empty:?}"
    );
    assert!(
        recall.value() >= MIN_RECALL,
        "word recall {:.4} is below {MIN_RECALL}",
        recall.value()
    );
}

/// Any folder of .docx files: `NOTHING_LOST_DIR=DIR cargo test --test nothing_lost -- --ignored
/// --nocapture` prints the same figure for it (and fails below the same bar).
#[test]
#[ignore = "needs NOTHING_LOST_DIR"]
fn directory_word_recall() {
    let dir = std::env::var_os("NOTHING_LOST_DIR").expect("set NOTHING_LOST_DIR");
    let recall = recall_of(std::path::Path::new(&dir));
    recall.report(&dir.to_string_lossy());
    assert!(recall.files() > 0, "no .docx in {dir:?}");
    assert!(
        recall.empty_outputs().is_empty(),
        "{:?}",
        recall.empty_outputs()
    );
    assert!(
        recall.value() >= MIN_RECALL,
        "word recall {:.4}",
        recall.value()
    );
}

/// The text reader likewise: every `.txt` export (POI or Tika) of `NOTHING_LOST_TEXT_DIR`,
/// its words without the markers against the words of its JSON.
/// `NOTHING_LOST_TEXT_DIR=DIR cargo test --test nothing_lost -- --ignored --nocapture`
#[test]
#[ignore = "needs NOTHING_LOST_TEXT_DIR"]
fn text_export_word_recall() {
    let dir = std::env::var_os("NOTHING_LOST_TEXT_DIR").expect("set NOTHING_LOST_TEXT_DIR");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut recall = Recall::default();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let want = text_words(&decode_text(&bytes));
        let got = match treatydoc::parse(&bytes, Some(&name), &treatydoc::Options::default()) {
            Ok(doc) => json_words(&serde_json::to_value(&doc).unwrap()),
            Err(e) => {
                eprintln!("{name}: error {e}");
                Default::default()
            }
        };
        recall.add(&name, &want, &got);
    }
    recall.report(&dir.to_string_lossy());
    assert!(recall.files() > 0, "no .txt in {dir:?}");
    assert!(
        recall.empty_outputs().is_empty(),
        "{:?}",
        recall.empty_outputs()
    );
    assert!(
        recall.value() >= MIN_RECALL,
        "word recall {:.4}",
        recall.value()
    );
}
