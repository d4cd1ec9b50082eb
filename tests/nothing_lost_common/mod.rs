//! Word counting for the nothing-lost tests: the words of a .docx's raw XML and of a JSON tree.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// A multiset of words.
pub type Words = HashMap<String, usize>;

const W: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";
const M: &[u8] = b"http://schemas.openxmlformats.org/officeDocument/2006/math";
const MC: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Splits text into words: runs of letters and digits, lower-cased; a CJK character is a word
/// of its own (those scripts write no spaces).
pub fn words_into(text: &str, out: &mut Words) {
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Words| {
        if !cur.is_empty() {
            *out.entry(std::mem::take(cur)).or_default() += 1;
        }
    };
    for c in text.chars() {
        if is_cjk(c) {
            flush(&mut cur, out);
            *out.entry(c.to_string()).or_default() += 1;
        } else if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else {
            flush(&mut cur, out);
        }
    }
    flush(&mut cur, out);
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Is this zip entry a part whose text Word shows: the main document, notes, comments,
/// headers, footers?
fn shown_part(name: &str) -> bool {
    let Some(file) = name.strip_prefix("word/") else {
        return false;
    };
    if file.contains('/') || !file.ends_with(".xml") {
        return false;
    }
    let stem = file.trim_end_matches(".xml");
    matches!(stem, "document" | "footnotes" | "endnotes" | "comments")
        || stem.starts_with("header")
        || stem.starts_with("footer")
}

/// The words of every `w:t`/`m:t` of the shown parts, without deleted text, field codes and
/// `mc:Fallback` copies. Runs of one paragraph are joined (Word splits words across runs);
/// paragraphs, tabs and breaks separate words; so does each math run.
pub fn xml_words(docx: &[u8]) -> Words {
    let mut out = Words::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(docx)) else {
        return out;
    };
    let names: Vec<String> = zip.file_names().flatten().map(|n| n.into_owned()).collect();
    for name in names.iter().filter(|n| shown_part(n)) {
        let mut bytes = Vec::new();
        if zip
            .by_name(name)
            .ok()
            .and_then(|mut f| f.read_to_end(&mut bytes).ok())
            .is_none()
        {
            continue;
        }
        words_into(&part_text(&bytes), &mut out);
    }
    out
}

fn part_text(bytes: &[u8]) -> String {
    let mut r = NsReader::from_reader(bytes);
    r.config_mut().expand_empty_elements = true;
    let mut text = String::new();
    // Depths of the elements whose content is not shown, and of the text element we are in.
    let mut hidden = 0usize;
    let mut in_t = 0usize;
    let mut stack: Vec<(bool, bool)> = Vec::new();
    while let Ok((res, ev)) = r.read_resolved_event() {
        let ns: &[u8] = match res {
            ResolveResult::Bound(n) => n.into_inner(),
            _ => b"",
        };
        let w = ns == W || ns == W_STRICT;
        match ev {
            Event::Start(s) => {
                let local = s.local_name().into_inner().to_vec();
                let hides = (ns == MC && local == b"Fallback")
                    || (w
                        && matches!(
                            local.as_slice(),
                            b"del" | b"moveFrom" | b"delText" | b"instrText"
                        ));
                let is_t = (w || ns == M) && local == b"t";
                if hides {
                    hidden += 1;
                }
                if is_t {
                    in_t += 1;
                    if ns == M {
                        text.push(' ');
                    }
                }
                if w && matches!(
                    local.as_slice(),
                    b"p" | b"tab"
                        | b"ptab"
                        | b"br"
                        | b"cr"
                        | b"noBreakHyphen"
                        | b"sym"
                        | b"txbxContent"
                        | b"tc"
                ) {
                    text.push(' ');
                }
                stack.push((hides, is_t));
            }
            Event::End(_) => {
                if let Some((hides, is_t)) = stack.pop() {
                    if hides {
                        hidden -= 1;
                    }
                    if is_t {
                        in_t -= 1;
                    }
                }
                if stack.is_empty() {
                    break;
                }
            }
            Event::Text(t) if in_t > 0 && hidden == 0 => {
                if let Ok(s) = t.xml_content() {
                    text.push_str(&s);
                }
            }
            Event::GeneralRef(g) if in_t > 0 && hidden == 0 => {
                if let Ok(Some(c)) = g.resolve_char_ref() {
                    text.push(c);
                } else if let Ok(name) = g.decode() {
                    text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    text
}

/// Keys whose values are not text a reader saw: ids, node types, references, note anchors,
/// the source, warnings (a warning quoting a lost word must not count as keeping it).
const NOT_TEXT: [&str; 9] = [
    "id",
    "type",
    "refs",
    "footnotes_anchor",
    "source",
    "warnings",
    "schema_version",
    "anchor",
    "at",
];

/// The words of every text field of a JSON tree.
pub fn json_words(v: &serde_json::Value) -> Words {
    let mut out = Words::new();
    walk(v, &mut out);
    out
}

fn walk(v: &serde_json::Value, out: &mut Words) {
    match v {
        serde_json::Value::String(s) => words_into(s, out),
        serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                // Anchors (`{"footnote": "2", "offset": 5}`) are ids, not text.
                if NOT_TEXT.contains(&k.as_str()) || (k == "footnote" && x.is_string()) {
                    continue;
                }
                walk(x, out);
            }
        }
        _ => {}
    }
}

/// One file's figures: name, words found, words in the XML, the words lost with counts.
type FileRecall = (String, usize, usize, Vec<(String, usize)>);

/// Recall over a set of files.
#[derive(Default)]
pub struct Recall {
    found: usize,
    total: usize,
    files: Vec<FileRecall>,
}

impl Recall {
    /// Adds one file.
    pub fn add(&mut self, name: &str, want: &Words, got: &Words) {
        let mut found = 0;
        let mut total = 0;
        let mut lost = Vec::new();
        for (w, n) in want {
            let g = got.get(w).copied().unwrap_or(0);
            total += n;
            found += g.min(*n);
            if g < *n {
                lost.push((w.clone(), n - g));
            }
        }
        lost.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        self.found += found;
        self.total += total;
        self.files.push((name.to_string(), found, total, lost));
    }

    /// How many files were added.
    pub fn files(&self) -> usize {
        self.files.len()
    }

    /// Found / total.
    pub fn value(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.found as f64 / self.total as f64
        }
    }

    /// Files with words in the XML and none found.
    pub fn empty_outputs(&self) -> Vec<String> {
        self.files
            .iter()
            .filter(|(_, f, t, _)| *t > 0 && *f == 0)
            .map(|(n, ..)| n.clone())
            .collect()
    }

    /// Prints the figure and the files that lose most.
    pub fn report(&self, what: &str) {
        eprintln!(
            "{what}: word recall {:.4} ({} of {} words, {} files; {} with no word found)",
            self.value(),
            self.found,
            self.total,
            self.files.len(),
            self.empty_outputs().len()
        );
        let mut worst: Vec<_> = self.files.iter().filter(|f| f.1 < f.2).collect();
        worst.sort_by(|a, b| (b.2 - b.1).cmp(&(a.2 - a.1)).then(a.0.cmp(&b.0)));
        for (name, found, total, lost) in worst.iter().take(40) {
            let sample: Vec<String> = lost
                .iter()
                .take(8)
                .map(|(w, n)| format!("{w}×{n}"))
                .collect();
            eprintln!(
                "  {name}: lost {} of {total}: {}",
                total - found,
                sample.join(" ")
            );
        }
    }
}

/// The words of a text export as a reader sees them: the text without the markers POI and
/// Tika add (`[footnoteRef:N]`, `[endnoteRef:N]`, `[bookmark: …]`, `[image: …]`, the ` [N: `
/// opening a note body, `Comment by AUTHOR:`, `!!! … not found`).
pub fn text_words(text: &str) -> Words {
    let mut clean = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let skip = marker_len(rest);
        if skip > 0 {
            clean.push(' ');
            rest = rest.get(skip..).unwrap_or_default();
            continue;
        }
        clean.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    let mut out = Words::new();
    words_into(&clean, &mut out);
    out
}

/// Byte length of the marker at the start of `s`, 0 when there is none.
fn marker_len(s: &str) -> usize {
    for open in ["[footnoteRef:", "[endnoteRef:"] {
        if let Some(r) = s.strip_prefix(open) {
            let digits = r.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && r.as_bytes().get(digits) == Some(&b']') {
                return open.len() + digits + 1;
            }
        }
    }
    for open in ["[bookmark: ", "[image: "] {
        if let Some(r) = s.strip_prefix(open) {
            if let Some(end) = r.find([']', '\n']) {
                return open.len() + end + 1;
            }
        }
    }
    if let Some(r) = s.strip_prefix('[') {
        let digits = r.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && r.get(digits..).is_some_and(|t| t.starts_with(": ")) {
            return 1 + digits + 2;
        }
    }
    if let Some(r) = s.strip_prefix("\tComment by ") {
        if let Some(end) = r.find([':', '\n']) {
            return "\tComment by ".len() + end + 1;
        }
    }
    for missing in ["!!! End note with ID \"", "!!! Footnote with ID \""] {
        if let Some(r) = s.strip_prefix(missing) {
            let tail = "not found in document.";
            if let Some(end) = r.find(tail) {
                return missing.len() + end + tail.len();
            }
        }
    }
    0
}

/// A text export's bytes as text, decoded as the text reader decodes them: UTF-8 or UTF-16
/// by their byte-order mark, UTF-8, else Windows-1252.
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}
