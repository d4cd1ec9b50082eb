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

mod comments;
mod container;
mod core_props;
mod document;
mod headers;
mod notes;
mod numbering;
mod numfmt;
mod ole;
mod para;
mod rels;
mod styles;
mod symbols;
mod xml;

use foldhash::{HashMap, HashMapExt, HashSet};

use container::Container;
use document::{Item, PartLoader, ReadPara, Walker};
use headers::{HeadersFooters, HfCtx};
use numbering::LazyNumbering;
use para::RunState;
use rels::Rel;
use styles::Styles;
use xml::{Ns, Xml};

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
    // Named (and a dangling relationship reported) now, inflated when first needed.
    let numbering_part = optional_part_name(
        &pkg,
        &doc_rels,
        "numbering",
        "word/numbering.xml",
        &mut warnings,
    );
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

    let mut comments = Vec::new();
    if let Some((name, b)) = optional_part(
        &mut pkg,
        &doc_rels,
        "comments",
        "word/comments.xml",
        &mut warnings,
    )? {
        let mut w = walker(&styles, None, &mut paragraphs, limits);
        let parsed = comments::parse(&b, &name, &mut w, depth);
        if let Some(c) = degrade(parsed, &name, &mut warnings)? {
            comments = c;
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
        let mut load = |name: &str| Ok(pkg.read(name)?.map(xml::to_utf8));
        let mut w = walker(
            &styles,
            Some((&mut numbering, &mut load)),
            &mut paragraphs,
            limits,
        );
        read_body(&mut x, &mut w, &mut body)?;
        w.final_sect.take()
    };
    if numbering.cut_labels > 0 {
        warnings.push(Warning::new(
            WarningCode::LabelTooLong,
            format!(
                "{} auto-numbering label(s) longer than {} characters (from numbering.xml) were cut to that length",
                numbering.cut_labels,
                numfmt::MAX_LABEL_CHARS
            ),
            None,
        ));
    }
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
    // Where each comment is anchored: the first block that names it.
    let mut anchors: HashMap<String, usize> = HashMap::new();
    let mut anchor = |ids: &[String], at: usize| {
        for id in ids {
            anchors.entry(id.clone()).or_insert(at);
        }
    };
    for item in body {
        match item {
            Item::Para(p) => {
                let sect = p.para.sect.clone();
                if let Some(s) = &sect {
                    hf.emit(ctx, s, true, &mut blocks)?;
                }
                let ids = p.para.comments.clone();
                if let Some(para) = to_para(p) {
                    anchor(&ids, blocks.len());
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
            Item::Table(rows, ids) => {
                anchor(&ids, blocks.len());
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
    let comments = comments
        .into_iter()
        .map(|(id, mut c)| {
            c.block = anchors.get(&id).copied();
            c
        })
        .collect();
    Ok(RawDocument {
        blocks,
        notes,
        comments,
        props,
        warnings,
    })
}

fn walker<'s>(
    styles: &'s Styles,
    numbering: Option<(&'s mut LazyNumbering, &'s mut PartLoader<'s>)>,
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
        pending_comments: Vec::new(),
        cell_comments: Vec::new(),
    }
}

/// Reads `w:document/w:body`.
fn read_body(x: &mut Xml<'_>, w: &mut Walker<'_>, out: &mut Vec<Item>) -> Result<()> {
    let mut root_seen = false;
    x.each(|x, s| {
        if !root_seen {
            if !s.is(Ns::W, b"document") {
                return Err(Error::NotADocx(format!(
                    "{} is not a WordprocessingML document (its root element is not w:document)",
                    x.part()
                )));
            }
            // Left unread: its children come next.
            root_seen = true;
            Ok(())
        } else if s.is(Ns::W, b"body") {
            w.blocks(x, out)
        } else {
            x.skip()
        }
    })?;
    if !root_seen {
        return Err(x.error("the part is empty"));
    }
    Ok(())
}

/// Turns a read paragraph into a block paragraph. Paragraphs with nothing but white space
/// (no note, no label) are layout, not content, and are dropped, as the text reader drops
/// blank lines.
fn to_para(p: ReadPara) -> Option<Para> {
    let ReadPara {
        para,
        hint,
        auto_label,
        list_level,
    } = p;
    if para.text.trim().is_empty() && para.notes.is_empty() && auto_label.is_none() {
        return None;
    }
    Some(Para {
        text: para.text,
        auto_label,
        list_level,
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
    let Some(name) = optional_part_name(pkg, rels, kind, default, warnings) else {
        return Ok(None);
    };
    Ok(pkg.read(&name)?.map(|b| (name, xml::to_utf8(b))))
}

/// The name of the part [`optional_part`] reads, when the package holds it.
fn optional_part_name(
    pkg: &Container<'_>,
    rels: &[Rel],
    kind: &str,
    default: &str,
    warnings: &mut Vec<Warning>,
) -> Option<String> {
    match rels::target_of(rels, kind) {
        Some(t) if pkg.has(t) => Some(t.to_string()),
        Some(t) => {
            warnings.push(Warning::new(
                WarningCode::DocxPartMissing,
                format!("the document refers to {t}, which the package does not contain; read without it"),
                None,
            ));
            None
        }
        None if pkg.has(default) => Some(default.to_string()),
        None => None,
    }
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
