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
///
/// ```
/// assert_eq!(treatydoc::writers::json::schema(), treatydoc::schema());
/// ```
pub fn schema() -> String {
    use schemars::transform::RecursiveTransform;
    let mut settings = schemars::generate::SchemaSettings::draft2020_12();
    settings
        .transforms
        .push(Box::new(RecursiveTransform(require_all)));
    let schema = settings.into_generator().into_root_schema_for::<Document>();
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

fn require_all(schema: &mut schemars::Schema) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    let keys: Vec<serde_json::Value> = match obj.get("properties").and_then(|p| p.as_object()) {
        Some(props) => props
            .keys()
            .cloned()
            .map(serde_json::Value::String)
            .collect(),
        None => return,
    };
    obj.insert("required".into(), serde_json::Value::Array(keys));
}
