//! Pass 1 of the builder, the front matter: the first-page block, headers and footers, the
//! title and the page furniture feed `metadata` and never `body`.

use super::metadata;
use super::normalize::{clean, squash};
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
        after_title(&mut md, &mut rest);
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

/// What the blocks right after the title say about the document.
fn after_title(md: &mut Metadata, rest: &mut Vec<Block>) {
    use crate::model::DocumentType;
    // A State's follow-up addendum to concluding observations carries their title, then
    // "Addendum" and "Information received from X on follow-up to the concluding
    // observations": it is not itself concluding observations.
    let follow_up = rest.iter().take(3).any(|blk| match blk {
        Block::Para { para, .. } => {
            let t = squash(&para.text).to_lowercase();
            t.starts_with("information received from") && t.contains("follow-up")
        }
        Block::Table { .. } => false,
    });
    if follow_up && md.document_type == Some(DocumentType::ConcludingObservations) {
        md.document_type = Some(DocumentType::Other);
    }
    // The 2011-2012 layout: the title ("Concluding observations of the Committee on ...")
    // names no State; the State's name stands alone on the next line ("Tunisia").
    let committee_title = md.document_type == Some(DocumentType::ConcludingObservations)
        && md
            .title
            .as_deref()
            .is_some_and(|t| t.to_lowercase().contains("of the committee"));
    if md.state_party.is_none() && committee_title {
        if let Some(Block::Para { para, .. }) = rest.first() {
            if let Some(state) = state_line(para) {
                md.state_party = Some(state);
                rest.remove(0);
            }
        }
    }
}

/// A State's name standing alone: short, unlabelled, every word capitalised but for `of`,
/// `the`, `and`, with no digit or closing punctuation.
fn state_line(para: &Para) -> Option<String> {
    if para.auto_label.is_some() || !para.notes.is_empty() {
        return None;
    }
    let t = squash(&para.text);
    let n = t.chars().count();
    if !(3..=60).contains(&n) || t.ends_with(['.', ':', ';', ',']) || split_label(&t).is_some() {
        return None;
    }
    let name_words = t.split(' ').all(|w| {
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
            || matches!(w, "of" | "the" | "and")
    });
    (name_words && t.starts_with(char::is_uppercase)).then_some(t)
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
