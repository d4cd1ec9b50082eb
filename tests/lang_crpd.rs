//! French and Spanish documents (issue 15): reviewer assertions written from reading each
//! document (`pdftotext -layout`, every page), not from treatydoc's output.
//!
//! Two routes to the same facts:
//! - the real UN PDFs in `../shared/corpus/crpd-pdf/` (5 French/Spanish concluding
//!   observations, the Spanish follow-up report CRPD/C/COL/FCO/1, English translations of
//!   French/Spanish originals, and the 5 Arabic versions). These need treatydoc's PDF reader
//!   (issue 14);
//! - hand-written text exports in the shape of a POI export (`fixtures/lang/*_poi.txt`):
//!   the first page, title, title footnote and paragraph 1 of CRPD/C/ECU/CO/2-3 (French) and
//!   CRPD/C/GRC/CO/1 (Spanish) as printed, then a few shortened paragraphs with items `a)`,
//!   `i)` and references. Their metadata is the real documents' metadata, so the same tables
//!   apply.
//!
//! Each expectation is a JSON pointer into the output and the value a reader of the page
//! writes down; every mismatch of a document is reported at once.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/crpd-pdf")
        .join(rel)
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/lang")
        .join(rel)
}

fn parse(path: &Path) -> Value {
    let doc = treatydoc::parse_file(path, &treatydoc::Options::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(&doc).expect("document to JSON")
}

/// Compares every expectation and returns the mismatches.
fn mismatches(doc: &Value, expected: &[(&str, Value)]) -> Vec<String> {
    expected
        .iter()
        .filter_map(|(ptr, want)| {
            let got = doc.pointer(ptr).cloned().unwrap_or(Value::Null);
            (got != *want).then(|| format!("{ptr}: expected {want}, got {got}"))
        })
        .collect()
}

fn assert_all(what: &str, doc: &Value, expected: &[(&str, Value)]) {
    let bad = mismatches(doc, expected);
    assert!(bad.is_empty(), "{what}:\n{}", bad.join("\n"));
}

/// Numbers of the numbered paragraphs, in document order, wherever they sit in the tree.
fn paragraph_numbers(doc: &Value) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if m.get("type") == Some(&json!("paragraph")) {
                    if let Some(n) = m.get("number").and_then(Value::as_str) {
                        out.push(n.to_string());
                    }
                }
                if let Some(c) = m.get("children") {
                    walk(c, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&doc["body"], &mut out);
    out
}

/// The node with this id, anywhere in the body.
fn node<'a>(doc: &'a Value, id: &str) -> Option<&'a Value> {
    fn walk<'a>(v: &'a Value, id: &str) -> Option<&'a Value> {
        match v {
            Value::Object(m) => {
                if m.get("id").and_then(Value::as_str) == Some(id) {
                    return Some(v);
                }
                ["children", "items"]
                    .iter()
                    .filter_map(|k| m.get(*k))
                    .find_map(|c| walk(c, id))
            }
            Value::Array(a) => a.iter().find_map(|x| walk(x, id)),
            _ => None,
        }
    }
    walk(&doc["body"], id)
}

/// `(kind, text)` of a node's refs, offsets left out.
fn refs_of(doc: &Value, id: &str) -> Vec<(String, String)> {
    node(doc, id)
        .and_then(|n| n["refs"].as_array())
        .map(|rs| {
            rs.iter()
                .map(|r| {
                    (
                        r["kind"].as_str().unwrap_or("").to_string(),
                        r["text"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

// ---------------------------------------------------------------------------------------
// What each document's first page, title footnote and paragraph 1 state.

/// CRPD/C/ECU/CO/2-3, French version (original Spanish). Paragraph 1: "à ses 481e et 482e
/// séances (voir CRPD/C/SR.481 et CRPD/C/SR.482), les 29 et 30 août 2019. Il a adopté les
/// observations finales ci-après à sa 504e séance, le 17 septembre 2019."
fn ecu() -> Vec<(&'static str, Value)> {
    vec![
        ("/metadata/symbol", json!("CRPD/C/ECU/CO/2-3")),
        ("/metadata/body", json!("CRPD")),
        ("/metadata/committee", json!("Comité des droits des personnes handicapées")),
        ("/metadata/document_type", json!("concluding_observations")),
        (
            "/metadata/title",
            json!("Observations finales concernant le rapport de l’Équateur valant deuxième et troisième rapports périodiques"),
        ),
        ("/metadata/state_party", json!("Équateur")),
        ("/metadata/instrument", Value::Null),
        ("/metadata/reports_considered", json!(["CRPD/C/ECU/2-3"])),
        (
            "/metadata/session",
            json!({"number": 22, "dates": "26 août-20 septembre 2019"}),
        ),
        (
            "/metadata/adopted",
            json!({"meetings": [504], "date": "2019-09-17"}),
        ),
        ("/metadata/distribution", json!("Générale")),
        ("/metadata/date", json!("2019-10-21")),
        ("/metadata/original_language", json!("Espagnol")),
        ("/metadata/original_language_code", json!("es")),
        ("/metadata/language", json!("fr")),
        ("/metadata/job_number", json!("GE.19-18239(F)")),
    ]
}

/// CRPD/C/NOR/CO/1, French version (original English).
fn nor() -> Vec<(&'static str, Value)> {
    vec![
        ("/metadata/symbol", json!("CRPD/C/NOR/CO/1")),
        ("/metadata/body", json!("CRPD")),
        (
            "/metadata/committee",
            json!("Comité des droits des personnes handicapées"),
        ),
        ("/metadata/document_type", json!("concluding_observations")),
        (
            "/metadata/title",
            json!("Observations finales concernant le rapport initial de la Norvège"),
        ),
        ("/metadata/state_party", json!("Norvège")),
        ("/metadata/instrument", Value::Null),
        (
            "/metadata/reports_considered",
            json!(["CRPD/C/NOR/1", "CRPD/C/NOR/1/Corr.1"]),
        ),
        (
            "/metadata/session",
            json!({"number": 21, "dates": "11 mars-5 avril 2019"}),
        ),
        (
            "/metadata/adopted",
            json!({"meetings": [471], "date": "2019-04-04"}),
        ),
        ("/metadata/distribution", json!("Générale")),
        ("/metadata/date", json!("2019-05-07")),
        ("/metadata/original_language", json!("Anglais")),
        ("/metadata/original_language_code", json!("en")),
        ("/metadata/language", json!("fr")),
        ("/metadata/job_number", json!("GE.19-07503(F)")),
    ]
}

/// CRPD/C/GRC/CO/1, Spanish version (original English).
fn grc() -> Vec<(&'static str, Value)> {
    vec![
        ("/metadata/symbol", json!("CRPD/C/GRC/CO/1")),
        ("/metadata/body", json!("CRPD")),
        (
            "/metadata/committee",
            json!("Comité sobre los Derechos de las Personas con Discapacidad"),
        ),
        ("/metadata/document_type", json!("concluding_observations")),
        (
            "/metadata/title",
            json!("Observaciones finales sobre el informe inicial de Grecia"),
        ),
        ("/metadata/state_party", json!("Grecia")),
        ("/metadata/instrument", Value::Null),
        (
            "/metadata/reports_considered",
            json!(["CRPD/C/GRC/1", "CRPD/C/GRC/1/Corr.1"]),
        ),
        (
            "/metadata/session",
            json!({"number": 22, "dates": "26 de agosto a 20 de septiembre de 2019"}),
        ),
        (
            "/metadata/adopted",
            json!({"meetings": [506], "date": "2019-09-18"}),
        ),
        ("/metadata/distribution", json!("General")),
        ("/metadata/date", json!("2019-10-29")),
        ("/metadata/original_language", json!("Inglés")),
        ("/metadata/original_language_code", json!("en")),
        ("/metadata/language", json!("es")),
        ("/metadata/job_number", json!("GE.19-18603(S)")),
    ]
}

/// CRPD/C/SAU/CO/1, Spanish version (original English). Adoption written first: "En su
/// 466ª sesión, celebrada el 2 de abril de 2019, aprobó las presentes observaciones finales."
fn sau() -> Vec<(&'static str, Value)> {
    vec![
        ("/metadata/symbol", json!("CRPD/C/SAU/CO/1")),
        ("/metadata/body", json!("CRPD")),
        (
            "/metadata/committee",
            json!("Comité sobre los Derechos de las Personas con Discapacidad"),
        ),
        ("/metadata/document_type", json!("concluding_observations")),
        (
            "/metadata/title",
            json!("Observaciones finales sobre el informe inicial de la Arabia Saudita"),
        ),
        ("/metadata/state_party", json!("Arabia Saudita")),
        ("/metadata/instrument", Value::Null),
        ("/metadata/reports_considered", json!(["CRPD/C/SAU/1"])),
        (
            "/metadata/session",
            json!({"number": 21, "dates": "11 de marzo a 5 de abril de 2019"}),
        ),
        (
            "/metadata/adopted",
            json!({"meetings": [466], "date": "2019-04-02"}),
        ),
        ("/metadata/distribution", json!("General")),
        ("/metadata/date", json!("2019-05-13")),
        ("/metadata/original_language", json!("Inglés")),
        ("/metadata/original_language_code", json!("en")),
        ("/metadata/language", json!("es")),
        ("/metadata/job_number", json!("GE.19-07812(S)")),
    ]
}

/// CRPD/C/SLV/CO/2-3, Spanish version (original English). "El" is part of the name.
fn slv() -> Vec<(&'static str, Value)> {
    vec![
        ("/metadata/symbol", json!("CRPD/C/SLV/CO/2-3")),
        ("/metadata/body", json!("CRPD")),
        (
            "/metadata/committee",
            json!("Comité sobre los Derechos de las Personas con Discapacidad"),
        ),
        ("/metadata/document_type", json!("concluding_observations")),
        (
            "/metadata/title",
            json!("Observaciones finales sobre los informes periódicos segundo y tercero combinados de El Salvador"),
        ),
        ("/metadata/state_party", json!("El Salvador")),
        ("/metadata/instrument", Value::Null),
        ("/metadata/reports_considered", json!(["CRPD/C/SLV/2-3"])),
        (
            "/metadata/session",
            json!({"number": 22, "dates": "26 de agosto a 20 de septiembre de 2019"}),
        ),
        (
            "/metadata/adopted",
            json!({"meetings": [510], "date": "2019-09-20"}),
        ),
        ("/metadata/distribution", json!("General")),
        ("/metadata/date", json!("2019-10-01")),
        ("/metadata/original_language", json!("Inglés")),
        ("/metadata/original_language_code", json!("en")),
        ("/metadata/language", json!("es")),
        ("/metadata/job_number", json!("GE.19-16835(S)")),
    ]
}

/// CRPD/C/COL/FCO/1: information received from Colombia (Spanish original), not concluding
/// observations; no session, no adoption (paragraph 2 recalls the adoption of the earlier
/// concluding observations, which is not this document's).
fn col() -> Vec<(&'static str, Value)> {
    vec![
        ("/metadata/symbol", json!("CRPD/C/COL/FCO/1")),
        ("/metadata/body", json!("CRPD")),
        (
            "/metadata/committee",
            json!("Comité sobre los Derechos de las Personas con Discapacidad"),
        ),
        ("/metadata/document_type", json!("other")),
        (
            "/metadata/title",
            json!("Información recibida de Colombia sobre el seguimiento de las observaciones finales sobre el informe inicial"),
        ),
        ("/metadata/session", Value::Null),
        ("/metadata/adopted", Value::Null),
        ("/metadata/distribution", json!("General")),
        ("/metadata/date", json!("2020-06-09")),
        ("/metadata/original_language", json!("Español")),
        ("/metadata/original_language_code", json!("es")),
        ("/metadata/language", json!("es")),
        ("/metadata/job_number", json!("GE.20-07640(S)")),
    ]
}

/// English translations of French and Spanish originals: the original's code is filled, the
/// document's own language is English.
fn english_translation(symbol: &str, printed: &str, code: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("/metadata/symbol", json!(symbol)),
        ("/metadata/original_language", json!(printed)),
        ("/metadata/original_language_code", json!(code)),
        ("/metadata/language", json!("en")),
    ]
}

/// Arabic versions: the masthead is printed in English, the body in Arabic.
fn arabic(symbol: &str, date: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("/metadata/symbol", json!(symbol)),
        ("/metadata/distribution", json!("General")),
        ("/metadata/date", json!(date)),
        ("/metadata/original_language", json!("English")),
        ("/metadata/original_language_code", json!("en")),
        ("/metadata/language", json!("ar")),
    ]
}

// ---------------------------------------------------------------------------------------
// The PDFs (need the PDF reader).

/// Parses a shared PDF with treatydoc's PDF reader (detected from the content, as a user's
/// run would).
fn pdf(rel: &str) -> Option<Value> {
    let path = shared(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let format = serde_json::to_value(treatydoc::detect_format(&bytes)).unwrap_or(Value::Null);
    assert_eq!(format, json!("pdf"), "{rel}: not detected as a PDF");
    Some(parse(&path))
}

fn check_pdf(rel: &str, expected: Vec<(&str, Value)>, paragraphs: usize) {
    let Some(doc) = pdf(rel) else { return };
    let mut bad = mismatches(&doc, &expected);
    let numbers = paragraph_numbers(&doc);
    let want: Vec<String> = (1..=paragraphs).map(|n| n.to_string()).collect();
    if numbers != want {
        bad.push(format!(
            "paragraphs: expected 1..={paragraphs}, got {} ({:?}…)",
            numbers.len(),
            numbers.iter().take(5).collect::<Vec<_>>()
        ));
    }
    assert!(bad.is_empty(), "{rel}:\n{}", bad.join("\n"));
}

#[test]
fn pdf_ecu_french() {
    check_pdf("co/CRPD_C_ECU_CO_2-3.pdf", ecu(), 65);
    if let Some(doc) = pdf("co/CRPD_C_ECU_CO_2-3.pdf") {
        assert_eq!(
            refs_of(&doc, "para-1"),
            pairs(&[
                ("document", "CRPD/C/ECU/2-3"),
                ("meeting", "481e et 482e séances"),
                ("document", "CRPD/C/SR.481"),
                ("document", "CRPD/C/SR.482"),
                ("meeting", "504e séance"),
            ])
        );
        // Paragraph 10 cites the previous concluding observations with a French pinpoint.
        assert!(refs_of(&doc, "para-10")
            .contains(&("document".into(), "CRPD/C/ECU/CO/1, par. 9 et 11".into())));
    }
}

#[test]
fn pdf_nor_french() {
    check_pdf("co/CRPD_C_NOR_CO_1.pdf", nor(), 57);
    if let Some(doc) = pdf("co/CRPD_C_NOR_CO_1.pdf") {
        assert_eq!(
            refs_of(&doc, "para-1"),
            pairs(&[
                ("document", "CRPD/C/NOR/1 et Corr.1"),
                ("meeting", "455e et 456e séances"),
                ("document", "CRPD/C/SR.455 et 456"),
                ("meeting", "471e séance"),
            ])
        );
    }
}

#[test]
fn pdf_grc_spanish() {
    check_pdf("co/CRPD_C_GRC_CO_1.pdf", grc(), 54);
    if let Some(doc) = pdf("co/CRPD_C_GRC_CO_1.pdf") {
        assert_eq!(
            refs_of(&doc, "para-1"),
            pairs(&[
                ("document", "CRPD/C/GRC/1 y Corr.1"),
                ("meeting", "sesiones 487ª y 488ª"),
                ("document", "CRPD/C/SR.487 y 488"),
                ("meeting", "506ª sesión"),
            ])
        );
    }
}

#[test]
fn pdf_sau_spanish() {
    check_pdf("co/CRPD_C_SAU_CO_1.pdf", sau(), 63);
}

#[test]
fn pdf_slv_spanish() {
    check_pdf("co/CRPD_C_SLV_CO_2-3.pdf", slv(), 68);
}

#[test]
fn pdf_col_follow_up_spanish() {
    // 62 paragraphs; a wrapped line of paragraph 50 begins "2. Comunicación," at the margin.
    check_pdf("other/CRPD_C_COL_FCO_1.pdf", col(), 62);
}

#[test]
fn pdf_english_translations_of_french_and_spanish_originals() {
    for (rel, symbol, printed, code) in [
        ("other/CRPD_C_DZA_1.pdf", "CRPD/C/DZA/1", "French", "fr"),
        (
            "other/CRPD_C_FRA_RQ_1.pdf",
            "CRPD/C/FRA/RQ/1",
            "French",
            "fr",
        ),
        (
            "other/CRPD_C_HND_2-4.pdf",
            "CRPD/C/HND/2-4",
            "Spanish",
            "es",
        ),
        ("other/CRPD_C_UKR_1.pdf", "CRPD/C/UKR/1", "Russian", "ru"),
        ("other/CRPD_C_IRQ_1.pdf", "CRPD/C/IRQ/1", "Arabic", "ar"),
    ] {
        if let Some(doc) = pdf(rel) {
            assert_all(rel, &doc, &english_translation(symbol, printed, code));
        }
    }
}

#[test]
fn pdf_arabic_versions_are_labelled() {
    for (rel, symbol, date) in [
        ("co/CRPD_C_ALB_CO_1.pdf", "CRPD/C/ALB/CO/1", "2019-10-14"),
        (
            "co/CRPD_C_AUS_CO_2-3.pdf",
            "CRPD/C/AUS/CO/2-3",
            "2019-10-15",
        ),
        ("co/CRPD_C_KAZ_CO_1.pdf", "CRPD/C/KAZ/CO/1", "2024-04-19"),
        ("co/CRPD_C_RWA_CO_1.pdf", "CRPD/C/RWA/CO/1", "2019-05-03"),
        ("co/CRPD_C_SEN_CO_1.pdf", "CRPD/C/SEN/CO/1", "2019-05-13"),
    ] {
        if let Some(doc) = pdf(rel) {
            assert_all(rel, &doc, &arabic(symbol, date));
        }
    }
}

// ---------------------------------------------------------------------------------------
// The hand-written text exports (no PDF reader needed).

#[test]
fn text_export_french_metadata() {
    let doc = parse(&fixture("fr_crpd_co_poi.txt"));
    assert_all("fr_crpd_co_poi.txt", &doc, &ecu());
}

#[test]
fn text_export_spanish_metadata() {
    let doc = parse(&fixture("es_crpd_co_poi.txt"));
    assert_all("es_crpd_co_poi.txt", &doc, &grc());
}

#[test]
fn text_export_items_a_and_i() {
    for name in ["fr_crpd_co_poi.txt", "es_crpd_co_poi.txt"] {
        let doc = parse(&fixture(name));
        assert_eq!(
            paragraph_numbers(&doc),
            (1..=7).map(|n| n.to_string()).collect::<Vec<_>>(),
            "{name}"
        );
        let (para, sub) = if name.starts_with("fr") {
            ("para-5", "para-5.a")
        } else {
            ("para-4", "para-4.a")
        };
        let p = node(&doc, para).unwrap_or_else(|| panic!("{name}: {para}"));
        let labels: Vec<&str> = p["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["label"].as_str())
            .collect();
        assert_eq!(labels, ["a", "b"], "{name} {para}");
        let a = node(&doc, sub).unwrap_or_else(|| panic!("{name}: {sub}"));
        let ids: Vec<&str> = a["items"]
            .as_array()
            .expect("sub-items")
            .iter()
            .filter_map(|i| i["id"].as_str())
            .collect();
        assert_eq!(ids, [format!("{sub}.i"), format!("{sub}.ii")], "{name}");
    }
}

#[test]
fn text_export_french_references() {
    let doc = parse(&fixture("fr_crpd_co_poi.txt"));
    assert_eq!(
        refs_of(&doc, "para-5"),
        pairs(&[
            ("document", "CRPD/C/ECU/CO/1, par. 13"),
            ("general_comment", "observation générale no 7 (2018)"),
        ])
    );
    assert_eq!(
        refs_of(&doc, "para-4"),
        pairs(&[("article", "paragraphe 3 de l’article 4 de la Convention")])
    );
    assert_eq!(
        refs_of(&doc, "para-5.b"),
        pairs(&[(
            "sdg_target",
            "cible 10.2 des objectifs de développement durable"
        )])
    );
    assert_eq!(
        refs_of(&doc, "para-6"),
        pairs(&[
            ("article", "article 13 de la Convention"),
            ("resolution", "résolution 68/268 de l’Assemblée générale"),
            ("paragraph", "paragraphes 4 et 5 ci-dessus"),
        ])
    );
}

#[test]
fn text_export_spanish_references() {
    let doc = parse(&fixture("es_crpd_co_poi.txt"));
    assert_eq!(
        refs_of(&doc, "para-5"),
        pairs(&[("general_comment", "observación general núm. 6 (2018)")])
    );
    assert_eq!(
        refs_of(&doc, "para-5.a"),
        pairs(&[("article", "artículo 74"), ("law", "Ley núm. 4488/2017")])
    );
    assert_eq!(
        refs_of(&doc, "para-5.b"),
        pairs(&[
            ("article", "artículo 5 de la Convención"),
            (
                "sdg_target",
                "metas 10.2 y 10.3 de los Objetivos de Desarrollo Sostenible"
            ),
        ])
    );
    assert_eq!(
        refs_of(&doc, "para-6"),
        pairs(&[
            ("document", "CAT/C/GRC/CO/7, párrs. 20 y 21"),
            ("paragraph", "párrafos 4 y 5 supra"),
            ("resolution", "resolución 68/268 de la Asamblea General"),
        ])
    );
}

/// `(id, kind, text)` of every ref in the body, in document order.
fn all_refs(doc: &Value) -> Vec<(String, String, String)> {
    fn walk(v: &Value, out: &mut Vec<(String, String, String)>) {
        match v {
            Value::Object(m) => {
                if let (Some(id), Some(refs)) = (
                    m.get("id").and_then(Value::as_str),
                    m.get("refs").and_then(Value::as_array),
                ) {
                    for r in refs {
                        out.push((
                            id.to_string(),
                            r["kind"].as_str().unwrap_or("").to_string(),
                            r["text"].as_str().unwrap_or("").to_string(),
                        ));
                    }
                }
                for k in ["children", "items"] {
                    if let Some(c) = m.get(k) {
                        walk(c, out);
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&doc["body"], &mut out);
    out
}

/// The .docx fixtures (`examples/make_fixtures.rs`) and their real POI twins: the same
/// metadata as the real documents, and the same references as the hand-written export.
#[test]
fn docx_and_poi_twins() {
    for (stem, expected) in [("fr_crpd_co", ecu()), ("es_crpd_co", grc())] {
        let export = parse(&fixture(&format!("{stem}_poi.txt")));
        for name in [format!("{stem}.docx"), format!("{stem}.poi.txt")] {
            let doc = parse(&fixture(&name));
            assert_all(&name, &doc, &expected);
            assert_eq!(all_refs(&doc), all_refs(&export), "{name}");
            assert_eq!(doc["warnings"], json!([]), "{name}");
        }
    }
}
