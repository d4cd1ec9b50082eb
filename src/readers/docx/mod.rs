//! The .docx reader: zip + quick-xml, namespace-aware, streaming the main document part.
//!
//! It lowers a WordprocessingML package to the same [`RawDocument`] the text reader makes of
//! the package's Apache POI text export, so that one structure builder serves both:
//!
//! - page headers of the body's section first ([`Region::Header`]), then the body in reading
//!   order (a header or footer of an earlier section where its section break stands), then the
//!   footers ([`Region::Footer`]), which is the order POI prints them in;
//! - one [`Block::Para`] per non-empty Word paragraph, its text in export form
//!   (see `para.rs`), its Word auto-numbering label in [`Para::auto_label`], its style as a
//!   [`crate::blocks::StyleHint`];
//! - the first table, when it comes before any body text, as the first-page masthead
//!   ([`Region::FirstPage`]), and so is a table in the first-page header; other tables as
//!   [`Region::Body`] (or the header's or footer's region);
//! - note bodies from the footnotes and endnotes parts, core properties from `docProps/core.xml`.
//!
//! Where POI 3.17 itself departs from what Word shows, the reader follows Word: deleted and
//! moved-from text is dropped (POI prints it), `w:sym` and `w:noBreakHyphen` are kept (POI
//! drops them), inline content controls and custom XML are shown (POI drops them), a nested
//! field shows only the outer result, and a file with another prefix than `w:` reads the same
//! (POI then prints field codes and loses tabs).
//!
//! Missing or malformed styles, numbering, notes and properties parts degrade with a warning;
//! a malformed main document is an error. Every size is capped by [`Limits`].

mod container;
mod core_props;
mod document;
mod notes;
mod numbering;
mod ole;
mod para;
mod rels;
mod styles;
mod xml;

use std::collections::{HashMap, HashSet};

use container::Container;
use document::{Item, ReadPara, Walker};
use numbering::LazyNumbering;
use para::{HfType, RunState, SectRefs};
use rels::Rel;
use styles::Styles;
use xml::{Ev, Ns, Xml};

use crate::blocks::{Block, CoreProps, NoteBody, Para, RawDocument, Region};
use crate::model::{Warning, WarningCode};
use crate::{Error, Limits, Result};

/// Reads a .docx into the block stream.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<RawDocument> {
    let mut pkg = Container::open(bytes, limits)?;
    let mut warnings = Vec::new();
    let depth = limits.max_xml_depth;

    let pkg_rels = read_rels(&mut pkg, "", depth, &mut warnings)?;
    let main = rels::target_of(&pkg_rels, "officeDocument")
        .filter(|t| pkg.has(t))
        .unwrap_or("word/document.xml")
        .to_string();
    if !pkg.has(&main) {
        return Err(Error::NotADocx(
            "the zip package has no word/document.xml (it may be another kind of zip file, \
             such as an Excel or PowerPoint file)"
                .into(),
        ));
    }
    let doc_rels = read_rels(&mut pkg, &main, depth, &mut warnings)?;

    let styles = match optional_part(
        &mut pkg,
        &doc_rels,
        "styles",
        "word/styles.xml",
        &mut warnings,
    )? {
        Some((name, b)) => degrade(Styles::parse(&b, &name, depth), &name, &mut warnings)?,
        None => None,
    }
    .unwrap_or_default();
    let numbering_part = optional_part(
        &mut pkg,
        &doc_rels,
        "numbering",
        "word/numbering.xml",
        &mut warnings,
    )?;
    let mut numbering = LazyNumbering::new(numbering_part, depth);

    let mut paragraphs = 0u64;
    let mut notes: Vec<NoteBody> = Vec::new();
    for (kind, rel, default) in [
        (
            crate::model::NoteKind::Footnote,
            "footnotes",
            "word/footnotes.xml",
        ),
        (
            crate::model::NoteKind::Endnote,
            "endnotes",
            "word/endnotes.xml",
        ),
    ] {
        if let Some((name, b)) = optional_part(&mut pkg, &doc_rels, rel, default, &mut warnings)? {
            let mut w = walker(&styles, None, &mut paragraphs, limits);
            let parsed = notes::parse(&b, &name, kind, &mut w, depth);
            if let Some(n) = degrade(parsed, &name, &mut warnings)? {
                notes.extend(n);
            }
        }
    }

    let core_name = rels::target_of(&pkg_rels, "core-properties")
        .unwrap_or("docProps/core.xml")
        .to_string();
    let props = match pkg.read(&core_name)? {
        Some(b) => degrade(
            core_props::parse(&xml::to_utf8(b), &core_name, depth),
            &core_name,
            &mut warnings,
        )?
        .unwrap_or_default(),
        None => CoreProps::default(),
    };

    // The main document: streamed, and fatal when malformed.
    let Some(doc_bytes) = pkg.read(&main)? else {
        return Err(Error::NotADocx(format!("cannot read {main}")));
    };
    let doc_bytes = xml::to_utf8(doc_bytes);
    let mut x = Xml::new(&doc_bytes, &main, depth);
    let mut body = Vec::new();
    let final_sect = {
        let mut w = walker(&styles, Some(&mut numbering), &mut paragraphs, limits);
        read_body(&mut x, &mut w, &mut body)?;
        w.final_sect.take()
    };
    if let Some(e) = numbering.failure.take() {
        let part = rels::target_of(&doc_rels, "numbering").unwrap_or("word/numbering.xml");
        degrade::<()>(Err(e), part, &mut warnings)?;
    }

    let mut hf = HeadersFooters {
        targets: {
            let mut t = HashMap::new();
            for r in &doc_rels {
                t.entry(r.id.as_str()).or_insert(r.target.as_str());
            }
            t
        },
        cache: HashMap::new(),
    };
    let mut blocks = Vec::new();
    let ctx = &mut HfCtx {
        pkg: &mut pkg,
        styles: &styles,
        paragraphs: &mut paragraphs,
        limits,
        warnings: &mut warnings,
    };
    if let Some(s) = &final_sect {
        hf.emit(ctx, s, true, &mut blocks)?;
    }
    let mut seen_text = false;
    let mut seen_table = false;
    for item in body {
        match item {
            Item::Para(p) => {
                let sect = p.para.sect.clone();
                if let Some(s) = &sect {
                    hf.emit(ctx, s, true, &mut blocks)?;
                }
                if let Some(para) = to_para(p) {
                    seen_text |= !para.text.trim().is_empty();
                    blocks.push(Block::Para {
                        region: Region::Body,
                        para,
                    });
                }
                if let Some(s) = &sect {
                    hf.emit(ctx, s, false, &mut blocks)?;
                }
            }
            Item::Table(rows) => {
                // The masthead is a table that opens the document, before any body text.
                let region = if !seen_table && !seen_text {
                    Region::FirstPage
                } else {
                    Region::Body
                };
                seen_table = true;
                blocks.push(Block::Table { region, rows });
            }
        }
    }
    if let Some(s) = &final_sect {
        hf.emit(ctx, s, false, &mut blocks)?;
    }

    add_missing_notes(&blocks, &mut notes);
    Ok(RawDocument {
        blocks,
        notes,
        props,
        warnings,
    })
}

fn walker<'s>(
    styles: &'s Styles,
    numbering: Option<&'s mut LazyNumbering>,
    paragraphs: &'s mut u64,
    limits: &Limits,
) -> Walker<'s> {
    Walker {
        styles,
        numbering,
        runs: RunState::default(),
        paragraphs,
        max_paragraphs: limits.max_paragraphs,
        final_sect: None,
    }
}

/// Reads `w:document/w:body`.
fn read_body(x: &mut Xml<'_>, w: &mut Walker<'_>, out: &mut Vec<Item>) -> Result<()> {
    let mut root_seen = false;
    loop {
        match x.next()? {
            Ev::Start(s) if !root_seen => {
                if !s.is(Ns::W, b"document") {
                    return Err(Error::NotADocx(format!(
                        "{} is not a WordprocessingML document (its root element is not w:document)",
                        x.part()
                    )));
                }
                root_seen = true;
            }
            Ev::Start(s) if s.is(Ns::W, b"body") => w.blocks(x, out)?,
            Ev::Start(_) => x.skip()?,
            Ev::Eof => {
                if !root_seen {
                    return Err(x.error("the part is empty"));
                }
                return Ok(());
            }
            _ => {}
        }
    }
}

/// Turns a read paragraph into a block paragraph. Paragraphs with nothing but white space
/// (no note, no label) are layout, not content, and are dropped, as the text reader drops
/// blank lines.
fn to_para(p: ReadPara) -> Option<Para> {
    let ReadPara {
        para,
        hint,
        auto_label,
    } = p;
    if para.text.trim().is_empty() && para.notes.is_empty() && auto_label.is_none() {
        return None;
    }
    Some(Para {
        text: para.text,
        auto_label,
        style: hint,
        notes: para.notes,
        line: None,
    })
}

/// A referenced note with no body is recorded as missing, as POI's text export does.
fn add_missing_notes(blocks: &[Block], notes: &mut Vec<NoteBody>) {
    let mut known: HashSet<String> = notes.iter().map(|n| n.id.clone()).collect();
    for b in blocks {
        if let Block::Para { para, .. } = b {
            for m in &para.notes {
                if known.insert(m.id.clone()) {
                    notes.push(NoteBody {
                        id: m.id.clone(),
                        kind: m.kind,
                        text: String::new(),
                        missing: true,
                    });
                }
            }
        }
    }
}

/// Reads the rels part describing `source` ("" for the package); absent means none.
fn read_rels(
    pkg: &mut Container<'_>,
    source: &str,
    max_depth: u64,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Rel>> {
    let name = if source.is_empty() {
        "_rels/.rels".to_string()
    } else {
        rels::rels_part_for(source)
    };
    match pkg.read(&name)? {
        Some(b) => Ok(degrade(
            rels::parse(&xml::to_utf8(b), &name, source, max_depth),
            &name,
            warnings,
        )?
        .unwrap_or_default()),
        None => Ok(Vec::new()),
    }
}

/// The part a relationship of `kind` points at (else the conventional name), read.
/// A relationship to a part the package lacks is a warning.
fn optional_part(
    pkg: &mut Container<'_>,
    rels: &[Rel],
    kind: &str,
    default: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Option<(String, Vec<u8>)>> {
    let name = match rels::target_of(rels, kind) {
        Some(t) if pkg.has(t) => t.to_string(),
        Some(t) => {
            warnings.push(Warning::new(
                WarningCode::DocxPartMissing,
                format!("the document refers to {t}, which the package does not contain; read without it"),
                None,
            ));
            return Ok(None);
        }
        None if pkg.has(default) => default.to_string(),
        None => return Ok(None),
    };
    Ok(pkg.read(&name)?.map(|b| (name, xml::to_utf8(b))))
}

/// A malformed secondary part becomes a warning; resource limits stay errors.
fn degrade<T>(r: Result<T>, part: &str, warnings: &mut Vec<Warning>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(Error::Xml { message, .. }) => {
            warnings.push(Warning::new(
                WarningCode::DocxPartMalformed,
                format!("{part} is malformed ({message}); read without it"),
                None,
            ));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

struct HfCtx<'a, 'p> {
    pkg: &'a mut Container<'p>,
    styles: &'a Styles,
    paragraphs: &'a mut u64,
    limits: &'a Limits,
    warnings: &'a mut Vec<Warning>,
}

/// Header and footer parts, read once each and emitted wherever a section refers to them.
struct HeadersFooters<'r> {
    /// Relationship targets by id (the first of equal ids wins), hashed: a document with
    /// thousands of sections looked each one up in a list.
    targets: HashMap<&'r str, &'r str>,
    cache: HashMap<String, Vec<Item>>,
}

impl HeadersFooters<'_> {
    /// Emits the headers (`headers == true`) or footers of a section: first-page, even, default.
    fn emit(
        &mut self,
        ctx: &mut HfCtx<'_, '_>,
        sect: &SectRefs,
        headers: bool,
        out: &mut Vec<Block>,
    ) -> Result<()> {
        let (refs, region) = if headers {
            (&sect.headers, Region::Header)
        } else {
            (&sect.footers, Region::Footer)
        };
        for (ty, rid) in refs {
            let items = self.load(ctx, rid)?;
            // Some UN templates draw the masthead as a table in the first-page header.
            let table_region = if headers && *ty == HfType::First {
                Region::FirstPage
            } else {
                region
            };
            // POI prints a header's non-empty paragraphs, then its tables.
            for item in items {
                if let Item::Para(p) = item {
                    if !p.para.text.is_empty() {
                        out.push(Block::Para {
                            region,
                            para: Para {
                                text: p.para.text.clone(),
                                auto_label: None,
                                style: p.hint,
                                notes: Vec::new(),
                                line: None,
                            },
                        });
                    }
                }
            }
            for item in items {
                if let Item::Table(rows) = item {
                    out.push(Block::Table {
                        region: table_region,
                        rows: rows.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    fn load(&mut self, ctx: &mut HfCtx<'_, '_>, rid: &str) -> Result<&Vec<Item>> {
        if !self.cache.contains_key(rid) {
            let items = self.read_part(ctx, rid)?;
            self.cache.insert(rid.to_string(), items);
        }
        Ok(self.cache.entry(rid.to_string()).or_default())
    }

    fn read_part(&self, ctx: &mut HfCtx<'_, '_>, rid: &str) -> Result<Vec<Item>> {
        let Some(target) = self.targets.get(rid).map(|t| t.to_string()) else {
            ctx.warnings.push(Warning::new(
                WarningCode::DocxPartMissing,
                format!(
                    "a section refers to header/footer relationship {rid}, which is not defined"
                ),
                None,
            ));
            return Ok(Vec::new());
        };
        let Some(bytes) = ctx.pkg.read(&target)? else {
            ctx.warnings.push(Warning::new(
                WarningCode::DocxPartMissing,
                format!("the document refers to {target}, which the package does not contain; read without it"),
                None,
            ));
            return Ok(Vec::new());
        };
        let bytes = xml::to_utf8(bytes);
        let mut x = Xml::new(&bytes, &target, ctx.limits.max_xml_depth);
        let mut w = walker(ctx.styles, None, ctx.paragraphs, ctx.limits);
        let mut items = Vec::new();
        let parsed = (|| -> Result<()> {
            loop {
                match x.next()? {
                    Ev::Start(_) => return w.blocks(&mut x, &mut items),
                    Ev::Eof => return Ok(()),
                    _ => {}
                }
            }
        })();
        degrade(parsed, &target, ctx.warnings)?;
        Ok(items)
    }
}
