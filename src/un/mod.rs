//! What treatydoc knows about UN documents, in one place: the symbol grammar (metadata,
//! file names and cross-references all use it), the treaty bodies with their committees,
//! treaties and Optional Protocols, the kinds of documents, the label grammar of paragraphs,
//! headings and items, dates and ordinals, and the words of a first page. The words are
//! per language ([`lang`]); the parsers read the tables, not literals.
//!
//! This layer depends on nothing else in the crate: readers, the structure builder, the
//! model and the reference pass all point down to it.

pub(crate) mod bodies;
pub(crate) mod dates;
pub(crate) mod front_matter;
pub(crate) mod labels;
pub(crate) mod lang;
pub(crate) mod lex;
pub(crate) mod symbol;
