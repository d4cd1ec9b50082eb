//! One `w:p`: its runs in export form (what Apache POI's XWPFWordExtractor prints for the
//! paragraph, minus the note markers) and its properties.
//!
//! What a run contributes: `w:t` text; `w:tab`/`w:ptab` a tab; `w:br`/`w:cr` a newline;
//! `w:noBreakHyphen` U+2011; `w:sym` its character; `w:softHyphen`, `w:instrText` and deleted
//! text nothing; a field shows its result only; a footnote or endnote reference becomes a
//! [`NoteMark`] (with the custom mark that follows it under `w:customMarkFollows`); the text
//! of a text box drawn in the run (`w:pict`, `w:drawing`) follows as POI shows it:
//! ` (\n` + its `w:t` texts joined by `\n` + `\n)`.

use super::styles::{small_num, NumPr};
use super::xml::{on_off, Ns, Start, Xml};
use crate::blocks::NoteMark;
use crate::model::NoteKind;
use crate::Result;

/// Kinds of header/footer references, in the order POI prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum HfType {
    First,
    Even,
    Default,
}

/// The header and footer references of one section (`w:sectPr`).
#[derive(Debug, Clone, Default)]
pub(crate) struct SectRefs {
    /// `(type, r:id)` of each `w:headerReference`.
    pub headers: Vec<(HfType, String)>,
    /// `(type, r:id)` of each `w:footerReference`.
    pub footers: Vec<(HfType, String)>,
}

/// A paragraph as read.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParaOut {
    /// Export-form text.
    pub text: String,
    /// `text.chars().count()`, kept as we go for note offsets.
    pub chars: usize,
    /// Note references, offsets in chars.
    pub notes: Vec<NoteMark>,
    /// `w:pStyle`.
    pub style: Option<String>,
    /// Direct `w:numPr`.
    pub num: Option<NumPr>,
    /// Direct `w:outlineLvl`.
    pub outline: Option<u8>,
    /// A section break ends here (`w:pPr/w:sectPr`).
    pub sect: Option<SectRefs>,
    /// Ids of the comments anchored here (`w:commentRangeStart`, `w:commentReference`).
    pub comments: Vec<String>,
}

impl ParaOut {
    fn push(&mut self, s: &str) {
        self.chars += s.chars().count();
        self.text.push_str(s);
    }

    fn push_char(&mut self, c: char) {
        self.chars += 1;
        self.text.push(c);
    }
}

/// State that outlives one paragraph: complex fields can span paragraphs.
#[derive(Debug, Default)]
pub(crate) struct RunState {
    /// Open fields, innermost last; `true` while in the instruction part (before `separate`).
    fields: Vec<bool>,
    /// Index of the note mark whose custom mark is being read, and whether any char was taken.
    custom: Option<(usize, bool)>,
}

impl RunState {
    fn visible(&self) -> bool {
        !self.fields.iter().any(|in_code| *in_code)
    }
}

/// Reads a paragraph whose `w:p` start tag was just read, up to its end tag.
pub(crate) fn read_para(x: &mut Xml<'_>, st: &mut RunState) -> Result<ParaOut> {
    let mut out = ParaOut::default();
    st.custom = None;
    x.each(|x, s| {
        if s.is(Ns::W, b"pPr") {
            read_ppr(x, &mut out)
        } else {
            inline(x, st, &mut out, &s)
        }
    })?;
    st.custom = None;
    Ok(out)
}

/// Reads the children of the current element as inline content, to its end tag.
fn inline_children(x: &mut Xml<'_>, st: &mut RunState, out: &mut ParaOut) -> Result<()> {
    x.each(|x, s| inline(x, st, out, &s))
}

/// One inline element whose start tag `s` was just read.
fn inline(x: &mut Xml<'_>, st: &mut RunState, out: &mut ParaOut, s: &Start<'_>) -> Result<()> {
    match (s.ns, s.local()) {
        (Ns::W, b"r") => run(x, st, out),
        // Containers whose content is shown: hyperlinks, smart tags, custom XML, simple fields
        // (their runs are the result), insertions and move destinations, content controls.
        (
            Ns::W,
            b"hyperlink" | b"smartTag" | b"customXml" | b"fldSimple" | b"ins" | b"moveTo" | b"sdt"
            | b"sdtContent" | b"dir" | b"bdo",
        )
        | (Ns::Mc, b"AlternateContent" | b"Choice") => inline_children(x, st, out),
        (Ns::M, b"oMath" | b"oMathPara") => math(x, st, out),
        (Ns::W, b"ruby") => ruby(x, st, out),
        (Ns::W, b"commentRangeStart") => {
            out.comments.extend(x.attr(s, Ns::W, b"id").map(Into::into));
            x.skip()
        }
        // Deletions, move sources, alternate fallbacks, control properties, bookmarks,
        // comments and everything unknown: nothing to show.
        _ => x.skip(),
    }
}

/// Ruby (phonetic guides over East Asian text): the base text, then the guide in
/// parentheses, as a plain-text reader reads it (`漢字(かんじ)`).
fn ruby(x: &mut Xml<'_>, st: &mut RunState, out: &mut ParaOut) -> Result<()> {
    let mut guide = ParaOut::default();
    x.each(|x, s| match (s.ns, s.local()) {
        (Ns::W, b"rubyBase") => inline_children(x, st, out),
        (Ns::W, b"rt") => inline_children(x, st, &mut guide),
        _ => x.skip(),
    })?;
    if !guide.text.trim().is_empty() {
        out.push("(");
        out.push(&guide.text);
        out.push(")");
    }
    Ok(())
}

/// An equation: its `m:t` texts in reading order (a linear form without the layout), so a
/// paragraph holding only an equation keeps its text. Two runs that would otherwise glue two
/// names or numbers together (`sin` `x`) are kept apart by a space.
fn math(x: &mut Xml<'_>, st: &mut RunState, out: &mut ParaOut) -> Result<()> {
    let mut text = String::new();
    x.each(|x, s| {
        if s.is(Ns::M, b"t") {
            let t = x.text_content()?;
            let glue = text.chars().next_back().is_some_and(char::is_alphanumeric)
                && t.chars().next().is_some_and(char::is_alphanumeric);
            if glue {
                text.push(' ');
            }
            text.push_str(&t);
        }
        Ok(())
    })?;
    if st.visible() && !text.is_empty() {
        end_custom(st);
        out.push(&text);
    }
    Ok(())
}

fn run(x: &mut Xml<'_>, st: &mut RunState, out: &mut ParaOut) -> Result<()> {
    let mut boxes: Vec<String> = Vec::new();
    x.each(|x, s| {
        if s.is(Ns::Mc, b"AlternateContent") {
            // Modern text boxes (`wps:txbx`): the Choice is what Word shows; the Fallback is
            // the same box again in VML.
            return x.each(|x, alt| {
                if alt.is(Ns::Mc, b"Choice") {
                    collect_box_text(x, &mut boxes)
                } else {
                    x.skip()
                }
            });
        }
        if s.ns != Ns::W {
            return x.skip();
        }
        match s.local() {
            // Without a custom mark to split off, the text goes straight into the paragraph.
            b"t" if st.custom.is_none() => {
                let visible = st.visible();
                x.text_each(|t| {
                    if visible {
                        out.push(t);
                    }
                })?;
            }
            b"t" => {
                let t = x.text_content()?;
                if st.visible() {
                    text(st, out, &t);
                }
            }
            b"tab" | b"ptab" => {
                x.skip()?;
                show(st, out, '\t');
            }
            b"br" | b"cr" => {
                x.skip()?;
                show(st, out, '\n');
            }
            b"noBreakHyphen" => {
                x.skip()?;
                show(st, out, '\u{2011}');
            }
            b"sym" => {
                let font = x.attr(&s, Ns::W, b"font");
                let c = x
                    .attr(&s, Ns::W, b"char")
                    .and_then(|h| u32::from_str_radix(h.trim(), 16).ok())
                    .map(|code| super::symbols::unicode(font.as_deref(), code))
                    .and_then(char::from_u32);
                x.skip()?;
                if let Some(c) = c {
                    show(st, out, c);
                }
            }
            b"fldChar" => {
                let kind = x
                    .attr(&s, Ns::W, b"fldCharType")
                    .as_deref()
                    .unwrap_or_default()
                    .to_string();
                let checkbox = if kind == "begin" {
                    read_checkbox(x)?
                } else {
                    x.skip()?;
                    None
                };
                match kind.as_str() {
                    "begin" => {
                        if let Some(checked) = checkbox {
                            if st.visible() {
                                out.push(if checked { "|X|" } else { "|_|" });
                            }
                        }
                        st.fields.push(true);
                    }
                    "separate" => {
                        if let Some(f) = st.fields.last_mut() {
                            *f = false;
                        }
                    }
                    "end" => {
                        st.fields.pop();
                    }
                    _ => {}
                }
            }
            b"footnoteReference" | b"endnoteReference" => {
                let kind = if s.local() == b"footnoteReference" {
                    NoteKind::Footnote
                } else {
                    NoteKind::Endnote
                };
                let id = x.attr(&s, Ns::W, b"id").as_deref().map(note_id);
                let custom = x
                    .attr(&s, Ns::W, b"customMarkFollows")
                    .as_deref()
                    .is_some_and(|v| on_off(Some(v)));
                x.skip()?;
                if let Some(id) = id {
                    st.custom = None;
                    out.notes.push(NoteMark {
                        offset: out.chars,
                        id: match kind {
                            NoteKind::Footnote => id,
                            NoteKind::Endnote => format!("e{id}"),
                        },
                        kind,
                        custom_mark: None,
                    });
                    if custom {
                        st.custom = Some((out.notes.len() - 1, false));
                    }
                }
            }
            b"pict" | b"drawing" | b"object" => collect_box_text(x, &mut boxes)?,
            // Ruby sits in a run; its base holds runs of its own.
            b"ruby" => ruby(x, st, out)?,
            b"commentReference" => {
                out.comments
                    .extend(x.attr(&s, Ns::W, b"id").map(Into::into));
                x.skip()?;
            }
            // Run properties, deleted text, field codes, note-body marks, page-break hints,
            // comment references, soft hyphens: nothing to show.
            _ => x.skip()?,
        }
        Ok(())
    })?;
    // A custom mark is at most the text of the run that follows the reference.
    if matches!(st.custom, Some((_, true))) {
        st.custom = None;
    }
    if !boxes.is_empty() && st.visible() {
        end_custom(st);
        out.push(" (\n");
        out.push(&boxes.join("\n"));
        out.push("\n)");
    }
    Ok(())
}

/// Normalises a note id as POI prints it (`BigInteger.intValue()`): `"01"` -> `"1"`.
fn note_id(raw: &str) -> String {
    raw.trim()
        .parse::<i64>()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| raw.trim().to_string())
}

fn end_custom(st: &mut RunState) {
    st.custom = None;
}

/// A visible non-text character (tab, break, hyphen): it also ends a custom mark.
fn show(st: &mut RunState, out: &mut ParaOut, c: char) {
    if st.visible() {
        end_custom(st);
        out.push_char(c);
    }
}

/// Visible text: the leading non-space characters go to a pending custom mark.
fn text(st: &mut RunState, out: &mut ParaOut, t: &str) {
    let mut rest = t;
    if let Some((idx, _)) = st.custom {
        let split = t.find(char::is_whitespace).unwrap_or(t.len());
        let (mark, after) = t.split_at_checked(split).unwrap_or((t, ""));
        if !mark.is_empty() {
            if let Some(n) = out.notes.get_mut(idx) {
                n.custom_mark.get_or_insert_with(String::new).push_str(mark);
            }
            st.custom = Some((idx, true));
        }
        if !after.is_empty() {
            st.custom = None;
        }
        rest = after;
    }
    out.push(rest);
}

/// Collects the paragraphs of the text boxes under a `w:pict`, a `w:drawing` or an
/// `mc:Choice`, each one piece (a word split over runs stays one word). Fallback copies
/// nested inside are skipped.
fn collect_box_text(x: &mut Xml<'_>, boxes: &mut Vec<String>) -> Result<()> {
    x.each(|x, s| {
        if s.is(Ns::W, b"p") {
            // A box is a document of its own: its fields do not continue the outer ones.
            let p = read_para(x, &mut RunState::default())?;
            if !p.text.trim().is_empty() {
                boxes.push(p.text);
            }
        } else if s.is(Ns::Mc, b"Fallback") {
            x.skip()?;
        }
        Ok(())
    })
}

/// Reads the rest of a `w:fldChar w:fldCharType="begin"`: `Some(checked)` for a check box.
fn read_checkbox(x: &mut Xml<'_>) -> Result<Option<bool>> {
    let mut checkbox = None;
    x.each(|x, s| {
        if s.is(Ns::W, b"checkBox") {
            checkbox.get_or_insert(false);
        } else if checkbox.is_some() && (s.is(Ns::W, b"default") || s.is(Ns::W, b"checked")) {
            checkbox = Some(on_off(x.val(&s).as_deref()));
        }
        Ok(())
    })?;
    Ok(checkbox)
}

fn read_ppr(x: &mut Xml<'_>, out: &mut ParaOut) -> Result<()> {
    x.each(|x, s| {
        match (s.ns, s.local()) {
            (Ns::W, b"pStyle") => {
                out.style = x.val_owned(&s);
                x.skip()?;
            }
            (Ns::W, b"outlineLvl") => {
                out.outline = small_num(x.val(&s).as_deref());
                x.skip()?;
            }
            (Ns::W, b"numPr") => out.num = Some(read_numpr(x)?),
            (Ns::W, b"sectPr") => out.sect = Some(read_sect(x)?),
            _ => x.skip()?,
        }
        Ok(())
    })
}

fn read_numpr(x: &mut Xml<'_>) -> Result<NumPr> {
    let mut n = NumPr::default();
    x.each(|x, s| {
        match (s.ns, s.local()) {
            (Ns::W, b"numId") => n.num_id = x.val(&s).as_deref().map(|v| v.trim().to_string()),
            (Ns::W, b"ilvl") => n.ilvl = small_num(x.val(&s).as_deref()),
            _ => {}
        }
        x.skip()
    })?;
    Ok(n)
}

/// Reads a `w:sectPr` whose start tag was just read.
pub(crate) fn read_sect(x: &mut Xml<'_>) -> Result<SectRefs> {
    let mut refs = SectRefs::default();
    x.each(|x, s| {
        let is_header = s.is(Ns::W, b"headerReference");
        if is_header || s.is(Ns::W, b"footerReference") {
            let ty = match x.attr(&s, Ns::W, b"type").as_deref().unwrap_or("default") {
                "first" => HfType::First,
                "even" => HfType::Even,
                _ => HfType::Default,
            };
            if let Some(id) = x.attr(&s, Ns::R, b"id").as_deref() {
                let entry = (ty, id.to_string());
                if is_header {
                    refs.headers.push(entry);
                } else {
                    refs.footers.push(entry);
                }
            }
        }
        x.skip()
    })?;
    refs.headers.sort_by_key(|(t, _)| *t);
    refs.footers.sort_by_key(|(t, _)| *t);
    Ok(refs)
}
