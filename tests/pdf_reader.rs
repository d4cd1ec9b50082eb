//! The PDF reader on every PDF of `../shared/corpus/crpd-pdf/` (co/ and other/) and on
//! small hand-built and broken PDFs: a tree or a typed error, never a panic, within limits.

use std::path::Path;

use treatydoc::{Error, ErrorKind, Format, LimitKind, Limits, Options};

/// A minimal PDF: one page per content stream, Helvetica, correct xref offsets.
fn pdf(pages: &[&str]) -> Vec<u8> {
    let mut objs: Vec<String> = Vec::new();
    let n = pages.len();
    // 1 catalog, 2 pages, 3 font, then page i at 4+2i and its content at 5+2i.
    objs.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objs.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {n} >>",
        kids.join(" ")
    ));
    objs.push(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
    );
    for (i, c) in pages.iter().enumerate() {
        objs.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objs.push(format!(
            "<< /Length {} >>\nstream\n{c}\nendstream",
            c.len() + 1
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn parse(bytes: &[u8], limits: Limits) -> treatydoc::Result<treatydoc::Document> {
    let opts = Options {
        limits,
        ..Options::default()
    };
    treatydoc::parse(bytes, Some("x.pdf"), &opts)
}

const PAGE: &str =
    "BT /F1 14 Tf 72 700 Td (Concluding observations on the report of Utopia) Tj ET \
BT /F1 10 Tf 72 660 Td (1.) Tj 30 0 Td (The Committee considered the report.) Tj ET \
BT /F1 10 Tf 72 642 Td (2.) Tj 30 0 Td (The Committee welcomes it.) Tj ET";

#[test]
fn a_small_pdf_gives_its_paragraphs() {
    let doc = parse(&pdf(&[PAGE]), Limits::default()).unwrap();
    assert_eq!(doc.source.format, Format::Pdf);
    let json = treatydoc::writers::json::to_string(&doc, false);
    assert!(
        json.contains(r#""number":"1","text":"The Committee considered the report.""#),
        "{json}"
    );
    assert!(
        json.contains(r#""number":"2","text":"The Committee welcomes it.""#),
        "{json}"
    );
    assert_eq!(
        doc.metadata.title.as_deref(),
        Some("Concluding observations on the report of Utopia")
    );
}

#[test]
fn format_detection_and_name() {
    assert_eq!(treatydoc::detect_format(&pdf(&[PAGE])), Format::Pdf);
    // A .pdf name selects the PDF reader even for bytes that are not one.
    let err = treatydoc::parse(b"hello", Some("a.pdf"), &Options::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DamagedPdf, "{err}");
}

#[test]
fn broken_pdfs_get_typed_errors() {
    let good = pdf(&[PAGE]);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("header only", b"%PDF-1.7\n".to_vec()),
        (
            "garbage",
            b"%PDF-1.4\n\x00\xff garbage 1 0 obj << >> endobj".to_vec(),
        ),
        ("truncated", good.get(..good.len() / 2).unwrap().to_vec()),
        ("empty", Vec::new()),
    ];
    for (what, bytes) in cases {
        let r = std::panic::catch_unwind(|| parse(&bytes, Limits::default()));
        let r = r.unwrap_or_else(|_| panic!("{what}: panicked"));
        match r {
            Ok(_) => {} // lopdf repaired it: fine, as long as nothing panicked
            Err(e) => assert!(
                matches!(e.kind(), ErrorKind::DamagedPdf | ErrorKind::NoTextLayer),
                "{what}: {e} ({:?})",
                e.kind()
            ),
        }
    }
}

#[test]
fn no_text_layer_is_its_own_error() {
    let scan = pdf(&["q 595 0 0 842 0 0 cm 0 0 1 rg 0 0 1 1 re f Q"]);
    let err = parse(&scan, Limits::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NoTextLayer, "{err}");
    assert!(err.to_string().contains("no text layer"), "{err}");
}

#[test]
fn encrypted_pdf_is_refused() {
    let mut bytes = pdf(&[PAGE]);
    let s = String::from_utf8(bytes.clone()).unwrap();
    let s = s.replace(
        "/Root 1 0 R >>",
        "/Root 1 0 R /Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <00> /U <00> >> /ID [<00> <00>] >>",
    );
    bytes = s.into_bytes();
    let err = parse(&bytes, Limits::default()).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Encrypted | ErrorKind::DamagedPdf),
        "{err} ({:?})",
        err.kind()
    );
}

#[test]
fn page_and_object_limits() {
    let two = pdf(&[PAGE, PAGE]);
    let at = |pages, objects| Limits {
        max_pdf_pages: pages,
        max_pdf_objects: objects,
        ..Limits::default()
    };
    assert!(parse(&two, at(2, 7)).is_ok());
    let err = parse(&two, at(1, 100)).unwrap_err();
    assert!(
        matches!(
            err,
            Error::TooLarge {
                limit: LimitKind::PdfPages,
                measured: 2,
                max: 1,
                ..
            }
        ),
        "{err}"
    );
    let err = parse(&two, at(2, 6)).unwrap_err();
    assert!(
        matches!(
            err,
            Error::TooLarge {
                limit: LimitKind::PdfObjects,
                measured: 7,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn deep_forms_and_hostile_content_do_not_panic() {
    let nasty = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ (a) ]]]] << << << /A >> BI /W 1 ID \u{1}\u{2} EI \
                 BT /F1 1e308 Tf 1e308 0 0 1e308 0 0 Tm (x) Tj /Nope 10 Tf (y) Tj ET q q q Q Q Q Q Q ) ( \\";
    let r = std::panic::catch_unwind(|| parse(&pdf(&[nasty]), Limits::default()));
    assert!(r.is_ok(), "panicked");
}

#[test]
fn every_corpus_pdf_parses_or_fails_typed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/crpd-pdf");
    let mut n = 0;
    let mut arabic = 0;
    for dir in ["co", "other"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("../shared/corpus/crpd-pdf")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        files.sort();
        for f in files {
            n += 1;
            let r = std::panic::catch_unwind(|| treatydoc::parse_file(&f, &Options::default()));
            let r = r.unwrap_or_else(|_| panic!("{}: panicked", f.display()));
            match r {
                Ok(doc) => {
                    assert!(!doc.body.is_empty(), "{}: empty body", f.display());
                    if doc
                        .warnings
                        .iter()
                        .any(|w| w.code == treatydoc::model::WarningCode::UnorderedScript)
                    {
                        arabic += 1;
                    }
                }
                Err(e) => panic!("{}: {e}", f.display()),
            }
        }
    }
    assert_eq!(n, 64);
    // The five Arabic PDFs say their text is in visual order.
    assert_eq!(arabic, 5);
}

#[test]
fn follow_up_addenda_and_the_2011_title_block() {
    let co = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/crpd-pdf/co");
    for s in [
        "CZE_CO_1_Add.1",
        "LUX_CO_1_Add.2",
        "MNE_CO_1_Add.1",
        "MNE_CO_1_Add.2",
    ] {
        let doc = treatydoc::parse_file(&co.join(format!("CRPD_C_{s}.pdf")), &Options::default())
            .unwrap();
        assert_eq!(
            doc.metadata.document_type,
            Some(treatydoc::model::DocumentType::Other),
            "{s}"
        );
    }
    let tun = treatydoc::parse_file(&co.join("CRPD_C_TUN_CO_1.pdf"), &Options::default()).unwrap();
    let md = &tun.metadata;
    assert_eq!(md.state_party.as_deref(), Some("Tunisia"));
    assert_eq!(
        md.title.as_deref(),
        Some("Concluding observations of the Committee on the Rights of Persons with Disabilities")
    );
    let session = md.session.as_ref().unwrap();
    assert_eq!(
        (session.number, session.dates.as_deref()),
        (Some(5), Some("11-15 April 2011"))
    );
}
