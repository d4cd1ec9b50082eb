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

/// Appends the JSON of `doc` to `out`, as [`to_string`] makes it, followed by a newline:
/// one line of a JSONL stream, or a whole JSON file. Writing into a buffer the caller sized
/// spares the growth of a fresh `String` (about ten reallocations and copies for a
/// concluding observations' 40 KB).
///
/// ```
/// let doc = treatydoc::parse(b"1.\tText.\n", None, &Default::default())?;
/// let mut line = Vec::new();
/// treatydoc::writers::json::write_line(&doc, false, &mut line);
/// assert_eq!(line, format!("{}\n", treatydoc::writers::json::to_string(&doc, false)).into_bytes());
/// # Ok::<(), treatydoc::Error>(())
/// ```
pub fn write_line(doc: &Document, pretty: bool, out: &mut Vec<u8>) {
    let start = out.len();
    // Writing our own types into a Vec cannot fail (no maps with non-string keys, no I/O).
    let r = if pretty {
        serde_json::to_writer_pretty(&mut *out, doc)
    } else {
        serde_json::to_writer(&mut *out, doc)
    };
    if let Err(e) = r {
        out.truncate(start);
        out.extend_from_slice(format!("{{\"error\":\"{e}\"}}").as_bytes());
    }
    out.push(b'\n');
}

/// Writes the JSON of `doc` to `out` as it is made, followed by a newline: what
/// [`write_line`] puts in a buffer, without holding the whole text in memory (a large
/// document's JSON is several times its input).
///
/// # Errors
///
/// The first error of `out`, as it was (a full disk, a closed pipe).
///
/// ```
/// let doc = treatydoc::parse(b"1.\tText.\n", None, &Default::default())?;
/// let mut out = Vec::new();
/// treatydoc::writers::json::to_writer(&doc, true, &mut out).unwrap();
/// assert_eq!(out, format!("{}\n", treatydoc::writers::json::to_string(&doc, true)).into_bytes());
/// # Ok::<(), treatydoc::Error>(())
/// ```
pub fn to_writer<W: std::io::Write>(
    doc: &Document,
    pretty: bool,
    mut out: W,
) -> std::io::Result<()> {
    // An I/O error comes back from serde_json unchanged; there is no other kind here.
    if pretty {
        serde_json::to_writer_pretty(&mut out, doc)
    } else {
        serde_json::to_writer(&mut out, doc)
    }
    .map_err(std::io::Error::from)?;
    out.write_all(b"\n")
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
