//! Bad inputs give clear, typed errors; resource limits hold; broken secondary parts
//! degrade with a warning; no input makes the .docx reader panic.

mod docx_common;

use std::io::{Cursor, Read, Write};

use docx_common::*;
use proptest::prelude::*;
use treatydoc::{Error, Format, LimitKind, Limits};
use zip::write::SimpleFileOptions;

fn bad(name: &str) -> Vec<u8> {
    bytes(&root().join("fixtures/bad").join(name))
}

fn read_docx(b: &[u8]) -> Result<treatydoc::blocks::RawDocument, Error> {
    treatydoc::read_raw(b, Format::Docx, &Limits::default())
}

fn err(b: &[u8]) -> Error {
    match read_docx(b) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    }
}

#[test]
fn random_bytes_are_not_a_docx() {
    let e = err(&bad("random_bytes.docx"));
    assert_eq!(e.kind(), treatydoc::ErrorKind::NotADocx);
    assert!(e.to_string().contains("not a zip archive"), "{e}");
}

#[test]
fn empty_file() {
    let e = err(&bad("empty.docx"));
    assert_eq!(e.kind(), treatydoc::ErrorKind::NotADocx);
    assert!(e.to_string().contains("empty"), "{e}");
}

#[test]
fn legacy_word_97_doc() {
    let e = err(&bad("legacy_word97.doc"));
    assert!(matches!(e, Error::LegacyDoc));
    assert!(e.to_string().contains("Word 97-2003 .doc"), "{e}");
    // The format detector sends OLE files to the .docx reader, which names the problem.
    let b = bad("legacy_word97.doc");
    assert_eq!(treatydoc::detect_format(&b), Format::Docx);
}

#[test]
fn encrypted_docx() {
    let e = err(&bad("encrypted.docx"));
    assert!(matches!(e, Error::Encrypted), "{e}");
    assert!(e.to_string().contains("password"), "{e}");
}

#[test]
fn zip_without_document_part() {
    let e = err(&bad("no_document_part.docx"));
    assert_eq!(e.kind(), treatydoc::ErrorKind::NotADocx);
    assert!(e.to_string().contains("word/document.xml"), "{e}");
}

#[test]
fn truncated_zip() {
    let e = err(&bad("truncated_zip.docx"));
    assert_eq!(e.kind(), treatydoc::ErrorKind::DamagedZip);
    assert!(e.to_string().contains("truncated"), "{e}");
}

#[test]
fn malformed_document_xml_names_the_part() {
    match err(&bad("malformed_document_xml.docx")) {
        Error::Xml { part, message } => {
            assert_eq!(part, "word/document.xml");
            assert!(!message.is_empty());
        }
        e => panic!("expected malformed XML, got {e}"),
    }
}

/// Rewrites a zip: `f(name, data)` returns the new data, or `None` to drop the entry.
fn rezip(src: &[u8], mut f: impl FnMut(&str, Vec<u8>) -> Option<Vec<u8>>) -> Vec<u8> {
    let mut a = zip::ZipArchive::new(Cursor::new(src)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..a.len() {
        let mut e = a.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        if let Some(d) = f(&name, data) {
            out.start_file(name, opts).unwrap();
            out.write_all(&d).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

fn notes_docx() -> Vec<u8> {
    bytes(&fixture("notes_footnotes_endnotes.docx"))
}

#[test]
fn zip_bomb_is_refused_by_ratio() {
    // 32 MiB of spaces inside a paragraph compress to a few kilobytes.
    let b = rezip(&notes_docx(), |name, data| {
        if name == "word/document.xml" {
            let s = String::from_utf8(data).unwrap();
            let pad = " ".repeat(32 << 20);
            Some(
                s.replacen("<w:body>", &format!("<w:body>{pad}"), 1)
                    .into_bytes(),
            )
        } else {
            Some(data)
        }
    });
    assert!(b.len() < 200_000);
    match err(&b) {
        Error::TooLarge { limit, .. } => assert_eq!(limit, LimitKind::CompressionRatio),
        e => panic!("expected too_large, got {e}"),
    }
}

#[test]
fn limits_are_enforced() {
    let b = notes_docx();
    let cases: [(Limits, LimitKind); 4] = [
        (
            Limits {
                max_decompressed_bytes: 2000,
                ..Limits::default()
            },
            LimitKind::DecompressedBytes,
        ),
        (
            Limits {
                max_zip_entries: 3,
                ..Limits::default()
            },
            LimitKind::ZipEntries,
        ),
        (
            Limits {
                max_xml_depth: 4,
                ..Limits::default()
            },
            LimitKind::XmlDepth,
        ),
        (
            Limits {
                max_paragraphs: 5,
                ..Limits::default()
            },
            LimitKind::Paragraphs,
        ),
    ];
    for (limits, want) in cases {
        match treatydoc::read_raw(&b, Format::Docx, &limits) {
            Err(Error::TooLarge { limit, .. }) => assert_eq!(limit, want),
            other => panic!("{want:?}: expected too_large, got {other:?}"),
        }
    }
    // The defaults read it.
    assert!(read_docx(&b).is_ok());
}

#[test]
fn broken_secondary_parts_degrade_with_warnings() {
    let b = rezip(
        &bytes(&fixture("numbering_variants.docx")),
        |name, data| match name {
            "word/styles.xml" => Some(b"<w:styles xmlns:w=\"x\"><w:style>".to_vec()),
            "word/numbering.xml" => None,
            _ => Some(data),
        },
    );
    let raw = read_docx(&b).unwrap();
    let codes: Vec<&str> = raw.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(
        codes,
        ["docx_part_malformed", "docx_part_missing"],
        "{:?}",
        raw.warnings
    );
    assert!(raw.warnings[0].message.contains("word/styles.xml"));
    assert!(raw.warnings[1].message.contains("word/numbering.xml"));
    // The text is all there, without labels.
    assert_eq!(body_paras(&raw).len(), 31);

    // A footnotes part that is malformed: the references become missing notes.
    let b = rezip(&notes_docx(), |name, data| {
        Some(if name == "word/footnotes.xml" {
            data[..data.len() / 2].to_vec()
        } else {
            data
        })
    });
    let raw = read_docx(&b).unwrap();
    assert_eq!(
        raw.warnings[0].code,
        treatydoc::model::WarningCode::DocxPartMalformed
    );
    assert!(raw
        .notes
        .iter()
        .filter(|n| n.kind == treatydoc::model::NoteKind::Footnote)
        .all(|n| n.missing));
}

#[test]
fn malformed_core_properties_degrade() {
    let b = rezip(
        &bytes(&fixture("layout_masthead_headers_footers.docx")),
        |name, data| {
            Some(if name == "docProps/core.xml" {
                b"<cp:coreProperties".to_vec()
            } else {
                data
            })
        },
    );
    let raw = read_docx(&b).unwrap();
    assert_eq!(raw.props, treatydoc::blocks::CoreProps::default());
    assert_eq!(raw.warnings.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Truncating or corrupting any part at any point gives a value or a typed error.
    #[test]
    fn never_panics_on_damaged_parts(part in 0usize..6, cut in 0usize..100_000, junk in prop::collection::vec(any::<u8>(), 0..16)) {
        let names = ["word/document.xml", "word/styles.xml", "word/numbering.xml",
                     "word/footnotes.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"];
        let src = bytes(&fixture("numbering_variants.docx"));
        let src2 = notes_docx();
        for base in [&src, &src2] {
            let b = rezip(base, |name, mut data| {
                if name == names[part] {
                    let at = cut % (data.len() + 1);
                    data.truncate(at);
                    data.extend_from_slice(&junk);
                }
                Some(data)
            });
            let _ = read_docx(&b);
        }
    }

    /// Arbitrary bytes, and arbitrary damage to a real package's bytes.
    #[test]
    fn never_panics_on_damaged_zip(pos in 0usize..4000, junk in prop::collection::vec(any::<u8>(), 1..64)) {
        let mut b = notes_docx();
        let at = pos % b.len();
        let end = (at + junk.len()).min(b.len());
        b[at..end].copy_from_slice(&junk[..end - at]);
        let _ = read_docx(&b);
        let _ = read_docx(&junk);
    }
}

#[test]
fn utf16_and_strict_parts_read_the_same() {
    let src = bytes(&fixture("styles_un_and_headings.docx"));
    let plain = read_docx(&src).unwrap();
    // A main part saved as UTF-16LE with a byte-order mark.
    let b = rezip(&src, |name, data| {
        if name == "word/document.xml" {
            let s = String::from_utf8(data)
                .unwrap()
                .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
            let mut out = vec![0xFF, 0xFE];
            out.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
            Some(out)
        } else {
            Some(data)
        }
    });
    assert_eq!(read_docx(&b).unwrap(), plain);
    // ISO/IEC 29500 strict namespaces.
    let strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    let b = rezip(&src, |_, data| {
        let s = String::from_utf8(data).unwrap();
        Some(
            s.replace(
                "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                strict,
            )
            .into_bytes(),
        )
    });
    assert_eq!(read_docx(&b).unwrap(), plain);
}

#[test]
fn not_wordprocessingml_and_missing_note_parts() {
    let src = notes_docx();
    let b = rezip(&src, |name, data| {
        Some(if name == "word/document.xml" {
            b"<html><body/></html>".to_vec()
        } else {
            data
        })
    });
    assert_eq!(err(&b).kind(), treatydoc::ErrorKind::NotADocx);
    // References to notes whose parts are gone: a warning each, and the notes marked missing.
    let b = rezip(&src, |name, data| match name {
        "word/footnotes.xml" | "word/endnotes.xml" => None,
        _ => Some(data),
    });
    let raw = read_docx(&b).unwrap();
    assert_eq!(raw.warnings.len(), 2);
    assert_eq!(raw.notes.len(), 6);
    assert!(raw.notes.iter().all(|n| n.missing && n.text.is_empty()));
}
