//! Nothing lost (issue 11), case by case: each form of content that the .docx reader or the
//! structure builder used to drop now reaches the JSON. Small packages built here, one per
//! case; `tests/nothing_lost.rs` measures the whole on real files.

use std::io::Write;

use serde_json::Value;
use zip::write::SimpleFileOptions;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A package: the body XML, and optional extra parts (name, content).
fn docx(body: &str, parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let doc = format!("<w:document {NS}><w:body>{body}</w:body></w:document>");
    zip.start_file("word/document.xml", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(doc.as_bytes()).unwrap();
    for (name, content) in parts {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn styled(style: &str, text: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn parse(bytes: &[u8]) -> Value {
    let doc = treatydoc::parse(bytes, Some("x.docx"), &treatydoc::Options::default()).unwrap();
    serde_json::to_value(doc).unwrap()
}

/// Every node of the body in document order, flattened (headings before their children).
fn nodes(v: &Value) -> Vec<Value> {
    fn walk(list: &Value, out: &mut Vec<Value>) {
        for n in list.as_array().into_iter().flatten() {
            out.push(n.clone());
            walk(&n["children"], out);
        }
    }
    let mut out = Vec::new();
    walk(&v["body"], &mut out);
    out
}

fn texts(v: &Value) -> Vec<String> {
    nodes(v)
        .iter()
        .map(|n| match n["type"].as_str().unwrap() {
            "heading" => format!("H{} {}", n["level"], n["title"].as_str().unwrap()),
            "table" => format!("table {}", n["rows"]),
            _ => n["text"].as_str().unwrap().to_string(),
        })
        .collect()
}

#[test]
fn a_paragraph_of_only_an_equation_keeps_its_text() {
    let eq = "<w:p><m:oMathPara><m:oMath><m:r><m:t>E</m:t></m:r><m:r><m:t>=</m:t></m:r><m:r><m:t>m</m:t></m:r><m:sSup><m:e><m:r><m:t>c</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath></m:oMathPara></w:p>";
    let inline = "<w:p><w:r><w:t xml:space=\"preserve\">where </w:t></w:r><m:oMath><m:r><m:t>sin</m:t></m:r><m:r><m:t>x</m:t></m:r></m:oMath><w:r><w:t xml:space=\"preserve\"> is small.</w:t></w:r></w:p>";
    let v = parse(&docx(&format!("{}{eq}{inline}", p("Before.")), &[]));
    assert_eq!(texts(&v), ["Before.", "E=m c 2", "where sin x is small."]);
}

#[test]
fn a_modern_text_box_is_read_once() {
    let txbx = "<w:p><w:r><w:t xml:space=\"preserve\">Caption: </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Fig</w:t></w:r><w:r><w:t>ure one</w:t></w:r></w:p><w:p><w:r><w:t>Second line</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Figure one</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
    let v = parse(&docx(txbx, &[]));
    // A word split over two runs stays one word; the Fallback copy is not read.
    assert_eq!(texts(&v), ["Caption: ( Figure one Second line )"]);
}

#[test]
fn symbol_font_characters_become_unicode() {
    let sym = "<w:p><w:r><w:t xml:space=\"preserve\">a </w:t></w:r><w:r><w:sym w:font=\"Symbol\" w:char=\"F0DA\"/></w:r><w:r><w:t xml:space=\"preserve\"> b </w:t></w:r><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r><w:r><w:sym w:font=\"Arial\" w:char=\"0041\"/></w:r></w:p>";
    let v = parse(&docx(sym, &[]));
    assert_eq!(texts(&v), ["a ∨ b ✔A"]);
}

#[test]
fn a_leading_table_that_is_no_masthead_stays_in_the_body() {
    let tbl = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Year</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2016</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>123456</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    let v = parse(&docx(&format!("{tbl}{}", p("Some text.")), &[]));
    assert_eq!(
        texts(&v),
        [r#"table [["Year","2016"],["1","123456"]]"#, "Some text."]
    );
}

#[test]
fn body_paragraphs_that_look_like_furniture_stay() {
    let body = ["Intro.", "Page 2", "1", "2016", "123456", "(E)", "End."]
        .map(p)
        .concat();
    let v = parse(&docx(&body, &[]));
    assert_eq!(
        texts(&v),
        ["Intro.", "Page 2", "1", "2016", "123456", "(E)", "End."]
    );
}

#[test]
fn text_before_the_first_numbered_paragraph_stays() {
    let body = format!(
        "{}{}{}{}",
        p("United Nations"),
        p("A document title that is not UN"),
        p("CERD/C/TST/CO/1"),
        p("1.\tThe first numbered paragraph.")
    );
    let v = parse(&docx(&body, &[]));
    // Without a UN title, the masthead only opens the document: the first line goes, the
    // rest stays in order (a symbol further down too).
    assert_eq!(
        texts(&v),
        [
            "A document title that is not UN",
            "CERD/C/TST/CO/1",
            "The first numbered paragraph."
        ]
    );
    assert_eq!(v["metadata"]["symbol"], Value::Null);
}

#[test]
fn heading_levels_come_from_the_styles_when_nothing_is_numbered() {
    let styles = format!(
        r#"<w:styles {NS}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style><w:style w:type="paragraph" w:styleId="Custom"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style></w:styles>"#
    );
    let body = [
        styled("Heading1", "One"),
        p("Text."),
        styled("Heading2", "Two"),
        styled("Custom", "Three"),
        p("More."),
    ]
    .concat();
    let v = parse(&docx(&body, &[("word/styles.xml", styles)]));
    assert_eq!(
        texts(&v),
        ["H1 One", "Text.", "H2 Two", "H3 Three", "More."]
    );
}

/// numbering.xml with one abstract list: level 0 `lvlText`, format `fmt`.
fn numbering(lvl_text: &str, fmt: &str) -> String {
    format!(
        r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{lvl_text}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    )
}

fn numbered(style: Option<&str>, text: &str) -> String {
    let st = style.map_or(String::new(), |s| format!("<w:pStyle w:val=\"{s}\"/>"));
    format!("<w:p><w:pPr>{st}<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn word_numbers_are_shown_as_word_shows_them() {
    // Orphan items keep their label.
    let v = parse(&docx(
        &[numbered(None, "first"), numbered(None, "second")].concat(),
        &[("word/numbering.xml", numbering("%1)", "lowerLetter"))],
    ));
    assert_eq!(texts(&v), ["a) first", "b) second"]);
    // A style-numbered heading whose level text is no UN form keeps its number.
    let styles = format!(
        r#"<w:styles {NS}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>"#
    );
    let v = parse(&docx(
        &[numbered(Some("Heading1"), "総則"), p("本文。")].concat(),
        &[
            ("word/numbering.xml", numbering("第%1章", "decimal")),
            ("word/styles.xml", styles),
        ],
    ));
    let n = nodes(&v);
    assert_eq!(n[0]["number"], "第1章");
    assert_eq!(n[0]["title"], "総則");
    // Labels inside table cells are shown.
    let cell = format!(
        "<w:tbl><w:tr><w:tc>{}{}</w:tc></w:tr></w:tbl>",
        numbered(None, "one"),
        numbered(None, "two")
    );
    let v = parse(&docx(
        &format!("{}{cell}", p("Text.")),
        &[("word/numbering.xml", numbering("%1.", "decimal"))],
    ));
    assert_eq!(texts(&v), ["Text.", r#"table [["1. one 2. two"]]"#]);
}

#[test]
fn comments_and_header_text_are_kept() {
    let body = format!(
        "{}<w:p><w:commentRangeStart w:id=\"7\"/><w:r><w:t>Commented.</w:t></w:r><w:r><w:commentReference w:id=\"7\"/></w:r></w:p><w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdH\"/><w:footerReference w:type=\"default\" r:id=\"rIdF\"/></w:sectPr>",
        p("Plain.")
    );
    let comments = format!(
        r#"<w:comments {NS}><w:comment w:id="7" w:author="" w:date="2020-01-02T03:04:00Z"><w:p><w:r><w:t>First part.</w:t></w:r></w:p><w:p><w:r><w:t>Second part.</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#;
    let header = format!(
        "<w:hdr {NS}>{}{}</w:hdr>",
        p("Draft for discussion"),
        p("CERD/C/TST/CO/1")
    );
    let footer = format!("<w:ftr {NS}>{}{}</w:ftr>", p("2"), p("GE.17-11111(E)"));
    let v = parse(&docx(
        &body,
        &[
            ("word/_rels/document.xml.rels", rels.to_string()),
            ("word/comments.xml", comments),
            ("word/header1.xml", header),
            ("word/footer1.xml", footer),
        ],
    ));
    assert_eq!(
        v["comments"],
        serde_json::json!([{
            "id": "comment-1", "author": null, "date": "2020-01-02T03:04:00Z",
            "text": "First part. Second part.", "anchor": "text-2"
        }])
    );
    // Furniture (the symbol, a page number, the job number) goes to metadata or nowhere.
    assert_eq!(
        v["headers_footers"],
        serde_json::json!([{"kind": "header", "text": "Draft for discussion"}])
    );
    assert_eq!(v["metadata"]["symbol"], "CERD/C/TST/CO/1");
    assert_eq!(v["metadata"]["job_number"], "GE.17-11111(E)");
}

#[test]
fn a_text_export_keeps_body_lines_that_look_like_furniture() {
    // Mid-body numbers stay; the footer lines POI prints at the end (and a running footer
    // with the job number at a section break) are furniture.
    let text = "1.\tFirst.\n\n2016\n\n(E)\n\n2\tGE.17-11111\n\n2.\tSecond.\n\n1\t2\t3\n4\t5\t6\n\nGE.17-11111(E)\n";
    let doc = treatydoc::parse(
        text.as_bytes(),
        Some("x.txt"),
        &treatydoc::Options::default(),
    )
    .unwrap();
    let v = serde_json::to_value(doc).unwrap();
    assert_eq!(
        texts(&v),
        [
            "First.",
            "2016",
            "(E)",
            "Second.",
            r#"table [["1","2","3"],["4","5","6"]]"#
        ]
    );
    assert_eq!(v["metadata"]["job_number"], "GE.17-11111");
}

#[test]
fn ruby_guides_and_note_tables_are_kept() {
    let ruby = "<w:p><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>かんじ</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>漢字</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>です。</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>";
    let notes = format!(
        r#"<w:footnotes {NS}><w:footnote w:id="1"><w:p><w:r><w:t>See the table:</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:footnote></w:footnotes>"#
    );
    let v = parse(&docx(ruby, &[("word/footnotes.xml", notes)]));
    assert_eq!(texts(&v), ["漢字(かんじ)です。"]);
    assert_eq!(v["footnotes"][0]["text"], "See the table: x y");
}
