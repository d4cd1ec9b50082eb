//! `docProps/core.xml`: `dc:title` and `dc:subject` (UN files keep the job number and the
//! symbol there).

use super::xml::{Ns, Xml};
use crate::blocks::CoreProps;
use crate::Result;

/// Reads the core properties part.
pub(crate) fn parse(bytes: &[u8], part: &str, max_depth: u64) -> Result<CoreProps> {
    let mut x = Xml::new(bytes, part, max_depth);
    let mut props = CoreProps::default();
    x.each(|x, s| {
        if s.ns == Ns::Dc && (s.local() == b"title" || s.local() == b"subject") {
            let is_title = s.local() == b"title";
            let text = x.text_content()?;
            let text = text.trim();
            if !text.is_empty() {
                if is_title {
                    props.title = Some(text.to_string());
                } else {
                    props.subject = Some(text.to_string());
                }
            }
        }
        Ok(())
    })?;
    Ok(props)
}
