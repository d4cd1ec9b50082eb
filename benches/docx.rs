//! In-process parse time of the real UN file CERD/C/URY/CO/21-23 (.docx, 61 KB of XML):
//! the .docx reader alone, the whole pipeline (reader, builder, references), and the floor
//! they are measured against, all in one Criterion run so that the ratios are one command:
//!
//! ```text
//! cargo bench --bench docx
//! ```
//!
//! - `docx_read_raw_cerd`: `treatydoc::read_raw` (the .docx reader: zip, XML, runs, blocks);
//! - `docx_parse_cerd`: `treatydoc::parse` (reader, structure builder, references, SHA-256);
//! - `docx_floor_cerd`: the floor program: open the zip, inflate the parts the tree needs
//!   ([`TREE_PARTS`]) and tokenize each with quick-xml's plain `Reader` (no namespace
//!   resolution), counting events and building nothing;
//! - `docx_floor_ns_cerd`: the same with quick-xml's `NsReader`, resolving the namespace of
//!   every element (what a namespace-correct reader that leans on quick-xml for it pays);
//! - `docx_floor_inflate_cerd`: only the inflating of those parts.
//!
//! The goal of issue 16 is `docx_parse_cerd` within 2x `docx_floor_cerd`.
//!
//! The side-by-side with pandoc is `benches/vs_pandoc.sh`.

use std::io::Read;

use criterion::{criterion_group, criterion_main, Criterion};
use quick_xml::events::Event;
use quick_xml::{NsReader, Reader};
use treatydoc::{Format, Limits, Options};

/// The parts of the CERD package the tree needs, each with why; the floor inflates and
/// tokenizes exactly these. Left out: `word/numbering.xml` (no paragraph of this file is
/// auto-numbered, so no label needs it), `word/theme/theme1.xml`, `word/fontTable.xml`,
/// `word/settings.xml`, `word/webSettings.xml`, `word/stylesWithEffects.xml`,
/// `docProps/app.xml`, `[Content_Types].xml`, `customXml/*`, the media and the rels of the
/// footer and the settings (nothing of them reaches the tree). There is no comments part.
pub const TREE_PARTS: [(&str, &str); 12] = [
    (
        "_rels/.rels",
        "where the main document and the core properties are",
    ),
    (
        "word/_rels/document.xml.rels",
        "where the styles, notes and each header/footer (by r:id) are",
    ),
    (
        "word/document.xml",
        "the body: every paragraph, table, note reference",
    ),
    (
        "word/styles.xml",
        "heading levels and titles: H1G, H23G, HChG, SingleTxtG are looked up in it",
    ),
    ("word/footnotes.xml", "the footnote bodies (`notes`)"),
    (
        "word/endnotes.xml",
        "the endnote bodies (here only separators, which only reading it can tell)",
    ),
    (
        "docProps/core.xml",
        "dc:title and dc:subject (metadata: job number, symbol)",
    ),
    (
        "word/header1.xml",
        "page header (even pages): `headers_footers`",
    ),
    (
        "word/header2.xml",
        "page header (default): `headers_footers`",
    ),
    (
        "word/footer1.xml",
        "page footer (even pages): `headers_footers`",
    ),
    (
        "word/footer2.xml",
        "page footer (default): `headers_footers`",
    ),
    (
        "word/footer3.xml",
        "first-page footer (the job number GE.17-00476 (E)): `headers_footers`",
    ),
];

fn cerd() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/CERD_C_URY_CO_21-23.docx"
    );
    std::fs::read(path).expect("the shared corpus holds CERD_C_URY_CO_21-23.docx")
}

/// Opens the package and inflates each of [`TREE_PARTS`], handing it to `f`.
fn each_part(bytes: &[u8], mut f: impl FnMut(&[u8])) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    for (name, _) in TREE_PARTS {
        let mut file = zip.by_name(name).expect("the part exists");
        let mut buf = Vec::with_capacity(file.size() as usize);
        file.read_to_end(&mut buf).expect("inflates");
        f(&buf);
    }
}

/// Tokenizes one part with the plain reader; returns the number of events.
fn tokenize(xml: &[u8]) -> usize {
    let mut r = Reader::from_reader(xml);
    let mut n = 0;
    loop {
        match r.read_event().expect("well-formed") {
            Event::Eof => return n,
            e => {
                std::hint::black_box(&e);
                n += 1;
            }
        }
    }
}

/// Tokenizes one part with the namespace-resolving reader; returns the number of events.
fn tokenize_ns(xml: &[u8]) -> usize {
    let mut r = NsReader::from_reader(xml);
    let mut n = 0;
    loop {
        match r.read_resolved_event().expect("well-formed") {
            (_, Event::Eof) => return n,
            (ns, e) => {
                std::hint::black_box((&ns, &e));
                n += 1;
            }
        }
    }
}

fn bench(c: &mut Criterion) {
    let bytes = cerd();
    let limits = Limits::default();
    let opts = Options::default();
    c.bench_function("docx_floor_inflate_cerd", |b| {
        b.iter(|| {
            let mut total = 0;
            each_part(std::hint::black_box(&bytes), |p| total += p.len());
            total
        })
    });
    c.bench_function("docx_floor_cerd", |b| {
        b.iter(|| {
            let mut events = 0;
            each_part(std::hint::black_box(&bytes), |p| events += tokenize(p));
            events
        })
    });
    c.bench_function("docx_floor_ns_cerd", |b| {
        b.iter(|| {
            let mut events = 0;
            each_part(std::hint::black_box(&bytes), |p| events += tokenize_ns(p));
            events
        })
    });
    c.bench_function("docx_read_raw_cerd", |b| {
        b.iter(|| treatydoc::read_raw(std::hint::black_box(&bytes), Format::Docx, &limits).unwrap())
    });
    c.bench_function("docx_parse_cerd", |b| {
        b.iter(|| treatydoc::parse(std::hint::black_box(&bytes), None, &opts).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
