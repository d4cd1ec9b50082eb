//! Visiting every part of a [`Document`] in document order: each body node (a heading before
//! its children), each item after the paragraph or item that holds it, then the footnotes.
//! One walk for every pass and test that looks at all texts or refs, instead of a
//! hand-written recursion each. Both walks use an explicit stack, so a deeply nested
//! document cannot overflow the call stack.

use std::slice;

use super::{Anchor, Document, Footnote, Item, Node, Ref};

/// One part of a document, as [`parts`] and [`walk`] give it.
///
/// ```
/// use treatydoc::model::walk::{parts, Part};
/// let doc = treatydoc::parse(b"1.\tSee paragraph 2 below.\n2.\tText.\n", None, &Default::default())?;
/// let first = parts(&doc).next().unwrap();
/// assert!(matches!(first, Part::Node(_)));
/// assert_eq!(first.id(), "para-1");
/// assert_eq!(first.text(), Some("See paragraph 2 below."));
/// assert_eq!(first.refs()[0].text, "paragraph 2 below");
/// assert!(first.anchors().is_empty());
/// # Ok::<(), treatydoc::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// A body node: heading, paragraph, text or table.
    Node(&'a Node),
    /// An item of a paragraph or of another item.
    Item(&'a Item),
    /// A footnote or endnote.
    Footnote(&'a Footnote),
}

impl<'a> Part<'a> {
    /// The id: the node's or item's id, the footnote's `id`.
    pub fn id(&self) -> &'a str {
        match self {
            Part::Node(n) => n.id(),
            Part::Item(i) => &i.id,
            Part::Footnote(f) => &f.id,
        }
    }

    /// The text: a heading's title, the text of a paragraph, text node, item or footnote;
    /// `None` for a table.
    pub fn text(&self) -> Option<&'a str> {
        match self {
            Part::Node(Node::Heading(h)) => Some(&h.title),
            Part::Node(Node::Paragraph(p)) => Some(&p.text),
            Part::Node(Node::Text(t)) => Some(&t.text),
            Part::Node(Node::Table(_)) => None,
            Part::Item(i) => Some(&i.text),
            Part::Footnote(f) => Some(&f.text),
        }
    }

    /// Where footnote marks stood in [`Part::text`] (none for a table or a footnote).
    pub fn anchors(&self) -> &'a [Anchor] {
        match self {
            Part::Node(Node::Heading(h)) => &h.footnotes,
            Part::Node(Node::Paragraph(p)) => &p.footnotes,
            Part::Node(Node::Text(t)) => &t.footnotes,
            Part::Item(i) => &i.footnotes,
            Part::Node(Node::Table(_)) | Part::Footnote(_) => &[],
        }
    }

    /// The cross-references found in [`Part::text`] (none for a table).
    pub fn refs(&self) -> &'a [Ref] {
        match self {
            Part::Node(Node::Heading(h)) => &h.refs,
            Part::Node(Node::Paragraph(p)) => &p.refs,
            Part::Node(Node::Text(t)) => &t.refs,
            Part::Node(Node::Table(_)) => &[],
            Part::Item(i) => &i.refs,
            Part::Footnote(f) => &f.refs,
        }
    }
}

/// What kind of part a [`TextMut`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// A heading (its title).
    Heading,
    /// A numbered paragraph.
    Paragraph,
    /// An unnumbered text node.
    Text,
    /// An item.
    Item,
    /// A footnote or endnote.
    Footnote,
}

/// A text of the document with its refs, open for changing the refs ([`walk_mut`]).
#[derive(Debug)]
pub struct TextMut<'a> {
    /// What holds the text.
    pub kind: PartKind,
    /// The holder's id (the footnote's `id` for a footnote).
    pub id: &'a str,
    /// The text.
    pub text: &'a str,
    /// Its cross-references.
    pub refs: &'a mut Vec<Ref>,
}

enum Frame<'a> {
    Nodes(slice::Iter<'a, Node>),
    Items(slice::Iter<'a, Item>),
}

/// The iterator of [`parts`].
pub struct Parts<'a> {
    stack: Vec<Frame<'a>>,
    notes: slice::Iter<'a, Footnote>,
}

impl<'a> Iterator for Parts<'a> {
    type Item = Part<'a>;

    fn next(&mut self) -> Option<Part<'a>> {
        loop {
            match self.stack.last_mut() {
                Some(Frame::Nodes(it)) => match it.next() {
                    Some(n) => {
                        match n {
                            Node::Heading(h) => self.stack.push(Frame::Nodes(h.children.iter())),
                            Node::Paragraph(p) => self.stack.push(Frame::Items(p.items.iter())),
                            Node::Text(_) | Node::Table(_) => {}
                        }
                        return Some(Part::Node(n));
                    }
                    None => {
                        self.stack.pop();
                    }
                },
                Some(Frame::Items(it)) => match it.next() {
                    Some(i) => {
                        self.stack.push(Frame::Items(i.items.iter()));
                        return Some(Part::Item(i));
                    }
                    None => {
                        self.stack.pop();
                    }
                },
                None => return self.notes.next().map(Part::Footnote),
            }
        }
    }
}

/// Every part of `doc` in document order: body nodes and their items depth first, then the
/// footnotes.
///
/// ```
/// use treatydoc::model::walk::{parts, Part};
/// let text = "1.\tLead:\n(a)\tOne;\n(b)\tTwo.\n\tI.\tIntroduction\n2.\tText.\n";
/// let doc = treatydoc::parse(text.as_bytes(), None, &Default::default())?;
/// let ids: Vec<&str> = parts(&doc).map(|p| p.id()).collect();
/// assert_eq!(ids, ["para-1", "para-1.a", "para-1.b", "sec-1", "para-2"]);
/// assert!(parts(&doc).any(|p| matches!(p, Part::Item(i) if i.text == "Two.")));
/// # Ok::<(), treatydoc::Error>(())
/// ```
pub fn parts(doc: &Document) -> Parts<'_> {
    Parts {
        stack: vec![Frame::Nodes(doc.body.iter())],
        notes: doc.footnotes.iter(),
    }
}

/// The parts of a list of body nodes (a document being built, a heading's children), in
/// the order of [`parts`], without footnotes.
///
/// ```
/// use treatydoc::model::{walk::parts_of, Node};
/// let doc = treatydoc::parse(b"\tI.\tIntroduction\n1.\tText.\n", None, &Default::default())?;
/// let Node::Heading(h) = &doc.body[0] else { unreachable!() };
/// assert_eq!(parts_of(&h.children).count(), 1);
/// # Ok::<(), treatydoc::Error>(())
/// ```
pub fn parts_of(nodes: &[Node]) -> Parts<'_> {
    Parts {
        stack: vec![Frame::Nodes(nodes.iter())],
        notes: [].iter(),
    }
}

/// Calls `f` on every part of `doc`, in the order of [`parts`].
///
/// ```
/// let doc = treatydoc::parse(b"1.\tSee paragraph 2 below.\n2.\tText.\n", None, &Default::default())?;
/// let mut refs = 0;
/// treatydoc::model::walk::walk(&doc, |part| refs += part.refs().len());
/// assert_eq!(refs, 1);
/// # Ok::<(), treatydoc::Error>(())
/// ```
pub fn walk<'a>(doc: &'a Document, f: impl FnMut(Part<'a>)) {
    parts(doc).for_each(f);
}

fn text_mut<'a>(kind: PartKind, id: &'a str, text: &'a str, refs: &'a mut Vec<Ref>) -> TextMut<'a> {
    TextMut {
        kind,
        id,
        text,
        refs,
    }
}

enum FrameMut<'a> {
    Nodes(slice::IterMut<'a, Node>),
    Items(slice::IterMut<'a, Item>),
}

/// Calls `f` on every text of `doc` with its refs, in the order of [`parts`] (tables, which
/// hold no refs, are left out), so that a pass can fill or change the refs.
///
/// ```
/// use treatydoc::model::walk::{walk_mut, PartKind};
/// let mut doc = treatydoc::parse(b"1.\tSee paragraph 2 below.\n2.\tText.\n", None, &Default::default())?;
/// assert!(treatydoc::model::walk::parts(&doc).any(|p| !p.refs().is_empty()));
/// walk_mut(&mut doc, |t| {
///     if t.kind == PartKind::Paragraph {
///         t.refs.clear();
///     }
/// });
/// assert!(treatydoc::model::walk::parts(&doc).all(|p| p.refs().is_empty()));
/// # Ok::<(), treatydoc::Error>(())
/// ```
pub fn walk_mut(doc: &mut Document, mut f: impl FnMut(TextMut<'_>)) {
    let mut stack = vec![FrameMut::Nodes(doc.body.iter_mut())];
    while let Some(top) = stack.last_mut() {
        match top {
            FrameMut::Nodes(it) => match it.next() {
                Some(Node::Heading(h)) => {
                    f(text_mut(PartKind::Heading, &h.id, &h.title, &mut h.refs));
                    stack.push(FrameMut::Nodes(h.children.iter_mut()));
                }
                Some(Node::Paragraph(p)) => {
                    f(text_mut(PartKind::Paragraph, &p.id, &p.text, &mut p.refs));
                    stack.push(FrameMut::Items(p.items.iter_mut()));
                }
                Some(Node::Text(t)) => f(text_mut(PartKind::Text, &t.id, &t.text, &mut t.refs)),
                Some(Node::Table(_)) => {}
                None => {
                    stack.pop();
                }
            },
            FrameMut::Items(it) => match it.next() {
                Some(i) => {
                    f(text_mut(PartKind::Item, &i.id, &i.text, &mut i.refs));
                    stack.push(FrameMut::Items(i.items.iter_mut()));
                }
                None => {
                    stack.pop();
                }
            },
        }
    }
    for n in &mut doc.footnotes {
        f(text_mut(PartKind::Footnote, &n.id, &n.text, &mut n.refs));
    }
}
