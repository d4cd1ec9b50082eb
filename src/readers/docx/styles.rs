//! `word/styles.xml`: paragraph styles, their `basedOn` chains, outline levels and the
//! numbering they carry, mapped onto [`StyleHint`]s.

use foldhash::HashMap;
use std::borrow::Cow;
use std::cell::RefCell;

use super::xml::{on_off, Ns, Xml};
use crate::blocks::StyleHint;
use crate::Result;

/// Longest `basedOn` chain followed (Word itself stops far earlier; this only bounds cycles).
const MAX_CHAIN: usize = 32;

/// Numbering properties (`w:numPr`) of a paragraph or a style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NumPr {
    /// `w:numId`; `"0"` removes numbering.
    pub num_id: Option<String>,
    /// `w:ilvl`.
    pub ilvl: Option<u8>,
}

/// One style definition.
#[derive(Debug, Clone, Default)]
pub(crate) struct Style {
    /// `w:name`.
    pub name: Option<String>,
    /// `w:basedOn`.
    pub based_on: Option<String>,
    /// `w:outlineLvl` (0 = level 1; 9 = body text).
    pub outline: Option<u8>,
    /// `w:numPr` in the style's paragraph properties.
    pub num: Option<NumPr>,
}

/// What a paragraph style id comes to through its `basedOn` chain.
#[derive(Debug, Clone)]
struct Resolved {
    hint: StyleHint,
    num: Option<NumPr>,
}

/// The styles of a document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Styles {
    by_id: HashMap<String, Style>,
    /// The default paragraph style (`w:default="1"`), usually `Normal`.
    default_para: Option<String>,
    /// [`Resolved`] per style id, worked out on first use (`.0`: no id, the default style):
    /// walking the chain, a hashed lookup per ancestor, was done three times per paragraph.
    memo: RefCell<(Option<Resolved>, HashMap<String, Resolved>)>,
}

/// Parses a number attribute, tolerating junk (a broken value is simply absent).
pub(crate) fn small_num(v: Option<&str>) -> Option<u8> {
    v.and_then(|s| s.trim().parse::<u8>().ok())
}

impl Styles {
    /// Parses `styles.xml`.
    pub fn parse(bytes: &[u8], part: &str, max_depth: u64) -> Result<Styles> {
        let mut x = Xml::new(bytes, part, max_depth);
        let mut styles = Styles::default();
        x.each(|x, s| {
            if s.is(Ns::W, b"style") {
                let [ty, id, default] = x.attrs_cow(&s, Ns::W, [b"type", b"styleId", b"default"]);
                let ty = ty.as_deref().unwrap_or("paragraph");
                let is_default = default.as_deref().is_some_and(|v| on_off(Some(v)));
                if ty != "paragraph" && ty != "numbering" {
                    // Character and table styles say nothing about paragraphs.
                    return x.skip();
                }
                let is_para = ty == "paragraph";
                let id = id.map(Cow::into_owned).unwrap_or_default();
                let style = read_style(x)?;
                {
                    if is_para && is_default && styles.default_para.is_none() {
                        styles.default_para = Some(id.clone());
                    }
                    styles.by_id.entry(id).or_insert(style);
                }
            } else if s.is(Ns::W, b"latentStyles") || s.is(Ns::W, b"docDefaults") {
                // Hundreds of latent-style entries and the run defaults: nothing we use.
                x.skip()?;
            }
            Ok(())
        })?;
        Ok(styles)
    }

    /// The style and its ancestors, nearest first; `None` means the default paragraph style.
    fn chain<'a>(&'a self, id: Option<&'a str>) -> Vec<(&'a str, &'a Style)> {
        let mut out: Vec<(&str, &Style)> = Vec::new();
        let mut cur = id.or(self.default_para.as_deref());
        while let Some(cid) = cur {
            if out.len() >= MAX_CHAIN || out.iter().any(|(i, _)| *i == cid) {
                break;
            }
            let Some(st) = self.by_id.get(cid) else { break };
            out.push((cid, st));
            cur = st.based_on.as_deref();
        }
        out
    }

    /// `f` of what style `id` comes to, from the memo or worked out once (`f`: only the part
    /// asked for is copied out).
    fn resolved<T>(&self, id: Option<&str>, f: impl FnOnce(&Resolved) -> T) -> T {
        let mut memo = self.memo.borrow_mut();
        let (default, by_id) = &mut *memo;
        let Some(i) = id else {
            return f(default.get_or_insert_with(|| self.resolve(None)));
        };
        if let Some(r) = by_id.get(i) {
            return f(r);
        }
        let r = self.resolve(id);
        let out = f(&r);
        by_id.insert(i.to_string(), r);
        out
    }

    fn resolve(&self, id: Option<&str>) -> Resolved {
        Resolved {
            hint: self.chain_hint(id),
            num: self.chain_num(id),
        }
    }

    /// The structural hint for a paragraph of style `id` (direct `w:outlineLvl` first).
    pub fn hint(&self, id: Option<&str>, direct_outline: Option<u8>) -> StyleHint {
        if let Some(l) = direct_outline.filter(|l| *l < 9) {
            return StyleHint::Heading(l + 1);
        }
        self.resolved(id, |r| r.hint)
    }

    /// Numbering inherited from the style chain: the nearest `numId` and the nearest `ilvl`.
    pub fn num(&self, id: Option<&str>) -> Option<NumPr> {
        self.resolved(id, |r| r.num.clone())
    }

    fn chain_hint(&self, id: Option<&str>) -> StyleHint {
        let chain = self.chain(id);
        for (sid, st) in &chain {
            if let Some(h) = known_style(sid, st.name.as_deref()) {
                return h;
            }
            if let Some(l) = st.outline {
                if l < 9 {
                    return StyleHint::Heading(l + 1);
                }
                return StyleHint::Body;
            }
        }
        // Only a style chain that reaches the default paragraph style (Normal) is body text;
        // an unknown style id says nothing.
        match (chain.last(), self.default_para.as_deref()) {
            (Some((last, _)), Some(def)) if *last == def => StyleHint::Body,
            (Some((last, st)), _) if is_normal(last, st.name.as_deref()) => StyleHint::Body,
            _ => StyleHint::None,
        }
    }

    fn chain_num(&self, id: Option<&str>) -> Option<NumPr> {
        let mut out = NumPr::default();
        for (_, st) in self.chain(id) {
            if let Some(n) = &st.num {
                if out.num_id.is_none() {
                    out.num_id.clone_from(&n.num_id);
                }
                if out.ilvl.is_none() {
                    out.ilvl = n.ilvl;
                }
            }
        }
        out.num_id.is_some().then_some(out)
    }

    /// The `numId` a numbering style (`w:numStyleLink` target) points at.
    pub fn numbering_style_num(&self, id: &str) -> Option<String> {
        self.by_id.get(id)?.num.as_ref()?.num_id.clone()
    }
}

fn is_normal(id: &str, name: Option<&str>) -> bool {
    id == "Normal" || id == "SingleTxtG" || name.is_some_and(|n| n.eq_ignore_ascii_case("normal"))
}

/// UN Geneva template styles, built-in headings (`heading N` is the stored name whatever the
/// UI language) and localized heading style ids.
fn known_style(id: &str, name: Option<&str>) -> Option<StyleHint> {
    match id {
        "HChG" => return Some(StyleHint::Title),
        "H1G" => return Some(StyleHint::Heading(1)),
        "H23G" => return Some(StyleHint::Heading(2)),
        "H4G" => return Some(StyleHint::Heading(3)),
        "H56G" => return Some(StyleHint::Heading(4)),
        "SingleTxtG" => return Some(StyleHint::Body),
        _ => {}
    }
    if let Some(n) = name {
        let n = n.trim().to_lowercase();
        if n == "title" {
            return Some(StyleHint::Title);
        }
        if let Some(level) = heading_level(&n) {
            return Some(StyleHint::Heading(level));
        }
    }
    heading_level(&id.to_lowercase()).map(StyleHint::Heading)
}

/// `heading 2`, `Heading2`, `Titre2`, `Überschrift 2`, `Título 2` ... -> 2.
fn heading_level(s: &str) -> Option<u8> {
    const STEMS: [&str; 11] = [
        "heading",
        "titre",
        "título",
        "ttulo",
        "titulo",
        "überschrift",
        "berschrift",
        "titolo",
        "kop",
        "rubrik",
        "заголовок",
    ];
    // Not `rfind(..) + 1`: the char before the digits may be wider than one byte.
    let stem = s.trim_end_matches(|c: char| c.is_ascii_digit());
    let num = s.strip_prefix(stem)?;
    let level: u8 = num.parse().ok()?;
    let stem = stem.trim();
    ((1..=9).contains(&level) && STEMS.contains(&stem)).then_some(level)
}

fn read_style(x: &mut Xml<'_>) -> Result<Style> {
    let mut st = Style::default();
    // Depth of the open `w:pPr`, whose descendants carry the outline level and numbering.
    let mut ppr_depth: Option<u64> = None;
    x.each(|x, s| {
        if ppr_depth.is_some_and(|d| x.depth() <= d) {
            ppr_depth = None;
        }
        let in_ppr = ppr_depth.is_some();
        match (s.ns, s.local()) {
            (Ns::W, b"name") => st.name = x.val_owned(&s),
            (Ns::W, b"basedOn") => st.based_on = x.val_owned(&s),
            (Ns::W, b"pPr") => ppr_depth = Some(x.depth()),
            (Ns::W, b"outlineLvl") if in_ppr => st.outline = small_num(x.val(&s).as_deref()),
            (Ns::W, b"numId") if in_ppr => {
                st.num.get_or_insert_with(NumPr::default).num_id = x.val_owned(&s)
            }
            (Ns::W, b"ilvl") if in_ppr => {
                st.num.get_or_insert_with(NumPr::default).ilvl = small_num(x.val(&s).as_deref())
            }
            (Ns::W, b"rPr" | b"tblPr" | b"tcPr" | b"trPr" | b"tblStylePr") => x.skip()?,
            _ => {}
        }
        Ok(())
    })?;
    Ok(st)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_names() {
        assert_eq!(heading_level("heading 3"), Some(3));
        assert_eq!(heading_level("titre2"), Some(2));
        assert_eq!(heading_level("überschrift 1"), Some(1));
        assert_eq!(heading_level("heading"), None);
        assert_eq!(heading_level("heading 10"), None);
        assert_eq!(heading_level("list 2"), None);
    }
}
