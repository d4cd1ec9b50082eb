//! Page headers and footers: each part read once, its blocks emitted wherever a section
//! refers to it (first-page, even, default), in the order POI prints them.

use foldhash::HashMap;

use super::container::Container;
use super::document::Item;
use super::para::{HfType, SectRefs};
use super::styles::Styles;
use super::xml::{self, Xml};
use super::{degrade, walker};
use crate::blocks::{Block, Para, Region};
use crate::model::{Warning, WarningCode};
use crate::{Limits, Result};

pub(super) struct HfCtx<'a, 'p> {
    pub(super) pkg: &'a mut Container<'p>,
    pub(super) styles: &'a Styles,
    pub(super) paragraphs: &'a mut u64,
    pub(super) limits: &'a Limits,
    pub(super) warnings: &'a mut Vec<Warning>,
}

/// Header and footer parts, read once each and emitted wherever a section refers to them.
pub(super) struct HeadersFooters<'r> {
    /// Relationship targets by id (the first of equal ids wins), hashed: a document with
    /// thousands of sections looked each one up in a list.
    pub(super) targets: HashMap<&'r str, &'r str>,
    pub(super) cache: HashMap<String, Vec<Item>>,
}

impl HeadersFooters<'_> {
    /// Emits the headers (`headers == true`) or footers of a section: first-page, even, default.
    pub(super) fn emit(
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
                                list_level: None,
                                style: p.hint,
                                notes: Vec::new(),
                                line: None,
                            },
                        });
                    }
                }
            }
            for item in items {
                if let Item::Table(rows, _) = item {
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
        // The root's children are the header's blocks.
        let parsed = x.each(|x, _root| w.blocks(x, &mut items));
        degrade(parsed, &target, ctx.warnings)?;
        Ok(items)
    }
}
