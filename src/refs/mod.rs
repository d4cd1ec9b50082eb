//! Cross-references: one pass over the model fills every `refs` array.
//!
//! [`resolve`] walks the document once — body in order (headings' titles, paragraphs, their
//! items recursively, text nodes), then the footnotes — and runs the scanner (`scan`) on
//! each text exactly once. The scanner tries small nom grammars at each word start, one
//! module per kind of reference:
//!
//! | module | kind | example |
//! |---|---|---|
//! | `symbol` / `document` | `document` | `CRC/C/PER/CO/4-5, paras. 9 and 10`, `CERD/C/SR.2494 and 2495`, `ibid., para. 163` |
//! | `paragraph` | `paragraph` | `paragraphs 19 and 21 above` |
//! | `article` | `article` | `arts. 3, 4 (2 and 3) and 5-7`, `article 4 (a) and (b) of the Convention` |
//! | `meeting` | `meeting` | `2494th and 2495th meetings` |
//! | `general_comment` | `general_comment` | `general recommendation No. 35 (2013)` |
//! | `sdg` | `sdg_target` | `target 16.2 of the Sustainable Development Goals` |
//! | `law` | `law` | `Act No. 30251 of 30 September 2014` |
//! | `resolution` | `resolution` | `General Assembly resolution 68/268` |
//!
//! Because it works on the model, not on a reader's input, both readers get the same refs.
//! Offsets are half-open char (Unicode scalar value) offsets; refs in one text are sorted
//! and never overlap. `ibid.` and "the aforementioned Act" look back along the body, and
//! separately along the footnotes.
//!
//! After extraction, `metadata` derives `reports_considered`, `adopted` and, when the
//! document has no symbol, an inferred one, from paragraph 1's references.

mod article;
mod common;
mod document;
mod general_comment;
mod law;
mod meeting;
mod metadata;
mod paragraph;
mod resolution;
mod scan;
mod sdg;

use std::collections::HashSet;

use crate::model::{
    Document, Instrument, Item, Node, Ref, RefTarget, TreatyBody, Warning, WarningCode,
};

use scan::{Ctx, State};

/// Finds and resolves the cross-references of every text in `doc`, then fills the metadata
/// that comes from paragraph 1's references (`reports_considered`, `adopted`, and `symbol`
/// when it is unknown). Running it twice gives the same document.
pub fn resolve(doc: &mut Document) {
    let symbol = doc.metadata.symbol.as_deref();
    let cx = Ctx {
        body: doc
            .metadata
            .body
            .or_else(|| symbol.and_then(TreatyBody::from_symbol)),
        protocol: doc
            .metadata
            .instrument
            .or_else(|| symbol.and_then(Instrument::from_symbol)),
        ibid: mentions_ibid(doc),
        w: doc
            .metadata
            .language
            .map_or(crate::un::lang::Lang::En, crate::model::Language::lang)
            .words(),
    };
    let mut st = State::default();
    for node in &mut doc.body {
        visit_node(node, &cx, &mut st);
    }
    // Footnotes are their own stream: an `ibid.` in a note means the previous note's source.
    let mut fst = State::default();
    for f in &mut doc.footnotes {
        f.refs = scan::scan(&f.text, &cx, &mut fst);
    }
    doc.warnings
        .retain(|w| w.code != WarningCode::MissingRefTarget);
    // Internal targets are checked once every id is known, and only when there are any
    // (most documents have a handful): no id set is built for documents without them.
    if st.internal || fst.internal {
        // The ids that exist, out of those referred to (borrowing the document only here).
        let mut wanted: HashSet<String> = HashSet::new();
        for_each_ref(&doc.body, &doc.footnotes, &mut |r| {
            if let RefTarget::Paragraph { paragraphs, .. } = &r.target {
                wanted.extend(paragraphs.iter().map(|p| paragraph::target_id(p)));
            }
        });
        // A handful of ids are wanted: look each node id up among them, rather than hashing
        // every id of the document.
        let mut ids: HashSet<String> = HashSet::with_capacity(wanted.len());
        for_each_id(&doc.body, &mut |id| {
            if let Some(w) = wanted.get(id) {
                ids.insert(w.clone());
            }
        });
        let mut warnings = Vec::new();
        for node in &mut doc.body {
            check_node(node, &ids, &mut warnings);
        }
        for f in &mut doc.footnotes {
            check_targets(&mut f.refs, &format!("fn-{}", f.id), &ids, &mut warnings);
        }
        doc.warnings.extend(warnings);
    }
    metadata::fill(doc);
}

fn visit_node(node: &mut Node, cx: &Ctx, st: &mut State) {
    match node {
        Node::Heading(h) => {
            h.refs = scan::scan(&h.title, cx, st);
            for child in &mut h.children {
                visit_node(child, cx, st);
            }
        }
        Node::Paragraph(p) => {
            p.refs = scan::scan(&p.text, cx, st);
            visit_items(&mut p.items, cx, st);
        }
        Node::Text(t) => t.refs = scan::scan(&t.text, cx, st),
        Node::Table(_) => {}
    }
}

fn visit_items(items: &mut [Item], cx: &Ctx, st: &mut State) {
    for item in items {
        item.refs = scan::scan(&item.text, cx, st);
        visit_items(&mut item.items, cx, st);
    }
}

/// Keeps the internal targets that exist; warns about the others.
fn check_targets(refs: &mut [Ref], at: &str, ids: &HashSet<String>, warnings: &mut Vec<Warning>) {
    for r in refs {
        if let RefTarget::Paragraph {
            paragraphs,
            targets,
        } = &mut r.target
        {
            targets.clear();
            for p in paragraphs.iter() {
                let id = paragraph::target_id(p);
                if ids.contains(&id) {
                    targets.push(id);
                } else {
                    warnings.push(Warning::new(
                        WarningCode::MissingRefTarget,
                        format!("{at} refers to paragraph {p}, which does not exist"),
                        Some(at.to_string()),
                    ));
                }
            }
        }
    }
}

fn check_node(node: &mut Node, ids: &HashSet<String>, warnings: &mut Vec<Warning>) {
    fn items(list: &mut [Item], ids: &HashSet<String>, warnings: &mut Vec<Warning>) {
        for i in list {
            check_targets(&mut i.refs, &i.id, ids, warnings);
            items(&mut i.items, ids, warnings);
        }
    }
    match node {
        Node::Heading(h) => {
            check_targets(&mut h.refs, &h.id, ids, warnings);
            for c in &mut h.children {
                check_node(c, ids, warnings);
            }
        }
        Node::Paragraph(p) => {
            check_targets(&mut p.refs, &p.id, ids, warnings);
            items(&mut p.items, ids, warnings);
        }
        Node::Text(t) => check_targets(&mut t.refs, &t.id, ids, warnings),
        Node::Table(_) => {}
    }
}

/// Calls `f` on every ref of the document.
fn for_each_ref(nodes: &[Node], notes: &[crate::model::Footnote], f: &mut impl FnMut(&Ref)) {
    fn items(list: &[Item], f: &mut impl FnMut(&Ref)) {
        for i in list {
            i.refs.iter().for_each(&mut *f);
            items(&i.items, f);
        }
    }
    fn walk(nodes: &[Node], f: &mut impl FnMut(&Ref)) {
        for n in nodes {
            match n {
                Node::Heading(h) => {
                    h.refs.iter().for_each(&mut *f);
                    walk(&h.children, f);
                }
                Node::Paragraph(p) => {
                    p.refs.iter().for_each(&mut *f);
                    items(&p.items, f);
                }
                Node::Text(t) => t.refs.iter().for_each(&mut *f),
                Node::Table(_) => {}
            }
        }
    }
    walk(nodes, f);
    for n in notes {
        n.refs.iter().for_each(&mut *f);
    }
}

/// Whether any text of the document says `ibid.` (any case).
fn mentions_ibid(doc: &Document) -> bool {
    fn has(t: &str) -> bool {
        t.contains("bid.")
    }
    fn items(list: &[Item]) -> bool {
        list.iter().any(|i| has(&i.text) || items(&i.items))
    }
    fn nodes(list: &[Node]) -> bool {
        list.iter().any(|n| match n {
            Node::Heading(h) => has(&h.title) || nodes(&h.children),
            Node::Paragraph(p) => has(&p.text) || items(&p.items),
            Node::Text(t) => has(&t.text),
            Node::Table(_) => false,
        })
    }
    nodes(&doc.body) || doc.footnotes.iter().any(|f| has(&f.text))
}

/// Calls `f` on every node id of the document.
fn for_each_id(nodes: &[Node], f: &mut impl FnMut(&str)) {
    fn items(list: &[Item], f: &mut impl FnMut(&str)) {
        for i in list {
            f(&i.id);
            items(&i.items, f);
        }
    }
    for n in nodes {
        f(n.id());
        match n {
            Node::Heading(h) => for_each_id(&h.children, f),
            Node::Paragraph(p) => items(&p.items, f),
            Node::Text(_) | Node::Table(_) => {}
        }
    }
}
