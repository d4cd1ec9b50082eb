//! Writes the .docx fixtures under `fixtures/docx/` (and the small bad inputs under
//! `fixtures/bad/`) from raw WordprocessingML, so every feature the .docx reader handles
//! has a file whose XML we control: UN Geneva styles, Word auto-numbering, footnotes and
//! endnotes with custom marks, headers/footers and the first-page table, tracked changes,
//! fields, inline markup, a non-`w` prefix, comments, and the seed document rebuilt twice.
//!
//! ```text
//! cargo run --example make_fixtures      # writes fixtures/docx/**.docx and fixtures/bad/*
//! sh fixtures/docx/make_twins.sh         # writes each X.poi.txt with the real Apache POI
//! ```
//!
//! The `.poi.txt` twins are always made by the real POI 3.17 XWPFWordExtractor
//! (`../shared/tools/poitext`), never by this program. The output is byte-stable (fixed zip
//! timestamps), so re-running it changes nothing unless the code changed.

use std::fs;
use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_DECLS: &str = concat!(
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"mc:Ignorable="wps""#
);

// ---------------------------------------------------------------- XML helpers

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Runs for `text`: tabs become `w:tab`, newlines `w:br`.
fn r(text: &str) -> String {
    let mut out = String::from("<w:r>");
    let mut buf = String::new();
    let flush = |buf: &mut String, out: &mut String| {
        if !buf.is_empty() {
            out.push_str(&format!(r#"<w:t xml:space="preserve">{}</w:t>"#, esc(buf)));
            buf.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\t' => {
                flush(&mut buf, &mut out);
                out.push_str("<w:tab/>");
            }
            '\n' => {
                flush(&mut buf, &mut out);
                out.push_str("<w:br/>");
            }
            c => buf.push(c),
        }
    }
    flush(&mut buf, &mut out);
    out.push_str("</w:r>");
    out
}

fn ppr(style: Option<&str>, num: Option<(u32, u32)>) -> String {
    let mut s = String::new();
    if let Some(st) = style {
        s.push_str(&format!(r#"<w:pStyle w:val="{st}"/>"#));
    }
    if let Some((id, lvl)) = num {
        s.push_str(&format!(
            r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr>"#
        ));
    }
    if s.is_empty() {
        s
    } else {
        format!("<w:pPr>{s}</w:pPr>")
    }
}

/// A paragraph of a style with raw inline content.
fn p(style: Option<&str>, content: &str) -> String {
    format!("<w:p>{}{content}</w:p>", ppr(style, None))
}

/// A paragraph of plain text.
fn pt(style: Option<&str>, text: &str) -> String {
    p(style, &r(text))
}

/// An auto-numbered paragraph.
fn pn(style: Option<&str>, num: u32, lvl: u32, content: &str) -> String {
    format!("<w:p>{}{content}</w:p>", ppr(style, Some((num, lvl))))
}

/// A footnote reference; with `custom`, a custom mark follows in the same run, as Word writes it.
fn fref(id: u32, custom: Option<&str>) -> String {
    match custom {
        Some(m) => format!(
            r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="{id}"/><w:t>{}</w:t></w:r>"#,
            esc(m)
        ),
        None => format!(
            r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
        ),
    }
}

fn eref(id: u32) -> String {
    format!(
        r#"<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="{id}"/></w:r>"#
    )
}

/// A note body paragraph as UN templates write it: tab, mark (typed or `w:footnoteRef`), tab, text.
fn note_para(kind: &str, custom: Option<&str>, text: &str) -> String {
    let style = if kind == "footnote" {
        "FootnoteText"
    } else {
        "EndnoteText"
    };
    let mark = match custom {
        Some(m) => r(&format!("\t{m}")),
        None => format!(
            r#"<w:r><w:tab/></w:r><w:r><w:rPr><w:rStyle w:val="{}Reference"/></w:rPr><w:{kind}Ref/></w:r>"#,
            if kind == "footnote" {
                "Footnote"
            } else {
                "Endnote"
            }
        ),
    };
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{mark}{}</w:p>"#,
        r(&format!("\t{text}"))
    )
}

/// A notes part: separators plus `(id, body paragraphs XML)`.
fn notes_part(kind: &str, notes: &[(u32, String)]) -> String {
    let root = format!("{kind}s");
    let mut s = format!(
        r#"<w:{root} xmlns:w="{W_NS}" {NS_DECLS}><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>"#
    );
    for (id, body) in notes {
        s.push_str(&format!(r#"<w:{kind} w:id="{id}">{body}</w:{kind}>"#));
    }
    s.push_str(&format!("</w:{root}>"));
    s
}

fn table(rows: &[Vec<String>]) -> String {
    let mut s = String::from(r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>"#);
    for row in rows {
        s.push_str("<w:tr>");
        for cell in row {
            s.push_str("<w:tc>");
            // A cell always holds at least one paragraph.
            if cell.is_empty() {
                s.push_str("<w:p/>");
            } else {
                s.push_str(cell);
            }
            s.push_str("</w:tc>");
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
    s
}

/// The UN masthead table: logo cell, "United Nations", symbol; convention, Distr./date/original.
fn masthead(symbol: &str, convention: &str, date: &str, original: &str) -> String {
    table(&[
        vec![
            String::new(),
            pt(None, "United Nations"),
            p(None, &r(symbol)),
        ],
        vec![
            String::new(),
            pt(None, convention),
            [
                pt(None, "Distr.: General"),
                pt(None, date),
                pt(None, ""),
                pt(None, &format!("Original: {original}")),
            ]
            .concat(),
        ],
    ])
}

fn styles_xml() -> String {
    let para = |id: &str, name: &str, based: Option<&str>, extra: &str| {
        let based = based
            .map(|b| format!(r#"<w:basedOn w:val="{b}"/>"#))
            .unwrap_or_default();
        format!(
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/>{based}{extra}</w:style>"#
        )
    };
    let mut s = format!(r#"<w:styles xmlns:w="{W_NS}">"#);
    s.push_str(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>"#);
    s.push_str(&para("SingleTxtG", "_ Single Txt_G", Some("Normal"), ""));
    s.push_str(&para("HChG", "_ H _Ch_G", Some("Normal"), ""));
    s.push_str(&para("H1G", "_ H_1_G", Some("Normal"), ""));
    s.push_str(&para("H23G", "_ H_2/3_G", Some("Normal"), ""));
    s.push_str(&para("H4G", "_ H_4_G", Some("Normal"), ""));
    s.push_str(&para("H56G", "_ H_5/6_G", Some("Normal"), ""));
    s.push_str(&para(
        "Heading1",
        "heading 1",
        Some("Normal"),
        r#"<w:pPr><w:outlineLvl w:val="0"/></w:pPr>"#,
    ));
    // A localized style id whose stored name is the localized one too.
    s.push_str(&para("Titre2", "Titre 2", Some("Normal"), ""));
    // A custom style that inherits its role from H23G.
    s.push_str(&para("TopicHeading", "Topic heading", Some("H23G"), ""));
    // A style known only by its outline level.
    s.push_str(&para(
        "SectionTitle",
        "Section title",
        Some("Normal"),
        r#"<w:pPr><w:outlineLvl w:val="2"/></w:pPr>"#,
    ));
    // Numbering carried by the style: UN French files number paragraphs this way.
    s.push_str(&para(
        "ParaNumG",
        "Para num G",
        Some("SingleTxtG"),
        r#"<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr>"#,
    ));
    s.push_str(&para("FootnoteText", "footnote text", Some("Normal"), ""));
    s.push_str(&para("EndnoteText", "endnote text", Some("Normal"), ""));
    s.push_str(r#"<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/></w:style>"#);
    s.push_str(r#"<w:style w:type="character" w:styleId="EndnoteReference"><w:name w:val="endnote reference"/></w:style>"#);
    s.push_str("</w:styles>");
    s
}

/// A level of an abstract numbering definition.
fn lvl(ilvl: u32, start: u32, fmt: &str, text: &str, extra: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}<w:lvlText w:val="{}"/><w:lvlJc w:val="left"/></w:lvl>"#,
        esc(text)
    )
}

/// numbering.xml with the given abstract definitions `(id, levels)` and nums `(numId, abstractId, overrides)`.
fn numbering_xml(abstracts: &[(u32, String)], nums: &[(u32, u32, &str)]) -> String {
    let mut s = format!(r#"<w:numbering xmlns:w="{W_NS}" {NS_DECLS}>"#);
    for (id, levels) in abstracts {
        s.push_str(&format!(
            r#"<w:abstractNum w:abstractNumId="{id}"><w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>"#
        ));
    }
    for (num, abs, ov) in nums {
        s.push_str(&format!(
            r#"<w:num w:numId="{num}"><w:abstractNumId w:val="{abs}"/>{ov}</w:num>"#
        ));
    }
    s.push_str("</w:numbering>");
    s
}

fn hdr_ftr(root: &str, paras: &str) -> String {
    format!(r#"<w:{root} xmlns:w="{W_NS}" {NS_DECLS}>{paras}</w:{root}>"#)
}

// ---------------------------------------------------------------- package writer

#[derive(Default)]
struct Doc {
    body: String,
    /// The body's own section properties (header/footer references).
    sect: String,
    styles: bool,
    numbering: Option<String>,
    footnotes: Option<String>,
    endnotes: Option<String>,
    comments: Option<String>,
    /// `(file name in word/, xml)`; the relationship id is `rId_` + the file stem.
    headers: Vec<(String, String)>,
    footers: Vec<(String, String)>,
    core: Option<(String, String)>,
    /// Namespace prefix for WordprocessingML (`w`, or `ns0` to test prefix independence).
    prefix: &'static str,
}

fn with_prefix(xml: &str, prefix: &str) -> String {
    if prefix == "w" {
        return xml.to_string();
    }
    xml.replace("<w:", &format!("<{prefix}:"))
        .replace("</w:", &format!("</{prefix}:"))
        .replace(" w:", &format!(" {prefix}:"))
        .replace("xmlns:w=", &format!("xmlns:{prefix}="))
}

fn write_docx(path: &Path, doc: &Doc) {
    let prefix = if doc.prefix.is_empty() {
        "w"
    } else {
        doc.prefix
    };
    let mut ct = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut parts: Vec<(String, String)> = Vec::new();
    let rel_base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    let ct_base = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    let mut add = |name: &str, rel: &str, ctype: &str, xml: String| {
        let stem = name.trim_end_matches(".xml");
        rels.push_str(&format!(
            r#"<Relationship Id="rId_{stem}" Type="{rel_base}{rel}" Target="{name}"/>"#
        ));
        ct.push_str(&format!(
            r#"<Override PartName="/word/{name}" ContentType="{ct_base}{ctype}+xml"/>"#
        ));
        parts.push((format!("word/{name}"), xml));
    };
    if doc.styles {
        add("styles.xml", "styles", "styles", styles_xml());
    }
    if let Some(n) = &doc.numbering {
        add("numbering.xml", "numbering", "numbering", n.clone());
    }
    if let Some(n) = &doc.footnotes {
        add("footnotes.xml", "footnotes", "footnotes", n.clone());
    }
    if let Some(n) = &doc.endnotes {
        add("endnotes.xml", "endnotes", "endnotes", n.clone());
    }
    if let Some(n) = &doc.comments {
        add("comments.xml", "comments", "comments", n.clone());
    }
    for (name, xml) in &doc.headers {
        add(name, "header", "header", xml.clone());
    }
    for (name, xml) in &doc.footers {
        add(name, "footer", "footer", xml.clone());
    }
    rels.push_str("</Relationships>");
    let mut pkg_rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    );
    if doc.core.is_some() {
        pkg_rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#);
        ct.push_str(r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#);
    }
    pkg_rels.push_str("</Relationships>");
    ct.push_str("</Types>");
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" {NS_DECLS}><w:body>{}{}</w:body></w:document>"#,
        doc.body, doc.sect
    );

    let file = fs::File::create(path).expect("create fixture");
    let mut zip = ZipWriter::new(file);
    // A fixed timestamp keeps the fixtures byte-identical from run to run.
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut put = |name: &str, data: &str| {
        zip.start_file(name, opts).expect("zip entry");
        zip.write_all(data.as_bytes()).expect("zip write");
    };
    put("[Content_Types].xml", &ct);
    put("_rels/.rels", &pkg_rels);
    put("word/document.xml", &with_prefix(&document, prefix));
    put("word/_rels/document.xml.rels", &rels);
    for (name, xml) in &parts {
        let xml = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{xml}"#);
        put(name, &with_prefix(&xml, prefix));
    }
    if let Some((title, subject)) = &doc.core {
        put(
            "docProps/core.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>fixture</dc:creator></cp:coreProperties>"#,
                esc(title),
                esc(subject)
            ),
        );
    }
    zip.finish().expect("zip finish");
}

fn sect(headers: &[(&str, &str)], footers: &[(&str, &str)]) -> String {
    let mut s = String::from("<w:sectPr>");
    for (ty, stem) in headers {
        s.push_str(&format!(
            r#"<w:headerReference w:type="{ty}" r:id="rId_{stem}"/>"#
        ));
    }
    for (ty, stem) in footers {
        s.push_str(&format!(
            r#"<w:footerReference w:type="{ty}" r:id="rId_{stem}"/>"#
        ));
    }
    s.push_str(r#"<w:pgSz w:w="11907" w:h="16840"/><w:titlePg/></w:sectPr>"#);
    s
}

// ---------------------------------------------------------------- the fixtures

/// The title block shared by several fixtures: committee line, title with a `*` note.
fn title_block(title: &str) -> String {
    [
        pt(
            None,
            "Committee on the Elimination of Racial Discrimination",
        ),
        p(
            Some("HChG"),
            &format!("{}{}", r(&format!("\t\t{title}")), fref(1, Some("*"))),
        ),
    ]
    .concat()
}

fn star_note() -> (u32, String) {
    (
        1,
        note_para(
            "footnote",
            Some("*"),
            "Adopted by the Committee at its ninety-second session (24 April-12 May 2017).",
        ),
    )
}

fn styles_fixture() -> Doc {
    let body = [
        title_block("Concluding observations on the twentieth periodic report of Testland"),
        pt(
            Some("SingleTxtG"),
            "1.\tThe Committee considered the report at its 2500th meeting.",
        ),
        pt(Some("H1G"), "\tA.\tIntroduction"),
        pt(Some("SingleTxtG"), "2.\tThe Committee welcomes the report."),
        pt(Some("H23G"), "\t\tStatistical information"),
        pt(
            Some("SingleTxtG"),
            "3.\tThe Committee regrets the lack of data.",
        ),
        pt(Some("H4G"), "\t\tData on ethnic groups"),
        pt(
            Some("SingleTxtG"),
            "4.\tThe Committee recommends collecting data.",
        ),
        pt(Some("H56G"), "\t\tIndigenous peoples"),
        pt(
            Some("SingleTxtG"),
            "5.\tThe Committee recommends consultation.",
        ),
        pt(Some("Heading1"), "B.\tPositive aspects"),
        pt(
            None,
            "6.\tThe Committee welcomes the new law (Normal style).",
        ),
        pt(Some("Titre2"), "Mesures législatives"),
        pt(Some("SingleTxtG"), "7.\tThe Committee notes the bill."),
        pt(Some("TopicHeading"), "\t\tAccess to justice"),
        pt(
            Some("SingleTxtG"),
            "8.\tThe Committee recommends legal aid.",
        ),
        pt(Some("SectionTitle"), "\t\tFollow-up"),
        pt(
            Some("SingleTxtG"),
            "9.\tThe Committee requests information within one year.",
        ),
        p(
            None,
            &format!(
                r#"<w:pPr><w:outlineLvl w:val="1"/></w:pPr>{}"#,
                r("\t\tDirect outline level")
            ),
        ),
        pt(
            Some("NoSuchStyle"),
            "10.\tA paragraph whose style is not defined.",
        ),
    ]
    .concat();
    Doc {
        body,
        styles: true,
        footnotes: Some(notes_part("footnote", &[star_note()])),
        ..Doc::default()
    }
}

fn numbering_fixture() -> Doc {
    // Abstract 1: the UN paragraph scheme: 1. / (a) / (i).
    let paras = [
        lvl(0, 1, "decimal", "%1.", ""),
        lvl(1, 1, "lowerLetter", "(%2)", ""),
        lvl(2, 1, "lowerRoman", "(%3)", ""),
    ]
    .concat();
    // Abstract 2: headings I. II. with upper-letter sub-levels and legal %1.%2 numbering.
    let heads = [
        lvl(0, 1, "upperRoman", "%1.", ""),
        lvl(1, 1, "upperLetter", "%2.", ""),
        lvl(2, 1, "decimal", "%1.%3", r#"<w:isLgl/>"#),
    ]
    .concat();
    // Abstract 3: starts at 5, French items a) b), a level that never restarts, an empty level text.
    let odd = [
        lvl(0, 5, "decimal", "%1.", ""),
        lvl(1, 1, "lowerLetter", "%2)", ""),
        lvl(2, 1, "lowerRoman", "(%3)", r#"<w:lvlRestart w:val="0"/>"#),
        lvl(3, 1, "decimal", "", ""),
    ]
    .concat();
    // Abstract 4: bullets (Symbol-font private-use glyph, as Word writes it).
    let bullets = [
        lvl(0, 1, "bullet", "\u{F0B7}", ""),
        lvl(1, 1, "bullet", "o", ""),
    ]
    .concat();
    // Abstract 5: the numbering of style ParaNumG (numId 7).
    let styled = lvl(0, 12, "decimal", "%1.", r#"<w:pStyle w:val="ParaNumG"/>"#);
    let numbering = numbering_xml(
        &[(1, paras), (2, heads), (3, odd), (4, bullets), (5, styled)],
        &[
            (1, 1, ""),
            (2, 2, ""),
            (3, 3, ""),
            (4, 4, ""),
            (7, 5, ""),
            // numId 5 continues abstract 1 (shares its counters); numId 6 restarts it at 10.
            (5, 1, ""),
            (
                6,
                1,
                r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride>"#,
            ),
            // numId 8 replaces level 1 of abstract 1 with upper-case letters.
            (
                8,
                1,
                r#"<w:lvlOverride w:ilvl="1"><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="(%2)"/></w:lvl></w:lvlOverride>"#,
            ),
        ],
    );
    let body = [
        pn(Some("H1G"), 2, 0, &r("Introduction")),
        pn(
            Some("SingleTxtG"),
            1,
            0,
            &r("The Committee considered the report."),
        ),
        pn(Some("SingleTxtG"), 1, 0, &r("The Committee welcomes:")),
        pn(Some("SingleTxtG"), 1, 1, &r("The new law;")),
        pn(Some("SingleTxtG"), 1, 1, &r("The new plan, including:")),
        pn(Some("SingleTxtG"), 1, 2, &r("Its first pillar;")),
        pn(Some("SingleTxtG"), 1, 2, &r("Its second pillar;")),
        pn(Some("SingleTxtG"), 1, 1, &r("The new institution.")),
        pn(Some("H1G"), 2, 0, &r("Main concerns")),
        pn(Some("H23G"), 2, 1, &r("Legislation")),
        pn(Some("H23G"), 2, 2, &r("Legal numbering below a letter")),
        pn(
            Some("SingleTxtG"),
            5,
            0,
            &r("A paragraph of a second list sharing the first one's definition:"),
        ),
        pn(
            Some("SingleTxtG"),
            1,
            1,
            &r("An item that restarts at (a) after paragraph 3."),
        ),
        pn(
            Some("SingleTxtG"),
            8,
            0,
            &r("A list whose level 2 is overridden:"),
        ),
        pn(Some("SingleTxtG"), 8, 1, &r("First upper-letter item;")),
        pn(Some("SingleTxtG"), 8, 1, &r("Second upper-letter item.")),
        pn(
            Some("SingleTxtG"),
            3,
            0,
            &r("A list starting at 5, French items:"),
        ),
        pn(Some("SingleTxtG"), 3, 1, &r("premier :")),
        pn(Some("SingleTxtG"), 3, 2, &r("a level that never restarts;")),
        pn(Some("SingleTxtG"), 3, 0, &r("Paragraph 6 of that list:")),
        pn(Some("SingleTxtG"), 3, 1, &r("deuxième :")),
        pn(Some("SingleTxtG"), 3, 2, &r("still counting (ii).")),
        pn(
            Some("SingleTxtG"),
            6,
            0,
            &r("A list restarted at 10 by startOverride."),
        ),
        pn(Some("SingleTxtG"), 6, 0, &r("And its next paragraph.")),
        pt(
            Some("ParaNumG"),
            "Numbered by its style (from 12), not by the paragraph:",
        ),
        pn(None, 4, 0, &r("A bullet;")),
        pn(None, 4, 1, &r("A sub-bullet.")),
        pt(Some("ParaNumG"), "The style's second paragraph."),
        pn(
            Some("SingleTxtG"),
            3,
            3,
            &r("A level with an empty level text."),
        ),
        // numId 0 removes the style's numbering.
        pn(
            Some("ParaNumG"),
            0,
            0,
            &r("Numbering removed with numId 0."),
        ),
        // A numId that numbering.xml does not define: no label, no failure.
        pn(Some("SingleTxtG"), 99, 0, &r("An undefined list.")),
    ]
    .concat();
    Doc {
        body,
        styles: true,
        numbering: Some(numbering),
        ..Doc::default()
    }
}

fn notes_fixture() -> Doc {
    let body = [
        title_block("Concluding observations on the combined periodic reports of Testland"),
        p(
            Some("SingleTxtG"),
            &[
                r("1.\tThe Committee considered the report (CERD/C/TST/20)"),
                fref(2, None),
                r(" at its 2500th meeting."),
                fref(3, None),
            ]
            .concat(),
        ),
        pt(Some("H1G"), "\tA.\tIntroduction"),
        p(
            Some("SingleTxtG"),
            &[
                r("2.\tThe Committee recommends that the State party:"),
                eref(1),
            ]
            .concat(),
        ),
        p(
            Some("SingleTxtG"),
            &[r("\t(a)\tAdopt the bill"), fref(4, None), r(";")].concat(),
        ),
        p(
            Some("SingleTxtG"),
            &[r("\t(b)\tRatify the Protocol."), fref(5, Some("**"))].concat(),
        ),
    ]
    .concat();
    let footnotes = notes_part(
        "footnote",
        &[
            star_note(),
            (2, note_para("footnote", None, "See CERD/C/TST/20.")),
            (
                3,
                [
                    note_para("footnote", None, "See CERD/C/SR.2500."),
                    pt(
                        Some("FootnoteText"),
                        "\tA second paragraph of the same note.",
                    ),
                ]
                .concat(),
            ),
            (4, note_para("footnote", None, "Bill No. 123 of 2017.")),
            (
                5,
                note_para("footnote", Some("**"), "A second custom mark."),
            ),
            // Never referenced: the reader keeps it, the builder warns.
            (6, note_para("footnote", None, "An orphan note.")),
        ],
    );
    let endnotes = notes_part(
        "endnote",
        &[(
            1,
            note_para("endnote", None, "An endnote about the recommendation."),
        )],
    );
    Doc {
        body,
        styles: true,
        footnotes: Some(footnotes),
        endnotes: Some(endnotes),
        ..Doc::default()
    }
}

fn masthead_fixture() -> Doc {
    let symbol = "CERD/C/TST/CO/20";
    let header = |text: &str| hdr_ftr("hdr", &pt(None, text));
    let footer = |paras: &[&str]| {
        hdr_ftr(
            "ftr",
            &paras
                .iter()
                .map(|t| pt(None, t))
                .collect::<Vec<_>>()
                .concat(),
        )
    };
    let page_field = |before: &str, after: &str| {
        p(
            None,
            &[
                r(before),
                r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE  \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#.to_string(),
                r(after),
            ]
            .concat(),
        )
    };
    let body = [
        masthead(
            symbol,
            "International Convention on\nthe Elimination of All Forms\nof Racial Discrimination",
            "30 June 2017",
            "English",
        ),
        title_block("Concluding observations on the twentieth periodic report of Testland"),
        pt(
            Some("SingleTxtG"),
            "1.\tThe Committee considered the report.",
        ),
        // A section break on its own empty paragraph: the first section's header and footer
        // print here. (On a paragraph with text, POI glues the footer to that text.)
        format!(
            r#"<w:p><w:pPr>{}</w:pPr></w:p>"#,
            sect(&[("default", "header3")], &[("default", "footer4")]),
        ),
        pt(Some("SingleTxtG"), "2.\tThe Committee welcomes the report."),
        pt(Some("H1G"), "\tA.\tIntroduction"),
        pt(Some("SingleTxtG"), "3.\tThe Committee notes the dialogue."),
    ]
    .concat();
    Doc {
        body,
        sect: sect(
            &[("even", "header1"), ("default", "header2")],
            &[
                ("first", "footer1"),
                ("even", "footer2"),
                ("default", "footer3"),
            ],
        ),
        styles: true,
        footnotes: Some(notes_part("footnote", &[star_note()])),
        headers: vec![
            ("header1.xml".into(), header(symbol)),
            ("header2.xml".into(), header(symbol)),
            ("header3.xml".into(), header(symbol)),
        ],
        footers: vec![
            (
                "footer1.xml".into(),
                footer(&[
                    "GE.17-11111  (E)    050717    060717",
                    "\u{F02A}\u{F031}\u{F037}\u{F031}\u{F031}\u{F02A}",
                ]),
            ),
            (
                "footer2.xml".into(),
                hdr_ftr("ftr", &page_field("", "\tGE.17-11111")),
            ),
            (
                "footer3.xml".into(),
                hdr_ftr("ftr", &page_field("GE.17-11111\t", "")),
            ),
            ("footer4.xml".into(), footer(&["GE.17-11111"])),
        ],
        core: Some(("1711111".into(), symbol.into())),
        ..Doc::default()
    }
}

/// The masthead drawn as a table in the first-page header (newer UN templates).
fn masthead_in_header_fixture() -> Doc {
    let symbol = "CCPR/C/TST/CO/7";
    let first = hdr_ftr(
        "hdr",
        &masthead(
            symbol,
            "International Covenant on\nCivil and Political Rights",
            "2 August 2021",
            "English",
        ),
    );
    let body = [
        pt(None, "Human Rights Committee"),
        p(
            Some("HChG"),
            &format!(
                "{}{}",
                r("\t\tConcluding observations on the seventh periodic report of Testland"),
                fref(1, Some("*"))
            ),
        ),
        pt(
            Some("SingleTxtG"),
            "1.\tThe Committee considered the seventh periodic report of Testland.",
        ),
        pt(Some("H1G"), "\tA.\tIntroduction"),
        pt(Some("SingleTxtG"), "2.\tThe Committee welcomes the report."),
    ]
    .concat();
    Doc {
        body,
        sect: sect(
            &[("first", "header1"), ("default", "header2")],
            &[("first", "footer1")],
        ),
        styles: true,
        footnotes: Some(notes_part(
            "footnote",
            &[(
                1,
                note_para(
                    "footnote",
                    Some("*"),
                    "Adopted by the Committee at its 132nd session (28 June-23 July 2021).",
                ),
            )],
        )),
        headers: vec![
            ("header1.xml".into(), first),
            ("header2.xml".into(), hdr_ftr("hdr", &pt(None, symbol))),
        ],
        footers: vec![(
            "footer1.xml".into(),
            hdr_ftr("ftr", &pt(None, "GE.21-10601(E)")),
        )],
        ..Doc::default()
    }
}

fn body_table_fixture() -> Doc {
    let body = [
        pt(
            Some("SingleTxtG"),
            "1.\tThe Committee notes the following figures:",
        ),
        table(&[
            vec![pt(None, "Group"), pt(None, "Share")],
            vec![
                pt(None, "Persons of African descent"),
                pt(None, "8.1 per cent"),
            ],
            vec![
                [
                    pt(None, "Indigenous peoples"),
                    pt(None, "(self-identified)"),
                ]
                .concat(),
                pt(None, "2.4 per cent"),
            ],
        ]),
        pt(
            Some("SingleTxtG"),
            "2.\tThe Committee recommends updating them.",
        ),
    ]
    .concat();
    Doc {
        body,
        styles: true,
        ..Doc::default()
    }
}

fn tracked_changes_fixture() -> Doc {
    let body = [
        p(
            Some("SingleTxtG"),
            &[
                r("1.\tThe Committee "),
                r#"<w:del w:id="1" w:author="Editor" w:date="2017-01-01T00:00:00Z"><w:r w:rsidDel="00A1"><w:delText>strongly </w:delText></w:r></w:del>"#.to_string(),
                r#"<w:ins w:id="2" w:author="Editor" w:date="2017-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">firmly </w:t></w:r></w:ins>"#.to_string(),
                r("recommends that the State party adopt the bill."),
            ]
            .concat(),
        ),
        p(
            Some("SingleTxtG"),
            &[
                r("2.\tThe Committee "),
                r#"<w:moveFrom w:id="3" w:author="Editor"><w:r w:rsidDel="00A1"><w:t xml:space="preserve">also </w:t></w:r></w:moveFrom>"#.to_string(),
                r("notes the plan"),
                r#"<w:moveTo w:id="4" w:author="Editor"><w:r><w:t xml:space="preserve"> also</w:t></w:r></w:moveTo>"#.to_string(),
                r("."),
            ]
            .concat(),
        ),
    ]
    .concat();
    Doc {
        body,
        styles: true,
        ..Doc::default()
    }
}

fn field(instr: &str, result: &str) -> String {
    format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        esc(instr),
        r(result)
    )
}

fn fields_fixture() -> Doc {
    let body = [
        pt(None, "Committee against Torture"),
        p(
            Some("HChG"),
            &[
                r("\t\tConcluding observations on the "),
                field(" DOCPROPERTY prep \\* MERGEFORMAT ", "sixth"),
                r(" periodic report of Testland"),
            ]
            .concat(),
        ),
        p(
            Some("SingleTxtG"),
            &[
                r("1.\tThe Committee considered the report on "),
                r#"<w:fldSimple w:instr=" DATE \@ &quot;d MMMM yyyy&quot; "><w:r><w:t>5 May 2017</w:t></w:r></w:fldSimple>"#.to_string(),
                r("."),
            ]
            .concat(),
        ),
        p(
            Some("SingleTxtG"),
            &[
                r("2.\tSee page "),
                // A field whose code holds another field: only the outer result shows.
                r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText xml:space="preserve"> &gt; 1 "4" "1" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>4</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#.to_string(),
                r(" of the report."),
            ]
            .concat(),
        ),
        p(
            Some("SingleTxtG"),
            &[
                r("3.\tThe Committee refers to "),
                field(" REF _Ref1 \\h ", "paragraph 1"),
                r(" above."),
            ]
            .concat(),
        ),
    ]
    .concat();
    Doc {
        body,
        styles: true,
        ..Doc::default()
    }
}

fn inline_markup_fixture() -> Doc {
    let body = [
        p(
            Some("SingleTxtG"),
            &[
                r#"<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>"#.to_string(),
                r("1.\tThe Committee refers to its "),
                r#"<w:hyperlink r:id="rIdNone" w:history="1"><w:r><w:t>general recommendation No. 35</w:t></w:r></w:hyperlink>"#.to_string(),
                r(" and to the "),
                r#"<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place"><w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="country-region"><w:r><w:t>Plurinational State of Bolivia</w:t></w:r></w:smartTag></w:smartTag>"#.to_string(),
                r("."),
            ]
            .concat(),
        ),
        p(
            Some("SingleTxtG"),
            &[
                r("2.\tThe law of 12\u{00A0}May 2016 (No. 30"),
                r#"<w:r><w:noBreakHyphen/></w:r>"#.to_string(),
                r("364) covers non"),
                r#"<w:r><w:softHyphen/></w:r>"#.to_string(),
                r("discrimination"),
                r#"<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>"#.to_string(),
                r("."),
            ]
            .concat(),
        ),
        p(
            Some("SingleTxtG"),
            &[
                r("3.\tA paragraph with a "),
                r#"<w:sdt><w:sdtPr><w:alias w:val="Country"/></w:sdtPr><w:sdtContent><w:r><w:t>content control</w:t></w:r></w:sdtContent></w:sdt>"#.to_string(),
                r(" and a line"),
                r#"<w:r><w:br/><w:t>break, a carriage</w:t><w:cr/><w:t>return and a</w:t><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t>positional tab.</w:t></w:r>"#.to_string(),
            ]
            .concat(),
        ),
        r#"<w:sdt><w:sdtPr><w:alias w:val="Block"/></w:sdtPr><w:sdtContent><w:p><w:pPr><w:pStyle w:val="SingleTxtG"/></w:pPr><w:r><w:t xml:space="preserve">4.</w:t><w:tab/><w:t>A paragraph inside a block content control.</w:t></w:r></w:p></w:sdtContent></w:sdt>"#.to_string(),
        p(
            Some("SingleTxtG"),
            &[
                r("5.\tA VML text box:"),
                r#"<w:r><w:pict><v:shape style="width:100pt;height:20pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>Box line one</w:t></w:r></w:p><w:p><w:r><w:t>Box line two</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"#.to_string(),
                r(" and a DrawingML one:"),
                r#"<w:r><w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Drawing box</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"#.to_string(),
                r(" and one in alternate content:"),
                r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Modern box</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Modern box</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#.to_string(),
                r("."),
            ]
            .concat(),
        ),
        p(
            Some("SingleTxtG"),
            &[
                r("6.\tAn image "),
                r#"<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="UN logo"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"/></a:graphic></wp:inline></w:drawing></w:r>"#.to_string(),
                r("leaves no marker."),
            ]
            .concat(),
        ),
    ]
    .concat();
    Doc {
        body,
        styles: true,
        ..Doc::default()
    }
}

fn comments_fixture() -> Doc {
    let body = [
        p(
            Some("SingleTxtG"),
            &[
                r("1.\tThe Committee "),
                r#"<w:commentRangeStart w:id="0"/>"#.to_string(),
                r("welcomes the report"),
                r#"<w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r>"#.to_string(),
                r("."),
            ]
            .concat(),
        ),
        pt(Some("SingleTxtG"), "2.\tThe Committee notes the dialogue."),
    ]
    .concat();
    let comments = format!(
        r#"<w:comments xmlns:w="{W_NS}"><w:comment w:id="0" w:author="Reviewer" w:date="2017-01-01T00:00:00Z" w:initials="R"><w:p><w:r><w:t>Check the wording.</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    Doc {
        body,
        styles: true,
        comments: Some(comments),
        ..Doc::default()
    }
}

// ---------------------------------------------------------------- the seed, rebuilt

/// One paragraph of the seed text: its lines (soft breaks between them) and its note.
struct SeedPara {
    lines: Vec<String>,
}

/// Splits the seed (a Tika/POI export) into Word paragraphs: a line starts a paragraph when it
/// starts with a tab, a typed label (`12.\t`, `(a)\t`) or a marker, or follows a blank line;
/// any other line continues the previous paragraph after a soft line break.
fn seed_paragraphs(text: &str) -> Vec<SeedPara> {
    let label = regex::Regex::new(r"^(\d+\.\t|\([a-z]+\)\t|\[bookmark: )").expect("regex");
    let mut out: Vec<SeedPara> = Vec::new();
    let mut after_blank = true;
    for line in text.lines() {
        if line.trim().is_empty() && !line.is_empty() && out.is_empty() {
            continue;
        }
        if line.is_empty() {
            after_blank = true;
            continue;
        }
        let starts =
            after_blank || line.trim().is_empty() || line.starts_with('\t') || label.is_match(line);
        match out.last_mut() {
            Some(last) if !starts => last.lines.push(line.to_string()),
            _ => out.push(SeedPara {
                lines: vec![line.to_string()],
            }),
        }
        after_blank = false;
    }
    out
}

/// Rebuilds the seed as a .docx: typed labels, or Word auto-numbering for paragraph numbers,
/// item letters and Roman headings.
fn seed_fixture(seed: &str, auto: bool) -> Doc {
    let note_re = regex::Regex::new(r"\[footnoteRef:(\d+)\](\*?) \[\d+: (.*?)\] $").expect("regex");
    let para_re = regex::Regex::new(r"(?s)^(\d+)\.\t(.*)$").expect("regex");
    let item_re = regex::Regex::new(r"(?s)^\(([a-z]+)\)\t(.*)$").expect("regex");
    let head_re = regex::Regex::new(r"(?s)^\t([IVX]+)\.\t(.*)$").expect("regex");
    let mut body = String::new();
    let mut notes = Vec::new();
    for (i, sp) in seed_paragraphs(seed).into_iter().enumerate() {
        let mut text = sp.lines.join("\n");
        let mut bookmark = String::new();
        if let Some(rest) = text.strip_prefix("[bookmark: _GoBack]") {
            bookmark =
                r#"<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>"#.into();
            text = rest.to_string();
        }
        let mut note = String::new();
        if let Some(c) = note_re.captures(&text.clone()) {
            let id: u32 = c[1].parse().expect("note id");
            let custom = (!c[2].is_empty()).then(|| c[2].to_string());
            note = fref(id, custom.as_deref());
            let body_text = c[3].trim_start_matches('\t');
            let (mark, rest) = match body_text.split_once('\t') {
                Some((m, r)) if custom.as_deref() == Some(m) => (Some(m), r),
                _ => (None, body_text),
            };
            notes.push((id, note_para("footnote", mark, rest)));
            text.truncate(c.get(0).expect("match").start());
        }
        let style = if i == 0 {
            None
        } else if note.is_empty() && head_re.is_match(&text) {
            Some("H1G")
        } else if text.starts_with("\t\t") && !note.is_empty() {
            Some("HChG")
        } else if text.starts_with("\t\t") {
            Some("H23G")
        } else {
            Some("SingleTxtG")
        };
        let (num, content) = if !auto {
            (None, text.clone())
        } else if let Some(c) = para_re.captures(&text) {
            (Some((1, 0)), c[2].to_string())
        } else if let Some(c) = item_re.captures(&text) {
            (Some((1, 1)), c[2].to_string())
        } else if let Some(c) = head_re.captures(&text) {
            (Some((2, 0)), c[2].to_string())
        } else {
            (None, text.clone())
        };
        body.push_str(&format!(
            "<w:p>{}{bookmark}{}{note}</w:p>",
            ppr(style, num),
            r(&content)
        ));
    }
    let numbering = auto.then(|| {
        numbering_xml(
            &[
                (
                    1,
                    [
                        lvl(0, 1, "decimal", "%1.", ""),
                        lvl(1, 1, "lowerLetter", "(%2)", ""),
                    ]
                    .concat(),
                ),
                (2, lvl(0, 1, "upperRoman", "%1.", "")),
            ],
            &[(1, 1, ""), (2, 2, "")],
        )
    });
    Doc {
        body,
        styles: true,
        numbering,
        footnotes: Some(notes_part("footnote", &notes)),
        ..Doc::default()
    }
}

// ---------------------------------------------------------------- bad inputs

fn write_bad(dir: &Path) {
    fs::create_dir_all(dir).expect("mkdir bad");
    // Random-looking bytes with a .docx name (a fixed LCG: reproducible).
    let mut x: u32 = 0x1234_5678;
    let noise: Vec<u8> = (0..512)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect();
    fs::write(dir.join("random_bytes.docx"), noise).expect("write");
    fs::write(dir.join("empty.docx"), b"").expect("write");

    // A legacy Word 97-2003 file: an OLE header and a directory with a WordDocument stream.
    fs::write(
        dir.join("legacy_word97.doc"),
        ole_file(&["Root Entry", "WordDocument", "1Table"]),
    )
    .expect("write");
    // Password-protected .docx: Office wraps it in OLE with EncryptionInfo/EncryptedPackage.
    fs::write(
        dir.join("encrypted.docx"),
        ole_file(&["Root Entry", "EncryptionInfo", "EncryptedPackage"]),
    )
    .expect("write");

    // A zip without word/document.xml (a spreadsheet-like package).
    let mut zip =
        ZipWriter::new(fs::File::create(dir.join("no_document_part.docx")).expect("create"));
    let opts = SimpleFileOptions::default().last_modified_time(zip::DateTime::default());
    zip.start_file("[Content_Types].xml", opts).expect("entry");
    zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        .expect("write");
    zip.start_file("xl/workbook.xml", opts).expect("entry");
    zip.write_all(b"<workbook/>").expect("write");
    zip.finish().expect("finish");

    // Malformed XML in word/document.xml (mismatched end tag).
    let mut doc = Doc {
        body: pt(None, "1.\tFine so far."),
        ..Doc::default()
    };
    doc.body.push_str("<w:p><w:r><w:t>broken</w:r></w:p>");
    write_docx(&dir.join("malformed_document_xml.docx"), &doc);

    // A truncated zip: the first half of a valid fixture.
    let good = fs::read(dir.join("malformed_document_xml.docx")).expect("read");
    fs::write(dir.join("truncated_zip.docx"), &good[..good.len() / 2]).expect("write");
}

/// A minimal OLE compound file (512-byte sectors): header, one FAT sector, one directory
/// sector holding `names`.
fn ole_file(names: &[&str]) -> Vec<u8> {
    let mut f = vec![0u8; 512 * 3];
    f[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    f[0x18..0x1A].copy_from_slice(&0x3Eu16.to_le_bytes()); // minor version
    f[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes()); // major version 3
    f[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes()); // little-endian
    f[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes()); // 512-byte sectors
    f[0x20..0x22].copy_from_slice(&6u16.to_le_bytes()); // 64-byte mini sectors
    f[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes()); // one FAT sector
    f[0x30..0x34].copy_from_slice(&1u32.to_le_bytes()); // directory starts at sector 1
    f[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
    f[0x3C..0x40].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes()); // no mini FAT
    f[0x44..0x48].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes()); // no DIFAT sectors
    f[0x4C..0x50].copy_from_slice(&0u32.to_le_bytes()); // FAT in sector 0
    for i in 1..109 {
        f[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    }
    // Sector 0 (file offset 512): the FAT. Sector 0 is a FAT sector, sector 1 ends a chain.
    let fat = 512;
    f[fat..fat + 4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
    f[fat + 4..fat + 8].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    for i in 2..128 {
        f[fat + 4 * i..fat + 4 * i + 4].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    }
    // Sector 1 (file offset 1024): the directory.
    for (i, name) in names.iter().enumerate().take(4) {
        let e = 1024 + 128 * i;
        let units: Vec<u16> = name.encode_utf16().collect();
        for (j, u) in units.iter().enumerate() {
            f[e + 2 * j..e + 2 * j + 2].copy_from_slice(&u.to_le_bytes());
        }
        f[e + 0x40..e + 0x42].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
        f[e + 0x42] = if i == 0 { 5 } else { 2 }; // root storage, then streams
    }
    f
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("fixtures/docx");
    fs::create_dir_all(&out).expect("mkdir fixtures/docx");
    let fixtures: Vec<(&str, Doc)> = vec![
        ("styles_un_and_headings.docx", styles_fixture()),
        ("numbering_variants.docx", numbering_fixture()),
        ("notes_footnotes_endnotes.docx", notes_fixture()),
        ("layout_masthead_headers_footers.docx", masthead_fixture()),
        ("layout_body_table.docx", body_table_fixture()),
        (
            "layout_masthead_in_first_page_header.docx",
            masthead_in_header_fixture(),
        ),
        ("revisions_tracked_changes.docx", tracked_changes_fixture()),
        ("fields_docproperty_fldsimple.docx", fields_fixture()),
        ("markup_inline.docx", inline_markup_fixture()),
        ("markup_comments.docx", comments_fixture()),
        (
            "prefix_ns0.docx",
            Doc {
                prefix: "ns0",
                ..notes_fixture()
            },
        ),
    ];
    for (name, doc) in &fixtures {
        write_docx(&out.join(name), doc);
        println!("wrote fixtures/docx/{name}");
    }
    let seed = fs::read_to_string(root.join("fixtures/CRC_C_OPSC_PER_CO_1.txt")).expect("seed");
    for (dir, auto) in [("seed_typed", false), ("seed_autonumbered", true)] {
        let d = out.join(dir);
        fs::create_dir_all(&d).expect("mkdir");
        write_docx(
            &d.join("CRC_C_OPSC_PER_CO_1.docx"),
            &seed_fixture(&seed, auto),
        );
        println!("wrote fixtures/docx/{dir}/CRC_C_OPSC_PER_CO_1.docx");
    }
    write_bad(&root.join("fixtures/bad"));
    println!("wrote fixtures/bad/*");
    write_lang_fixtures(root);
}

// ---------------------------------------------------------------- French and Spanish (issue 15)

/// The French and Spanish concluding observations of `fixtures/lang/` as .docx: the UN
/// masthead in French or Spanish, the committee line, the title with its `*` note, headings,
/// numbered paragraphs and the `a)`/`i)` items of the hand-written POI-shaped exports
/// `fixtures/lang/{fr,es}_crpd_co_poi.txt` (read here, as the seed is), and the job number in
/// the footer. Their POI twins are `fixtures/lang/*.poi.txt`, made by the real POI
/// (`sh fixtures/docx/make_twins.sh` does `fixtures/docx/`; for these:
/// `for f in fixtures/lang/*.docx; do ../shared/tools/poitext "$f" > "${f%.docx}.poi.txt"; done`).
fn write_lang_fixtures(root: &Path) {
    struct Lang {
        export: &'static str,
        docx: &'static str,
        un: &'static str,
        convention: &'static str,
        distr: &'static str,
        version: &'static str,
        original: &'static str,
    }
    let langs = [
        Lang {
            export: "fr_crpd_co_poi.txt",
            docx: "fr_crpd_co.docx",
            un: "Nations Unies",
            convention: "Convention relative aux droits\ndes personnes handicapées",
            distr: "Distr. générale",
            version: "Français",
            original: "Original : espagnol",
        },
        Lang {
            export: "es_crpd_co_poi.txt",
            docx: "es_crpd_co.docx",
            un: "Naciones Unidas",
            convention: "Convención sobre los Derechos\nde las Personas con Discapacidad",
            distr: "Distr. general",
            version: "Español",
            original: "Original: inglés",
        },
    ];
    let note_re =
        regex::Regex::new(r"^(.*)\[footnoteRef:1\]\* \[1: \t\*\t(.*)\] $").expect("regex");
    let dir = root.join("fixtures/lang");
    for l in &langs {
        let text = fs::read_to_string(dir.join(l.export)).expect("fixtures/lang export");
        let lines: Vec<&str> = text.lines().collect();
        let symbol = lines.first().copied().unwrap_or_default();
        // The first-page cells of the export's masthead line: date is the one after Distr.
        let cells: Vec<&str> = lines
            .iter()
            .find(|line| line.contains(l.distr))
            .map(|line| line.split('\t').filter(|c| !c.is_empty()).collect())
            .unwrap_or_default();
        let date = cells
            .iter()
            .position(|c| *c == l.distr)
            .and_then(|k| cells.get(k + 1))
            .copied()
            .unwrap_or_default();
        let mut body = table(&[
            vec![String::new(), pt(None, l.un), p(None, &r(symbol))],
            vec![
                String::new(),
                pt(None, l.convention),
                [
                    pt(None, l.distr),
                    pt(None, date),
                    pt(None, l.version),
                    pt(None, l.original),
                ]
                .concat(),
            ],
        ]);
        let mut notes = Vec::new();
        let mut job = String::new();
        let mut past_masthead = false;
        for line in &lines {
            if line.starts_with("GE.") {
                job = line.to_string();
                continue;
            }
            if !past_masthead {
                // The committee line ends the masthead.
                past_masthead = line.starts_with("Comité");
                if past_masthead {
                    body.push_str(&pt(None, line));
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            if let Some(c) = note_re.captures(line) {
                notes.push((1, note_para("footnote", Some("*"), &c[2])));
                body.push_str(&p(
                    Some("HChG"),
                    &format!("{}{}", r(&c[1]), fref(1, Some("*"))),
                ));
                continue;
            }
            let style = if line.starts_with("\t\t") {
                "H23G"
            } else if line.starts_with('\t') {
                let numbered = line
                    .trim_start_matches('\t')
                    .split('\t')
                    .next()
                    .is_some_and(|n| n.chars().all(|c| c.is_ascii_uppercase() || c == '.'));
                if numbered
                    && line
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(|c| "IVX".contains(c))
                {
                    "HChG"
                } else {
                    "H1G"
                }
            } else {
                "SingleTxtG"
            };
            body.push_str(&pt(Some(style), line));
        }
        body.push_str(&format!(
            r#"<w:p><w:pPr>{}</w:pPr></w:p>"#,
            sect(&[], &[("default", "footer1")])
        ));
        let doc = Doc {
            body,
            styles: true,
            footnotes: Some(notes_part("footnote", &notes)),
            footers: vec![("footer1.xml".into(), hdr_ftr("ftr", &pt(None, &job)))],
            core: Some(("".into(), symbol.into())),
            ..Doc::default()
        };
        write_docx(&dir.join(l.docx), &doc);
        println!("wrote fixtures/lang/{}", l.docx);
    }
}
