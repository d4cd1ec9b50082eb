//! In-process parse time of the real UN file CERD/C/URY/CO/21-23 (.docx, 61 KB of XML):
//! the .docx reader alone, and the whole pipeline (reader, builder, references).
//!
//! `cargo bench --bench docx`; the side-by-side with pandoc is `benches/vs_pandoc.sh`.

use criterion::{criterion_group, criterion_main, Criterion};
use treatydoc::{Format, Limits, Options};

fn cerd() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/CERD_C_URY_CO_21-23.docx"
    );
    std::fs::read(path).expect("the shared corpus holds CERD_C_URY_CO_21-23.docx")
}

fn bench(c: &mut Criterion) {
    let bytes = cerd();
    let limits = Limits::default();
    let opts = Options::default();
    c.bench_function("docx_read_raw_cerd", |b| {
        b.iter(|| treatydoc::read_raw(std::hint::black_box(&bytes), Format::Docx, &limits).unwrap())
    });
    c.bench_function("docx_parse_cerd", |b| {
        b.iter(|| treatydoc::parse(std::hint::black_box(&bytes), None, &opts).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
