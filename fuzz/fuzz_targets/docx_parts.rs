//! The XML layer of the .docx reader, past the zip: a raw-bytes fuzzer rarely gets a mutated
//! part through the zip's CRC check, so this target splits its input on NUL bytes into the
//! parts below and stores them in a well-formed zip before parsing.
#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;
use treatydoc::{Format, Options};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

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

fn package(data: &[u8]) -> Option<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, body) in PARTS.iter().zip(data.split(|&b| b == 0)) {
        zip.start_file(*name, opts).ok()?;
        zip.write_all(body).ok()?;
    }
    Some(zip.finish().ok()?.into_inner())
}

fuzz_target!(|data: &[u8]| {
    let Some(bytes) = package(data) else { return };
    let opts = Options {
        format: Some(Format::Docx),
        ..Options::default()
    };
    if let Ok(doc) = treatydoc::parse(&bytes, None, &opts) {
        let _ = treatydoc::writers::json::to_string(&doc, false);
    }
});
