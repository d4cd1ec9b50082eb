//! Raw bytes through the .docx reader, zip layer included, then the rest of the pipeline.
//! Seed the corpus with real .docx files so the fuzzer starts from valid packages.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treatydoc::{Format, Options};

fuzz_target!(|data: &[u8]| {
    let opts = Options {
        format: Some(Format::Docx),
        ..Options::default()
    };
    if let Ok(doc) = treatydoc::parse(data, None, &opts) {
        let _ = treatydoc::writers::json::to_string(&doc, false);
    }
});
