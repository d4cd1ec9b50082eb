//! Pass 1 of the builder, the front matter: headers and footers, the first-page block, the
//! title and the page furniture. Only what reads as UN masthead or furniture feeds
//! `metadata`; other header and footer text goes to `headers_footers`, anything else stays
//! in `body`, in order.

use std::collections::HashSet;

use super::metadata;
use super::normalize::{clean, squash};
use crate::blocks::{Block, CoreProps, Para, Region, StyleHint};
use crate::model::{Format, Metadata, PageText, PageTextKind, SymbolSource};
use crate::un::front_matter as un_fm;
use crate::un::labels::{split_label, Label};

/// What the front-matter pass leaves: the metadata it read, the title paragraph (its notes
/// are the document's first note references), the body blocks after it with their index in
/// the block stream (comments are anchored by it), and the header and footer text that is
/// not furniture.
pub(super) struct FrontMatter {
    pub metadata: Metadata,
    pub title: Option<Para>,
    pub body: Vec<(usize, Block)>,
    pub headers_footers: Vec<PageText>,
    /// No symbol was found and the file name looks like one but is not complete (the
    /// builder warns `symbol_not_inferred`).
    pub name_not_a_symbol: bool,
}

/// Splits the front matter off `blocks`. `path` is the input's name, which gives the
/// symbol when nothing else does; `format` says where the page furniture can be.
pub(super) fn split(
    blocks: Vec<Block>,
    props: &CoreProps,
    path: Option<&str>,
    format: Format,
) -> FrontMatter {
    let mut md = Metadata::default();
    let mut body: Vec<(usize, Block)> = Vec::new();
    let mut footer_tokens: Vec<String> = Vec::new();
    let mut headers_footers: Vec<PageText> = Vec::new();
    let mut seen_page_text: HashSet<(PageTextKind, String)> = HashSet::new();
    for (i, block) in blocks.into_iter().enumerate() {
        let (region, texts) = match block {
            Block::Para {
                region: region @ (Region::Header | Region::Footer),
                para,
            } => (region, vec![para.text]),
            Block::Table {
                region: region @ (Region::Header | Region::Footer),
                rows,
            } => (region, rows.into_iter().flatten().collect()),
            other => {
                body.push((i, other));
                continue;
            }
        };
        for text in texts {
            let tokens = metadata::tokens(&text);
            if region == Region::Header {
                metadata::from_tokens(&mut md, tokens);
            } else {
                footer_tokens.extend(tokens.map(str::to_string));
            }
            // What is not furniture is kept, in its own field, once: a part that every
            // section refers to is emitted with each.
            if !un_fm::is_masthead(&text) {
                let page_text = PageText {
                    kind: if region == Region::Header {
                        PageTextKind::Header
                    } else {
                        PageTextKind::Footer
                    },
                    text: squash(&text),
                };
                if seen_page_text.insert((page_text.kind, page_text.text.clone())) {
                    headers_footers.push(page_text);
                }
            }
        }
    }

    let title_at = find_title(&body);
    let first_content = title_at.map(|t| t + 1).unwrap_or_else(|| {
        body.iter()
            .position(|(_, blk)| match blk {
                Block::Para { para, .. } => is_structural(para),
                Block::Table { .. } => false,
            })
            .unwrap_or(0)
    });
    let rest = body.split_off(first_content.min(body.len()));
    let title_block = title_at.and_then(|_| body.pop()).map(|(_, b)| b);
    // What stands before the title is the first-page block: what reads as UN masthead goes
    // to metadata; everything else stays in the body, in order. Without a UN title, a block
    // must hold a token only a UN first page has (a symbol, `Distr.`, a committee, ...):
    // a number or a date alone may open any document.
    let un_page = title_block.is_some();
    let masthead = |text: &str| {
        un_fm::is_masthead(text) && (un_page || un_fm::has_strong_masthead_token(text))
    };
    let mut kept: Vec<(usize, Block)> = Vec::new();
    // Without a UN title the masthead can only open the document: the first block that is
    // no masthead ends it (a table far down a report may well name a symbol).
    let mut open = true;
    for (i, block) in body {
        if !open {
            kept.push((i, block));
            continue;
        }
        match block {
            Block::Para { para, .. } if masthead(&para.text) => {
                metadata::from_tokens(&mut md, metadata::tokens(&para.text))
            }
            Block::Table { rows, region }
                if rows
                    .iter()
                    .flatten()
                    .any(|c| un_fm::has_strong_masthead_token(c)) =>
            {
                // A masthead table: its masthead cells to metadata, any other cell stays as
                // text.
                for cell in rows.iter().flatten() {
                    if un_fm::is_masthead(cell) {
                        metadata::from_tokens(&mut md, metadata::tokens(cell));
                    } else {
                        let para = Para {
                            text: cell.clone(),
                            ..Para::default()
                        };
                        kept.push((i, Block::Para { region, para }));
                    }
                }
            }
            other => {
                open = un_page;
                kept.push((i, other));
            }
        }
    }
    // Where the blocks that follow the title start.
    let after = kept.len();
    kept.extend(rest);
    let mut rest = kept;
    let title = match title_block {
        Some(Block::Para { para, .. }) => Some(para),
        _ => None,
    };
    if let Some(para) = &title {
        let (title, _) = clean(&para.text, 0, &para.notes);
        metadata::from_title(&mut md, &title);
        md.title = Some(title);
        after_title(&mut md, &mut rest, after);
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

    // Page furniture in a text export: POI and Tika print the headers and footers at the
    // end and at section breaks. At the end, any furniture line; elsewhere only lines that
    // say they are furniture (a job number, the running symbol, a barcode), never a body
    // paragraph that reads "2016" or "(E)". A .docx has its headers and footers apart.
    if format == Format::Text {
        let symbol = md.symbol.clone();
        let is_furniture = |blk: &Block, weak_ok: bool| match blk {
            Block::Para { para, .. } => {
                if weak_ok {
                    is_trailing_furniture(&para.text, symbol.as_deref())
                } else {
                    un_fm::is_running_furniture(&para.text, symbol.as_deref())
                }
            }
            Block::Table { .. } => false,
        };
        let mut tail = rest.len();
        while tail > 0
            && rest
                .get(tail - 1)
                .is_some_and(|(_, b)| is_furniture(b, true))
        {
            tail -= 1;
        }
        let mut kept = Vec::with_capacity(rest.len());
        for (n, (i, blk)) in rest.into_iter().enumerate() {
            if is_furniture(&blk, n >= tail) {
                if let Block::Para { para, .. } = &blk {
                    footer_tokens.extend(metadata::tokens(&para.text).map(str::to_string));
                }
            } else {
                kept.push((i, blk));
            }
        }
        rest = kept;
    }
    metadata::from_tokens(&mut md, footer_tokens.iter().map(String::as_str));
    let mut name_not_a_symbol = false;
    if md.symbol.is_none() {
        use crate::un::symbol::{symbol_in_filename, NameSymbol};
        match path.map(symbol_in_filename) {
            Some(NameSymbol::Symbol(sym)) => {
                md.symbol = Some(sym);
                md.symbol_source = Some(SymbolSource::Filename);
            }
            Some(NameSymbol::Incomplete) => name_not_a_symbol = true,
            _ => {}
        }
    }
    FrontMatter {
        metadata: md,
        title,
        body: rest,
        name_not_a_symbol,
        headers_footers,
    }
}

/// Trailing page furniture of a text export; a line of several bare numbers is a table row,
/// not a footer.
fn is_trailing_furniture(text: &str, symbol: Option<&str>) -> bool {
    let tokens: Vec<&str> = metadata::tokens(text).collect();
    let numbers = tokens.iter().all(|t| t.bytes().all(|b| b.is_ascii_digit()));
    metadata::is_furniture(text, symbol) && !(numbers && tokens.len() > 1)
}

/// What the blocks right after the title say about the document.
/// `rest[after..]` are the blocks that follow the title.
fn after_title(md: &mut Metadata, rest: &mut Vec<(usize, Block)>, after: usize) {
    use crate::model::DocumentType;
    // A State's follow-up addendum to concluding observations carries their title, then
    // "Addendum" and "Information received from X on follow-up to the concluding
    // observations": it is not itself concluding observations.
    let follow_up = rest.iter().skip(after).take(3).any(|(_, blk)| match blk {
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
        if let Some((_, Block::Para { para, .. })) = rest.get(after) {
            if let Some(state) = state_line(para) {
                md.state_party = Some(state);
                rest.remove(after);
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
fn find_title(body: &[(usize, Block)]) -> Option<usize> {
    for (i, (_, blk)) in body.iter().enumerate() {
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
