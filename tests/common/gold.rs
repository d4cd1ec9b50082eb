//! What the two gold tests (`refs_gold.rs`, English; `refs_gold_lang.rs`, French and
//! Spanish) share: the gold file's cases, the document each sentence sits in, the match
//! rule and the scoring.
//!
//! Each gold line: `{"body": "CRC", "instrument": "OPSC"|null, "before": [texts]?, "text",
//! "refs": [{"kind", "text", <fields>}]}`. A predicted ref matches a gold ref when every
//! field the gold ref states is equal (kind and text included); unmatched predictions are
//! false positives, unmatched gold refs false negatives. `before` texts are scanned first
//! (for `ibid.` and "the aforementioned Act") and not scored. The sentence sits in a
//! document whose paragraphs 1-60 exist, each with items (a)-(c), so internal references
//! resolve, and paragraph 99 does not.

use std::collections::BTreeMap;

use serde_json::Value;
use treatydoc::model::{Document, Instrument, Language, Metadata, Node, TreatyBody, WarningCode};

/// One gold line.
pub struct Case {
    pub line: usize,
    pub body: Option<TreatyBody>,
    pub instrument: Option<Instrument>,
    pub before: Vec<String>,
    pub text: String,
    pub refs: Vec<Value>,
}

/// The cases of `fixtures/refs/{file}`.
pub fn cases(file: &str) -> Vec<Case> {
    let path = format!("{}/fixtures/refs/{file}", env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(&path).expect("gold file");
    src.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(k, l)| {
            let v: Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("line {}: {e}", k + 1));
            Case {
                line: k + 1,
                body: serde_json::from_value(v["body"].clone()).expect("body"),
                instrument: serde_json::from_value(v["instrument"].clone()).expect("instrument"),
                before: serde_json::from_value(
                    v.get("before").cloned().unwrap_or(Value::Array(vec![])),
                )
                .expect("before"),
                text: v["text"].as_str().expect("text").to_string(),
                refs: v["refs"].as_array().expect("refs").clone(),
            }
        })
        .collect()
}

/// The document the sentence of `case` sits in: its `before` texts, the sentence
/// (`text-0`), paragraphs 1-60 with items (a)-(c). `language` is what the structure
/// builder would have detected (`None`: English by default).
pub fn document(case: &Case, language: Option<Language>) -> Document {
    let mut body: Vec<Node> = case
        .before
        .iter()
        .enumerate()
        .map(|(k, t)| super::text(&format!("text-{}", k + 1), t))
        .collect();
    body.push(super::text("text-0", &case.text));
    for n in 1..=60 {
        let parent = format!("para-{n}");
        let items = ["a", "b", "c"]
            .iter()
            .map(|l| super::item(&parent, l, ""))
            .collect();
        body.push(super::paragraph(n, "", items));
    }
    let metadata = Metadata {
        body: case.body,
        instrument: case.instrument,
        language,
        ..Metadata::default()
    };
    super::document(metadata, body, vec![])
}

/// The refs found in the gold sentence (the `text-0` node), as JSON.
pub fn predicted(doc: &Document) -> Vec<Value> {
    doc.body
        .iter()
        .find_map(|n| match n {
            Node::Text(t) if t.id == "text-0" => Some(
                t.refs
                    .iter()
                    .map(|r| serde_json::to_value(r).expect("ref to json"))
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_default()
}

/// A found ref is correct when every field the gold states is equal.
pub fn matches(gold: &Value, pred: &Value) -> bool {
    gold.as_object()
        .is_some_and(|g| g.iter().all(|(k, v)| pred.get(k) == Some(v)))
}

/// True and false positives and false negatives of one kind (or of all).
#[derive(Default)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

/// A gold file scored: per kind, in all, and every miss, spurious ref or wrong
/// `missing_ref_target` warning.
pub struct Report {
    pub by_kind: BTreeMap<String, Score>,
    pub total: Score,
    pub errors: Vec<String>,
    pub sentences: usize,
}

impl Report {
    /// The per-kind table (Markdown), then the errors, a line each.
    pub fn table(&self) -> String {
        let mut out =
            String::from("| kind | gold | found | correct | precision | recall |\n|---|---:|---:|---:|---:|---:|\n");
        for (kind, s) in &self.by_kind {
            out.push_str(&format!(
                "| {kind} | {} | {} | {} | {:.3} | {:.3} |\n",
                s.tp + s.fn_,
                s.tp + s.fp,
                s.tp,
                s.precision(),
                s.recall()
            ));
        }
        let t = &self.total;
        out.push_str(&format!(
            "| **all** ({} sentences) | {} | {} | {} | {:.3} | {:.3} |\n",
            self.sentences,
            t.tp + t.fn_,
            t.tp + t.fp,
            t.tp,
            t.precision(),
            t.recall()
        ));
        for e in &self.errors {
            out.push_str(e);
            out.push('\n');
        }
        out
    }
}

/// Runs the refs pass on each case's document (`language` as in [`document`]) and scores
/// the sentence's refs; `label` opens each error line (`line 12`, `gold_fr.jsonl line 12`).
pub fn score(cases: &[Case], language: Option<Language>, label: &str) -> Report {
    let mut by_kind: BTreeMap<String, Score> = BTreeMap::new();
    let mut errors = Vec::new();
    for case in cases {
        let mut doc = document(case, language);
        treatydoc::refs::resolve(&mut doc).expect("within the limits");
        let preds = predicted(&doc);
        let mut used = vec![false; preds.len()];
        for g in &case.refs {
            let kind = g["kind"].as_str().unwrap_or("?").to_string();
            let hit = (0..preds.len()).find(|&k| !used[k] && matches(g, &preds[k]));
            let s = by_kind.entry(kind).or_default();
            match hit {
                Some(k) => {
                    used[k] = true;
                    s.tp += 1;
                }
                None => {
                    s.fn_ += 1;
                    errors.push(format!("{label}line {}: missed {g}", case.line));
                }
            }
        }
        for (k, p) in preds.iter().enumerate() {
            if !used[k] {
                let kind = p["kind"].as_str().unwrap_or("?").to_string();
                by_kind.entry(kind).or_default().fp += 1;
                errors.push(format!("{label}line {}: spurious {p}", case.line));
            }
        }
        // A paragraph target that does not exist must be reported.
        let expects_missing = case.refs.iter().any(|g| {
            g["kind"] == "paragraph"
                && g["targets"].as_array().map(Vec::len) != g["paragraphs"].as_array().map(Vec::len)
        });
        let warned = doc
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::MissingRefTarget);
        if expects_missing != warned {
            errors.push(format!(
                "{label}line {}: missing_ref_target warning expected: {expects_missing}, got: {warned}",
                case.line
            ));
        }
    }
    let mut total = Score::default();
    for s in by_kind.values() {
        total.tp += s.tp;
        total.fp += s.fp;
        total.fn_ += s.fn_;
    }
    Report {
        by_kind,
        total,
        errors,
        sentences: cases.len(),
    }
}
