//! Hostile input: each row of the README's "Hostile input" table, through the public API as the
//! CLI calls it (`parse_file`, format detected from the content and the `.docx` name), and each
//! resource limit through the library and through the CLI flag its error names.
//!
//! The .docx reader's own error tests are in `tests/docx_errors.rs`; this file covers what they
//! do not: the 1 GiB bomb, 200,000 nested content controls, text encodings, the text-side
//! limits, the CLI flags, the file-level entry point, and inputs too large for a fuzzer that
//! once took quadratic time or memory (many notes, repeated labels, millions of lines).
//!
//! Work is bounded by construction (limits checked before the expensive step) and asserted by
//! what each error says; the `< 5 s` guards are generous debug-mode backstops. Release-mode
//! timings for the README: `cargo test --release --test hostile -- --ignored --nocapture`.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use treatydoc::model::Node;
use treatydoc::{Error, Format, LimitKind, Limits, Options};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

mod common;
use common::noise;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const GUARD: Duration = Duration::from_secs(5);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(rel: &str) -> Vec<u8> {
    let p = root().join("fixtures").join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Writes `bytes` as `name` in a fresh temp dir and parses it like `treatydoc parse` does.
fn parse_named(name: &str, bytes: &[u8], limits: Limits) -> treatydoc::Result<treatydoc::Document> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let opts = Options {
        format: None,
        limits,
    };
    let t = Instant::now();
    let r = treatydoc::parse_file(&path, &opts);
    assert!(t.elapsed() < GUARD, "{name}: took {:?}", t.elapsed());
    r
}

fn parse_as(
    bytes: &[u8],
    format: Format,
    limits: Limits,
) -> treatydoc::Result<treatydoc::Document> {
    let opts = Options {
        format: Some(format),
        limits,
    };
    treatydoc::parse(bytes, None, &opts)
}

#[track_caller]
fn expect_err<T: std::fmt::Debug>(r: treatydoc::Result<T>) -> Error {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e,
    }
}

/// The limit a `TooLarge` error names, or a panic naming what came instead.
#[track_caller]
fn too_large_limit<T: std::fmt::Debug>(r: treatydoc::Result<T>) -> LimitKind {
    match expect_err(r) {
        Error::TooLarge { limit, .. } => limit,
        e => panic!("expected too_large, got {} ({e})", e.kind()),
    }
}

/// A `word/document.xml` whose body is `body` (written with `w:`), WordprocessingML bound to
/// `prefix` (`""` for the default namespace; attributes then use a second prefix, as unprefixed
/// attributes belong to no namespace).
fn document_xml(prefix: &str, body: &str) -> String {
    let (decl, p, a) = if prefix.is_empty() {
        (
            format!("xmlns=\"{W}\" xmlns:a=\"{W}\""),
            String::new(),
            "a:".to_string(),
        )
    } else {
        let p = format!("{prefix}:");
        (format!("xmlns:{prefix}=\"{W}\""), p.clone(), p)
    };
    let body = body
        .replace("<w:", &format!("<{p}"))
        .replace("</w:", &format!("</{p}"))
        .replace(" w:", &format!(" {a}"));
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <{p}document {decl}><{p}body>{body}</{p}body></{p}document>"
    )
}

/// A paragraph of one run holding `text`.
fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A package of `parts`, each deflated or stored.
fn zip_of(parts: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(method);
    for (name, data) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn docx(document: &str) -> Vec<u8> {
    zip_of(
        &[("word/document.xml", document.as_bytes())],
        CompressionMethod::Deflated,
    )
}

// ---------------------------------------------------------------------------------------------
// The zip bomb, built by hand: deflate's best ratio is 258 bytes per 2 bits (a length-258 match
// at distance 1 with one-bit Huffman codes), so 1 GiB of text takes just over 1 MiB. Building it
// is fast in debug mode; compressing 1 GiB with a real deflater would not be.

/// LSB-first bit writer, as deflate wants.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u64, len: u32) {
        self.acc |= value << self.n;
        self.n += len;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }
    /// A Huffman code: most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        let rev = code.reverse_bits() >> (32 - len);
        self.put(u64::from(rev), len);
    }
    /// A literal or end-of-block in the fixed Huffman code.
    fn fixed(&mut self, sym: u32) {
        match sym {
            0..=143 => self.code(0x30 + sym, 8),
            144..=255 => self.code(0x190 + sym - 144, 9),
            256..=279 => self.code(sym - 256, 7),
            _ => self.code(0xC0 + sym - 280, 8),
        }
    }
    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// A raw deflate stream of `prefix`, then `run` more copies of its last byte (`run` a multiple
/// of 258), then `suffix`.
fn deflate_bomb(prefix: &[u8], run: u64, suffix: &[u8]) -> Vec<u8> {
    assert_eq!(run % 258, 0);
    let mut b = Bits::default();
    // Block 1, fixed Huffman: the prefix as literals.
    b.put(0, 1);
    b.put(1, 2);
    for &c in prefix {
        b.fixed(u32::from(c));
    }
    b.fixed(256);
    // Block 2, dynamic Huffman with two literal/length codes (256 and 285) and one distance
    // code (distance 1), each one bit long.
    b.put(0, 1);
    b.put(2, 2);
    b.put(29, 5); // HLIT: 286 literal/length codes
    b.put(0, 5); // HDIST: 1 distance code
    b.put(14, 4); // HCLEN: 18 code-length codes
                  // Code-length code lengths in deflate's order 16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2,14,1:
                  // symbol 1 gets 1 bit (code 0), 17 and 18 get 2 bits (codes 10 and 11); 17 is unused.
    for len in [0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] {
        b.put(len, 3);
    }
    let zeros = |b: &mut Bits, n: u64| {
        b.code(0b11, 2); // 18: repeat zero 11..138 times
        b.put(n - 11, 7);
    };
    zeros(&mut b, 138);
    zeros(&mut b, 118); // literals 0..=255 unused
    b.code(0, 1); // 256: length 1
    zeros(&mut b, 28); // 257..=284 unused
    b.code(0, 1); // 285 (length 258): length 1
    b.code(0, 1); // distance code 0 (distance 1): length 1
    for _ in 0..run / 258 {
        b.code(1, 1); // 285
        b.code(0, 1); // distance 1
    }
    b.code(0, 1); // end of block
                  // Block 3, final, fixed Huffman: the suffix.
    b.put(1, 1);
    b.put(1, 2);
    for &c in suffix {
        b.fixed(u32::from(c));
    }
    b.fixed(256);
    b.finish()
}

/// CRC-32 (zip's) of `prefix`, then `run` copies of `fill`, then `suffix`, without walking the
/// run: one byte step is an affine map of the CRC register over GF(2), so `run` steps are that
/// map raised to the power `run`, by squaring.
fn crc32_run(prefix: &[u8], fill: u8, run: u64, suffix: &[u8]) -> u32 {
    fn step(s: u32, b: u8) -> u32 {
        let mut s = s ^ u32::from(b);
        for _ in 0..8 {
            s = if s & 1 == 1 {
                (s >> 1) ^ 0xEDB8_8320
            } else {
                s >> 1
            };
        }
        s
    }
    /// `s -> m·s ^ c`, the matrix as its 32 columns.
    #[derive(Clone, Copy)]
    struct Affine([u32; 32], u32);
    impl Affine {
        fn apply(&self, s: u32) -> u32 {
            (0..32)
                .filter(|i| s >> i & 1 == 1)
                .fold(self.1, |acc, i| acc ^ self.0[i])
        }
        /// `self` after `g`.
        fn after(&self, g: &Affine) -> Affine {
            let lin = |s: u32| self.apply(s) ^ self.1;
            Affine(g.0.map(lin), self.apply(g.1))
        }
    }
    let c = step(0, fill);
    let one = Affine(std::array::from_fn(|i| step(1 << i, 0)), c);
    let mut pow = Affine(std::array::from_fn(|i| 1 << i), 0);
    let (mut base, mut k) = (one, run);
    while k > 0 {
        if k & 1 == 1 {
            pow = base.after(&pow);
        }
        base = base.after(&base);
        k >>= 1;
    }
    let s = prefix.iter().fold(!0, |s, &b| step(s, b));
    !suffix.iter().fold(pow.apply(s), |s, &b| step(s, b))
}

/// A one-entry zip around a raw deflate stream of `size` bytes whose CRC is `crc`, declaring
/// `declared` uncompressed bytes.
fn zip_raw_entry(name: &str, deflated: &[u8], crc: u32, declared: u64) -> Vec<u8> {
    let size = declared;
    let size = u32::try_from(size).unwrap();
    let csize = u32::try_from(deflated.len()).unwrap();
    let name_len = u16::try_from(name.len()).unwrap();
    let mut z = Vec::new();
    let common = |z: &mut Vec<u8>| {
        z.extend_from_slice(&20u16.to_le_bytes()); // version needed
        z.extend_from_slice(&0u16.to_le_bytes()); // flags
        z.extend_from_slice(&8u16.to_le_bytes()); // deflate
        z.extend_from_slice(&0u16.to_le_bytes()); // time
        z.extend_from_slice(&0x21u16.to_le_bytes()); // date 1980-01-01
        z.extend_from_slice(&crc.to_le_bytes());
        z.extend_from_slice(&csize.to_le_bytes());
        z.extend_from_slice(&size.to_le_bytes());
        z.extend_from_slice(&name_len.to_le_bytes());
        z.extend_from_slice(&0u16.to_le_bytes()); // extra length
    };
    z.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    common(&mut z);
    z.extend_from_slice(name.as_bytes());
    z.extend_from_slice(deflated);
    let cd = u32::try_from(z.len()).unwrap();
    z.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    z.extend_from_slice(&20u16.to_le_bytes()); // version made by
    common(&mut z);
    z.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
    z.extend_from_slice(&0u32.to_le_bytes()); // external attributes
    z.extend_from_slice(&0u32.to_le_bytes()); // local header offset
    z.extend_from_slice(name.as_bytes());
    let cd_size = u32::try_from(z.len()).unwrap() - cd;
    z.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    z.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]); // disks; one entry
    z.extend_from_slice(&cd_size.to_le_bytes());
    z.extend_from_slice(&cd.to_le_bytes());
    z.extend_from_slice(&0u16.to_le_bytes());
    z
}

/// A .docx whose `word/document.xml` is one paragraph of about `text_bytes` letters `a`.
/// `declared` overrides the uncompressed size written in the zip (a lying header).
fn bomb(text_bytes: u64, declared: Option<u64>) -> Vec<u8> {
    let run = text_bytes / 258 * 258;
    let head = document_xml("w", "<w:p><w:r><w:t>a");
    let (prefix, suffix) = head.split_at(head.len() - "</w:body></w:document>".len());
    let suffix = format!("</w:t></w:r></w:p>{suffix}");
    let deflated = deflate_bomb(prefix.as_bytes(), run, suffix.as_bytes());
    let size = prefix.len() as u64 + run + suffix.len() as u64;
    let crc = crc32_run(prefix.as_bytes(), b'a', run, suffix.as_bytes());
    zip_raw_entry(
        "word/document.xml",
        &deflated,
        crc,
        declared.unwrap_or(size),
    )
}

#[test]
fn the_bomb_builder_makes_valid_deflate() {
    // A small bomb with sizes that fit: every limit generous, it must parse to its one paragraph.
    let b = bomb(258 * 1000, None);
    let limits = Limits {
        max_compression_ratio: u64::MAX,
        ..Limits::default()
    };
    let doc = parse_as(&b, Format::Docx, limits).expect("a small bomb decompresses");
    let json = serde_json::to_string(&doc.body).unwrap();
    assert!(
        json.contains(&"a".repeat(258 * 1000 + 1)),
        "the run is all there"
    );
    assert!(!json.contains(&"a".repeat(258 * 1000 + 2)));
}

#[test]
fn zip_bomb_1_gib_is_refused_before_inflating() {
    let b = bomb(1 << 30, None);
    assert!(b.len() < 1_100_000, "1 GiB in {} bytes", b.len());
    let t = Instant::now();
    match expect_err(parse_named("bomb.docx", &b, Limits::default())) {
        e @ Error::TooLarge {
            limit: LimitKind::CompressionRatio,
            ..
        } => {
            let Error::TooLarge {
                measured,
                max,
                ref part,
                ..
            } = e
            else {
                unreachable!()
            };
            // 1 GiB declared from about 1 MB: the measured ratio, not only "over 200".
            assert!((1000..1100).contains(&measured), "{measured}");
            assert_eq!(max, 200);
            assert_eq!(part.as_deref(), Some("word/document.xml"));
            eprintln!("{e}");
        }
        e => panic!("{e}"),
    }
    // Raising the ratio limit leaves the total-size limit, which holds as well.
    let limits = Limits {
        max_compression_ratio: u64::MAX,
        ..Limits::default()
    };
    let flag = too_large_limit(parse_named("bomb.docx", &b, limits));
    assert_eq!(flag, LimitKind::DecompressedBytes);
    // Refused from the declared size: no 256 MiB were inflated (that alone takes seconds in
    // a debug build).
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
}

#[test]
fn zip_bomb_with_a_lying_size() {
    // Declares 1 KiB, holds 64 MiB: the zip layer stops at the declared size.
    let b = bomb(64 << 20, Some(1024));
    let e = expect_err(parse_named("liar.docx", &b, Limits::default()));
    assert_eq!(e.kind(), treatydoc::ErrorKind::DamagedZip, "{e}");
    assert!(e.to_string().contains("declared"), "{e}");
    // Declares 48 MiB, under the total limit, but holds 64 MiB: the capped reader stops one
    // byte past the ratio limit (48 MiB from ~64 KiB is over 200:1).
    let b = bomb(64 << 20, Some(48 << 20));
    assert_eq!(
        too_large_limit(parse_named("liar.docx", &b, Limits::default())),
        LimitKind::CompressionRatio
    );
}

// ---------------------------------------------------------------------------------------------

#[test]
#[cfg(unix)]
fn endless_special_file() {
    // `/dev/zero` has size 0 on disk and never ends: read up to the limit, not forever.
    let limits = Limits {
        max_input_bytes: 1 << 20,
        ..Limits::default()
    };
    let e = expect_err(treatydoc::parse_file(
        Path::new("/dev/zero"),
        &Options {
            format: None,
            limits,
        },
    ));
    match e {
        Error::TooLarge { limit, .. } => assert_eq!(limit, LimitKind::InputBytes),
        e => panic!("{e}"),
    }
}

#[test]
fn random_bytes() {
    let b = noise(1 << 20, 0x9E37_79B9_7F4A_7C15);
    // Detected as text, refused as binary with the line it was found on.
    let e = expect_err(parse_named("random.txt", &b, Limits::default()));
    assert!(matches!(e, Error::Decode { line: Some(_), .. }), "{e}");
    assert!(e.to_string().contains("binary data"), "{e}");
    // Named .docx: not a zip.
    let e = expect_err(parse_named("random.docx", &b, Limits::default()));
    assert_eq!(e.kind(), treatydoc::ErrorKind::NotADocx, "{e}");
    // Behind a zip signature: a damaged container.
    let mut z = b"PK\x03\x04".to_vec();
    z.extend_from_slice(&b);
    let e = expect_err(parse_named("random-pk.docx", &z, Limits::default()));
    assert_eq!(e.kind(), treatydoc::ErrorKind::DamagedZip, "{e}");
}

#[test]
fn empty_file() {
    for name in ["empty.txt", "empty.docx", "empty"] {
        let e = expect_err(parse_named(name, b"", Limits::default()));
        assert!(e.to_string().contains("empty"), "{name}: {e}");
    }
    assert_eq!(
        expect_err(parse_named("empty.docx", b"", Limits::default())).kind(),
        treatydoc::ErrorKind::NotADocx
    );
    assert_eq!(
        expect_err(parse_named("empty.txt", b"", Limits::default())).kind(),
        treatydoc::ErrorKind::Decode
    );
}

#[test]
fn truncated_zip_at_every_point() {
    let full = docx(&document_xml(
        "w",
        &[para("1.\tThe Committee."), para("2.\tIt welcomes.")].concat(),
    ));
    assert!(parse_named("full.docx", &full, Limits::default()).is_ok());
    for cut in (0..full.len()).step_by(7) {
        let e = expect_err(parse_as(&full[..cut], Format::Docx, Limits::default()));
        assert!(
            matches!(
                e.kind(),
                treatydoc::ErrorKind::DamagedZip | treatydoc::ErrorKind::NotADocx
            ),
            "cut at {cut}: {} {e}",
            e.kind()
        );
    }
}

#[test]
fn nested_content_controls_200k() {
    let n = 200_000;
    let body = format!(
        "{}{}{}",
        "<w:sdt>".repeat(n),
        para("deep"),
        "</w:sdt>".repeat(n)
    );
    let xml = document_xml("w", &body);
    // Stored, so that the ratio limit does not answer first.
    let b = zip_of(
        &[("word/document.xml", xml.as_bytes())],
        CompressionMethod::Stored,
    );
    match expect_err(parse_named("sdt.docx", &b, Limits::default())) {
        Error::TooLarge {
            limit,
            measured,
            max,
            part,
            ..
        } => {
            assert_eq!(limit, LimitKind::XmlDepth);
            assert_eq!(max, Limits::default().max_xml_depth);
            assert_eq!(measured, max + 1);
            assert_eq!(part.as_deref(), Some("word/document.xml"));
        }
        e => panic!("{e}"),
    }
    // Under the limit, nested content controls show their content.
    let body = format!(
        "{}{}{}",
        "<w:sdt>".repeat(200),
        para("deep"),
        "</w:sdt>".repeat(200)
    );
    let doc = parse_as(
        docx(&document_xml("w", &body)).as_slice(),
        Format::Docx,
        Limits::default(),
    )
    .unwrap();
    assert!(serde_json::to_string(&doc.body)
        .unwrap()
        .contains("\"deep\""));
}

#[test]
fn depth_ceiling_fits_a_2_mib_stack() {
    // The .docx walkers recurse per element; at the ceiling they must fit the default stack
    // of a spawned or rayon thread, in this (debug) build too. Overflow would abort the run.
    let ceiling = Limits::XML_DEPTH_CEILING as usize;
    let text = para("deep"); // p, r, t: 3 levels under document and body
    let sdt = |n: usize| format!("{}{text}{}", "<w:sdt>".repeat(n), "</w:sdt>".repeat(n));
    let link = |n: usize| {
        let run = "<w:r><w:t>deep</w:t></w:r>";
        format!(
            "<w:p>{}{run}{}</w:p>",
            "<w:hyperlink>".repeat(n),
            "</w:hyperlink>".repeat(n)
        )
    };
    let table = |n: usize| {
        let (open, close) = ("<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>");
        format!("{}{text}{}", open.repeat(n), close.repeat(n))
    };
    let limits = Limits {
        max_xml_depth: u64::MAX,
        ..Limits::default()
    };
    let cases = [
        ("content controls", sdt(ceiling - 5), sdt(ceiling - 4)),
        ("hyperlinks", link(ceiling - 5), link(ceiling - 4)),
        (
            "tables",
            table((ceiling - 5) / 3),
            table((ceiling - 5) / 3 + 1),
        ),
    ];
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            for (what, fits, over) in cases {
                let doc = parse_as(&docx(&document_xml("w", &fits)), Format::Docx, limits)
                    .unwrap_or_else(|e| panic!("{what}: {e}"));
                // (A table's nested tables are flattened into its cells, not kept.)
                let json = serde_json::to_string(&doc).unwrap();
                assert!(what == "tables" || json.contains("deep"), "{what}: {json}");
                let r = parse_as(&docx(&document_xml("w", &over)), Format::Docx, limits);
                assert_eq!(too_large_limit(r), LimitKind::XmlDepth, "{what}");
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn malformed_xml() {
    let good = para("1.\tText.");
    let cases = [
        (
            "unclosed element",
            format!("<w:document xmlns:w=\"{W}\"><w:body>{good}"),
        ),
        (
            "mismatched end tag",
            document_xml("w", "<w:p><w:r><w:t>x</w:r></w:t></w:p>"),
        ),
        ("unknown entity", document_xml("w", &para("a &nbsp; b"))),
        (
            "bad character reference",
            document_xml("w", &para("a &#xD800; b")),
        ),
        ("not XML at all", "%PDF-1.7 binary".to_string()),
    ];
    let mut cases: Vec<(&str, Vec<u8>)> = cases
        .into_iter()
        .map(|(w, x)| (w, x.into_bytes()))
        .collect();
    let latin1 = document_xml("w", &para("r\u{e9}sum\u{e9}")).replace('\u{e9}', "\u{1}");
    cases.push((
        "invalid UTF-8",
        latin1
            .into_bytes()
            .iter()
            .map(|&b| if b == 1 { 0xE9 } else { b })
            .collect(),
    ));
    for (what, xml) in cases {
        let b = zip_of(&[("word/document.xml", &xml)], CompressionMethod::Deflated);
        match parse_named("bad.docx", &b, Limits::default()) {
            Ok(doc) => panic!("{what}: parsed: {:?}", doc.body),
            Err(Error::Xml { part, message }) => {
                assert_eq!(part, "word/document.xml", "{what}");
                assert!(!message.is_empty(), "{what}");
            }
            Err(e) => panic!("{what}: expected malformed_xml, got {} ({e})", e.kind()),
        }
    }
}

#[test]
fn any_prefix_for_wordprocessingml() {
    let body = [
        para("Committee on the Rights of the Child"),
        "<w:p><w:pPr><w:pStyle w:val=\"H1G\"/></w:pPr><w:r><w:tab/><w:t>A.</w:t><w:tab/>\
         <w:t>Introduction</w:t></w:r></w:p>"
            .to_string(),
        "<w:p><w:r><w:t>1.</w:t><w:tab/><w:t>The Committee welcomes the report</w:t>\
         <w:footnoteReference w:id=\"2\"/><w:t>.</w:t></w:r></w:p>"
            .to_string(),
    ]
    .concat();
    let tree = |prefix: &str| {
        let b = docx(&document_xml(prefix, &body));
        let doc = parse_as(&b, Format::Docx, Limits::default()).unwrap();
        serde_json::to_value((&doc.metadata, &doc.body, &doc.footnotes)).unwrap()
    };
    let w = tree("w");
    assert!(
        w.to_string().contains("The Committee welcomes the report"),
        "{w}"
    );
    assert_eq!(tree("ns0"), w, "ns0");
    assert_eq!(tree(""), w, "default namespace");
}

#[test]
fn legacy_ole_doc() {
    let b = fixture("bad/legacy_word97.doc");
    for name in ["old.doc", "old.docx", "old.txt"] {
        let e = expect_err(parse_named(name, &b, Limits::default()));
        assert!(matches!(e, Error::LegacyDoc), "{name}: {e}");
    }
}

#[test]
fn utf16_and_windows_1252_read_like_utf8() {
    let text = "Committee on the Rights of the Child\n\tConcluding observations\n\
                1.\tThe State party\u{2019}s report \u{2013} its r\u{e9}sum\u{e9}.\n";
    let utf8 = parse_as(text.as_bytes(), Format::Text, Limits::default()).unwrap();
    assert!(serde_json::to_string(&utf8.body)
        .unwrap()
        .contains("r\u{e9}sum\u{e9}"));
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    let (cp1252, _, lossy) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!lossy);
    for (name, bytes) in [
        ("utf16le.txt", le),
        ("utf16be.txt", be),
        ("cp1252.txt", cp1252.to_vec()),
    ] {
        let doc = parse_named(name, &bytes, Limits::default()).unwrap();
        assert_eq!(doc.source.format, Format::Text, "{name}");
        assert_eq!(doc.body, utf8.body, "{name}");
        assert_eq!(doc.metadata, utf8.metadata, "{name}");
    }
    // UTF-16 without a byte-order mark is full of NULs: refused, not read as mojibake.
    let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let e = expect_err(parse_named("bare16.txt", &bare, Limits::default()));
    assert_eq!(e.kind(), treatydoc::ErrorKind::Decode, "{e}");
    // An unpaired surrogate after a UTF-16 BOM.
    let e = expect_err(parse_as(
        b"\xFF\xFEa\x00\x00\xD8b\x00",
        Format::Text,
        Limits::default(),
    ));
    assert_eq!(e.kind(), treatydoc::ErrorKind::Decode, "{e}");
}

#[test]
fn binary_data_named_txt() {
    let e = expect_err(parse_named(
        "x.txt",
        &fixture("bad/binary_named.txt"),
        Limits::default(),
    ));
    assert!(matches!(e, Error::Decode { line: Some(_), .. }), "{e}");
    // An image and an executable under a .txt name.
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10";
    let elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00";
    for (name, b) in [("png.txt", &png[..]), ("elf.txt", &elf[..])] {
        let e = expect_err(parse_named(name, b, Limits::default()));
        assert!(e.to_string().contains("binary data"), "{name}: {e}");
    }
}

// ---------------------------------------------------------------------------------------------
// Limits: each triggers exactly past its value, through the library.

/// A text export of `n` numbered paragraphs.
fn paragraphs(n: usize) -> String {
    let mut s = String::from("Committee on the Rights of the Child\n");
    for i in 1..=n {
        s.push_str(&format!("{i}.\tThe Committee notes point {i}.\n"));
    }
    s
}

#[test]
fn limit_input_bytes() {
    let b = paragraphs(3).into_bytes();
    let n = b.len() as u64;
    let at = |max| Limits {
        max_input_bytes: max,
        ..Limits::default()
    };
    assert!(parse_as(&b, Format::Text, at(n)).is_ok());
    assert_eq!(
        too_large_limit(parse_as(&b, Format::Text, at(n - 1))),
        LimitKind::InputBytes
    );
    // parse_file checks the size before reading the file.
    assert_eq!(
        too_large_limit(parse_named("x.txt", &b, at(n - 1))),
        LimitKind::InputBytes
    );
    assert_eq!(
        too_large_limit(parse_named("x.docx", &b, at(n - 1))),
        LimitKind::InputBytes
    );
}

#[test]
fn limit_line_bytes() {
    let long = format!("1.\t{}\n", "x".repeat(1000));
    let line = long.len() as u64 - 1; // without the newline
    let at = |max| Limits {
        max_line_bytes: max,
        ..Limits::default()
    };
    assert!(parse_as(long.as_bytes(), Format::Text, at(line)).is_ok());
    match expect_err(parse_as(long.as_bytes(), Format::Text, at(line - 1))) {
        Error::TooLarge {
            limit,
            measured,
            line: l,
            ..
        } => {
            assert_eq!(limit, LimitKind::LineBytes);
            assert_eq!(measured, line);
            assert_eq!(l, Some(1));
        }
        e => panic!("{e}"),
    }
    // A 64 MiB line at the default limit: refused before any scanning.
    let huge = "y".repeat(64 << 20);
    let limits = Limits {
        max_input_bytes: u64::MAX,
        ..Limits::default()
    };
    let t = Instant::now();
    assert_eq!(
        too_large_limit(parse_as(huge.as_bytes(), Format::Text, limits)),
        LimitKind::LineBytes
    );
    assert!(t.elapsed() < GUARD);
}

#[test]
fn limit_paragraphs_text_and_docx() {
    let text = paragraphs(10);
    let blocks = 11; // the committee line and ten paragraphs
    let at = |max| Limits {
        max_paragraphs: max,
        ..Limits::default()
    };
    assert!(parse_as(text.as_bytes(), Format::Text, at(blocks)).is_ok());
    assert_eq!(
        too_large_limit(parse_as(text.as_bytes(), Format::Text, at(blocks - 1))),
        LimitKind::Paragraphs
    );
    let body: String = text.lines().map(para).collect();
    let b = docx(&document_xml("w", &body));
    assert!(parse_as(&b, Format::Docx, at(blocks)).is_ok());
    assert_eq!(
        too_large_limit(parse_as(&b, Format::Docx, at(blocks - 1))),
        LimitKind::Paragraphs
    );
}

/// Issue 10, item 2: "See paragraphs 1 to 199 above and articles 1 to 200 of the Convention."
/// names 399 things in 72 bytes; 100,000 such paragraphs (7.8 MB) made 1 GB of JSON. Ranges
/// are bounded per list and per document (`max_ref_members`): under the limit the output
/// is bounded, over it the input is refused with a typed error naming the limit.
#[test]
fn limit_ref_members_bounds_range_expansion() {
    const SENTENCE: &str = "See paragraphs 1 to 199 above and articles 1 to 200 of the Convention.";
    let text = |n: usize| -> String { (1..=n).map(|k| format!("{k}.\t{SENTENCE}\n")).collect() };
    // What one sentence names, counted from its refs.
    let one = parse_as(text(1).as_bytes(), Format::Text, Limits::default()).unwrap();
    let Node::Paragraph(p) = &one.body[0] else {
        panic!("{:?}", one.body[0])
    };
    let per: usize = p
        .refs
        .iter()
        .map(|r| match &r.target {
            treatydoc::model::RefTarget::Paragraph { paragraphs, .. } => paragraphs.len(),
            treatydoc::model::RefTarget::Article { articles, .. } => articles.len(),
            t => panic!("unexpected ref {t:?}"),
        })
        .sum();
    assert_eq!(per, 399);
    let max = Limits::default().max_ref_members as usize;
    let fits = max / per; // 250 paragraphs: 99,750 members
    let doc =
        parse_as(text(fits).as_bytes(), Format::Text, Limits::default()).expect("under the limit");
    let json = treatydoc::writers::json::to_string(&doc, false);
    // The most a document can say through ranges at the default limit, whatever its size.
    assert!(json.len() < 8 << 20, "{} bytes of JSON", json.len());
    match expect_err(parse_as(
        text(fits + 1).as_bytes(),
        Format::Text,
        Limits::default(),
    )) {
        Error::TooLarge {
            limit: LimitKind::RefMembers,
            measured,
            max: m,
            ..
        } => {
            assert_eq!(m as usize, max);
            assert!(
                measured as usize > max && measured as usize <= max + 200,
                "{measured}"
            );
        }
        e => panic!("{e}"),
    }
    // A slightly higher limit lets it through.
    let raised = Limits {
        max_ref_members: ((fits + 1) * per) as u64,
        ..Limits::default()
    };
    assert!(parse_as(text(fits + 1).as_bytes(), Format::Text, raised).is_ok());
    // The input: refused, and the count shows the scan stopped at the limit (all of
    // it would have been 39.9 M members).
    let big = text(100_000);
    assert!(big.len() > 7_000_000);
    match expect_err(parse_as(big.as_bytes(), Format::Text, Limits::default())) {
        Error::TooLarge {
            limit: LimitKind::RefMembers,
            measured,
            ..
        } => assert!(measured as usize <= max + 200, "{measured}"),
        e => panic!("{e}"),
    }
    // One list cannot grow without bound either: `1-199, 1-199, ...` (199,000 members if
    // expanded) stops past 200 members, so it names at most a few hundred.
    let list = format!(
        "1.\tSee paragraphs {} above.\n",
        vec!["1-199"; 1000].join(", ")
    );
    let doc = parse_as(list.as_bytes(), Format::Text, Limits::default()).unwrap();
    let named: usize = treatydoc::model::walk::parts(&doc)
        .flat_map(|p| p.refs())
        .map(|r| match &r.target {
            treatydoc::model::RefTarget::Paragraph { paragraphs, .. } => paragraphs.len(),
            _ => 1,
        })
        .sum();
    assert!(named <= 400, "{named}");
}

#[test]
fn millions_of_short_lines() {
    // 1 M one-letter paragraphs: stopped at the paragraph limit while scanning, not after
    // materialising every line (which took 3 GiB and seconds for 64 MiB of them).
    let text = "x\n\n".repeat(1 << 20);
    let limits = Limits {
        max_paragraphs: 1000,
        ..Limits::default()
    };
    let t = Instant::now();
    assert_eq!(
        too_large_limit(parse_as(text.as_bytes(), Format::Text, limits)),
        LimitKind::Paragraphs
    );
    assert!(t.elapsed() < GUARD, "{:?}", t.elapsed());
    // 1 M lines that soft-break into one paragraph: one paragraph, every letter kept.
    let text = format!("1.\tBegin\n{}", "a\n".repeat(1 << 20));
    let doc = parse_as(text.as_bytes(), Format::Text, Limits::default()).unwrap();
    match doc.body.as_slice() {
        [Node::Paragraph(p)] => assert_eq!(p.text.matches('a').count(), 1 << 20),
        other => panic!("expected one paragraph, got {} nodes", other.len()),
    }
}

#[test]
fn many_notes_with_bodies_in_reverse_order() {
    // Matching each body to its reference once scanned the pending list: 50,000 notes took
    // seconds in release builds, and the input limit allows millions.
    let n = 50_000;
    let mut text: String = (1..=n)
        .map(|i| format!("{i}.\tText[footnoteRef:{i}] end.\n"))
        .collect();
    text.extend((1..=n).rev().map(|i| format!(" [{i}: Note {i}.] \n")));
    let t = Instant::now();
    let raw = treatydoc::read_raw(text.as_bytes(), Format::Text, &Limits::default()).unwrap();
    assert!(t.elapsed() < GUARD, "{:?}", t.elapsed());
    assert_eq!(raw.notes.len(), n);
    assert!(raw
        .notes
        .iter()
        .all(|b| b.text == format!("Note {}.", b.id)));
}

#[test]
fn one_label_repeated_20000_times() {
    // Each duplicate id was found by counting up from `~2`: quadratic (37 s in release for
    // 20,000 paragraphs numbered `1.`, 7 s for 40,000 items `(a)`).
    let n = 20_000;
    let text = "1.\tText.\n".repeat(n);
    let t = Instant::now();
    let doc = parse_as(text.as_bytes(), Format::Text, Limits::default()).unwrap();
    let ids: Vec<&str> = doc.body.iter().map(Node::id).collect();
    assert_eq!(ids.len(), n);
    assert_eq!(ids[..3], ["para-1", "para-1~2", "para-1~3"]);
    assert_eq!(ids[n - 1], format!("para-1~{n}"));

    let text = format!("1.\tIntro:\n{}", "\t(a)\tItem;\n".repeat(n));
    let doc = parse_as(text.as_bytes(), Format::Text, Limits::default()).unwrap();
    let [Node::Paragraph(p)] = doc.body.as_slice() else {
        panic!("expected one paragraph");
    };
    assert_eq!(p.items.len(), n);
    assert_eq!(p.items[1].id, "para-1.a~2");
    assert_eq!(p.items[n - 1].id, format!("para-1.a~{n}"));
    assert!(t.elapsed() < GUARD, "{:?}", t.elapsed());
}

#[test]
fn limit_zip_entries_decompressed_ratio_depth() {
    let xml = document_xml("w", &para("1.\tText."));
    let mut parts: Vec<(String, Vec<u8>)> =
        vec![("word/document.xml".into(), xml.clone().into_bytes())];
    for i in 0..9 {
        parts.push((format!("customXml/item{i}.xml"), b"<x/>".to_vec()));
    }
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let b = zip_of(&refs, CompressionMethod::Deflated);
    let entries = |max| Limits {
        max_zip_entries: max,
        ..Limits::default()
    };
    assert!(parse_as(&b, Format::Docx, entries(10)).is_ok());
    assert_eq!(
        too_large_limit(parse_as(&b, Format::Docx, entries(9))),
        LimitKind::ZipEntries
    );

    let one = docx(&xml);
    let total = |max| Limits {
        max_decompressed_bytes: max,
        ..Limits::default()
    };
    let n = xml.len() as u64;
    assert!(parse_as(&one, Format::Docx, total(n)).is_ok());
    assert_eq!(
        too_large_limit(parse_as(&one, Format::Docx, total(n - 1))),
        LimitKind::DecompressedBytes
    );

    // 2 MiB of spaces (over the 1 MiB floor below which ratios are not checked).
    let spaced = document_xml(
        "w",
        &format!("{}{}", " ".repeat(2 << 20), para("1.\tText.")),
    );
    let b = docx(&spaced);
    let ratio = spaced.len() as u64 / (b.len() as u64) / 2; // well under the real ratio
    let at = |max| Limits {
        max_compression_ratio: max,
        ..Limits::default()
    };
    assert!(parse_as(&b, Format::Docx, at(ratio * 4)).is_ok());
    assert_eq!(
        too_large_limit(parse_as(&b, Format::Docx, at(ratio))),
        LimitKind::CompressionRatio
    );

    let nested = |d: usize| {
        // document, body, d × sdt, p, r, t: the text sits at depth d + 5.
        docx(&document_xml(
            "w",
            &format!(
                "{}{}{}",
                "<w:sdt>".repeat(d),
                para("x"),
                "</w:sdt>".repeat(d)
            ),
        ))
    };
    let depth = |max| Limits {
        max_xml_depth: max,
        ..Limits::default()
    };
    assert!(parse_as(&nested(20), Format::Docx, depth(25)).is_ok());
    assert_eq!(
        too_large_limit(parse_as(&nested(20), Format::Docx, depth(24))),
        LimitKind::XmlDepth
    );
}

// ---------------------------------------------------------------------------------------------
// The CLI: every flag an error names exists on `parse` and `convert`, and sets that limit.

fn treatydoc(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_treatydoc"))
        .args(args)
        .output()
        .unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn cli_limit_flags() {
    let dir = tempfile::tempdir().unwrap();
    let text = write(dir.path(), "doc.txt", paragraphs(10).as_bytes());
    let xml = document_xml("w", &format!("<w:sdt>{}</w:sdt>", para("1.\tText.")));
    let mut parts = vec![("word/document.xml", xml.as_bytes())];
    parts.push(("customXml/item1.xml", b"<x/>"));
    let docx = write(
        dir.path(),
        "doc.docx",
        &zip_of(&parts, CompressionMethod::Deflated),
    );
    // Over the 1 MiB floor of the ratio check, at a ratio of about 2 (random letters).
    let letters: String = noise(1_200_000, 5)
        .iter()
        .map(|b| char::from(b'a' + b % 26))
        .collect();
    let big = document_xml("w", &para(&letters));
    let roomy = write(
        dir.path(),
        "letters.docx",
        &zip_of(
            &[("word/document.xml", big.as_bytes())],
            CompressionMethod::Deflated,
        ),
    );
    let refs = write(
        dir.path(),
        "refs.txt",
        b"1.\tSee paragraphs 2 to 9 below.\n2.\tText.\n",
    );
    let cases: [(&str, &str, &Path); 8] = [
        ("max-input-bytes", "100", &text),
        ("max-line-bytes", "10", &text),
        ("max-paragraphs", "5", &text),
        ("max-decompressed-bytes", "200", &docx),
        ("max-zip-entries", "1", &docx),
        ("max-xml-depth", "3", &docx),
        ("max-compression-ratio", "1", &roomy),
        ("max-ref-members", "5", &refs),
    ];
    // Every limit has its flag here.
    let mut flags: Vec<String> = LimitKind::ALL
        .iter()
        .map(|l| l.field_name().replace('_', "-"))
        .collect();
    let mut named: Vec<String> = cases.iter().map(|(f, _, _)| f.to_string()).collect();
    flags.sort();
    named.sort();
    assert_eq!(flags, named);
    for (flag, value, input) in cases {
        let opt = format!("--{flag}");
        // Without the flag the input converts; with it, the error names the flag.
        let ok = treatydoc(&["parse".as_ref(), input.as_os_str()]);
        assert_eq!(
            ok.status.code(),
            Some(0),
            "{flag}: {}",
            String::from_utf8_lossy(&ok.stderr)
        );
        let out = treatydoc(&[
            "parse".as_ref(),
            opt.as_ref(),
            value.as_ref(),
            input.as_os_str(),
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{flag}: {err}");
        assert!(
            err.contains(&format!("(raise it with {opt})")),
            "{flag}: {err}"
        );

        let jsonl = dir.path().join(format!("{flag}.jsonl"));
        let errors = dir.path().join(format!("{flag}.errors.jsonl"));
        let out = treatydoc(&[
            "convert".as_ref(),
            "--quiet".as_ref(),
            opt.as_ref(),
            value.as_ref(),
            "--jsonl".as_ref(),
            jsonl.as_os_str(),
            "--errors".as_ref(),
            errors.as_os_str(),
            input.as_os_str(),
        ]);
        assert_ne!(out.status.code(), Some(0), "convert {flag}");
        let rec = std::fs::read_to_string(&errors).unwrap();
        assert!(
            rec.contains("\"too_large\"") && rec.contains(&opt),
            "convert {flag}: {rec}"
        );
    }
}

// ---------------------------------------------------------------------------------------------

/// A .docx of `n` sections, each with its own header part (which hold a symbol).
fn sections(n: usize) -> Vec<u8> {
    let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let body: String = (0..n)
        .map(|i| {
            format!(
                "<w:p><w:pPr><w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId{i}\"/>\
                 </w:sectPr></w:pPr><w:r><w:t>{}. Text</w:t></w:r></w:p>",
                i + 1
            )
        })
        .collect();
    let doc = document_xml("w", &body).replacen(
        "<w:document ",
        &format!("<w:document xmlns:r=\"{r}\" "),
        1,
    );
    let rels: String = (0..n)
        .map(|i| {
            format!("<Relationship Id=\"rId{i}\" Type=\"{r}/header\" Target=\"header{i}.xml\"/>")
        })
        .collect();
    let rels = format!(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>"
    );
    let header = format!(
        "<w:hdr xmlns:w=\"{W}\">{}</w:hdr>",
        para("CRC/C/PER/CO/4-5")
    );
    let names: Vec<String> = (0..n.min(9_000))
        .map(|i| format!("word/header{i}.xml"))
        .collect();
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("word/document.xml", doc.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
    ];
    parts.extend(names.iter().map(|n| (n.as_str(), header.as_bytes())));
    zip_of(&parts, CompressionMethod::Deflated)
}

/// Release-mode timings and peak memory for the README table: each input is written to a
/// file and given to `treatydoc parse` as a user would, one process each, so that the time is
/// the whole process's. The peak memory comes from GNU time (`/usr/bin/time`), whose child
/// starts from a small process (ours would lend it its own pages). Run:
/// `cargo test --release --test hostile -- --ignored --nocapture`.
#[test]
#[ignore]
fn timings() {
    let sdt = || {
        let n = 200_000;
        let body = format!(
            "{}{}{}",
            "<w:sdt>".repeat(n),
            para("deep"),
            "</w:sdt>".repeat(n)
        );
        zip_of(
            &[("word/document.xml", document_xml("w", &body).as_bytes())],
            CompressionMethod::Stored,
        )
    };
    type Make = Box<dyn Fn() -> Vec<u8>>;
    let cases: Vec<(&str, &str, Make)> = vec![
        (
            "random bytes (1 MiB)",
            "random.bin",
            Box::new(|| noise(1 << 20, 1)),
        ),
        (
            "random bytes (1 MiB) named .docx",
            "random.docx",
            Box::new(|| noise(1 << 20, 1)),
        ),
        ("empty file", "empty.txt", Box::new(Vec::new)),
        (
            "truncated zip",
            "cut.docx",
            Box::new(|| fixture("bad/truncated_zip.docx")),
        ),
        (
            "zip bomb (1 GiB in 1 MiB)",
            "bomb.docx",
            Box::new(|| bomb(1 << 30, None)),
        ),
        (
            "zip bomb declaring 1 KiB (64 MiB)",
            "liar.docx",
            Box::new(|| bomb(64 << 20, Some(1024))),
        ),
        ("200,000 nested w:sdt", "sdt.docx", Box::new(sdt)),
        (
            "malformed XML",
            "bad.docx",
            Box::new(|| fixture("bad/malformed_document_xml.docx")),
        ),
        (
            "ns0 prefix",
            "ns0.docx",
            Box::new(|| fixture("docx/prefix_ns0.docx")),
        ),
        (
            "legacy OLE .doc",
            "old.doc",
            Box::new(|| fixture("bad/legacy_word97.doc")),
        ),
        (
            "UTF-16 LE text",
            "u16.txt",
            Box::new(|| fixture("text/encoding_utf16le_bom.txt")),
        ),
        (
            "Windows-1252 text",
            "cp.txt",
            Box::new(|| fixture("text/encoding_windows1252.txt")),
        ),
        (
            "binary data named .txt",
            "bin.txt",
            Box::new(|| fixture("bad/binary_named.txt")),
        ),
        (
            "/dev/zero (endless, size 0 on disk)",
            "/dev/zero",
            Box::new(Vec::new),
        ),
        (
            "one 64 MiB line",
            "line.txt",
            Box::new(|| "z".repeat((64 << 20) - 1).into_bytes()),
        ),
        (
            "10 M paragraphs (60 MiB)",
            "paras.txt",
            Box::new(|| "1.\tx\n\n".repeat(10 << 20).into_bytes()),
        ),
        (
            "32 M soft-broken lines (64 MiB)",
            "lines.txt",
            Box::new(|| "a\n".repeat((32 << 20) - 1).into_bytes()),
        ),
        (
            "50,000 notes, bodies in reverse order",
            "notes.txt",
            Box::new(|| {
                let n = 50_000;
                let mut t: String = (1..=n)
                    .map(|i| format!("{i}.\tText[footnoteRef:{i}] end.\n"))
                    .collect();
                t.extend((1..=n).rev().map(|i| format!(" [{i}: Note {i}.] \n")));
                t.into_bytes()
            }),
        ),
        (
            "100,000 paragraphs all numbered 1.",
            "same.txt",
            Box::new(|| "1.\tText.\n".repeat(100_000).into_bytes()),
        ),
        (
            "100,000 items all labelled (a)",
            "items.txt",
            Box::new(|| format!("1.\tIntro:\n{}", "\t(a)\tItem;\n".repeat(100_000)).into_bytes()),
        ),
        (
            "20,000 sections, each with its header",
            "sections.docx",
            Box::new(|| sections(20_000)),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (what, name, make) in cases {
        // An absolute name is a file to read as it is (`/dev/zero`).
        let path = match name.strip_prefix('/') {
            Some(_) => PathBuf::from(name),
            None => write(dir.path(), name, &make()),
        };
        let rss = dir.path().join("rss");
        let t = Instant::now();
        let out = Command::new("/usr/bin/time")
            .args(["-f", "%M", "-o"])
            .arg(&rss)
            .arg(env!("CARGO_BIN_EXE_treatydoc"))
            .arg("parse")
            .arg(&path)
            .output()
            .expect("GNU time at /usr/bin/time");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let err = String::from_utf8_lossy(&out.stderr);
        let answer = err
            .lines()
            .next()
            .unwrap_or("ok (JSON on stdout)")
            .to_string();
        // The last line: GNU time first notes a non-zero exit status.
        let report = std::fs::read_to_string(&rss).unwrap();
        let kib: f64 = report.lines().last().unwrap().trim().parse().unwrap();
        let mib = kib / 1024.0;
        println!("| {what} | {answer} | {ms:.0} ms | {mib:.0} MiB |");
    }
}
