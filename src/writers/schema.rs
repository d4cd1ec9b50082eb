//! JSON Schema generation shared by the tree, the analytics rows and the error records.
//!
//! Four rules for consumers, applied to every generated schema:
//!
//! - **Every property is required** (the contract: `null` or `[]`, never absent).
//! - **Objects are open**: no `additionalProperties: false`, so a consumer validating
//!   against version 1 accepts a document of a later 1.x that adds fields (the contract
//!   allows additions within a version).
//! - **`schema_version` is pinned** to its constant, `"1"`.
//! - **Tagged unions are discriminated**: a `oneOf` whose alternatives each pin one
//!   property to a constant (`type` of nodes, `kind` of references) becomes an `allOf` of
//!   `if {tag: const} then {alternative}`, with the tag itself an `enum`. A validator then
//!   reports the real problem ("'title' is a required property" for a heading) instead of
//!   "not valid under any of the given schemas", and an unknown tag by name.

use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde_json::{json, Map, Value};

/// The schema of `T` with the three rules applied, pretty-printed.
pub fn schema_for<T: JsonSchema>() -> String {
    let mut settings = schemars::generate::SchemaSettings::draft2020_12();
    // Order matters: the discriminator adds the tag to `properties` before `required`
    // is filled from them.
    settings
        .transforms
        .push(Box::new(RecursiveTransform(discriminate)));
    settings
        .transforms
        .push(Box::new(RecursiveTransform(require_all)));
    settings.transforms.push(Box::new(RecursiveTransform(open)));
    settings
        .transforms
        .push(Box::new(RecursiveTransform(pin_version)));
    let schema = settings.into_generator().into_root_schema_for::<T>();
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// The schema of one line of `_errors.jsonl`.
pub fn errors() -> String {
    schema_for::<ErrorLine>()
}

/// One line of the errors file (`_errors.jsonl`), as `treatydoc convert` writes it
/// (`batch::ErrorRecord`, whose fields these are): only its schema is used.
#[derive(schemars::JsonSchema)]
#[schemars(title = "ErrorRecord")]
#[allow(dead_code)]
struct ErrorLine {
    /// The input path as given (lossily converted to UTF-8 when the name is not).
    path: String,
    /// A stable machine-readable code.
    kind: crate::ErrorKind,
    /// What went wrong and, where there is one, what to do about it.
    message: String,
}

/// `schema_version` is the constant of this contract version, not any string.
fn pin_version(schema: &mut Schema) {
    let Some(prop) = schema
        .as_object_mut()
        .and_then(|o| o.get_mut("properties"))
        .and_then(|p| p.get_mut("schema_version"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    prop.insert("const".into(), json!(crate::model::SCHEMA_VERSION));
}

/// Every property required.
fn require_all(schema: &mut Schema) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    let keys: Vec<Value> = match obj.get("properties").and_then(|p| p.as_object()) {
        Some(props) => props.keys().cloned().map(Value::String).collect(),
        None => return,
    };
    obj.insert("required".into(), Value::Array(keys));
}

/// No `additionalProperties: false`.
fn open(schema: &mut Schema) {
    if let Some(obj) = schema.as_object_mut() {
        if obj.get("additionalProperties") == Some(&Value::Bool(false)) {
            obj.remove("additionalProperties");
        }
    }
}

/// `oneOf` of alternatives tagged by one constant property -> `allOf` of `if`/`then`.
fn discriminate(schema: &mut Schema) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    let Some(Value::Array(alternatives)) = obj.get("oneOf") else {
        return;
    };
    let Some((tag, values)) = common_tag(alternatives) else {
        return;
    };
    let Some(Value::Array(alternatives)) = obj.remove("oneOf") else {
        return;
    };
    let mut all_of = match obj.remove("allOf") {
        Some(Value::Array(a)) => a,
        _ => Vec::new(),
    };
    for (alternative, value) in alternatives.into_iter().zip(&values) {
        all_of.push(json!({
            "if": { "properties": { &tag: { "const": value } }, "required": [&tag] },
            "then": alternative,
        }));
    }
    obj.insert("allOf".into(), Value::Array(all_of));
    obj.entry("type").or_insert_with(|| json!("object"));
    let props = obj
        .entry("properties")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(props) = props.as_object_mut() {
        props.insert(tag, json!({ "type": "string", "enum": values }));
    }
}

/// The property every alternative pins to a constant, with the constants in order.
fn common_tag(alternatives: &[Value]) -> Option<(String, Vec<Value>)> {
    let konst = |alt: &Value, key: &str| -> Option<Value> {
        alt.get("properties")?.get(key)?.get("const").cloned()
    };
    let first = alternatives.first()?.get("properties")?.as_object()?;
    first.keys().find_map(|key| {
        let values: Option<Vec<Value>> = alternatives.iter().map(|a| konst(a, key)).collect();
        values.map(|v| (key.clone(), v))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(schemars::JsonSchema)]
    #[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
    #[allow(dead_code)]
    enum Shape {
        Circle { r: u32 },
        Square { side: u32 },
    }

    #[test]
    fn tagged_enum_becomes_if_then_with_an_enum_tag_and_objects_are_open() {
        let s: Value = serde_json::from_str(&schema_for::<Shape>()).unwrap();
        assert!(s.get("oneOf").is_none(), "{s:#}");
        assert_eq!(s["properties"]["type"]["enum"], json!(["circle", "square"]));
        assert_eq!(s["required"], json!(["type"]));
        let branches = s["allOf"].as_array().unwrap();
        assert_eq!(branches.len(), 2);
        assert_eq!(branches[1]["if"]["properties"]["type"]["const"], "square");
        assert_eq!(branches[1]["then"]["required"], json!(["side", "type"]));
        assert!(!schema_for::<Shape>().contains("additionalProperties"));
    }
}
