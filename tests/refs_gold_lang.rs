//! Scores the cross-reference grammar on French and Spanish sentences (issue 15):
//! `fixtures/refs/gold_fr.jsonl` and `gold_es.jsonl` (the first batches, written from the
//! French and Spanish CRPD concluding observations in `../shared/corpus/crpd-pdf/` and the
//! forms of un-conventions §3.8, with near-misses that must give nothing) and
//! `gold_fr_2.jsonl` / `gold_es_2.jsonl` (second batches, written before the grammar was
//! tried on them). Prints precision and recall per kind
//! (`cargo test --test refs_gold_lang -- --nocapture`) and requires 1.000 for each file.
//!
//! The gold format and the scoring are those of `tests/refs_gold.rs` (`tests/common/gold.rs`);
//! the document the sentence sits in says its language in `metadata.language`, as the
//! structure builder detects it, so the grammars read that language's words.

use treatydoc::model::Language;

mod common;
use common::gold::{cases, score};

/// Scores one gold file: every reference found, nothing else, every warning right.
fn assert_perfect(file: &str, language: Language, min_sentences: usize) {
    let cases = cases(file);
    assert!(cases.len() >= min_sentences, "{file} lost sentences");
    let report = score(&cases, Some(language), &format!("{file} "));
    let table = format!("\n{file}\n{}", report.table());
    println!("{table}");
    let (p, r) = (report.total.precision(), report.total.recall());
    assert!(
        report.errors.is_empty() && p == 1.0 && r == 1.0,
        "{file}: precision {p:.3} / recall {r:.3}:{table}"
    );
}

#[test]
fn french_first_batch() {
    assert_perfect("gold_fr.jsonl", Language::Fr, 60);
}

#[test]
fn spanish_first_batch() {
    assert_perfect("gold_es.jsonl", Language::Es, 60);
}

#[test]
fn french_second_batch() {
    assert_perfect("gold_fr_2.jsonl", Language::Fr, 20);
}

#[test]
fn spanish_second_batch() {
    assert_perfect("gold_es_2.jsonl", Language::Es, 20);
}
