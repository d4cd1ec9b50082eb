//! The plain-text reader: Tika and POI exports of .docx files.

use crate::blocks::RawDocument;
use crate::{Limits, Result};

/// Reads a text export into the block stream.
pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<RawDocument> {
    Ok(RawDocument::default())
}
