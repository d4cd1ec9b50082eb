//! A thin, namespace-aware event layer over quick-xml's `NsReader` for the .docx parts.
//!
//! Elements are matched by namespace URI and local name, never by prefix, so a part written
//! with `ns0:` (or no prefix at all) reads exactly like one written with `w:`. Entity and
//! character references are resolved here, nesting depth is capped, and every error names
//! the part it came from.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

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
        b"http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rels,
        b"http://purl.org/dc/elements/1.1/" => Ns::Dc,
        _ => Ns::Other,
    }
}

fn resolved(r: ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(ns) => classify(ns.into_inner()),
        _ => Ns::Other,
    }
}

/// A start tag (empty elements are reported as a start followed by an end).
///
/// Attributes are resolved on demand with [`Xml::attr`], right after the start tag is read
/// (before the next event), while its namespace scope is current.
pub(crate) struct Start<'i> {
    /// Namespace of the element.
    pub ns: Ns,
    tag: BytesStart<'i>,
}

impl Start<'_> {
    /// The element's local name.
    pub fn local(&self) -> &[u8] {
        self.tag.local_name().into_inner()
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
    reader: NsReader<&'i [u8]>,
    part: String,
    depth: u64,
    max_depth: u64,
}

impl<'i> Xml<'i> {
    /// A reader over `bytes`, the content of `part`.
    pub fn new(bytes: &'i [u8], part: &str, max_depth: u64) -> Self {
        let mut reader = NsReader::from_reader(bytes);
        let cfg = reader.config_mut();
        cfg.expand_empty_elements = true;
        cfg.trim_text(false);
        cfg.check_end_names = true;
        Xml {
            reader,
            part: part.to_string(),
            depth: 0,
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

    /// The next event.
    pub fn next(&mut self) -> Result<Ev<'i>> {
        loop {
            let pos = self.reader.buffer_position();
            let (res, ev) = match self.reader.read_resolved_event() {
                Ok((res, ev)) => (resolved(res), ev),
                Err(e) => return Err(self.error(format!("{e} (near byte {pos})"))),
            };
            match ev {
                Event::Start(tag) => {
                    self.depth += 1;
                    if self.depth > self.max_depth {
                        return Err(LimitKind::XmlDepth.exceeded_in(
                            &self.part,
                            self.depth,
                            self.max_depth,
                        ));
                    }
                    return Ok(Ev::Start(Start { ns: res, tag }));
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(Ev::End);
                }
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

    /// The value of attribute `{ns}local` of `start`, the start tag just read.
    pub fn attr(&self, start: &Start<'_>, ns: Ns, local: &[u8]) -> Option<String> {
        let mut attrs = start.tag.attributes();
        // Word never writes duplicate attributes; a damaged file that does is still read.
        attrs.with_checks(false);
        for a in attrs.flatten() {
            if a.key.local_name().into_inner() != local || a.key.as_namespace_binding().is_some() {
                continue;
            }
            let (res, _) = self.reader.resolve_attribute(a.key);
            if resolved(res) != ns {
                continue;
            }
            return Some(match a.unescape_value() {
                Ok(v) => v.into_owned(),
                Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
            });
        }
        None
    }

    /// `w:val` of `start`, the attribute most WordprocessingML properties use.
    pub fn val(&self, start: &Start<'_>) -> Option<String> {
        self.attr(start, Ns::W, b"val")
    }

    /// Skips the rest of the element whose start tag was just read. Names are not resolved:
    /// only nesting is tracked (and capped).
    pub fn skip(&mut self) -> Result<()> {
        let mut level = 1u64;
        while level > 0 {
            let pos = self.reader.buffer_position();
            match self.reader.read_event() {
                Ok(Event::Start(_)) => {
                    level += 1;
                    self.depth += 1;
                    if self.depth > self.max_depth {
                        return Err(LimitKind::XmlDepth.exceeded_in(
                            &self.part,
                            self.depth,
                            self.max_depth,
                        ));
                    }
                }
                Ok(Event::End(_)) => {
                    level -= 1;
                    self.depth = self.depth.saturating_sub(1);
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
        let target = self.depth.saturating_sub(1);
        let mut s = String::new();
        loop {
            match self.next()? {
                Ev::Text(t) => s.push_str(&t),
                Ev::End if self.depth == target => return Ok(s),
                Ev::Eof => return Err(self.error("unexpected end of the part")),
                _ => {}
            }
        }
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
