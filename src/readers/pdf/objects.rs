//! Loading a PDF's objects, with object streams decoded only when the pages need them.
//!
//! lopdf parses every member of every object stream while it loads. In tagged PDFs (Word's
//! "Save as PDF") those streams hold the structure tree, thousands of `StructElem`
//! dictionaries that the reader never looks at, and parsing them was a quarter of the whole
//! run on a 25-page document. So the first load leaves object streams packed (a filter
//! renames their `/Type`), then walks everything reachable from the trailer except the
//! structure tree and unpacks only the streams that hold a reachable object.
//!
//! The result must be the document a full load gives, as far as the reader can see. Where
//! that cannot be shown cheaply (encryption, a repaired cross-reference table, a reachable
//! object that is missing for another reason, a stream that does not decode, an object
//! count near the limit) the document is loaded again in full, so only the cost differs.

use std::collections::{BTreeMap, HashSet};

use lopdf::xref::{XrefEntry, XrefRecovery};
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId, ObjectStream};

/// The `/Type` a packed object stream carries until it is unpacked.
const PACKED: &[u8] = b"TreatydocPackedObjStm";

/// Keeps object streams packed: lopdf only unpacks streams whose `/Type` is `/ObjStm`.
/// An empty one stays as it is (lopdf would re-read it from its `/Length`).
fn keep_packed(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(s) = object {
        if s.dict.has_type(b"ObjStm") && !s.content.is_empty() {
            s.dict.set("Type", Object::Name(PACKED.to_vec()));
        }
    }
    Some((id, Object::Null))
}

/// Loads `bytes` as a full lopdf load would see it through the page tree.
pub fn load(bytes: &[u8], options: LoadOptions, max_objects: u64) -> lopdf::Result<Document> {
    let full = options.clone();
    let lazy = LoadOptions {
        filter: Some(keep_packed),
        ..options
    };
    let doc = Document::load_mem_with_options(bytes, lazy)?;
    match unpack_reachable(doc, max_objects, full.max_decompressed_size) {
        Some(doc) => Ok(doc),
        None => Document::load_mem_with_options(bytes, full),
    }
}

/// Ids of the packed object streams, in object order.
fn packed(doc: &Document) -> Vec<ObjectId> {
    doc.objects
        .iter()
        .filter(|(_, o)| matches!(o, Object::Stream(s) if s.dict.has_type(PACKED)))
        .map(|(id, _)| *id)
        .collect()
}

/// An upper bound on the members of a packed stream: the tokens of its index over two.
/// `None` when it does not decode as lopdf would decode it.
fn members_bound(doc: &Document, id: ObjectId, max: Option<usize>) -> Option<u64> {
    let s = doc.objects.get(&id)?.as_stream().ok()?;
    let content = match max {
        Some(m) => s.get_plain_content_with_limit(m).ok()?,
        None => s.get_plain_content().ok()?,
    };
    let first = usize::try_from(s.dict.get(b"First").ok()?.as_i64().ok()?).ok()?;
    let index = std::str::from_utf8(content.get(..first)?).ok()?;
    Some(index.split_ascii_whitespace().count() as u64 / 2)
}

/// Unpacks the streams that hold reachable objects; `None` asks for a full load.
fn unpack_reachable(mut doc: Document, max_objects: u64, max: Option<usize>) -> Option<Document> {
    if doc.is_encrypted() || doc.was_encrypted() || doc.xref_recovery.is_some() {
        return None;
    }
    let streams = packed(&doc);
    if streams.is_empty() {
        return Some(doc);
    }
    // The object limit: a full load has at most these objects; near the limit, count exactly.
    let mut bound = doc.objects.len() as u64;
    for &id in &streams {
        bound = bound.saturating_add(members_bound(&doc, id, max)?);
    }
    if bound > max_objects {
        return None;
    }
    let root = doc.trailer.get(b"Root").ok()?.as_reference().ok()?;
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut unpacked: HashSet<u32> = HashSet::new();
    let mut todo: Vec<ObjectId> = Vec::new();
    refs_of_dict(&doc.trailer, &mut todo);
    loop {
        let mut wanted: BTreeMap<u32, Vec<ObjectId>> = BTreeMap::new();
        while let Some(id) = todo.pop() {
            if !seen.insert(id) {
                continue;
            }
            match doc.objects.get(&id) {
                Some(Object::Stream(s)) if s.dict.has_type(PACKED) => return None,
                Some(o) if id == root => match o.as_dict() {
                    Ok(catalog) => {
                        for (k, v) in catalog.iter() {
                            // The structure tree: what object streams mostly hold.
                            if k.as_slice() != b"StructTreeRoot" {
                                refs_of(v, &mut todo);
                            }
                        }
                    }
                    Err(_) => refs_of(o, &mut todo),
                },
                Some(o) => refs_of(o, &mut todo),
                None => match doc.reference_table.get(id.0) {
                    Some(&XrefEntry::Compressed { container, .. }) => {
                        if !unpacked.contains(&container) {
                            seen.remove(&id);
                            wanted.entry(container).or_default().push(id);
                        }
                    }
                    // Missing for another reason: a full load might find it in some stream.
                    _ => return None,
                },
            }
        }
        if wanted.is_empty() {
            break;
        }
        for (container, ids) in wanted {
            unpacked.insert(container);
            unpack(&mut doc, container, max)?;
            todo.extend(ids);
        }
    }
    if !page_tree_loaded(&doc) && doc.xref_recovery != Some(XrefRecovery::Reconstructed) {
        // A full load would try to rebuild the cross-reference table.
        return None;
    }
    Some(doc)
}

/// Unpacks object stream `container` as lopdf's full load does: the members the
/// cross-reference table places in it, never replacing an object already loaded; a
/// stream that does not decode is dropped. `None` for a decompression bomb (a full load
/// fails on it) or a container that is not a packed stream.
fn unpack(doc: &mut Document, container: u32, max: Option<usize>) -> Option<()> {
    let id = (container, 0);
    let decoded = match doc.objects.get(&id) {
        Some(Object::Stream(s)) if s.dict.has_type(PACKED) => ObjectStream::new_with_limit(s, max),
        _ => return None,
    };
    let members = match decoded {
        Ok(os) => os.objects,
        Err(lopdf::Error::Decompress(_)) => return None,
        Err(_) => {
            doc.objects.remove(&id);
            return Some(());
        }
    };
    if let Some(Object::Stream(s)) = doc.objects.get_mut(&id) {
        s.dict.set("Type", Object::Name(b"ObjStm".to_vec()));
    }
    for (member, object) in members {
        let here = matches!(
            doc.reference_table.get(member.0),
            Some(&XrefEntry::Compressed { container: c, .. }) if c == container
        );
        if here {
            doc.objects.entry(member).or_insert(object);
        }
    }
    Some(())
}

/// lopdf's test for a usable page tree: the catalog's `/Pages` has `/Kids`.
fn page_tree_loaded(doc: &Document) -> bool {
    doc.catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .and_then(|root| doc.get_dictionary(root))
        .and_then(|root| root.get_deref(b"Kids", doc))
        .and_then(Object::as_array)
        .is_ok()
}

fn refs_of_dict(d: &Dictionary, out: &mut Vec<ObjectId>) {
    for (_, v) in d.iter() {
        refs_of(v, out);
    }
}

/// The references inside `o`, however deeply nested.
fn refs_of(o: &Object, out: &mut Vec<ObjectId>) {
    let mut stack: Vec<&Object> = vec![o];
    while let Some(o) = stack.pop() {
        match o {
            Object::Reference(id) => out.push(*id),
            Object::Array(a) => stack.extend(a.iter()),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every object reachable from the trailer (structure tree aside) is the object a full
    /// load gives, in every corpus PDF; the pages are the same.
    #[test]
    fn lazy_load_sees_what_a_full_load_sees() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/crpd-pdf");
        let mut files = 0;
        let mut unpacked = 0;
        for dir in ["co", "other"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for e in entries.flatten() {
                let bytes = std::fs::read(e.path()).unwrap();
                let full = Document::load_mem(&bytes).unwrap();
                let lazy = load(&bytes, LoadOptions::default(), u64::MAX).unwrap();
                assert_eq!(lazy.get_pages(), full.get_pages(), "{:?}", e.path());
                let catalog = lazy.trailer.get(b"Root").unwrap().as_reference().unwrap();
                let mut todo = Vec::new();
                refs_of_dict(&lazy.trailer, &mut todo);
                let mut seen = HashSet::new();
                while let Some(id) = todo.pop() {
                    if !seen.insert(id) {
                        continue;
                    }
                    let (l, f) = (lazy.objects.get(&id), full.objects.get(&id));
                    assert!(l == f, "{:?}: object {id:?} differs", e.path());
                    match l {
                        Some(Object::Dictionary(d)) if id == catalog => {
                            for (k, v) in d.iter() {
                                if k.as_slice() != b"StructTreeRoot" {
                                    refs_of(v, &mut todo);
                                }
                            }
                        }
                        Some(o) => refs_of(o, &mut todo),
                        None => {}
                    }
                }
                unpacked += usize::from(lazy.objects.len() < full.objects.len());
                files += 1;
            }
        }
        assert!(files >= 64, "corpus not found: {files} files");
        // Most corpus PDFs are tagged: their structure trees stay packed.
        assert!(unpacked > 40, "{unpacked} of {files} loaded fewer objects");
    }

    /// A PDF whose font (4) and structure tree root (5) sit in object stream 6; the page
    /// has `resources`.
    fn packed_pdf(resources: &str) -> Vec<u8> {
        let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> ";
        let index = format!("4 0 5 {} ", font.len());
        let first = index.len();
        let objs = format!("{index}{font}<< /K [] >>").into_bytes();
        let mut pdf: Vec<u8> = b"%PDF-1.5\n".to_vec();
        let mut offsets = Vec::new();
        let mut obj = |pdf: &mut Vec<u8>, body: &[u8]| {
            offsets.push(pdf.len());
            pdf.extend_from_slice(body);
        };
        obj(
            &mut pdf,
            b"1 0 obj << /Type /Catalog /Pages 2 0 R /StructTreeRoot 5 0 R >> endobj\n",
        );
        obj(
            &mut pdf,
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n",
        );
        let page = format!(
            "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources {resources} >> endobj\n"
        );
        obj(&mut pdf, page.as_bytes());
        let stm = format!(
            "6 0 obj << /Type /ObjStm /N 2 /First {first} /Length {} >> stream\n",
            objs.len()
        );
        let mut body = stm.into_bytes();
        body.extend_from_slice(&objs);
        body.extend_from_slice(b"\nendstream endobj\n");
        obj(&mut pdf, &body);
        // A cross-reference stream: type 1 (offset) and type 2 (container, index) rows.
        let xref_at = pdf.len();
        let mut rows: Vec<u8> = vec![0, 0, 0, 0xff];
        for at in offsets.iter().take(3) {
            rows.extend_from_slice(&[1, (at >> 8) as u8, *at as u8, 0]);
        }
        rows.extend_from_slice(&[2, 0, 6, 0]);
        rows.extend_from_slice(&[2, 0, 6, 1]);
        let at6 = offsets[3];
        rows.extend_from_slice(&[1, (at6 >> 8) as u8, at6 as u8, 0]);
        rows.extend_from_slice(&[1, (xref_at >> 8) as u8, xref_at as u8, 0]);
        let head = format!(
            "7 0 obj << /Type /XRef /Size 8 /W [1 2 1] /Root 1 0 R /Length {} >> stream\n",
            rows.len()
        );
        pdf.extend_from_slice(head.as_bytes());
        pdf.extend_from_slice(&rows);
        pdf.extend_from_slice(
            format!("\nendstream endobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes(),
        );
        pdf
    }

    /// A packed stream holding a page's font is unpacked; one that only the structure tree
    /// needs stays packed; near the object limit the load is a full one.
    #[test]
    fn packed_objects_that_pages_need_are_unpacked() {
        let with_font = packed_pdf("<< /Font << /F1 4 0 R >> >>");
        let full = Document::load_mem(&with_font).unwrap();
        assert!(full.objects.contains_key(&(4, 0)) && full.objects.contains_key(&(5, 0)));
        let lazy = load(&with_font, LoadOptions::default(), u64::MAX).unwrap();
        assert_eq!(lazy.objects.get(&(4, 0)), full.objects.get(&(4, 0)));
        assert_eq!(lazy.get_pages(), full.get_pages());

        let no_font = packed_pdf("<< >>");
        let full = Document::load_mem(&no_font).unwrap();
        let lazy = load(&no_font, LoadOptions::default(), u64::MAX).unwrap();
        assert!(!lazy.objects.contains_key(&(4, 0)) && !lazy.objects.contains_key(&(5, 0)));
        assert_eq!(lazy.objects.len() + 2, full.objects.len());
        assert_eq!(lazy.get_pages(), full.get_pages());
        // Within the limit the packed members only bound the count (5 + 2 = 7); past it the
        // load is a full one, so that the limit error gives the exact count.
        let within = load(&no_font, LoadOptions::default(), 7).unwrap();
        assert_eq!(within.objects.len(), lazy.objects.len());
        let near = load(&no_font, LoadOptions::default(), 6).unwrap();
        assert_eq!(near.objects.len(), full.objects.len());
    }
}
