//! Arbitrary text through the cross-reference pass. The text becomes the paragraphs of a tiny
//! document (one per line, numbered 1, 2, ...) and a footnote, so internal refs resolve,
//! `ibid.` looks back, and "the Convention" has a committee to resolve against. Besides
//! panics and hangs, the target checks the refs invariants: offsets slice the holder's text
//! in chars, refs are sorted and never overlap.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treatydoc::model::{
    Document, Footnote, Metadata, Node, NoteKind, Paragraph, Ref, Source, TreatyBody,
};
use treatydoc::Format;

fn check(text: &str, refs: &[Ref]) {
    let chars: Vec<char> = text.chars().collect();
    let mut prev_end = 0;
    for r in refs {
        assert!(
            r.start < r.end && r.end <= chars.len(),
            "bad span {r:?} in {text:?}"
        );
        let slice: String = chars[r.start..r.end].iter().collect();
        assert_eq!(slice, r.text, "span does not slice its text in {text:?}");
        assert!(
            r.start >= prev_end,
            "overlapping or unsorted refs in {text:?}"
        );
        prev_end = r.end;
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let body = TreatyBody::ALL.get(usize::from(sel) % 11).copied();
    let paragraphs = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| {
            Node::Paragraph(Paragraph {
                id: format!("para-{}", i + 1),
                number: (i + 1).to_string(),
                text: line.to_string(),
                items: Vec::new(),
                footnotes: Vec::new(),
                refs: Vec::new(),
            })
        })
        .collect();
    let mut doc = Document {
        schema_version: treatydoc::model::SCHEMA_VERSION.to_string(),
        source: Source {
            path: None,
            format: Format::Text,
            sha256: String::new(),
        },
        metadata: Metadata {
            body,
            ..Metadata::default()
        },
        body: paragraphs,
        footnotes: vec![Footnote {
            id: "1".into(),
            kind: NoteKind::Footnote,
            mark: "1".into(),
            text: text.to_string(),
            refs: Vec::new(),
        }],
        warnings: Vec::new(),
    };
    if treatydoc::refs::resolve(&mut doc).is_err() {
        return; // over the reference-member limit: a typed error, nothing to check
    }
    for n in &doc.body {
        if let Node::Paragraph(p) = n {
            check(&p.text, &p.refs);
        }
    }
    for f in &doc.footnotes {
        check(&f.text, &f.refs);
    }
});
