//! What the two gold tests (`refs_gold.rs`, English; `refs_gold_lang.rs`, French and
//! Spanish) share: the refs a document's `text-0` node got, the match rule and the score.

use serde_json::Value;
use treatydoc::model::{Document, Node};

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
