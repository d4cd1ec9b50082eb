//! What the grammars share with the scan driver: the document context, the state carried
//! from one reference to the next, a candidate position and a reference found. In a module
//! of its own so that the grammar modules and the driver all point down to it (the driver
//! imports the grammars, never the reverse).

use crate::model::{Instrument, RefTarget, TreatyBody};
use crate::un::lang::Words;

/// What the grammars need to know about the document.
#[derive(Debug)]
pub(crate) struct Ctx {
    /// The committee, for "the Convention" and implied general-comment bodies.
    pub body: Option<TreatyBody>,
    /// The Optional Protocol under review, for "the Optional Protocol".
    pub protocol: Option<Instrument>,
    /// Whether any text says `ibid.`: only then is each document ref's symbol list kept
    /// for it.
    pub ibid: bool,
    /// The words of the document's language.
    pub w: &'static Words,
    /// Members of the refs found so far in the whole document (both streams), against
    /// `Limits::max_ref_members`.
    pub members: Budget,
}

/// The members of references a document may name ([`crate::Limits::max_ref_members`]):
/// once spent, the scan stops and the pass fails.
#[derive(Debug)]
pub(crate) struct Budget {
    used: std::cell::Cell<u64>,
    max: u64,
}

impl Budget {
    pub fn new(max: u64) -> Budget {
        Budget {
            used: std::cell::Cell::new(0),
            max,
        }
    }

    /// Counts the members of `target`; false once the total is over the limit.
    pub fn spend(&self, target: &RefTarget) -> bool {
        let n = members(target);
        self.used.set(self.used.get().saturating_add(n));
        !self.exceeded()
    }

    /// True once more members were found than the limit allows.
    pub fn exceeded(&self) -> bool {
        self.used.get() > self.max
    }

    /// Members counted so far.
    pub fn used(&self) -> u64 {
        self.used.get()
    }

    /// The limit.
    pub fn max(&self) -> u64 {
        self.max
    }
}

/// How many things a reference names: each paragraph, article (with its provisions),
/// meeting, document and target of its lists, ranges expanded; 1 for the others.
fn members(target: &RefTarget) -> u64 {
    let n = match target {
        RefTarget::Document {
            symbols,
            paragraphs,
            ..
        } => symbols.len() + paragraphs.len(),
        RefTarget::Paragraph { paragraphs, .. } => paragraphs.len(),
        RefTarget::Article { articles, .. } => {
            articles.iter().map(|a| 1 + a.paragraphs.len()).sum()
        }
        RefTarget::Meeting { meetings } => meetings.len(),
        RefTarget::SdgTarget { targets } => targets.len(),
        RefTarget::GeneralComment { .. } | RefTarget::Law { .. } | RefTarget::Resolution { .. } => {
            1
        }
    };
    n.max(1) as u64
}

/// What carries from one reference to the next within a stream (body, or footnotes).
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Symbols of the last document reference, for `ibid.`.
    pub last_document: Option<Vec<String>>,
    /// Whether the reference just found was a document (for a bare `Ibid.`).
    pub last_was_document: bool,
    /// The last law named, for "the aforementioned Act".
    pub last_law: Option<String>,
    /// Whether an internal paragraph reference was found: its `targets` hold candidate
    /// ids until [`super::resolve`] checks them against the document's ids.
    pub internal: bool,
}

/// A reference found, with byte offsets into its text.
#[derive(Debug)]
pub(crate) struct Found {
    /// Start, bytes.
    pub start: usize,
    /// End, bytes, exclusive.
    pub end: usize,
    /// What it points at.
    pub target: RefTarget,
}

/// A candidate position in a text.
pub(crate) struct Here<'t> {
    /// The whole text.
    pub text: &'t str,
    /// Byte offset of the candidate (a char boundary).
    pub pos: usize,
    /// End of the previous reference: look-behind never goes before it.
    pub floor: usize,
}

impl<'t> Here<'t> {
    /// The text from the candidate on.
    pub fn input(&self) -> &'t str {
        self.text.get(self.pos..).unwrap_or("")
    }

    /// The text between the previous reference and the candidate.
    pub fn before(&self) -> &'t str {
        self.text.get(self.floor..self.pos).unwrap_or("")
    }

    /// The char just before the candidate.
    pub fn prev_char(&self) -> Option<char> {
        self.text
            .get(..self.pos)
            .and_then(|s| s.chars().next_back())
    }

    /// Byte offset in the text of a suffix `rest` of it.
    pub fn abs(&self, rest: &str) -> usize {
        self.text.len().saturating_sub(rest.len())
    }

    /// Records a reference from the candidate to `rest` (a suffix of the text) and returns
    /// its end, as every grammar's `at` does when it matched.
    pub fn found(&self, rest: &str, target: RefTarget, out: &mut Vec<Found>) -> Option<usize> {
        let end = self.abs(rest);
        out.push(Found {
            start: self.pos,
            end,
            target,
        });
        Some(end)
    }
}
