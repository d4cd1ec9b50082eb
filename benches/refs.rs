//! What the cross-reference pass costs: parsing the seed (and the CERD text export) with and
//! without `refs::resolve`.
//!
//! ```text
//! cargo bench --bench refs
//! ```
//!
//! Besides Criterion's report, prints what the refs pass adds to the parse (fastest of
//! interleaved runs, robust on a loaded machine); the budget, on the seed, is 30 %.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion};
use treatydoc::model::{Document, Format, Source};
use treatydoc::Limits;

fn input(rel: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn source() -> Source {
    Source {
        path: None,
        format: Format::Text,
        sha256: String::new(),
    }
}

/// The pipeline without the refs pass: read, then build the tree.
fn without_refs(bytes: &[u8]) -> Document {
    let limits = Limits::default();
    let raw = treatydoc::read_raw(bytes, Format::Text, &limits).expect("reads");
    treatydoc::structure::build(raw, source())
}

/// The same, then the refs pass.
fn with_refs(bytes: &[u8]) -> Document {
    let mut doc = without_refs(bytes);
    treatydoc::refs::resolve(&mut doc).expect("within the limits");
    doc
}

const INPUTS: [(&str, &str); 2] = [
    ("seed", "fixtures/CRC_C_OPSC_PER_CO_1.txt"),
    ("cerd", "../shared/corpus/CERD_C_URY_CO_21-23.poi.txt"),
];

fn bench(c: &mut Criterion) {
    for (name, rel) in INPUTS {
        let bytes = input(rel);
        let mut g = c.benchmark_group(name);
        g.bench_function("parse_without_refs", |b| {
            b.iter(|| without_refs(black_box(&bytes)))
        });
        g.bench_function("parse_with_refs", |b| {
            b.iter(|| with_refs(black_box(&bytes)))
        });
        let built = without_refs(&bytes);
        g.bench_function("refs_resolve_only", |b| {
            b.iter_batched(
                || built.clone(),
                |mut doc| {
                    treatydoc::refs::resolve(&mut doc).expect("within the limits");
                    doc
                },
                BatchSize::SmallInput,
            )
        });
        g.finish();
    }
}

/// Time per call of `f`, over `iters` calls.
fn per_call(f: &mut impl FnMut(), iters: u32) -> Duration {
    let t = Instant::now();
    for _ in 0..iters {
        f();
    }
    t.elapsed() / iters
}

/// Interleaves the three measurements over many short runs and keeps each one's fastest
/// run: on a loaded machine the minimum is the stable estimate of the work itself.
fn overhead_report() {
    const RUNS: usize = 41;
    const ITERS: u32 = 20;
    println!("\nrefs pass overhead (fastest of {RUNS} interleaved runs x {ITERS} calls):");
    for (name, rel) in INPUTS {
        let bytes = input(rel);
        let mut base = || drop(black_box(without_refs(black_box(&bytes))));
        let mut full = || drop(black_box(with_refs(black_box(&bytes))));
        let (mut b, mut f) = (Duration::MAX, Duration::MAX);
        for _ in 0..RUNS {
            b = b.min(per_call(&mut base, ITERS));
            f = f.min(per_call(&mut full, ITERS));
        }
        // The pass alone, on clones of the built tree made outside the timing.
        let built = without_refs(&bytes);
        let mut p = Duration::MAX;
        for _ in 0..RUNS {
            let mut docs: Vec<Document> = (0..ITERS).map(|_| built.clone()).collect();
            let t = Instant::now();
            for d in &mut docs {
                treatydoc::refs::resolve(d).expect("within the limits");
            }
            p = p.min(t.elapsed() / ITERS);
            black_box(docs);
        }
        let pct = 100.0 * (f.as_secs_f64() / b.as_secs_f64() - 1.0);
        let pass_pct = 100.0 * p.as_secs_f64() / b.as_secs_f64();
        let verdict = if pct <= 30.0 { "within" } else { "OVER" };
        println!(
            "  {name}: parse without refs {b:?}, with refs {f:?}: refs add {pct:.1} % \
             ({verdict} the 30 % budget); refs::resolve alone on a built tree {p:?} \
             ({pass_pct:.1} % of the parse)"
        );
    }
}

/// `stages FILE [COPIES [ITERS]]`: ITERS (default 10) runs of read, build and refs on FILE
/// (a text export repeated COPIES times, default 1), printing the fastest time of each
/// stage. Under `valgrind --tool=callgrind` the inclusive instruction counts of
/// `structure::build` and `refs::resolve_with` are the figures to compare; with COPIES
/// 1, 100 and 1000 the times show whether a stage grows faster than the input.
fn stages(args: &[String]) {
    let file = args.first().expect("stages FILE [COPIES [ITERS]]");
    let copies: usize = args.get(1).map_or(1, |a| a.parse().expect("COPIES"));
    let iters: usize = args.get(2).map_or(10, |a| a.parse().expect("ITERS"));
    let one = std::fs::read(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let format = match Path::new(file).extension().and_then(|e| e.to_str()) {
        Some("docx") => Format::Docx,
        Some("pdf") => Format::Pdf,
        _ => Format::Text,
    };
    assert!(copies == 1 || format == Format::Text, "only a text repeats");
    let bytes = one.repeat(copies);
    // Large inputs pass every limit: this measures the work, not the guards.
    let limits = Limits {
        max_input_bytes: u64::MAX,
        max_paragraphs: u64::MAX,
        max_line_bytes: u64::MAX,
        max_ref_members: u64::MAX,
        ..Limits::default()
    };
    let (mut read, mut build, mut refs) = (Duration::MAX, Duration::MAX, Duration::MAX);
    for _ in 0..iters {
        let t = Instant::now();
        let raw = treatydoc::read_raw(black_box(&bytes), format, &limits).expect("reads");
        let t1 = Instant::now();
        let source = Source {
            path: Some(file.clone()),
            format,
            sha256: String::new(),
        };
        let mut doc = treatydoc::structure::build(raw, source);
        let t2 = Instant::now();
        treatydoc::refs::resolve_with(&mut doc, &limits).expect("within the limits");
        let t3 = Instant::now();
        read = read.min(t1 - t);
        build = build.min(t2 - t1);
        refs = refs.min(t3 - t2);
        black_box(doc);
    }
    println!(
        "{file} x{copies} ({} bytes): read {read:?}, build {build:?}, refs {refs:?} (fastest of {iters})",
        bytes.len()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(k) = args.iter().position(|a| a == "stages") {
        stages(args.get(k + 1..).unwrap_or_default());
        return;
    }
    // `profile` (add `cerd` for the CERD text): a loop of the full parse, for `perf record`.
    if std::env::args().any(|a| a == "profile") {
        let which = usize::from(std::env::args().any(|a| a == "cerd"));
        let bytes = input(INPUTS[which].1);
        for _ in 0..3000 {
            black_box(with_refs(black_box(&bytes)));
        }
        return;
    }
    // `cargo bench --bench refs -- overhead` prints only the overhead report.
    if std::env::args().any(|a| a == "overhead") {
        overhead_report();
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
    overhead_report();
}
