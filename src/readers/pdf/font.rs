//! Fonts: how a shown string splits into codes, what text each code stands for (ToUnicode
//! CMap first, then the encoding), how wide each glyph is, and whether the face is bold.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object};

use super::encoding::{base_char, glyph_text, Base};
use super::lexer::{for_each_op, Operand};

/// One decoded glyph of a shown string.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// What it stands for (may be several chars, or empty for an unmapped code); shared
    /// with the font's table, so a glyph costs no allocation.
    pub text: Rc<str>,
    /// Advance width in text space units per 1000 (glyph space).
    pub width: f64,
    /// True for the single-byte code 32, which word spacing (`Tw`) applies to.
    pub is_space: bool,
}

/// A font as the reader needs it.
#[derive(Debug, Clone)]
pub struct Font {
    /// Two-byte codes (Type0 with an Identity or other 2-byte CMap).
    two_byte: bool,
    to_unicode: HashMap<u32, String>,
    base: Base,
    differences: HashMap<u32, String>,
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Bold face (by name, weight or flags).
    pub bold: bool,
    /// Italic face.
    pub italic: bool,
    /// Type 3 fonts scale glyph space by their FontMatrix; we use its x scale ×1000.
    scale: f64,
    /// What [`Font::decode`] reads, built once by [`Font::prepare`] from the maps above.
    table: Table,
}

/// Text and scaled width of every code, resolved once per font instead of once per glyph.
#[derive(Debug, Clone, Default)]
enum Table {
    /// Not built yet: decode resolves each code from the maps.
    #[default]
    None,
    /// Single-byte fonts: one entry per byte value.
    Bytes(Vec<(Rc<str>, f64)>),
    /// Two-byte fonts: the mapped codes; any other is empty text at the default width.
    Codes {
        map: HashMap<u32, (Rc<str>, f64), BuildHasherDefault<CodeHasher>>,
        missing: (Rc<str>, f64),
    },
}

/// A fast hasher for glyph codes (a folded multiply: every input bit reaches the low and
/// high bits, so crafted codes cannot pile into one bucket). SipHash per glyph showed in
/// the profile.
#[derive(Default)]
struct CodeHasher(u64);

impl Hasher for CodeHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(u32::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        let p = u128::from(self.0 ^ u64::from(n)) * 0x9E37_79B9_7F4A_7C15;
        self.0 = (p >> 64) as u64 ^ p as u64;
    }
}

impl Default for Font {
    fn default() -> Self {
        Font {
            two_byte: false,
            to_unicode: HashMap::new(),
            base: Base::WinAnsi,
            differences: HashMap::new(),
            widths: HashMap::new(),
            default_width: 500.0,
            bold: false,
            italic: false,
            scale: 1.0,
            table: Table::None,
        }
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().and_then(|o| deref(doc, o))
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// Reads the font dictionary `d`; `max_stream` bounds a ToUnicode stream's size.
pub fn load(doc: &Document, d: &Dictionary, max_stream: usize) -> Font {
    let mut f = Font::default();
    let subtype = get(doc, d, b"Subtype")
        .and_then(|o| o.as_name().ok())
        .unwrap_or_default();
    let base_font = get(doc, d, b"BaseFont")
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).to_string())
        .unwrap_or_default();
    let lower = base_font.to_ascii_lowercase();
    f.bold = ["bold", "black", "heavy", "semibold", "demi"]
        .iter()
        .any(|w| lower.contains(w));
    f.italic = lower.contains("italic") || lower.contains("oblique");

    if let Some(tu) = get(doc, d, b"ToUnicode").and_then(|o| o.as_stream().ok()) {
        if let Ok(data) = tu.get_plain_content_with_limit(max_stream) {
            f.to_unicode = parse_cmap(&data);
        }
    }

    let mut descriptor = get(doc, d, b"FontDescriptor").and_then(|o| o.as_dict().ok());
    if subtype == b"Type0" {
        f.two_byte = true;
        f.default_width = 1000.0;
        let desc = get(doc, d, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        if let Some(cid) = desc {
            if let Some(dw) = get(doc, cid, b"DW").and_then(num) {
                f.default_width = dw;
            }
            if let Some(w) = get(doc, cid, b"W").and_then(|o| o.as_array().ok()) {
                read_cid_widths(doc, w, &mut f.widths);
            }
            descriptor = get(doc, cid, b"FontDescriptor").and_then(|o| o.as_dict().ok());
            if !f.bold {
                let name = get(doc, cid, b"BaseFont")
                    .and_then(|o| o.as_name().ok())
                    .map(|n| String::from_utf8_lossy(n).to_ascii_lowercase())
                    .unwrap_or_default();
                f.bold = name.contains("bold");
            }
        }
    } else {
        let first = get(doc, d, b"FirstChar").and_then(num).unwrap_or(0.0) as u32;
        if let Some(w) = get(doc, d, b"Widths").and_then(|o| o.as_array().ok()) {
            for (i, o) in w.iter().enumerate().take(256) {
                if let Some(v) = deref(doc, o).and_then(num) {
                    f.widths.insert(first.saturating_add(i as u32), v);
                }
            }
        }
        if subtype == b"Type3" {
            if let Some(m) = get(doc, d, b"FontMatrix").and_then(|o| o.as_array().ok()) {
                if let Some(a) = m.first().and_then(num) {
                    f.scale = a * 1000.0;
                }
            }
        }
        let is_symbolic = subtype == b"Type1" && lower.contains("symbol");
        f.base = if subtype == b"Type1" && !is_symbolic {
            Base::Standard
        } else {
            Base::WinAnsi
        };
        match get(doc, d, b"Encoding") {
            Some(Object::Name(n)) => f.base = base_of(n).unwrap_or(f.base),
            Some(Object::Dictionary(enc)) => {
                if let Some(b) = get(doc, enc, b"BaseEncoding")
                    .and_then(|o| o.as_name().ok())
                    .and_then(base_of)
                {
                    f.base = b;
                }
                if let Some(diffs) = get(doc, enc, b"Differences").and_then(|o| o.as_array().ok()) {
                    let mut code = 0u32;
                    for o in diffs {
                        match deref(doc, o) {
                            Some(Object::Integer(i)) => code = (*i).clamp(0, 255) as u32,
                            Some(Object::Name(n)) => {
                                if let Some(t) = glyph_text(n) {
                                    f.differences.insert(code, t);
                                }
                                code = code.saturating_add(1);
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(desc) = descriptor {
        let weight = get(doc, desc, b"FontWeight").and_then(num).unwrap_or(0.0);
        let flags = get(doc, desc, b"Flags").and_then(num).unwrap_or(0.0) as u32;
        // Flag 19 is ForceBold.
        f.bold |= weight >= 600.0 || flags & (1 << 18) != 0;
        let missing = get(doc, desc, b"MissingWidth").and_then(num);
        if let (Some(m), false) = (missing, f.two_byte) {
            if m > 0.0 {
                f.default_width = m;
            }
        }
    }
    f.prepare();
    f
}

fn base_of(name: &[u8]) -> Option<Base> {
    match name {
        b"WinAnsiEncoding" => Some(Base::WinAnsi),
        b"StandardEncoding" => Some(Base::Standard),
        b"MacRomanEncoding" => Some(Base::MacRoman),
        _ => None,
    }
}

/// `/W [c [w1 w2 ...] c1 c2 w ...]`.
fn read_cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f64>) {
    let mut i = 0;
    // Bound the work a hostile array can cause: 65,536 CIDs at most.
    let cap = 65_536usize;
    while let Some(o) = w.get(i) {
        let Some(first) = deref(doc, o).and_then(num) else {
            i += 1;
            continue;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).and_then(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, o) in ws.iter().enumerate() {
                    if out.len() >= cap {
                        return;
                    }
                    if let Some(v) = deref(doc, o).and_then(num) {
                        out.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(o2) => {
                let last = num(o2).unwrap_or(0.0).max(0.0) as u32;
                let v = w
                    .get(i + 2)
                    .and_then(|o| deref(doc, o))
                    .and_then(num)
                    .unwrap_or(0.0);
                let mut c = first;
                while c <= last && out.len() < cap {
                    out.insert(c, v);
                    c += 1;
                }
                i += 3;
            }
            None => break,
        }
    }
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b))
}

fn utf16_text(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| u16::from(*c.first().unwrap_or(&0)) << 8 | u16::from(*c.get(1).unwrap_or(&0)))
        .collect();
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect()
}

/// A ToUnicode CMap: `bfchar` and `bfrange` entries (ranges bounded to 65,536 codes).
pub fn parse_cmap(data: &[u8]) -> HashMap<u32, String> {
    let mut map = HashMap::new();
    for_each_op(data, |op, args| match op {
        b"endbfchar" => {
            for pair in args.chunks(2) {
                if let [Operand::Str(src), Operand::Str(dst)] = pair {
                    map.insert(code_of(src), utf16_text(dst));
                }
            }
        }
        b"endbfrange" => {
            for t in args.chunks(3) {
                let [Operand::Str(lo), Operand::Str(hi), dst] = t else {
                    continue;
                };
                let (lo, hi) = (code_of(lo), code_of(hi));
                if hi < lo || hi - lo > 65_535 {
                    continue;
                }
                match dst {
                    Operand::Str(d) => {
                        let base = utf16_text(d);
                        let mut chars: Vec<char> = base.chars().collect();
                        for c in lo..=hi {
                            map.insert(c, chars.iter().collect());
                            if let Some(last) = chars.last_mut() {
                                *last = char::from_u32(*last as u32 + 1).unwrap_or(*last);
                            }
                        }
                    }
                    Operand::Array(items) => {
                        for (k, it) in items.iter().enumerate() {
                            if let Operand::Str(d) = it {
                                map.insert(lo.saturating_add(k as u32), utf16_text(d));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    });
    map
}

impl Font {
    /// What one code stands for and its scaled width, from the maps.
    fn resolve(&self, code: u32) -> (String, f64) {
        let text = match self.to_unicode.get(&code) {
            Some(t) => t.clone(),
            None if self.two_byte => String::new(),
            None => match self.differences.get(&code) {
                Some(t) => t.clone(),
                None => u8::try_from(code)
                    .ok()
                    .and_then(|b| base_char(self.base, b))
                    .map(String::from)
                    .unwrap_or_default(),
            },
        };
        let width = self
            .widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            * self.scale;
        (text, width)
    }

    /// Resolves every code once into the decode table, then drops the maps it came from.
    pub fn prepare(&mut self) {
        let empty: Rc<str> = Rc::from("");
        let shared = |t: String| -> Rc<str> {
            if t.is_empty() {
                empty.clone()
            } else {
                Rc::from(t)
            }
        };
        self.table = if self.two_byte {
            let mut map: HashMap<u32, (Rc<str>, f64), BuildHasherDefault<CodeHasher>> =
                HashMap::default();
            for &code in self.to_unicode.keys().chain(self.widths.keys()) {
                if let std::collections::hash_map::Entry::Vacant(e) = map.entry(code) {
                    let (t, w) = self.resolve(code);
                    e.insert((shared(t), w));
                }
            }
            Table::Codes {
                map,
                missing: (empty.clone(), self.default_width * self.scale),
            }
        } else {
            Table::Bytes(
                (0u32..256)
                    .map(|code| {
                        let (t, w) = self.resolve(code);
                        (shared(t), w)
                    })
                    .collect(),
            )
        };
        self.to_unicode = HashMap::new();
        self.differences = HashMap::new();
        self.widths = HashMap::new();
    }

    /// Splits a shown string into glyphs.
    pub fn decode(&self, bytes: &[u8], out: &mut Vec<Glyph>) {
        match &self.table {
            Table::Bytes(t) => {
                for &b in bytes {
                    if let Some((text, width)) = t.get(usize::from(b)) {
                        out.push(Glyph {
                            text: text.clone(),
                            width: *width,
                            is_space: b == 32,
                        });
                    }
                }
            }
            Table::Codes { map, missing } => {
                for chunk in bytes.chunks(2) {
                    let (text, width) = map.get(&code_of(chunk)).unwrap_or(missing);
                    out.push(Glyph {
                        text: text.clone(),
                        width: *width,
                        is_space: false,
                    });
                }
            }
            Table::None => {
                let step = if self.two_byte { 2 } else { 1 };
                for chunk in bytes.chunks(step) {
                    let code = code_of(chunk);
                    let (text, width) = self.resolve(code);
                    out.push(Glyph {
                        text: Rc::from(text),
                        width,
                        is_space: !self.two_byte && code == 32,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_chars_and_ranges() {
        let m = parse_cmap(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n2 beginbfchar <0003> <0020> <0011> <FB01> endbfchar\n1 beginbfrange <0024> <0026> <0041> endbfrange\n1 beginbfrange <0030> <0031> [<0061> <00660069>] endbfrange",
        );
        assert_eq!(m.get(&3).map(String::as_str), Some(" "));
        assert_eq!(m.get(&0x11).map(String::as_str), Some("ﬁ"));
        assert_eq!(m.get(&0x26).map(String::as_str), Some("C"));
        assert_eq!(m.get(&0x31).map(String::as_str), Some("fi"));
    }
}
