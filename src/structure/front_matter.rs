//! Pass 1 of the builder, the front matter: the first-page block, headers and footers, the
//! title and the page furniture feed `metadata` and never `body`.

use super::metadata;
use super::normalize::clean;
use crate::blocks::{Block, CoreProps, Para, Region, StyleHint};
use crate::model::{Metadata, SymbolSource};
use crate::un::labels::{split_label, Label};

/// What the front-matter pass leaves: the metadata it read, the title paragraph (its notes
/// are the document's first note references) and the body blocks after it.
pub(super) struct FrontMatter {
    pub metadata: Metadata,
    pub title: Option<Para>,
    pub body: Vec<Block>,
}

/// Splits the front matter off `blocks`. `path` is the input's name, which gives the
/// symbol when nothing else does.
pub(super) fn split(blocks: Vec<Block>, props: &CoreProps, path: Option<&str>) -> FrontMatter {
    let mut md = Metadata::default();
    let mut body: Vec<Block> = Vec::new();
    let mut footer_tokens: Vec<String> = Vec::new();
    for block in blocks {
        match block {
            Block::Table {
                region: Region::FirstPage | Region::Header,
                rows,
            } => {
                for cell in rows.iter().flatten() {
                    metadata::from_tokens(&mut md, metadata::tokens(cell));
                }
            }
            Block::Para {
                region: Region::Header | Region::FirstPage,
                para,
            } => metadata::from_tokens(&mut md, metadata::tokens(&para.text)),
            Block::Para {
                region: Region::Footer,
                para,
            } => footer_tokens.extend(metadata::tokens(&para.text).map(str::to_string)),
            Block::Table {
                region: Region::Footer,
                rows,
            } => {
                for cell in rows.iter().flatten() {
                    footer_tokens.extend(metadata::tokens(cell).map(str::to_string));
                }
            }
            other => body.push(other),
        }
    }

    let title_at = find_title(&body);
    let first_content = title_at.map(|t| t + 1).unwrap_or_else(|| {
        body.iter()
            .position(|blk| match blk {
                Block::Para { para, .. } => is_structural(para),
                Block::Table { .. } => false,
            })
            .unwrap_or(0)
    });
    let mut rest = body.split_off(first_content.min(body.len()));
    let title_block = title_at.and_then(|_| body.pop());
    // What stands before the title is the first-page block.
    for block in &body {
        match block {
            Block::Para { para, .. } => {
                metadata::from_tokens(&mut md, metadata::tokens(&para.text))
            }
            Block::Table { rows, .. } => {
                for cell in rows.iter().flatten() {
                    metadata::from_tokens(&mut md, metadata::tokens(cell));
                }
            }
        }
    }
    let title = match title_block {
        Some(Block::Para { para, .. }) => Some(para),
        _ => None,
    };
    if let Some(para) = &title {
        let (title, _) = clean(&para.text, 0, &para.notes);
        metadata::from_title(&mut md, &title);
        md.title = Some(title);
    }
    if md.symbol.is_none() {
        if let Some(sym) = props
            .subject
            .as_deref()
            .map(str::trim)
            .filter(|s| crate::un::symbol::is_symbol(s))
        {
            md.symbol = Some(sym.to_string());
            md.symbol_source = Some(SymbolSource::Header);
        }
    }

    // Page furniture inside the flow (text exports put footers at the end).
    rest.retain(|blk| match blk {
        Block::Para { para, .. } if metadata::is_furniture(&para.text, md.symbol.as_deref()) => {
            footer_tokens.extend(metadata::tokens(&para.text).map(str::to_string));
            false
        }
        _ => true,
    });
    metadata::from_tokens(&mut md, footer_tokens.iter().map(String::as_str));
    if md.symbol.is_none() {
        if let Some(sym) = path.and_then(crate::un::symbol::symbol_from_filename) {
            md.symbol = Some(sym);
            md.symbol_source = Some(SymbolSource::Filename);
        }
    }
    FrontMatter {
        metadata: md,
        title,
        body: rest,
    }
}

/// The title: the paragraph styled as one, or the first one that reads like one, before any
/// numbered paragraph or heading.
fn find_title(body: &[Block]) -> Option<usize> {
    for (i, blk) in body.iter().enumerate() {
        let Block::Para { para, .. } = blk else {
            continue;
        };
        if para.style == StyleHint::Title {
            return Some(i);
        }
        let t = para.text.trim_start().to_lowercase();
        if crate::model::DocumentType::is_title_opening(&t) {
            return Some(i);
        }
        if is_structural(para) {
            return None;
        }
    }
    None
}

/// A paragraph that can only be body: numbered, or a labelled heading.
fn is_structural(para: &Para) -> bool {
    if para.auto_label.is_some() {
        return true;
    }
    let t = para.text.trim_start_matches(['\t', ' ']);
    matches!(
        split_label(t),
        Some((Label::Paragraph(_) | Label::Roman(_) | Label::Letter(_), _))
    )
}
