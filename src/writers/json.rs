//! The JSON writer. Field order follows the contract; output is deterministic.

use crate::model::Document;

/// Serializes a document; `pretty` indents with two spaces. The bytes depend only on the
/// document (field order follows the contract).
///
/// ```
/// let doc = treatydoc::parse(b"1.\tText.\n", None, &Default::default())?;
/// let json = treatydoc::writers::json::to_string(&doc, true);
/// assert!(json.starts_with("{\n  \"schema_version\": \"1\""));
/// # Ok::<(), treatydoc::Error>(())
/// ```
pub fn to_string(doc: &Document, pretty: bool) -> String {
    // Serializing our own types to a String cannot fail: no maps with non-string keys.
    let r = if pretty {
        serde_json::to_string_pretty(doc)
    } else {
        serde_json::to_string(doc)
    };
    r.unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// The JSON Schema of [`Document`] (draft 2020-12), pretty-printed.
///
/// The contract makes every field required (`null` or `[]` when empty, never absent), so
/// every property of every object is listed in its `required`, `Option` fields included.
/// Objects are open to additions and nodes and references are discriminated by their tag:
/// see [`crate::writers::schema`].
///
/// ```
/// assert_eq!(treatydoc::writers::json::schema(), treatydoc::schema());
/// ```
pub fn schema() -> String {
    crate::writers::schema::schema_for::<Document>() // track D (issue 12)
}
