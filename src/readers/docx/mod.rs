//! The .docx reader (zip + quick-xml, namespace-aware).

use crate::blocks::RawDocument;
use crate::{Error, Limits, Result};

/// Reads a .docx into the block stream.
pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<RawDocument> {
    Err(Error::NotADocx("the .docx reader is not built yet".into()))
}
