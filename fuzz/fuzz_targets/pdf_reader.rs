//! Raw bytes through the PDF reader (lopdf's object layer, our content-stream interpreter,
//! fonts, CMaps and layout), then the rest of the pipeline. Seed the corpus with real PDFs
//! (`../shared/corpus/crpd-pdf/`) and the hand-built ones of `tests/pdf_reader.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treatydoc::{Format, Options};

fuzz_target!(|data: &[u8]| {
    let opts = Options {
        format: Some(Format::Pdf),
        ..Options::default()
    };
    if let Ok(doc) = treatydoc::parse(data, None, &opts) {
        let _ = treatydoc::writers::json::to_string(&doc, false);
    }
});
