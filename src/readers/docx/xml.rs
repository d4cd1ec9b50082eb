//! A thin, namespace-aware event layer over quick-xml's plain `Reader` for the .docx parts.
//!
//! Elements are matched by namespace URI and local name, never by prefix, so a part written
//! with `ns0:` (or no prefix at all) reads exactly like one written with `w:`. Entity and
//! character references are resolved here, nesting depth is capped, and every error names
//! the part it came from.
//!
//! Namespaces are tracked here rather than by quick-xml's `NsReader`, which iterates the
//! attributes of every start tag looking for declarations and then resolves each name to its
//! URI string: that was a quarter of the reader's instructions. Here a declaration is looked
//! for only in a tag whose attributes contain `xmlns`, its URI is classified into an [`Ns`]
//! once, where it is declared, and a name's prefix is looked up among the bindings in scope
//! (a handful; usually all on the root). The results, and the errors for reserved prefixes,
//! are those of `NsReader` (a test below compares the two on tricky inputs).

use std::borrow::Cow;
use std::cell::Cell;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceError, PrefixDeclaration};
use quick_xml::Reader;

use crate::limits::LimitKind;
use crate::{Error, Result};

/// The namespaces the reader cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML main (transitional or strict).
    W,
    /// Office relationships (`r:id`).
    R,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Office Math (`m:oMath`).
    M,
    /// Package relationships (`.rels` files).
    Rels,
    /// Dublin Core elements (`dc:title`, `dc:subject`).
    Dc,
    /// Anything else, or no namespace.
    Other,
}

fn classify(ns: &[u8]) -> Ns {
    match ns {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | b"http://purl.oclc.org/ooxml/officeDocument/relationships" => Ns::R,
        b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        b"http://schemas.openxmlformats.org/officeDocument/2006/math"
        | b"http://purl.oclc.org/ooxml/officeDocument/math" => Ns::M,
        b"http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rels,
        b"http://purl.org/dc/elements/1.1/" => Ns::Dc,
        _ => Ns::Other,
    }
}

/// The namespace the `xml` prefix is bound to (and no other prefix may be).
const XML_NS: &[u8] = b"http://www.w3.org/XML/1998/namespace";
/// The namespace of the `xmlns` prefix, which no prefix may be bound to.
const XMLNS_NS: &[u8] = b"http://www.w3.org/2000/xmlns/";

/// One namespace declaration in scope.
#[derive(Debug)]
struct Binding {
    /// The prefix; empty for the default namespace (`xmlns="..."`, and `xmlns:=".."`, which
    /// quick-xml reads the same way).
    prefix: Box<[u8]>,
    /// What the URI is; [`Ns::Other`] for an undeclaration (`xmlns:p=""`).
    ns: Ns,
    /// Depth of the element that declares it (1 for the root).
    depth: u64,
}

/// The namespace declarations in scope, innermost last.
#[derive(Debug, Default)]
struct Scope {
    bindings: Vec<Binding>,
    /// The binding the last lookup found (the innermost of its prefix): most names in a row
    /// share their prefix. Cleared whenever `bindings` changes.
    last: Cell<Option<usize>>,
}

impl Scope {
    /// The namespace of an element or attribute name (`attribute`: an unprefixed name is in
    /// no namespace, rather than in the default one).
    fn resolve(&self, qname: &[u8], attribute: bool) -> Ns {
        self.resolve_at(qname, qname.iter().position(|&b| b == b':'), attribute)
    }

    /// [`Scope::resolve`] with the position of the name's first `:` already found.
    fn resolve_at(&self, qname: &[u8], colon: Option<usize>, attribute: bool) -> Ns {
        let prefix: &[u8] = match colon {
            Some(i) => match qname.get(..i) {
                // `:name` has an empty prefix, which no declaration binds.
                Some([]) | None => return Ns::Other,
                Some(p) => p,
            },
            None if attribute => return Ns::Other,
            None => b"",
        };
        if let Some(b) = self.last.get().and_then(|i| self.bindings.get(i)) {
            if *b.prefix == *prefix {
                return b.ns;
            }
        }
        // `xml:` and `xmlns:` are never in `bindings`; like any unbound prefix, they are Other.
        match self.bindings.iter().rposition(|b| *b.prefix == *prefix) {
            Some(i) => {
                self.last.set(Some(i));
                self.bindings.get(i).map_or(Ns::Other, |b| b.ns)
            }
            None => Ns::Other,
        }
    }

    /// Adds the declarations of `tag`, an element at `depth` (`push == false`: only checks
    /// them, for a tag being skipped, whose scope ends unread). The checks and their errors
    /// are `NsReader`'s: the attributes up to the first malformed one, the reserved prefixes.
    fn declare(
        &mut self,
        tag: &BytesStart<'_>,
        depth: u64,
        push: bool,
    ) -> std::result::Result<(), NamespaceError> {
        for a in tag.attributes().with_checks(false) {
            let Ok(a) = a else { break };
            let (prefix, uri): (&[u8], &[u8]) = match a.key.as_namespace_binding() {
                None => continue,
                Some(PrefixDeclaration::Default) => (b"", &a.value),
                Some(PrefixDeclaration::Named(b"xml")) => {
                    if *a.value != *XML_NS {
                        return Err(NamespaceError::InvalidXmlPrefixBind(a.value.to_vec()));
                    }
                    continue;
                }
                Some(PrefixDeclaration::Named(b"xmlns")) => {
                    return Err(NamespaceError::InvalidXmlnsPrefixBind(a.value.to_vec()))
                }
                Some(PrefixDeclaration::Named(p)) => {
                    if *a.value == *XML_NS {
                        return Err(NamespaceError::InvalidPrefixForXml(p.to_vec()));
                    }
                    if *a.value == *XMLNS_NS {
                        return Err(NamespaceError::InvalidPrefixForXmlns(p.to_vec()));
                    }
                    (p, &a.value)
                }
            };
            if push {
                self.last.set(None);
                self.bindings.push(Binding {
                    prefix: prefix.into(),
                    ns: classify(uri),
                    depth,
                });
            }
        }
        Ok(())
    }

    /// Ends the scope of the declarations made deeper than `depth`.
    fn leave(&mut self, depth: u64) {
        while self.bindings.last().is_some_and(|b| b.depth > depth) {
            self.last.set(None);
            self.bindings.pop();
        }
    }
}

/// True when `tag` may declare a namespace: its attributes mention `xmlns` (most tags have
/// a few short attributes or none, so this is cheaper than parsing them).
fn may_declare(tag: &BytesStart<'_>) -> bool {
    // memchr: a byte loop here was 5 % of the reader.
    let raw = tag.attributes_raw();
    // The shortest declaration, `xmlns=""`, is eight bytes: most tags have fewer (or none).
    if raw.len() < 8 {
        return false;
    }
    memchr::memchr_iter(b'x', raw).any(|i| raw.get(i..).is_some_and(|r| r.starts_with(b"xmlns")))
}

/// A start tag (empty elements are reported as a start followed by an end).
///
/// Attributes are resolved on demand with [`Xml::attr`], right after the start tag is read
/// (before the next event), while its namespace scope is current.
pub(crate) struct Start<'i> {
    /// Namespace of the element.
    pub ns: Ns,
    tag: BytesStart<'i>,
    /// Where the local name starts in the qualified name (after the first `:`, as quick-xml's
    /// `local_name` has it): found once, not again at every match on the name.
    local_at: usize,
}

impl Start<'_> {
    /// The element's local name.
    pub fn local(&self) -> &[u8] {
        self.tag
            .name()
            .into_inner()
            .get(self.local_at..)
            .unwrap_or_default()
    }

    /// True for `{ns}local`.
    pub fn is(&self, ns: Ns, local: &[u8]) -> bool {
        self.ns == ns && self.local() == local
    }
}

/// One event of a part.
pub(crate) enum Ev<'i> {
    /// A start tag.
    Start(Start<'i>),
    /// An end tag.
    End,
    /// Character data, references resolved.
    Text(Cow<'i, str>),
    /// End of the part.
    Eof,
}

/// A namespace-aware reader over one part held in memory.
pub(crate) struct Xml<'i> {
    reader: Reader<&'i [u8]>,
    scope: Scope,
    part: String,
    depth: u64,
    max_depth: u64,
    /// An empty-element tag (`<w:b/>`) was reported as a start tag; its end comes next.
    /// (quick-xml's `expand_empty_elements` does the same but allocates the end's name.)
    pending_end: bool,
}

impl<'i> Xml<'i> {
    /// A reader over `bytes`, the content of `part`.
    pub fn new(bytes: &'i [u8], part: &str, max_depth: u64) -> Self {
        let mut reader = Reader::from_reader(bytes);
        let cfg = reader.config_mut();
        cfg.expand_empty_elements = false;
        cfg.trim_text(false);
        cfg.check_end_names = true;
        Xml {
            reader,
            scope: Scope::default(),
            part: part.to_string(),
            depth: 0,
            pending_end: false,
            // Deeper would overflow the stack of the recursive walkers (see the ceiling's doc).
            max_depth: max_depth.min(crate::Limits::XML_DEPTH_CEILING),
        }
    }

    /// The part name, for messages.
    pub fn part(&self) -> &str {
        &self.part
    }

    /// Current element depth (1 inside the root element).
    pub fn depth(&self) -> u64 {
        self.depth
    }

    /// An `Error::Xml` for this part.
    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::Xml {
            part: self.part.clone(),
            message: message.into(),
        }
    }

    /// The error for a bad declaration, worded as quick-xml words it.
    fn namespace_error(&self, e: NamespaceError, pos: u64) -> Error {
        let e = quick_xml::Error::from(e);
        self.error(format!("{e} (near byte {pos})"))
    }

    /// One level deeper, within the depth limit: the one place the limit is checked.
    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(LimitKind::XmlDepth.exceeded_in(&self.part, self.depth, self.max_depth));
        }
        Ok(())
    }

    /// The one child loop of the reader: calls `f` with every start tag inside the element
    /// whose start tag was just read, up to its end tag (at the top of a part: to the end of
    /// the part). Text is ignored. When `f` reads an element to its end (with a reader of its
    /// own or [`Xml::skip`]), its content is not seen again; when it leaves it, its children
    /// come next, so `f` sees every descendant.
    pub fn each(&mut self, mut f: impl FnMut(&mut Self, Start<'i>) -> Result<()>) -> Result<()> {
        let end = self.depth.checked_sub(1);
        loop {
            match self.next()? {
                Ev::Start(s) => f(self, s)?,
                Ev::End if Some(self.depth) == end => return Ok(()),
                Ev::Eof if end.is_none() => return Ok(()),
                Ev::Eof => return Err(self.error("unexpected end of the part")),
                _ => {}
            }
        }
    }

    /// A start tag just read at `pos` (`empty`: an empty-element tag, whose end comes next).
    fn start(&mut self, tag: BytesStart<'i>, pos: u64, empty: bool) -> Result<Ev<'i>> {
        if may_declare(&tag) {
            if let Err(e) = self.scope.declare(&tag, self.depth + 1, true) {
                return Err(self.namespace_error(e, pos));
            }
        }
        self.enter()?;
        self.pending_end = empty;
        let qname = tag.name().into_inner();
        let colon = qname.iter().position(|&b| b == b':');
        let ns = self.scope.resolve_at(qname, colon, false);
        let local_at = colon.map_or(0, |i| i + 1);
        Ok(Ev::Start(Start { ns, tag, local_at }))
    }

    /// An end tag (read, or due after an empty-element tag).
    fn end(&mut self) -> Ev<'i> {
        self.depth = self.depth.saturating_sub(1);
        self.scope.leave(self.depth);
        Ev::End
    }

    /// The next event.
    pub fn next(&mut self) -> Result<Ev<'i>> {
        if self.pending_end {
            self.pending_end = false;
            return Ok(self.end());
        }
        loop {
            let pos = self.reader.buffer_position();
            let ev = match self.reader.read_event() {
                Ok(ev) => ev,
                Err(e) => return Err(self.error(format!("{e} (near byte {pos})"))),
            };
            match ev {
                Event::Start(tag) => return self.start(tag, pos, false),
                Event::Empty(tag) => return self.start(tag, pos, true),
                Event::End(_) => return Ok(self.end()),
                Event::Text(t) => match t.xml_content() {
                    Ok(s) => return Ok(Ev::Text(s)),
                    Err(e) => return Err(self.error(format!("bad text: {e}"))),
                },
                Event::CData(c) => match c.decode() {
                    Ok(s) => return Ok(Ev::Text(s)),
                    Err(e) => return Err(self.error(format!("bad CDATA: {e}"))),
                },
                Event::GeneralRef(r) => {
                    if r.is_char_ref() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) => return Ok(Ev::Text(Cow::Owned(c.to_string()))),
                            Ok(None) => continue,
                            Err(e) => {
                                return Err(self.error(format!("bad character reference: {e}")))
                            }
                        }
                    }
                    let name = r.decode().map_err(|e| self.error(e.to_string()))?;
                    let s = match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => return Err(self.error(format!("unknown entity &{other};"))),
                    };
                    return Ok(Ev::Text(Cow::Borrowed(s)));
                }
                Event::Eof => {
                    if self.depth > 0 {
                        return Err(self.error("unexpected end of the part (unclosed element)"));
                    }
                    return Ok(Ev::Eof);
                }
                // Declarations, comments, processing instructions, doctype: nothing to read.
                _ => continue,
            }
        }
    }

    /// The value of attribute `{ns}local` of `start`, the start tag just read (borrowed from
    /// the tag where it needs no unescaping: most values are only parsed or compared).
    pub fn attr<'s>(&self, start: &'s Start<'_>, ns: Ns, local: &[u8]) -> Option<Cow<'s, str>> {
        let [v] = self.attrs_cow(start, ns, [local]);
        v
    }

    /// The values of attributes `{ns}locals[i]` of `start`, the start tag just read, in one
    /// pass over its attributes: each what [`Xml::attr`] gives for it, owned.
    pub fn attrs<const N: usize>(
        &self,
        start: &Start<'_>,
        ns: Ns,
        locals: [&[u8]; N],
    ) -> [Option<String>; N] {
        self.attrs_cow(start, ns, locals)
            .map(|v| v.map(Cow::into_owned))
    }

    /// [`Xml::attrs`], borrowed where the value needs no unescaping.
    pub fn attrs_cow<'s, const N: usize>(
        &self,
        start: &'s Start<'_>,
        ns: Ns,
        locals: [&[u8]; N],
    ) -> [Option<Cow<'s, str>>; N] {
        let mut out = [const { None }; N];
        let mut attrs = start.tag.attributes();
        // Word never writes duplicate attributes; a damaged file that does is still read.
        attrs.with_checks(false);
        for a in attrs.flatten() {
            let local = a.key.local_name().into_inner();
            let Some(slot) = locals
                .iter()
                .zip(out.iter_mut())
                .find_map(|(l, o)| (*l == local && o.is_none()).then_some(o))
            else {
                continue;
            };
            if a.key.as_namespace_binding().is_some()
                || self.scope.resolve(a.key.into_inner(), true) != ns
            {
                continue;
            }
            *slot = Some(attr_value(a));
        }
        out
    }

    /// `w:val` of `start`, the attribute most WordprocessingML properties use.
    pub fn val<'s>(&self, start: &'s Start<'_>) -> Option<Cow<'s, str>> {
        self.attr(start, Ns::W, b"val")
    }

    /// [`Xml::val`], owned.
    pub fn val_owned(&self, start: &Start<'_>) -> Option<String> {
        self.val(start).map(Cow::into_owned)
    }

    /// Skips the rest of the element whose start tag was just read. Names are not resolved:
    /// only nesting is tracked (and capped), and declarations checked.
    pub fn skip(&mut self) -> Result<()> {
        if self.pending_end {
            // The element is an empty-element tag: nothing to skip but its end.
            self.pending_end = false;
            self.end();
            return Ok(());
        }
        let mut level = 1u64;
        while level > 0 {
            let pos = self.reader.buffer_position();
            match self.reader.read_event() {
                Ok(Event::Empty(tag)) => {
                    // A start and an end: checked and capped like any other element.
                    if may_declare(&tag) {
                        if let Err(e) = self.scope.declare(&tag, self.depth + 1, false) {
                            return Err(self.namespace_error(e, pos));
                        }
                    }
                    self.enter()?;
                    self.end();
                }
                Ok(Event::Start(tag)) => {
                    // Their scope ends within the skipped element: checked, not kept.
                    if may_declare(&tag) {
                        if let Err(e) = self.scope.declare(&tag, self.depth + 1, false) {
                            return Err(self.namespace_error(e, pos));
                        }
                    }
                    level += 1;
                    self.enter()?;
                }
                Ok(Event::End(_)) => {
                    level -= 1;
                    self.depth = self.depth.saturating_sub(1);
                    self.scope.leave(self.depth);
                }
                Ok(Event::Eof) => {
                    return Err(self.error("unexpected end of the part (unclosed element)"))
                }
                Ok(_) => {}
                Err(e) => return Err(self.error(format!("{e} (near byte {pos})"))),
            }
        }
        Ok(())
    }

    /// Reads the text content of the element whose start tag was just read, to its end.
    pub fn text_content(&mut self) -> Result<String> {
        let mut s = String::new();
        self.text_each(|t| s.push_str(t))?;
        Ok(s)
    }

    /// Hands each piece of the text content of the element whose start tag was just read to
    /// `f`, in order, to its end: the content without a `String` of its own.
    pub fn text_each(&mut self, mut f: impl FnMut(&str)) -> Result<()> {
        let target = self.depth.saturating_sub(1);
        loop {
            match self.next()? {
                Ev::Text(t) => f(&t),
                Ev::End if self.depth == target => return Ok(()),
                Ev::Eof => return Err(self.error("unexpected end of the part")),
                _ => {}
            }
        }
    }
}

/// An attribute's value, references resolved (the raw bytes, lossily, when they do not
/// resolve), as quick-xml's `unescape_value` gives it. Without a reference that is the value's
/// UTF-8 as it stands (this crate builds quick-xml without its `encoding` feature, so there is
/// no other decoding), taken without the unescaping pass.
fn attr_value(a: quick_xml::events::attributes::Attribute<'_>) -> Cow<'_, str> {
    if !a.value.contains(&b'&') {
        match a.value {
            Cow::Borrowed(b) => {
                if let Ok(v) = std::str::from_utf8(b) {
                    return Cow::Borrowed(v);
                }
            }
            Cow::Owned(ref b) => {
                if let Ok(v) = std::str::from_utf8(b) {
                    return Cow::Owned(v.to_string());
                }
            }
        }
    }
    match a.unescape_value() {
        Ok(v) => v,
        Err(_) => Cow::Owned(String::from_utf8_lossy(&a.value).into_owned()),
    }
}

/// Parses an OOXML on/off value (`w:val` of `w:b`, `w:customMarkFollows`, ...). Absent means on.
pub(crate) fn on_off(v: Option<&str>) -> bool {
    !matches!(v, Some("0") | Some("false") | Some("off"))
}

/// Decodes a part's bytes to UTF-8 when it starts with a UTF-16 byte-order mark.
pub(crate) fn to_utf8(bytes: Vec<u8>) -> Vec<u8> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let enc = if bytes.get(1) == Some(&0xFE) {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (s, _, _) = enc.decode(&bytes);
        // The declaration still says UTF-16; quick-xml without the `encoding` feature ignores it.
        s.into_owned().into_bytes()
    } else {
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::name::{QName, ResolveResult};
    use quick_xml::NsReader;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const M: &str = "http://schemas.openxmlformats.org/officeDocument/2006/math";
    const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// Each start tag: its local name, namespace, and its attributes' namespaces.
    type Seen = Vec<(String, Ns, Vec<(String, Ns)>)>;

    fn to_ns(r: ResolveResult<'_>) -> Ns {
        match r {
            ResolveResult::Bound(ns) => classify(ns.into_inner()),
            _ => Ns::Other,
        }
    }

    fn attrs_of(tag: &BytesStart<'_>, ns: impl Fn(&[u8]) -> Ns) -> Vec<(String, Ns)> {
        tag.attributes()
            .with_checks(false)
            .flatten()
            .filter(|a| a.key.as_namespace_binding().is_none())
            .map(|a| {
                let key = a.key.into_inner();
                (String::from_utf8_lossy(key).into_owned(), ns(key))
            })
            .collect()
    }

    /// What quick-xml's `NsReader` makes of `xml` (the reference).
    fn reference(xml: &str) -> std::result::Result<Seen, String> {
        let mut r = NsReader::from_str(xml);
        r.config_mut().expand_empty_elements = true;
        let mut seen = Vec::new();
        loop {
            let pos = r.buffer_position();
            match r.read_resolved_event() {
                Ok((res, Event::Start(tag))) => {
                    let ns = to_ns(res);
                    let local = String::from_utf8_lossy(tag.local_name().into_inner());
                    let attrs = attrs_of(&tag, |k| to_ns(r.resolve_attribute(QName(k)).0));
                    seen.push((local.into_owned(), ns, attrs));
                }
                Ok((_, Event::Eof)) => return Ok(seen),
                Ok(_) => {}
                Err(e) => return Err(format!("{e} (near byte {pos})")),
            }
        }
    }

    /// What [`Xml`] makes of it.
    fn ours(xml: &str) -> std::result::Result<Seen, String> {
        let mut x = Xml::new(xml.as_bytes(), "test.xml", 64);
        let mut seen = Vec::new();
        loop {
            match x.next() {
                Ok(Ev::Start(s)) => {
                    let local = String::from_utf8_lossy(s.local()).into_owned();
                    let attrs = attrs_of(&s.tag, |k| x.scope.resolve(k, true));
                    seen.push((local, s.ns, attrs));
                }
                Ok(Ev::Eof) => return Ok(seen),
                Ok(_) => {}
                Err(Error::Xml { message, .. }) => return Err(message),
                Err(e) => return Err(e.to_string()),
            }
        }
    }

    #[test]
    fn namespaces_resolve_as_nsreader_resolves_them() {
        let cases = [
            // A prefix in and out of scope; siblings do not see each other's declarations.
            format!(r#"<a:doc xmlns:a="{W}"><a:p/><b:q xmlns:b="{W}"/><b:r/></a:doc>"#),
            format!(r#"<r xmlns:a="{W}"><x xmlns:a="{M}"><a:t/></x><a:y/></r>"#),
            // Default namespace, redeclared and undeclared.
            format!(
                r#"<doc xmlns="{W}"><p/><x:p xmlns:x="{M}"><t/></x:p><p xmlns=""><t/></p><t/></doc>"#
            ),
            format!(r#"<w:doc xmlns:w="{W}"><w:p xmlns:w=""><w:t/></w:p><w:t/></w:doc>"#),
            format!(r#"<w:doc xmlns:w="{W}"><w:p xmlns:w="{M}"><w:t/></w:p><w:t/></w:doc>"#),
            // `xmlns:` with no name declares the default namespace in quick-xml.
            format!(r#"<doc xmlns:="{W}"><p/><:p/></doc>"#),
            // Reserved prefixes, and an element using one.
            format!(r#"<w:doc xmlns:w="{W}" xml:space="preserve"><xml:p/><xmlns:p/></w:doc>"#),
            format!(r#"<doc xmlns:xml="http://www.w3.org/XML/1998/namespace"><xml:p/></doc>"#),
            // Attributes: prefixed, unprefixed (no namespace, even under a default one).
            format!(
                r#"<w:doc xmlns:w="{W}" xmlns:r="{R}"><w:p w:val="1" r:id="2" val="3" xmlns:q="{W}" q:val="4"/></w:doc>"#
            ),
            format!(r#"<doc xmlns="{W}"><p val="1" xmlnsx="2"/></doc>"#),
            // A malformed attribute ends the search for declarations, as in quick-xml.
            format!(r#"<doc a xmlns:w="{W}"><w:p/></doc>"#),
            // URIs are compared raw (a reference in one is another URI).
            format!(r#"<w:doc xmlns:w="{W}&#x20;"><w:p/></w:doc>"#),
            // The same prefix bound to W twice over, and a declaration on a deep element.
            format!(
                r#"<a:d xmlns:a="{W}" xmlns:b="{W}"><b:p><c:q xmlns:c="{M}"><c:r/></c:q></b:p></a:d>"#
            ),
            // Errors: reserved prefixes bound, reserved namespaces bound to other prefixes.
            r#"<doc xmlns:xmlns="x"/>"#.to_string(),
            r#"<doc><p xmlns:xml="y"/></doc>"#.to_string(),
            r#"<doc xmlns:f="http://www.w3.org/XML/1998/namespace"/>"#.to_string(),
            r#"<doc xmlns:f="http://www.w3.org/2000/xmlns/"/>"#.to_string(),
            r#"<doc xmlns="http://www.w3.org/2000/xmlns/"/>"#.to_string(),
        ];
        for xml in &cases {
            assert_eq!(ours(xml), reference(xml), "{xml}");
        }
        assert!(ours(&cases[13]).is_err(), "the error cases are errors");
    }

    #[test]
    fn empty_elements_are_a_start_and_an_end_within_the_depth_limit() {
        // `<c/>` is at depth 3: over a limit of 2, whether read or skipped.
        let xml = "<a><b><c/></b></a>";
        let read = |skip: bool| {
            let mut x = Xml::new(xml.as_bytes(), "test.xml", 2);
            let mut starts = 0;
            x.each(|x, s| {
                starts += 1;
                if skip && s.local() == b"b" {
                    x.skip()?;
                }
                Ok(())
            })
            .map(|()| starts)
        };
        for skip in [false, true] {
            let e = read(skip).unwrap_err().to_string();
            assert!(e.contains("test.xml"), "{e}");
        }
        let mut x = Xml::new(xml.as_bytes(), "test.xml", 3);
        let mut seen = Vec::new();
        loop {
            match x.next().unwrap() {
                Ev::Start(s) => seen.push(format!(
                    "<{}>{}",
                    String::from_utf8_lossy(s.local()),
                    x.depth()
                )),
                Ev::End => seen.push(format!("</>{}", x.depth())),
                Ev::Text(_) => {}
                Ev::Eof => break,
            }
        }
        assert_eq!(seen, ["<a>1", "<b>2", "<c>3", "</>2", "</>1", "</>0"]);
        // An empty element skipped right after its start tag is over; its sibling comes next.
        let mut x = Xml::new(b"<a><b/><c/></a>", "test.xml", 8);
        let mut names = Vec::new();
        x.each(|x, s| {
            names.push(s.local().to_vec());
            if s.local() == b"b" {
                x.skip()?;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(names, [b"a".to_vec(), b"b".to_vec(), b"c".to_vec()]);
    }

    #[test]
    fn skipped_elements_check_their_declarations() {
        for bad in [
            r#"xmlns:xmlns="x""#,
            r#"xmlns:f="http://www.w3.org/2000/xmlns/""#,
        ] {
            let xml = format!("<doc><skipped><deeper {bad}/></skipped><after/></doc>");
            let mut x = Xml::new(xml.as_bytes(), "test.xml", 64);
            let got = x.each(|x, _| x.skip());
            let Err(Error::Xml { message, .. }) = got else {
                panic!("{xml}: {got:?}")
            };
            assert_eq!(Err(message), reference(&xml), "{xml}");
        }
        // A declaration in a skipped element does not leak out of it.
        let xml = format!(r#"<doc><skipped xmlns:w="{W}"/><w:p/></doc>"#);
        let mut x = Xml::new(xml.as_bytes(), "test.xml", 64);
        let mut after = Vec::new();
        x.each(|x, s| {
            after.push((s.local().to_vec(), s.ns));
            x.skip()
        })
        .unwrap();
        assert_eq!(
            after,
            [(b"doc".to_vec(), Ns::Other)],
            "the root is skipped whole"
        );
        let mut x = Xml::new(xml.as_bytes(), "test.xml", 64);
        let mut seen = Vec::new();
        x.each(|x, s| {
            if s.local() == b"skipped" {
                x.skip()?;
            }
            seen.push((s.local().to_vec(), s.ns));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                (b"doc".to_vec(), Ns::Other),
                (b"skipped".to_vec(), Ns::Other),
                (b"p".to_vec(), Ns::Other)
            ]
        );
    }
}
