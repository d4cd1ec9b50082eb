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

/// Item nesting (issue 10, item 3): each distinct bullet glyph used to open a new item level,
/// even at the same Word list level, so 3,762 glyphs nested items 3,762 deep (70 are enough
/// for serde_json to refuse our own output). The list level now comes with the block, and
/// items never nest deeper than Word's nine levels.
#[test]
fn distinct_bullet_glyphs_do_not_nest() {
    let glyphs = 3762u32;
    let bullet = |i: u32| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{}"/></w:numPr></w:pPr><w:r><w:t>item</w:t></w:r></w:p>"#,
            i + 1
        )
    };
    let document = format!(
        r#"<w:document {W}><w:body><w:p><w:r><w:t xml:space="preserve">1.	Lead:</w:t></w:r></w:p>{}</w:body></w:document>"#,
        (0..glyphs).map(bullet).collect::<String>()
    );
    let numbering = format!(
        "<w:numbering {W}>{}{}</w:numbering>",
        (0..glyphs)
            .map(|i| {
                let glyph = char::from_u32(0xE000 + i).unwrap();
                format!(r#"<w:abstractNum w:abstractNumId="{i}"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="{glyph}"/></w:lvl></w:abstractNum>"#)
            })
            .collect::<String>(),
        (0..glyphs)
            .map(|i| format!(r#"<w:num w:numId="{}"><w:abstractNumId w:val="{i}"/></w:num>"#, i + 1))
            .collect::<String>()
    );
    let input = package(&[
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
    ]);
    let doc = parse(&input);
    let json = serde_json::to_string(&doc).unwrap();
    // Our own output reads back (serde_json's recursion limit is 128).
    let back: serde_json::Value = serde_json::from_str(&json).unwrap();
    let items = back["body"][0]["items"].as_array().unwrap();
    assert_eq!(items.len(), glyphs as usize, "all siblings at Word level 0");
    assert!(items
        .iter()
        .all(|i| i["items"].as_array().unwrap().is_empty()));
    assert!(json.len() < glyphs as usize * 200, "{} bytes", json.len());
}

/// Items never nest deeper than Word's nine levels, even when typed labels (which carry no
/// list level) and auto-numbered ones at rising levels are mixed: 8 typed kinds, then 9
/// bullets at `w:ilvl` 0 to 8, would otherwise nest 17 deep.
#[test]
fn item_depth_is_bounded() {
    let typed = ["(a)", "(i)", "(1)", "(A)", "•", "·", "▪", "◦"]
        .map(|k| format!(r#"<w:p><w:r><w:t xml:space="preserve">{k}	Item;</w:t></w:r></w:p>"#))
        .concat();
    let auto = (0..9)
        .map(|l| format!(r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>deep;</w:t></w:r></w:p>"#))
        .collect::<String>();
    let document = format!(
        r#"<w:document {W}><w:body><w:p><w:r><w:t xml:space="preserve">1.	Lead:</w:t></w:r></w:p>{typed}{auto}</w:body></w:document>"#
    );
    let levels = (0..9)
        .map(|l| {
            let glyph = char::from_u32(0xE100 + l).unwrap();
            format!(r#"<w:lvl w:ilvl="{l}"><w:numFmt w:val="bullet"/><w:lvlText w:val="{glyph}"/></w:lvl>"#)
        })
        .collect::<String>();
    let numbering = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let doc = parse(&package(&[
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
    ]));
    fn depth(items: &[treatydoc::model::Item]) -> usize {
        items.iter().map(|i| 1 + depth(&i.items)).max().unwrap_or(0)
    }
    let treatydoc::model::Node::Paragraph(p) = &doc.body[0] else {
        panic!("{:?}", doc.body[0])
    };
    assert_eq!(depth(&p.items), 9);
    let json = serde_json::to_string(&doc).unwrap();
    assert!(json.matches("deep;").count() == 9, "{json}");
}
