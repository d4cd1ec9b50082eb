//! The structure builder: one [`build`] turns the block stream of either reader into the
//! document model.

use crate::blocks::RawDocument;
use crate::model::{Document, Metadata, Source, SCHEMA_VERSION};
use crate::{Limits, Result};

/// Builds the document tree from a reader's block stream.
pub fn build(raw: RawDocument, source: Source, _limits: &Limits) -> Result<Document> {
    Ok(Document {
        schema_version: SCHEMA_VERSION.to_string(),
        source,
        metadata: Metadata::default(),
        body: vec![],
        footnotes: vec![],
        warnings: raw.warnings,
    })
}
