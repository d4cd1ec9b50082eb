//! The JSON writer. Field order follows the contract; output is deterministic.

use crate::model::Document;

/// Serializes a document; `pretty` indents with two spaces.
pub fn to_string(doc: &Document, pretty: bool) -> String {
    // Serializing our own types to a String cannot fail: no maps with non-string keys.
    let r = if pretty {
        serde_json::to_string_pretty(doc)
    } else {
        serde_json::to_string(doc)
    };
    r.unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// The JSON Schema of [`Document`], pretty-printed.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Document);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
