//! Every fixture gets a snapshot: the pretty JSON of its tree, or the error it gives, except
//! twins: a fixture whose tree is exactly another's but for `source` (the seed as text, as a
//! typed .docx, as an auto-numbered .docx and as POI's export of it; one text in four
//! encodings; a .docx and its POI export) is asserted equal to that one ([`TWINS`]) instead
//! of being snapshotted again. Every tree is validated against the JSON Schema, which is
//! itself a snapshot.
//!
//! Snapshots live in the top-level `snapshots/` folder. CI runs insta in check mode
//! (`INSTA_UPDATE=no`): a changed snapshot fails the run.

use std::path::Path;

use treatydoc::{writers::json, Options};

/// (twin, reference), paths under `fixtures/`: the twin's tree is the reference's in every
/// field but `source`.
const TWINS: &[(&str, &str)] = &[
    // The seed, four times over.
    (
        "docx/seed_typed/CRC_C_OPSC_PER_CO_1.docx",
        "CRC_C_OPSC_PER_CO_1.txt",
    ),
    (
        "docx/seed_typed/CRC_C_OPSC_PER_CO_1.poi.txt",
        "CRC_C_OPSC_PER_CO_1.txt",
    ),
    (
        "docx/seed_autonumbered/CRC_C_OPSC_PER_CO_1.docx",
        "CRC_C_OPSC_PER_CO_1.txt",
    ),
    // One text in four encodings.
    (
        "text/encoding_utf16be_bom.txt",
        "text/encoding_utf8_bom.txt",
    ),
    (
        "text/encoding_utf16le_bom.txt",
        "text/encoding_utf8_bom.txt",
    ),
    (
        "text/encoding_windows1252.txt",
        "text/encoding_utf8_bom.txt",
    ),
    // A .docx and its POI export.
    (
        "docx/layout_masthead_headers_footers.poi.txt",
        "docx/layout_masthead_headers_footers.docx",
    ),
    (
        "docx/layout_masthead_in_first_page_header.poi.txt",
        "docx/layout_masthead_in_first_page_header.docx",
    ),
    ("docx/markup_comments.poi.txt", "docx/markup_comments.docx"),
    // The same package written with an `ns0:` prefix instead of `w:`.
    ("docx/prefix_ns0.docx", "docx/notes_footnotes_endnotes.docx"),
];

fn fixtures_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The tree of a fixture as JSON, without `source`.
fn tree_without_source(rel: &str) -> serde_json::Value {
    let path = fixtures_dir().join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let doc = treatydoc::parse(&bytes, Some(&display_path(&path)), &Options::default())
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mut v = serde_json::to_value(&doc).unwrap();
    v.as_object_mut().unwrap().remove("source");
    v
}

#[test]
fn twins_equal_their_reference() {
    let snap = |rel: &str| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("snapshots")
            .join(format!("fixtures@{}.snap", rel.replace('/', "__")))
    };
    for (twin, reference) in TWINS {
        assert!(
            snap(reference).exists(),
            "{reference}: the reference of a twin keeps its snapshot"
        );
        assert!(
            !snap(twin).exists(),
            "{twin}: a twin is asserted equal, not snapshotted"
        );
        let (a, b) = (tree_without_source(twin), tree_without_source(reference));
        for key in [
            "metadata",
            "body",
            "footnotes",
            "warnings",
            "schema_version",
        ] {
            assert_eq!(a[key], b[key], "{twin} and {reference} differ in `{key}`");
        }
        assert_eq!(a, b, "{twin} and {reference}");
    }
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

/// The path a fixture is reported under: relative to the repository, `/`-separated.
fn display_path(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&json::schema()).unwrap();
    jsonschema::validator_for(&schema).expect("the generated schema compiles")
}

#[test]
fn json_schema() {
    settings().bind(|| insta::assert_snapshot!("schema", json::schema()));
}

#[test]
fn fixtures() {
    let validator = validator();
    settings().bind(|| {
        insta::glob!("../fixtures", "**/*.{txt,docx,doc}", |path| {
            let bytes = std::fs::read(path).unwrap();
            let shown = display_path(path);
            match treatydoc::parse(&bytes, Some(&shown), &Options::default()) {
                Ok(doc) => {
                    let out = json::to_string(&doc, true);
                    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
                    let errors: Vec<String> = validator
                        .iter_errors(&value)
                        .map(|e| format!("{} at {}", e, e.instance_path()))
                        .collect();
                    assert!(errors.is_empty(), "{shown}: schema violations: {errors:#?}");
                    assert_no_leaks(&shown, &value);
                    let rel = shown.strip_prefix("fixtures/").unwrap_or(&shown);
                    if !TWINS.iter().any(|(twin, _)| *twin == rel) {
                        insta::assert_snapshot!(out);
                    }
                }
                Err(e) => insta::assert_snapshot!(format!("error[{}]: {e}", e.kind())),
            }
        });
    });
}

/// No marker, tab, line break or page furniture in any text of the tree.
fn assert_no_leaks(shown: &str, v: &serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, val) in map {
                if let (true, Some(text)) = (matches!(k.as_str(), "text" | "title"), val.as_str()) {
                    for bad in [
                        "\t",
                        "\n",
                        "[footnoteRef:",
                        "[endnoteRef:",
                        "[bookmark:",
                        "[image:",
                        "Comment by ",
                        "GE.",
                    ] {
                        assert!(!text.contains(bad), "{shown}: {bad:?} leaked into {text:?}");
                    }
                    let barcode = text
                        .chars()
                        .collect::<Vec<_>>()
                        .windows(3)
                        .any(|w| w.iter().all(|c| ('\u{E000}'..='\u{F8FF}').contains(c)));
                    assert!(!barcode, "{shown}: a barcode leaked into {text:?}");
                    assert_eq!(text.trim(), text, "{shown}: untrimmed text");
                }
                if k != "metadata" {
                    assert_no_leaks(shown, val);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| assert_no_leaks(shown, i)),
        _ => {}
    }
}

/// The real UN document in `../shared/corpus` (read from there, never copied here), from
/// both readers: the snapshots show every node and reference of a real file.
#[test]
fn shared_corpus() {
    let validator = validator();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    for (file, name) in [
        ("CERD_C_URY_CO_21-23.docx", "corpus_cerd_docx"),
        ("CERD_C_URY_CO_21-23.poi.txt", "corpus_cerd_poi_txt"),
    ] {
        let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let doc = treatydoc::parse(&bytes, Some(file), &Options::default()).unwrap();
        let out = json::to_string(&doc, true);
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(validator.is_valid(&value), "{file} violates the schema");
        assert_no_leaks(file, &value);
        settings().bind(|| insta::assert_snapshot!(name, out));
    }
}

#[test]
fn output_is_deterministic() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/CRC_C_OPSC_PER_CO_1.txt");
    let bytes = std::fs::read(path).unwrap();
    let a = treatydoc::parse(&bytes, Some("x.txt"), &Options::default()).unwrap();
    let b = treatydoc::parse(&bytes, Some("x.txt"), &Options::default()).unwrap();
    assert_eq!(json::to_string(&a, false), json::to_string(&b, false));
}
