//! Scores the cross-reference grammar against `fixtures/refs/gold.jsonl`: sentences as UN
//! treaty bodies write them, each with the references a person would mark (and near-misses
//! with none). Prints precision and recall per kind
//! (`cargo test --test refs_gold -- --nocapture`) and requires both to be at least 0.99
//! overall.
//!
//! The gold format, the document each sentence sits in and the scoring are in
//! `tests/common/gold.rs`.

mod common;
use common::gold::{cases, score};

#[test]
fn gold_precision_and_recall() {
    let cases = cases("gold.jsonl");
    assert!(cases.len() >= 100, "the gold file lost sentences");
    let report = score(&cases, None, "");
    println!();
    print!("{}", report.table());
    let total = &report.total;
    // Every gold reference is found and nothing else (1.000 / 1.000 on this gold file, the
    // figure the README reports): any miss, spurious reference or wrong warning fails.
    assert!(
        report.errors.is_empty(),
        "precision {:.3} / recall {:.3} (expected 1.000 / 1.000):\n{}",
        total.precision(),
        total.recall(),
        report.errors.join("\n")
    );
    assert_eq!((total.fp, total.fn_), (0, 0));
    assert_eq!(total.tp, cases.iter().map(|c| c.refs.len()).sum::<usize>());
}
