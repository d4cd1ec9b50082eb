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
mod context;
mod document;
mod general_comment;
mod law;
mod meeting;
mod metadata;
mod paragraph;
mod resolution;
mod scan;
mod sdg;

use foldhash::{HashSet, HashSetExt};

use crate::model::walk::{parts, walk_mut, Part, PartKind};
use crate::model::{Document, Instrument, Ref, RefTarget, TreatyBody, Warning, WarningCode};

use crate::{LimitKind, Limits, Result};
use context::{Budget, Ctx, State};

/// Finds and resolves the cross-references of every text in `doc`, then fills the metadata
/// that comes from paragraph 1's references (`reports_considered`, `adopted`, and `symbol`
/// when it is unknown). Running it twice gives the same document.
///
/// ```
/// let mut doc = treatydoc::parse(b"1.\tSee paragraph 2 below.\n2.\tText.\n", None, &Default::default())?;
/// let before = doc.clone();
/// treatydoc::refs::resolve(&mut doc);
/// assert_eq!(doc, before);
/// # Ok::<(), treatydoc::Error>(())
/// ```
///
/// # Errors
///
/// [`crate::Error::TooLarge`] with [`LimitKind::RefMembers`] when the references name more than
/// the default [`Limits::max_ref_members`] members; see [`resolve_with`].
pub fn resolve(doc: &mut Document) -> Result<()> {
    resolve_with(doc, &Limits::default())
}

/// [`resolve`] under `limits`.
///
/// # Errors
///
/// [`crate::Error::TooLarge`] with [`LimitKind::RefMembers`] when the references name more than
/// `limits.max_ref_members` paragraphs, articles, meetings and documents, ranges expanded
/// (a text of `paragraphs 1 to 199` repeated would otherwise make output hundreds of times
/// the input). The scan stops there; `doc` then holds partial refs and must be dropped.
///
/// ```
/// use treatydoc::{refs, Error, LimitKind, Limits};
/// let mut doc = treatydoc::parse(b"1.\tSee paragraphs 1 to 9 below.\n", None, &Default::default())?;
/// let small = Limits { max_ref_members: 5, ..Limits::default() };
/// match refs::resolve_with(&mut doc, &small) {
///     Err(Error::TooLarge { limit: LimitKind::RefMembers, max: 5, .. }) => {}
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), treatydoc::Error>(())
/// ```
pub fn resolve_with(doc: &mut Document, limits: &Limits) -> Result<()> {
    let cx = context(doc, limits);
    let mut st = State::default();
    // Footnotes are their own stream: an `ibid.` in a note means the previous note's source.
    let mut fst = State::default();
    walk_mut(doc, |t| {
        let state = if t.kind == PartKind::Footnote {
            &mut fst
        } else {
            &mut st
        };
        *t.refs = scan::scan(t.text, &cx, state);
    });
    if cx.members.exceeded() {
        return Err(LimitKind::RefMembers.exceeded(cx.members.used(), cx.members.max()));
    }
    doc.warnings
        .retain(|w| w.code != WarningCode::MissingRefTarget);
    // Internal targets are checked once every id is known, and only when there are any
    // (most documents have a handful): no id set is built for documents without them.
    if st.internal || fst.internal {
        // The ids that exist, out of those referred to (borrowing the document only here).
        let mut wanted: HashSet<String> = HashSet::new();
        for r in parts(doc).flat_map(|p| p.refs()) {
            if let RefTarget::Paragraph { paragraphs, .. } = &r.target {
                wanted.extend(paragraphs.iter().map(|p| paragraph::target_id(p)));
            }
        }
        // A handful of ids are wanted: look each node id up among them, rather than hashing
        // every id of the document.
        let mut ids: HashSet<String> = HashSet::with_capacity(wanted.len());
        for part in parts(doc) {
            if let (Part::Node(_) | Part::Item(_), Some(w)) = (part, wanted.get(part.id())) {
                ids.insert(w.clone());
            }
        }
        let mut warnings = Vec::new();
        walk_mut(doc, |t| {
            if t.kind == PartKind::Footnote {
                check_targets(t.refs, &format!("fn-{}", t.id), &ids, &mut warnings);
            } else {
                check_targets(t.refs, t.id, &ids, &mut warnings);
            }
        });
        doc.warnings.extend(warnings);
    }
    metadata::fill(doc);
    Ok(())
}

/// What the grammars need to know about `doc`.
fn context(doc: &Document, limits: &Limits) -> Ctx {
    let symbol = doc.metadata.symbol.as_deref();
    Ctx {
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
        members: Budget::new(limits.max_ref_members),
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

/// Whether any text of the document says `ibid.` (any case).
fn mentions_ibid(doc: &Document) -> bool {
    parts(doc).any(|p| p.text().is_some_and(|t| scan::contains(&scan::IBID_DOT, t)))
}
