//! The block-level walker shared by the document body, headers, footers and notes: paragraphs,
//! tables, content controls, in reading order. Streams the part's events; no tree is built.

use super::numbering::LazyNumbering;
use super::para::{read_para, read_sect, ParaOut, RunState, SectRefs};
use super::styles::Styles;
use super::xml::{Ns, Start, Xml};
use crate::blocks::StyleHint;
use crate::limits::LimitKind;
use crate::Result;

/// Reads a part of the package by name (`None`: there is no such part).
pub(crate) type PartLoader<'s> = dyn FnMut(&str) -> Result<Option<Vec<u8>>> + 's;

/// A paragraph with what the styles and the numbering say about it.
#[derive(Debug, Clone)]
pub(crate) struct ReadPara {
    /// The paragraph.
    pub para: ParaOut,
    /// Style hint.
    pub hint: StyleHint,
    /// Word auto-numbering label.
    pub auto_label: Option<String>,
    /// Its list level (`w:ilvl`), when it has a label.
    pub list_level: Option<u8>,
}

/// A block-level item of a container.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    /// A paragraph.
    Para(ReadPara),
    /// A table: rows of cells, each cell its paragraphs joined by `\n`; and the ids of the
    /// comments anchored in its cells.
    Table(Vec<Vec<String>>, Vec<String>),
}

/// What the walker needs to know and keep while reading one part.
pub(crate) struct Walker<'s> {
    /// Styles of the document.
    pub styles: &'s Styles,
    /// Numbering with its counters, and what reads its part when first needed; `None` where
    /// Word numbering is not rendered.
    pub numbering: Option<(&'s mut LazyNumbering, &'s mut PartLoader<'s>)>,
    /// Field state across paragraphs.
    pub runs: RunState,
    /// Paragraphs read so far (all parts), for the limit.
    pub paragraphs: &'s mut u64,
    /// The paragraph limit.
    pub max_paragraphs: u64,
    /// The body's own (last) section, when the walker meets `w:body/w:sectPr`.
    pub final_sect: Option<SectRefs>,
    /// Comments whose range starts between paragraphs: anchored in the next one.
    pub pending_comments: Vec<String>,
    /// Comments anchored in the cells of the table being read.
    pub cell_comments: Vec<String>,
}

impl Walker<'_> {
    fn paragraph(&mut self, x: &mut Xml<'_>) -> Result<ReadPara> {
        *self.paragraphs += 1;
        if *self.paragraphs > self.max_paragraphs {
            return Err(LimitKind::Paragraphs.exceeded(*self.paragraphs, self.max_paragraphs));
        }
        let mut para = read_para(x, &mut self.runs)?;
        if !self.pending_comments.is_empty() {
            let mut ids = std::mem::take(&mut self.pending_comments);
            ids.append(&mut para.comments);
            para.comments = ids;
        }
        let hint = self.styles.hint(para.style.as_deref(), para.outline);
        let auto_label = match &mut self.numbering {
            Some((n, load)) => {
                n.next_label(para.num.as_ref(), para.style.as_deref(), self.styles, *load)?
            }
            None => None,
        };
        let list_level = auto_label.as_ref().map(|_| {
            para.num
                .as_ref()
                .and_then(|n| n.ilvl)
                .or_else(|| self.styles.num(para.style.as_deref()).and_then(|n| n.ilvl))
                .unwrap_or(0)
        });
        Ok(ReadPara {
            para,
            hint,
            auto_label,
            list_level,
        })
    }

    /// Reads the block-level children of the current element to its end tag.
    pub fn blocks(&mut self, x: &mut Xml<'_>, out: &mut Vec<Item>) -> Result<()> {
        x.each(|x, s| self.block(x, s, out))
    }

    /// One block-level element. Content controls nest blocks recursively, so the large
    /// values (a paragraph, a table) live in functions of their own, off the recursion's
    /// stack frames: 512 levels must fit a 2 MiB stack in a debug build.
    fn block(&mut self, x: &mut Xml<'_>, s: Start<'_>, out: &mut Vec<Item>) -> Result<()> {
        match (s.ns, s.local()) {
            (Ns::W, b"p") => self.push_paragraph(x, out),
            (Ns::W, b"tbl") => self.push_table(x, out),
            (Ns::W, b"commentRangeStart") => {
                self.pending_comments
                    .extend(x.attr(&s, Ns::W, b"id").map(Into::into));
                x.skip()
            }
            (Ns::W, b"sectPr") => self.read_final_sect(x),
            // Block-level content controls, custom XML, tracked insertions: their content.
            (Ns::W, b"sdt" | b"sdtContent" | b"customXml" | b"ins" | b"moveTo")
            | (Ns::Mc, b"AlternateContent" | b"Choice") => self.blocks(x, out),
            _ => x.skip(),
        }
    }

    #[inline(never)]
    fn push_paragraph(&mut self, x: &mut Xml<'_>, out: &mut Vec<Item>) -> Result<()> {
        let p = self.paragraph(x)?;
        out.push(Item::Para(p));
        Ok(())
    }

    #[inline(never)]
    fn push_table(&mut self, x: &mut Xml<'_>, out: &mut Vec<Item>) -> Result<()> {
        let rows = self.table(x)?;
        let comments = std::mem::take(&mut self.cell_comments);
        out.push(Item::Table(rows, comments));
        Ok(())
    }

    #[inline(never)]
    fn read_final_sect(&mut self, x: &mut Xml<'_>) -> Result<()> {
        self.final_sect = Some(read_sect(x)?);
        Ok(())
    }

    /// Reads a `w:tbl` whose start tag was just read.
    fn table(&mut self, x: &mut Xml<'_>) -> Result<Vec<Vec<String>>> {
        let mut rows = Vec::new();
        self.rows(x, &mut rows)?;
        Ok(rows)
    }

    fn rows(&mut self, x: &mut Xml<'_>, rows: &mut Vec<Vec<String>>) -> Result<()> {
        x.each(|x, s| {
            match (s.ns, s.local()) {
                (Ns::W, b"tr") => {
                    let mut cells = Vec::new();
                    self.cells(x, &mut cells)?;
                    rows.push(cells);
                }
                (Ns::W, b"sdt" | b"sdtContent" | b"customXml") => self.rows(x, rows)?,
                _ => x.skip()?,
            }
            Ok(())
        })
    }

    fn cells(&mut self, x: &mut Xml<'_>, cells: &mut Vec<String>) -> Result<()> {
        x.each(|x, s| {
            match (s.ns, s.local()) {
                (Ns::W, b"tc") => {
                    let mut items = Vec::new();
                    self.blocks(x, &mut items)?;
                    cells.push(cell_text(&items));
                    for item in items {
                        match item {
                            Item::Para(p) => self.cell_comments.extend(p.para.comments),
                            Item::Table(_, c) => self.cell_comments.extend(c),
                        }
                    }
                }
                (Ns::W, b"sdt" | b"sdtContent" | b"customXml") => self.cells(x, cells)?,
                _ => x.skip()?,
            }
            Ok(())
        })
    }
}

/// The text of a note or comment: its paragraphs and its tables' rows (cells joined by tabs),
/// one per line.
pub(crate) fn items_text(items: &[Item]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for item in items {
        match item {
            Item::Para(p) => lines.push(p.para.text.clone()),
            Item::Table(rows, _) => lines.extend(rows.iter().map(|r| r.join("\t"))),
        }
    }
    lines.join("\n")
}

/// A cell's text: its paragraphs joined by `\n`; a nested table as tab-separated lines.
fn cell_text(items: &[Item]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for item in items {
        match item {
            // Word shows the cell's list labels; they belong to the cell's text.
            Item::Para(p) => match &p.auto_label {
                Some(l) => parts.push(format!("{l} {}", p.para.text)),
                None => parts.push(p.para.text.clone()),
            },
            Item::Table(rows, _) => {
                for row in rows {
                    parts.push(row.join("\t"));
                }
            }
        }
    }
    parts.join("\n")
}
