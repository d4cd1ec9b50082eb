//! The block-level walker shared by the document body, headers, footers and notes: paragraphs,
//! tables, content controls, in reading order. Streams the part's events; no tree is built.

use super::numbering::LazyNumbering;
use super::para::{read_para, read_sect, ParaOut, RunState, SectRefs};
use super::styles::Styles;
use super::xml::{Ev, Ns, Xml};
use crate::blocks::StyleHint;
use crate::limits::LimitKind;
use crate::Result;

/// A paragraph with what the styles and the numbering say about it.
#[derive(Debug, Clone)]
pub(crate) struct ReadPara {
    /// The paragraph.
    pub para: ParaOut,
    /// Style hint.
    pub hint: StyleHint,
    /// Word auto-numbering label.
    pub auto_label: Option<String>,
}

/// A block-level item of a container.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    /// A paragraph.
    Para(ReadPara),
    /// A table: rows of cells, each cell its paragraphs joined by `\n`.
    Table(Vec<Vec<String>>),
}

/// What the walker needs to know and keep while reading one part.
pub(crate) struct Walker<'s> {
    /// Styles of the document.
    pub styles: &'s Styles,
    /// Numbering with its counters; `None` where Word numbering is not rendered.
    pub numbering: Option<&'s mut LazyNumbering>,
    /// Field state across paragraphs.
    pub runs: RunState,
    /// Paragraphs read so far (all parts), for the limit.
    pub paragraphs: &'s mut u64,
    /// The paragraph limit.
    pub max_paragraphs: u64,
    /// The body's own (last) section, when the walker meets `w:body/w:sectPr`.
    pub final_sect: Option<SectRefs>,
}

impl Walker<'_> {
    fn paragraph(&mut self, x: &mut Xml<'_>) -> Result<ReadPara> {
        *self.paragraphs += 1;
        if *self.paragraphs > self.max_paragraphs {
            return Err(LimitKind::Paragraphs.exceeded(*self.paragraphs, self.max_paragraphs));
        }
        let para = read_para(x, &mut self.runs)?;
        let hint = self.styles.hint(para.style.as_deref(), para.outline);
        let auto_label = match self.numbering.as_deref_mut() {
            Some(n) => n.next_label(para.num.as_ref(), para.style.as_deref(), self.styles),
            None => None,
        };
        Ok(ReadPara {
            para,
            hint,
            auto_label,
        })
    }

    /// Reads the block-level children of the current element to its end tag.
    pub fn blocks(&mut self, x: &mut Xml<'_>, out: &mut Vec<Item>) -> Result<()> {
        loop {
            let s = match x.next()? {
                Ev::Start(s) => s,
                Ev::End => return Ok(()),
                Ev::Text(_) => continue,
                Ev::Eof => return Err(x.error("unexpected end of the part")),
            };
            match (s.ns, s.local()) {
                (Ns::W, b"p") => {
                    let p = self.paragraph(x)?;
                    out.push(Item::Para(p));
                }
                (Ns::W, b"tbl") => {
                    let rows = self.table(x)?;
                    out.push(Item::Table(rows));
                }
                (Ns::W, b"sectPr") => self.final_sect = Some(read_sect(x)?),
                // Block-level content controls, custom XML, tracked insertions: their content.
                (Ns::W, b"sdt" | b"sdtContent" | b"customXml" | b"ins" | b"moveTo")
                | (Ns::Mc, b"AlternateContent" | b"Choice") => self.blocks(x, out)?,
                _ => x.skip()?,
            }
        }
    }

    /// Reads a `w:tbl` whose start tag was just read.
    fn table(&mut self, x: &mut Xml<'_>) -> Result<Vec<Vec<String>>> {
        let mut rows = Vec::new();
        self.rows(x, &mut rows)?;
        Ok(rows)
    }

    fn rows(&mut self, x: &mut Xml<'_>, rows: &mut Vec<Vec<String>>) -> Result<()> {
        loop {
            let s = match x.next()? {
                Ev::Start(s) => s,
                Ev::End => return Ok(()),
                Ev::Text(_) => continue,
                Ev::Eof => return Err(x.error("unexpected end of the part inside w:tbl")),
            };
            match (s.ns, s.local()) {
                (Ns::W, b"tr") => {
                    let mut cells = Vec::new();
                    self.cells(x, &mut cells)?;
                    rows.push(cells);
                }
                (Ns::W, b"sdt" | b"sdtContent" | b"customXml") => self.rows(x, rows)?,
                _ => x.skip()?,
            }
        }
    }

    fn cells(&mut self, x: &mut Xml<'_>, cells: &mut Vec<String>) -> Result<()> {
        loop {
            let s = match x.next()? {
                Ev::Start(s) => s,
                Ev::End => return Ok(()),
                Ev::Text(_) => continue,
                Ev::Eof => return Err(x.error("unexpected end of the part inside w:tr")),
            };
            match (s.ns, s.local()) {
                (Ns::W, b"tc") => {
                    let mut items = Vec::new();
                    self.blocks(x, &mut items)?;
                    cells.push(cell_text(&items));
                }
                (Ns::W, b"sdt" | b"sdtContent" | b"customXml") => self.cells(x, cells)?,
                _ => x.skip()?,
            }
        }
    }
}

/// A cell's text: its paragraphs joined by `\n`; a nested table as tab-separated lines.
fn cell_text(items: &[Item]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for item in items {
        match item {
            Item::Para(p) => parts.push(p.para.text.clone()),
            Item::Table(rows) => {
                for row in rows {
                    parts.push(row.join("\t"));
                }
            }
        }
    }
    parts.join("\n")
}
