//! Amplification (issue 10, item 1): output and work stay linear in the input, measured by
//! what is produced (bytes, chars), never by wall-clock time.

use std::io::Write;

use zip::write::SimpleFileOptions;

/// A package of the given parts (deflated, as Word writes them).
fn package(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in parts {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// `paragraphs` auto-numbered paragraphs whose level text is `lvl_text`.
fn numbered_docx(lvl_text: &str, start: u32, fmt: &str, paragraphs: usize) -> Vec<u8> {
    let para = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Text.</w:t></w:r></w:p>"#;
    let document = format!(
        "<w:document {W}><w:body>{}</w:body></w:document>",
        para.repeat(paragraphs)
    );
    let numbering = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{lvl_text}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    package(&[
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
    ])
}

fn parse(bytes: &[u8]) -> treatydoc::Document {
    treatydoc::parse(bytes, Some("x.docx"), &treatydoc::Options::default()).unwrap()
}

/// The file of issue 10: `lvlText` = `%1` x 100,000, start 32767, lowerLetter (each `%1` is
/// 1,261 letters). Before the fix one paragraph's label was 126 MB; now it is cut at 64
/// chars with a warning, and the JSON stays a few hundred bytes per paragraph.
#[test]
fn huge_level_text_gives_a_bounded_label() {
    let input = numbered_docx(&"%1".repeat(100_000), 32767, "lowerLetter", 3);
    assert!(input.len() < 4_000, "input is {} bytes", input.len());
    let raw = treatydoc::read_raw(&input, treatydoc::Format::Docx, &Default::default()).unwrap();
    let labels: Vec<usize> = raw
        .blocks
        .iter()
        .filter_map(|b| match b {
            treatydoc::blocks::Block::Para { para, .. } => para.auto_label.as_ref(),
            _ => None,
        })
        .map(|l| l.chars().count())
        .collect();
    assert_eq!(labels, [64, 64, 64]);
    let doc = parse(&input);
    let json = serde_json::to_string(&doc).unwrap();
    assert!(json.len() < 3_000, "JSON is {} bytes", json.len());
    let w: Vec<_> = doc
        .warnings
        .iter()
        .filter(|w| w.message.contains("were cut"))
        .collect();
    assert_eq!(w.len(), 1, "{:?}", doc.warnings);
    assert!(
        w[0].message.starts_with("3 auto-numbering label(s)"),
        "{}",
        w[0].message
    );
}

/// Output grows linearly with the paragraphs: 10x the paragraphs, at most ~10x the bytes.
#[test]
fn output_is_linear_in_paragraphs() {
    let lvl = "%1".repeat(100_000);
    let small = serde_json::to_string(&parse(&numbered_docx(&lvl, 32767, "lowerLetter", 20)))
        .unwrap()
        .len();
    let large = serde_json::to_string(&parse(&numbered_docx(&lvl, 32767, "lowerLetter", 200)))
        .unwrap()
        .len();
    assert!(
        large < small * 11,
        "20 paragraphs: {small} bytes, 200: {large} bytes"
    );
    assert!(large < 200 * 400, "200 paragraphs give {large} bytes");
}

/// Ordinary labels are untouched (and not warned about).
#[test]
fn ordinary_labels_are_whole() {
    let doc = parse(&numbered_docx("%1.", 1, "decimal", 2));
    assert!(doc.warnings.iter().all(|w| !w.message.contains("were cut")));
    let json = serde_json::to_string(&doc.body).unwrap();
    assert!(
        json.contains(r#""number":"1""#) && json.contains(r#""number":"2""#),
        "{json}"
    );
}
