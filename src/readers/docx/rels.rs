//! Package relationships (`_rels/.rels`, `word/_rels/document.xml.rels`): which part is the
//! main document, the styles, the numbering, the notes, each header and footer.

use super::xml::{Ns, Xml};
use crate::Result;

/// One internal relationship.
#[derive(Debug, Clone)]
pub(crate) struct Rel {
    /// `Id` (`rId7`).
    pub id: String,
    /// The last segment of the `Type` URI (`header`, `styles`, `officeDocument`), which is the
    /// same in the transitional and strict vocabularies.
    pub kind: String,
    /// The target part name, resolved against the source part, without a leading `/`.
    pub target: String,
}

/// The rels part that describes `part` (`word/document.xml` -> `word/_rels/document.xml.rels`).
pub(crate) fn rels_part_for(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// Resolves `target` relative to the folder of `source` (an OPC part name).
pub(crate) fn resolve(source: &str, target: &str) -> String {
    let mut segs: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        match source.rsplit_once('/') {
            Some((dir, _)) => dir.split('/').filter(|s| !s.is_empty()).collect(),
            None => Vec::new(),
        }
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

/// Parses a rels part; `source` is the part it describes ("" for the package).
pub(crate) fn parse(
    bytes: &[u8],
    rels_part: &str,
    source: &str,
    max_depth: u64,
) -> Result<Vec<Rel>> {
    let mut x = Xml::new(bytes, rels_part, max_depth);
    let mut out = Vec::new();
    x.each(|x, s| {
        if s.is(Ns::Rels, b"Relationship") {
            let [mode, id, ty, target] =
                x.attrs(&s, Ns::Other, [b"TargetMode", b"Id", b"Type", b"Target"]);
            let external = mode.is_some_and(|m| m.eq_ignore_ascii_case("External"));
            if let (false, Some(id), Some(ty), Some(target)) =
                (external, id.as_deref(), ty.as_deref(), target.as_deref())
            {
                out.push(Rel {
                    id: id.to_string(),
                    kind: ty.rsplit('/').next().unwrap_or_default().to_string(),
                    target: resolve(source, target),
                });
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// The target of the first relationship of `kind`.
pub(crate) fn target_of<'r>(rels: &'r [Rel], kind: &str) -> Option<&'r str> {
    rels.iter()
        .find(|r| r.kind == kind)
        .map(|r| r.target.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_targets() {
        assert_eq!(
            resolve("word/document.xml", "header1.xml"),
            "word/header1.xml"
        );
        assert_eq!(
            resolve("word/document.xml", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(
            resolve("word/document.xml", "/word/styles.xml"),
            "word/styles.xml"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            rels_part_for("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
    }
}
