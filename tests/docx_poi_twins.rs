//! The .docx reader's block stream against the real Apache POI 3.17 export of the same file
//! (`X.poi.txt`, made by `fixtures/docx/make_twins.sh`): the export must be exactly our blocks
//! with POI's markers put back, except where POI departs from what Word shows, each listed.

mod docx_common;

use docx_common::*;
use treatydoc::Format;

fn check(name: &str, poi_only: &[&str], ours_only: &[(&str, &str)]) {
    let path = fixture(name);
    let raw = raw(&path, Format::Docx);
    let poi = String::from_utf8(bytes(&twin(&path))).unwrap();
    assert_poi_consistent(&raw, &poi, poi_only, ours_only, name);
}

#[test]
fn cerd_real_file() {
    let path = cerd("docx");
    let raw = raw(&path, Format::Docx);
    let poi = String::from_utf8(bytes(&cerd("poi.txt"))).unwrap();
    assert_poi_consistent(&raw, &poi, &[], &[], "CERD");
}

#[test]
fn styles() {
    check("styles_un_and_headings.docx", &[], &[]);
}

#[test]
fn notes() {
    check("notes_footnotes_endnotes.docx", &[], &[]);
}

#[test]
fn masthead_headers_footers_and_sections() {
    check("layout_masthead_headers_footers.docx", &[], &[]);
}

#[test]
fn masthead_in_first_page_header() {
    check("layout_masthead_in_first_page_header.docx", &[], &[]);
    let raw = raw(
        &fixture("layout_masthead_in_first_page_header.docx"),
        Format::Docx,
    );
    // The table of the first-page header is the masthead.
    assert!(matches!(
        &raw.blocks[0],
        treatydoc::blocks::Block::Table { region: treatydoc::blocks::Region::FirstPage, rows }
            if rows[0][2] == "CCPR/C/TST/CO/7"
    ));
}

#[test]
fn body_table() {
    check("layout_body_table.docx", &[], &[]);
}

#[test]
fn numbering_text_without_labels() {
    // POI does not print Word's auto-numbering labels; the reader keeps them out of `text`
    // too (they are in `auto_label`), so the texts agree.
    check("numbering_variants.docx", &[], &[]);
}

#[test]
fn seeds() {
    check("seed_typed/CRC_C_OPSC_PER_CO_1.docx", &[], &[]);
    check("seed_autonumbered/CRC_C_OPSC_PER_CO_1.docx", &[], &[]);
}

#[test]
fn tracked_changes_drop_deletions_that_poi_prints() {
    // POI 3.17 prints deleted and moved-from text; Word shows neither.
    check(
        "revisions_tracked_changes.docx",
        &["strongly ", "also "],
        &[],
    );
}

#[test]
fn fields_show_results_only() {
    // POI also prints the result of a field nested in another field's code ("3" before "4").
    check("fields_docproperty_fldsimple.docx", &["3"], &[]);
    let raw = raw(&fixture("fields_docproperty_fldsimple.docx"), Format::Docx);
    let all: String = body_paras(&raw).into_iter().map(|p| p.0).collect();
    assert!(!all.contains("DOCPROPERTY") && !all.contains("MERGEFORMAT") && !all.contains("PAGE"));
    assert!(all.contains("on the sixth periodic report"));
}

#[test]
fn inline_markup() {
    // POI 3.17 drops w:noBreakHyphen, w:sym and inline content controls; Word shows them.
    check(
        "markup_inline.docx",
        &[],
        &[
            ("\u{2011}", ""),
            ("≥", ""),
            (" (\nModern box\n)", ""),
            ("with a content control", "with a "),
        ],
    );
}

#[test]
fn comments_leave_no_text() {
    check(
        "markup_comments.docx",
        &["\tComment by Reviewer: Check the wording.\n"],
        &[],
    );
}
