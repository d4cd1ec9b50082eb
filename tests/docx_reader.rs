//! What the .docx reader makes of each feature fixture, at the block-stream level.

mod docx_common;

use docx_common::*;
use treatydoc::blocks::{Block, NoteMark, Para, Region, StyleHint};
use treatydoc::model::NoteKind;
use treatydoc::Format;

fn paras(name: &str) -> Vec<Para> {
    raw(&fixture(name), Format::Docx)
        .blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Para {
                region: Region::Body,
                para,
            } => Some(para),
            _ => None,
        })
        .collect()
}

#[test]
fn word_auto_numbering_labels() {
    let got: Vec<(Option<String>, String)> = paras("numbering_variants.docx")
        .into_iter()
        .map(|p| (p.auto_label, p.text))
        .collect();
    let want: [(Option<&str>, &str); 31] = [
        (Some("I."), "Introduction"),
        (Some("1."), "The Committee considered the report."),
        (Some("2."), "The Committee welcomes:"),
        (Some("(a)"), "The new law;"),
        (Some("(b)"), "The new plan, including:"),
        (Some("(i)"), "Its first pillar;"),
        (Some("(ii)"), "Its second pillar;"),
        (Some("(c)"), "The new institution."),
        (Some("II."), "Main concerns"),
        (Some("A."), "Legislation"),
        // isLgl: %1.%3 in decimal even though level 1 is Roman.
        (Some("2.1"), "Legal numbering below a letter"),
        // Another w:num on the same abstract definition continues its counters.
        (
            Some("3."),
            "A paragraph of a second list sharing the first one's definition:",
        ),
        (
            Some("(a)"),
            "An item that restarts at (a) after paragraph 3.",
        ),
        // A w:lvlOverride/w:lvl replaces one level of the definition.
        (Some("4."), "A list whose level 2 is overridden:"),
        (Some("(A)"), "First upper-letter item;"),
        (Some("(B)"), "Second upper-letter item."),
        // start=5 (continuing the count by chance); French "a)"; lvlRestart 0 keeps counting.
        (Some("5."), "A list starting at 5, French items:"),
        (Some("a)"), "premier :"),
        (Some("(i)"), "a level that never restarts;"),
        (Some("6."), "Paragraph 6 of that list:"),
        (Some("a)"), "deuxième :"),
        (Some("(ii)"), "still counting (ii)."),
        // startOverride restarts a list of its own.
        (Some("10."), "A list restarted at 10 by startOverride."),
        (Some("11."), "And its next paragraph."),
        // Numbering set in the paragraph style (w:lvl/w:pStyle gives the level).
        (
            Some("12."),
            "Numbered by its style (from 12), not by the paragraph:",
        ),
        (Some("•"), "A bullet;"),
        (Some("o"), "A sub-bullet."),
        (Some("13."), "The style's second paragraph."),
        // An empty lvlText shows nothing (and must not panic).
        (None, "A level with an empty level text."),
        (None, "Numbering removed with numId 0."),
        (None, "An undefined list."),
    ];
    let want: Vec<(Option<String>, String)> = want
        .iter()
        .map(|(l, t)| (l.map(str::to_string), t.to_string()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn style_hints() {
    let got: Vec<StyleHint> = paras("styles_un_and_headings.docx")
        .into_iter()
        .map(|p| p.style)
        .collect();
    use StyleHint::*;
    assert_eq!(
        got,
        [
            Body,       // Normal (default style)
            Title,      // HChG
            Body,       // SingleTxtG
            Heading(1), // H1G
            Body,
            Heading(2), // H23G
            Body,
            Heading(3), // H4G
            Body,
            Heading(4), // H56G
            Body,
            Heading(1), // "heading 1"
            Body,
            Heading(2), // localized Titre2
            Body,
            Heading(2), // basedOn H23G
            Body,
            Heading(3), // outlineLvl 2 in the style
            Body,
            Heading(2), // direct outlineLvl 1
            None,       // undefined style id
        ]
    );
}

#[test]
fn notes_marks_and_bodies() {
    let raw = raw(&fixture("notes_footnotes_endnotes.docx"), Format::Docx);
    let marks: Vec<NoteMark> = raw
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para { para, .. } => Some(para.notes.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    let m = |offset, id: &str, kind, custom: Option<&str>| NoteMark {
        offset,
        id: id.into(),
        kind,
        custom_mark: custom.map(str::to_string),
    };
    use NoteKind::*;
    assert_eq!(
        marks,
        [
            m(70, "1", Footnote, Some("*")),
            m(54, "2", Footnote, None),
            m(77, "3", Footnote, None), // end of the paragraph
            m(49, "e1", Endnote, None),
            m(19, "4", Footnote, None),
            m(25, "5", Footnote, Some("**")),
        ]
    );
    let ids: Vec<&str> = raw.notes.iter().map(|n| n.id.as_str()).collect();
    // Source order; separators ignored; the orphan kept.
    assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "e1"]);
    assert_eq!(
        raw.notes[2].text,
        "\t\tSee CERD/C/SR.2500.\n\tA second paragraph of the same note."
    );
    assert_eq!(
        raw.notes[0].text,
        "\t*\tAdopted by the Committee at its ninety-second session (24 April-12 May 2017)."
    );
    // The custom mark is not in the text.
    let title = &paras("notes_footnotes_endnotes.docx")[1];
    assert!(!title.text.contains('*'));
}

#[test]
fn headers_footers_sections_masthead_and_properties() {
    let raw = raw(
        &fixture("layout_masthead_headers_footers.docx"),
        Format::Docx,
    );
    let shape: Vec<(Region, String)> = raw
        .blocks
        .iter()
        .map(|b| match b {
            Block::Para { region, para } => (*region, para.text.clone()),
            Block::Table { region, rows } => {
                (*region, format!("table {}x{}", rows.len(), rows[0].len()))
            }
        })
        .collect();
    use Region::*;
    let want: Vec<(Region, &str)> = vec![
        (Header, "CERD/C/TST/CO/20"),
        (Header, "CERD/C/TST/CO/20"),
        (FirstPage, "table 2x3"),
        (
            Body,
            "Committee on the Elimination of Racial Discrimination",
        ),
        (
            Body,
            "\t\tConcluding observations on the twentieth periodic report of Testland",
        ),
        (Body, "1.\tThe Committee considered the report."),
        // The first section ends here: its header and footer.
        (Header, "CERD/C/TST/CO/20"),
        (Footer, "GE.17-11111"),
        (Body, "2.\tThe Committee welcomes the report."),
        (Body, "\tA.\tIntroduction"),
        (Body, "3.\tThe Committee notes the dialogue."),
        // Footers of the last section: first page, even, default; page fields show results.
        (Footer, "GE.17-11111  (E)    050717    060717"),
        (Footer, "\u{F02A}\u{F031}\u{F037}\u{F031}\u{F031}\u{F02A}"),
        (Footer, "2\tGE.17-11111"),
        (Footer, "GE.17-11111\t2"),
    ];
    let want: Vec<(Region, String)> = want.into_iter().map(|(r, t)| (r, t.to_string())).collect();
    assert_eq!(shape, want);
    match &raw.blocks[2] {
        Block::Table { rows, .. } => {
            assert_eq!(rows[0][2], "CERD/C/TST/CO/20");
            assert_eq!(
                rows[1][2],
                "Distr.: General\n30 June 2017\n\nOriginal: English"
            );
        }
        _ => unreachable!(),
    }
    assert_eq!(raw.props.subject.as_deref(), Some("CERD/C/TST/CO/20"));
    assert_eq!(raw.props.title.as_deref(), Some("1711111"));
}

#[test]
fn tracked_changes_fields_and_markup() {
    let t: Vec<String> = paras("revisions_tracked_changes.docx")
        .into_iter()
        .map(|p| p.text)
        .collect();
    assert_eq!(
        t,
        [
            "1.\tThe Committee firmly recommends that the State party adopt the bill.",
            "2.\tThe Committee notes the plan also.",
        ]
    );
    let t: Vec<String> = paras("fields_docproperty_fldsimple.docx")
        .into_iter()
        .map(|p| p.text)
        .collect();
    assert_eq!(
        t[1],
        "\t\tConcluding observations on the sixth periodic report of Testland"
    );
    assert_eq!(
        t[2],
        "1.\tThe Committee considered the report on 5 May 2017."
    );
    assert_eq!(t[3], "2.\tSee page 4 of the report.");
    assert_eq!(t[4], "3.\tThe Committee refers to paragraph 1 above.");
    let t: Vec<String> = paras("markup_inline.docx")
        .into_iter()
        .map(|p| p.text)
        .collect();
    assert_eq!(
        t,
        [
            "1.\tThe Committee refers to its general recommendation No. 35 and to the Plurinational State of Bolivia.",
            "2.\tThe law of 12\u{a0}May 2016 (No. 30\u{2011}364) covers nondiscrimination≥.",
            "3.\tA paragraph with a content control and a line\nbreak, a carriage\nreturn and a\tpositional tab.",
            "4.\tA paragraph inside a block content control.",
            // Text boxes as POI shows them, and the one inside mc:AlternateContent, which POI
            // does not show, once (its mc:Fallback copy is skipped). `w:sym` Symbol F0B3 is ≥.
            "5.\tA VML text box: (\nBox line one\nBox line two\n) and a DrawingML one: (\nDrawing box\n) and one in alternate content: (\nModern box\n).",
            "6.\tAn image leaves no marker.",
        ]
    );
    let t: Vec<String> = paras("markup_comments.docx")
        .into_iter()
        .map(|p| p.text)
        .collect();
    assert_eq!(
        t,
        [
            "1.\tThe Committee welcomes the report.",
            "2.\tThe Committee notes the dialogue."
        ]
    );
}
