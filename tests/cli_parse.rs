//! The `parse` and `schema` commands as a user runs them: stdout carries only JSON, errors
//! name the file, exit codes are 0, 1 and 2.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/CRC_C_OPSC_PER_CO_1.txt"
);
const BINARY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/bad/binary_named.txt");

fn treatydoc(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_treatydoc"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

#[test]
fn parse_file_prints_json() {
    let out = treatydoc(&["parse", SEED], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(v["source"]["path"], SEED);
    assert_eq!(v["source"]["format"], "text");
    assert_eq!(v["metadata"]["state_party"], "Peru");
    // Compact by default: one line.
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), 1);
    let pretty = treatydoc(&["parse", "--pretty", SEED], None);
    assert_eq!(json(&pretty), v);
    assert!(pretty.stdout.len() > out.stdout.len());
}

#[test]
fn parse_stdin() {
    let bytes = std::fs::read(SEED).unwrap();
    let out = treatydoc(&["parse", "-"], Some(&bytes));
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["source"]["path"], serde_json::Value::Null);
    // Without a file name the symbol is inferred from the report considered.
    assert_eq!(v["metadata"]["symbol"], "CRC/C/OPSC/PER/CO/1");
    assert_eq!(v["metadata"]["symbol_source"], "inferred");
}

#[test]
fn unparseable_input_exits_1_naming_the_file_and_line() {
    let out = treatydoc(&["parse", BINARY], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing on stdout");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("binary_named.txt"), "{err}");
    assert!(err.contains("line 1"), "{err}");
    let missing = treatydoc(&["parse", "/nonexistent/x.docx"], None);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/x.docx"));
}

#[test]
fn forced_format_overrides_detection() {
    let out = treatydoc(&["parse", "--format", "docx", SEED], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a .docx"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(treatydoc(&["parse"], None).status.code(), Some(2));
    assert_eq!(
        treatydoc(&["parse", "--format", "pdf", SEED], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(treatydoc(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn schema_is_json_schema() {
    let out = treatydoc(&["schema"], None);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["title"], "Document");
    assert!(v["$defs"]["Node"].is_object());
    assert!(v["$defs"]["Metadata"]["required"].as_array().unwrap().len() >= 15);
}
