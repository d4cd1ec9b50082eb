//! Every input the fuzzers (`fuzz/`) ever crashed, hung or exhausted is kept, minimized, as
//! `fixtures/regressions/<target>-<short-name>.bin` (`.bin`, so the snapshot test leaves them
//! alone). Each goes through the whole pipeline as text and as a .docx, as the parts of a
//! package (as `docx_parts` feeds it), and through the cross-reference pass (as `refs` feeds
//! it): no panic, and an `Ok` or a typed error that is not `internal`.

use std::io::{Cursor, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use treatydoc::model::{Document, Metadata, TreatyBody};
use treatydoc::{Format, Options};

mod common;

const TARGETS: [&str; 4] = ["text_reader", "docx_reader", "docx_parts", "refs"];

fn inputs() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/regressions");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "README.md" {
            continue;
        }
        let target = name.split('-').next().unwrap_or_default();
        assert!(
            name.ends_with(".bin") && TARGETS.contains(&target),
            "{name}: regression inputs are named <target>-<short-name>.bin, target one of {TARGETS:?}"
        );
        out.push((name, std::fs::read(&path).unwrap()));
    }
    out.sort();
    out
}

/// The package the `docx_parts` fuzz target builds: parts split on NUL, stored.
fn package(data: &[u8]) -> Vec<u8> {
    const PARTS: [&str; 8] = [
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/footnotes.xml",
        "word/endnotes.xml",
        "docProps/core.xml",
        "word/_rels/document.xml.rels",
        "word/header1.xml",
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in PARTS.iter().zip(data.split(|&b| b == 0)) {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The document the `refs` fuzz target builds around its input.
fn refs_document(data: &[u8]) -> Option<Document> {
    let (&sel, rest) = data.split_first()?;
    let text = std::str::from_utf8(rest).ok()?;
    let body = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| common::paragraph(i + 1, line, vec![]))
        .collect();
    let metadata = Metadata {
        body: TreatyBody::ALL.get(usize::from(sel) % 11).copied(),
        ..Metadata::default()
    };
    Some(common::document(
        metadata,
        body,
        vec![common::footnote("1", text)],
    ))
}

#[test]
fn fuzz_findings_stay_fixed() {
    let inputs = inputs();
    let mut failures = Vec::new();
    for (name, bytes) in &inputs {
        let packaged = package(bytes);
        for (format, bytes) in [
            (Format::Text, bytes),
            (Format::Docx, bytes),
            (Format::Docx, &packaged),
        ] {
            let opts = Options {
                format: Some(format),
                ..Options::default()
            };
            let r = catch_unwind(|| {
                treatydoc::parse(bytes, None, &opts)
                    .map(|doc| treatydoc::writers::json::to_string(&doc, false))
            });
            match r {
                Err(_) => failures.push(format!("{name} as {format:?}: panicked")),
                Ok(Err(e)) if e.kind() == treatydoc::ErrorKind::Internal => {
                    failures.push(format!("{name} as {format:?}: {e}"))
                }
                Ok(_) => {}
            }
        }
        if let Some(mut doc) = refs_document(bytes) {
            match catch_unwind(AssertUnwindSafe(|| treatydoc::refs::resolve(&mut doc))) {
                Err(_) => failures.push(format!("{name} through refs::resolve: panicked")),
                Ok(Err(e)) if e.kind() == treatydoc::ErrorKind::Internal => {
                    failures.push(format!("{name} through refs::resolve: {e}"))
                }
                Ok(_) => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
