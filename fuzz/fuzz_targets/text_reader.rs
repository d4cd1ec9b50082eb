//! Arbitrary bytes through the whole pipeline as a text export: decode, scan, structure,
//! refs, JSON. Any panic, hang (`-timeout`) or memory blow-up (`-rss_limit_mb`) is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treatydoc::{Format, Options};

fuzz_target!(|data: &[u8]| {
    let opts = Options {
        format: Some(Format::Text),
        ..Options::default()
    };
    if let Ok(doc) = treatydoc::parse(data, None, &opts) {
        let _ = treatydoc::writers::json::to_string(&doc, false);
    }
});
