//! The content-stream interpreter: text state, matrices and fonts, turning a page into
//! positioned glyphs and the horizontal rules drawn on it. One job (one operator table),
//! hence the length.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{self, Font, Glyph};
use super::lexer::{for_each_op, Operand};

/// A glyph on the page, in user space (points, y up).
#[derive(Debug, Clone)]
pub struct Char {
    /// What it stands for (shared with the font's table).
    pub text: Rc<str>,
    /// Left edge.
    pub x0: f64,
    /// Right edge (left edge plus advance).
    pub x1: f64,
    /// Baseline.
    pub y: f64,
    /// Font size as rendered (Tf size scaled by the matrices).
    pub size: f64,
    /// Bold face, or text stroked to look bold (render mode 2).
    pub bold: bool,
}

/// A horizontal line or thin filled rectangle: Word's footnote separator is one.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Left end.
    pub x0: f64,
    /// Right end.
    pub x1: f64,
    /// Height on the page.
    pub y: f64,
}

/// What the interpreter makes of one page.
#[derive(Debug, Default)]
pub struct PageText {
    /// Glyphs in content order.
    pub chars: Vec<Char>,
    /// Horizontal rules.
    pub rules: Vec<Rule>,
    /// True when the page draws an image (a scanned page has images and no text).
    pub has_image: bool,
    /// Page width (MediaBox), points.
    pub width: f64,
    /// Page height (MediaBox), points.
    pub height: f64,
}

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn matrix_of(args: &[Operand]) -> Option<Matrix> {
    match args {
        [a, b, c, d, e, f] => Some([a.num(), b.num(), c.num(), d.num(), e.num(), f.num()]),
        _ => None,
    }
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    font: Option<ObjectId>,
    font_size: f64,
    rise: f64,
    render: i64,
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: IDENTITY,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            font: None,
            font_size: 0.0,
            rise: 0.0,
            render: 0,
        }
    }
}

/// Bounds on the interpreter's work.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Deepest nesting of form XObjects (and of `q`).
    pub max_depth: usize,
    /// Largest stream (content, form, ToUnicode) decompressed, bytes.
    pub max_stream: usize,
    /// Most glyphs on one page.
    pub max_chars: usize,
}

/// Interprets pages, caching fonts across them.
pub struct Interpreter<'a> {
    doc: &'a Document,
    /// Fonts loaded so far, and where each font object's is.
    fonts: Vec<Font>,
    font_slots: HashMap<ObjectId, usize>,
    inline_fonts: Font,
    budget: Budget,
    /// Decompressed bytes so far (all pages).
    pub decompressed: u64,
    /// Set when a limit stopped the work on some page.
    pub truncated: bool,
}

impl<'a> Interpreter<'a> {
    /// A new interpreter over `doc`.
    pub fn new(doc: &'a Document, budget: Budget) -> Self {
        Interpreter {
            doc,
            fonts: Vec::new(),
            font_slots: HashMap::new(),
            inline_fonts: {
                let mut f = Font::default();
                f.prepare();
                f
            },
            budget,
            decompressed: 0,
            truncated: false,
        }
    }

    /// Interprets one page.
    pub fn page(&mut self, page: ObjectId) -> PageText {
        let mut out = PageText::default();
        let doc = self.doc;
        let resources = page_resources(doc, page);
        let mut content = Vec::new();
        for id in doc.get_page_contents(page) {
            if let Ok(s) = doc.get_object(id).and_then(|o| o.as_stream()) {
                match s.get_plain_content_with_limit(self.budget.max_stream) {
                    Ok(data) => {
                        self.decompressed += data.len() as u64;
                        content.extend_from_slice(&data);
                        content.push(b'\n');
                    }
                    Err(_) => self.truncated = true,
                }
            }
        }
        let (w, h) = media_box(doc, page);
        out.width = w;
        out.height = h;
        let mut gs = GState::default();
        self.run(&content, resources.as_ref(), &mut gs, &mut out, 0);
        out
    }

    /// Where font object `id` is in `fonts`, loading it the first time.
    fn font_slot(&mut self, id: ObjectId) -> usize {
        if let Some(&slot) = self.font_slots.get(&id) {
            return slot;
        }
        let f = match self.doc.get_dictionary(id) {
            Ok(d) => font::load(self.doc, d, self.budget.max_stream),
            Err(_) => {
                let mut f = Font::default();
                f.prepare();
                f
            }
        };
        let slot = self.fonts.len();
        self.fonts.push(f);
        self.font_slots.insert(id, slot);
        slot
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
        gs: &mut GState,
        out: &mut PageText,
        depth: usize,
    ) {
        let doc = self.doc;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut path_start = (0.0, 0.0);
        let mut cur = (0.0, 0.0);
        let mut segments: Vec<(f64, f64, f64, f64)> = Vec::new();
        let mut glyphs: Vec<Glyph> = Vec::new();
        // Forms to run after the operator closure returns (it cannot borrow self twice).
        let mut pending: Vec<(Vec<u8>, Option<Dictionary>, GState)> = Vec::new();
        let max_chars = self.budget.max_chars;
        let max_depth = self.budget.max_depth;
        let max_stream = self.budget.max_stream;
        let mut truncated = false;
        let mut decompressed = 0u64;
        let mut font_cache: HashMap<Vec<u8>, Option<ObjectId>> = HashMap::new();
        // The font of the last shown string, so most strings skip the lookup.
        let mut last_font: Option<(ObjectId, usize)> = None;
        let this = &mut *self;
        for_each_op(content, |op, args| {
            match op {
                b"q" if stack.len() < 4096 => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(g) = stack.pop() {
                        *gs = g;
                    }
                }
                b"cm" => {
                    if let Some(m) = matrix_of(args) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tc" => gs.char_spacing = args.first().map_or(0.0, Operand::num),
                b"Tw" => gs.word_spacing = args.first().map_or(0.0, Operand::num),
                b"Tz" => gs.h_scale = args.first().map_or(100.0, Operand::num) / 100.0,
                b"TL" => gs.leading = args.first().map_or(0.0, Operand::num),
                b"Ts" => gs.rise = args.first().map_or(0.0, Operand::num),
                b"Tr" => gs.render = args.first().map_or(0.0, Operand::num) as i64,
                b"Tf" => {
                    if let [Operand::Name(n), size] = args {
                        gs.font_size = size.num();
                        let id = match font_cache.get(n.as_ref()) {
                            Some(id) => *id,
                            None => {
                                let id = font_id(doc, resources, n);
                                font_cache.insert(n.to_vec(), id);
                                id
                            }
                        };
                        gs.font = id;
                    }
                }
                b"Tm" => {
                    if let Some(m) = matrix_of(args) {
                        tm = m;
                        tlm = m;
                    }
                }
                b"Td" | b"TD" => {
                    if let [x, y] = args {
                        if op == b"TD" {
                            gs.leading = -y.num();
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, x.num(), y.num()], &tlm);
                        tm = tlm;
                    }
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if op == b"'" || op == b"\"" {
                        if op == b"\"" {
                            if let [w, c, _] = args {
                                gs.word_spacing = w.num();
                                gs.char_spacing = c.num();
                            }
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    let items: Vec<&Operand> = match (op, args) {
                        (b"TJ", [Operand::Array(a)]) => a.iter().collect(),
                        _ => args.last().into_iter().collect(),
                    };
                    for it in items {
                        match it {
                            Operand::Str(s) => {
                                glyphs.clear();
                                let f = match gs.font {
                                    Some(id) => {
                                        let slot = match last_font {
                                            Some((last, slot)) if last == id => slot,
                                            _ => this.font_slot(id),
                                        };
                                        last_font = Some((id, slot));
                                        this.fonts.get(slot).unwrap_or(&this.inline_fonts)
                                    }
                                    None => &this.inline_fonts,
                                };
                                let bold = f.bold || gs.render == 2;
                                f.decode(s, &mut glyphs);
                                for g in &glyphs {
                                    let trm = mul(&tm, &gs.ctm);
                                    let size = gs.font_size * (trm[2].hypot(trm[3]));
                                    let (x0, y) = apply(&trm, 0.0, gs.rise);
                                    let mut adv = g.width / 1000.0 * gs.font_size + gs.char_spacing;
                                    if g.is_space {
                                        adv += gs.word_spacing;
                                    }
                                    adv *= gs.h_scale;
                                    let (x1, _) = apply(
                                        &trm,
                                        g.width / 1000.0 * gs.font_size * gs.h_scale,
                                        gs.rise,
                                    );
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], &tm);
                                    // Invisible text (render mode 3) is an OCR layer or a trick; keep it
                                    // (it is the text), but skip empty glyphs.
                                    if g.text.is_empty() {
                                        continue;
                                    }
                                    if out.chars.len() >= max_chars {
                                        truncated = true;
                                        continue;
                                    }
                                    out.chars.push(Char {
                                        text: g.text.clone(),
                                        x0: x0.min(x1),
                                        x1: x0.max(x1),
                                        y,
                                        size,
                                        bold,
                                    });
                                }
                            }
                            Operand::Number(n) => {
                                let adv = -n / 1000.0 * gs.font_size * gs.h_scale;
                                tm = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], &tm);
                            }
                            _ => {}
                        }
                    }
                }
                b"m" => {
                    if let [x, y] = args {
                        cur = apply(&gs.ctm, x.num(), y.num());
                        path_start = cur;
                    }
                }
                b"l" => {
                    if let [x, y] = args {
                        let p = apply(&gs.ctm, x.num(), y.num());
                        if segments.len() < 10_000 {
                            segments.push((cur.0, cur.1, p.0, p.1));
                        }
                        cur = p;
                    }
                }
                b"h" => cur = path_start,
                b"re" => {
                    if let [x, y, w, h] = args {
                        let (x, y, w, h) = (x.num(), y.num(), w.num(), h.num());
                        let a = apply(&gs.ctm, x, y);
                        let b = apply(&gs.ctm, x + w, y + h);
                        if (b.1 - a.1).abs() < 2.5 && segments.len() < 10_000 {
                            let ym = (a.1 + b.1) / 2.0;
                            segments.push((a.0, ym, b.0, ym));
                        }
                    }
                }
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                    for (x0, y0, x1, y1) in segments.drain(..) {
                        if (y1 - y0).abs() < 1.0
                            && (x1 - x0).abs() > 20.0
                            && out.rules.len() < 10_000
                        {
                            out.rules.push(Rule {
                                x0: x0.min(x1),
                                x1: x0.max(x1),
                                y: y0,
                            });
                        }
                    }
                }
                b"n" => segments.clear(),
                b"Do" => {
                    if let [Operand::Name(n)] = args {
                        let xo = resources
                            .and_then(|r| r.get(b"XObject").ok())
                            .and_then(|o| doc.dereference(o).ok())
                            .and_then(|(_, o)| o.as_dict().ok())
                            .and_then(|d| d.get(n).ok())
                            .and_then(|o| doc.dereference(o).ok())
                            .and_then(|(_, o)| o.as_stream().ok());
                        if let Some(s) = xo {
                            let sub = s.dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok());
                            match sub {
                                Some(b"Image") => out.has_image = true,
                                Some(b"Form") if depth < max_depth => {
                                    match s.get_plain_content_with_limit(max_stream) {
                                        Ok(data) => {
                                            decompressed += data.len() as u64;
                                            let mut g = gs.clone();
                                            if let Some(m) = s
                                                .dict
                                                .get(b"Matrix")
                                                .ok()
                                                .and_then(|o| o.as_array().ok())
                                            {
                                                let v = numbers(m);
                                                if let [a, b, c, d, e, f] = v[..] {
                                                    g.ctm = mul(&[a, b, c, d, e, f], &g.ctm);
                                                }
                                            }
                                            let res = s
                                                .dict
                                                .get(b"Resources")
                                                .ok()
                                                .and_then(|o| doc.dereference(o).ok())
                                                .and_then(|(_, o)| o.as_dict().ok())
                                                .cloned()
                                                .or_else(|| resources.cloned());
                                            pending.push((data, res, g));
                                        }
                                        Err(_) => truncated = true,
                                    }
                                }
                                Some(b"Form") => truncated = true,
                                _ => {}
                            }
                        }
                    }
                    // Forms run in order with the text around them.
                    for (data, res, mut g) in pending.drain(..) {
                        this.run(&data, res.as_ref(), &mut g, out, depth + 1);
                    }
                }
                b"BI" | b"EI" => out.has_image = true,
                _ => {}
            }
        });
        self.truncated |= truncated;
        self.decompressed += decompressed;
    }
}

/// The page's resources, inherited from its parents when the page has none.
fn page_resources(doc: &Document, page: ObjectId) -> Option<Dictionary> {
    let mut id = page;
    for _ in 0..64 {
        let d = doc.get_dictionary(id).ok()?;
        if let Some(r) = d
            .get(b"Resources")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
        {
            return Some(r.clone());
        }
        id = d.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

/// Width and height of the page's MediaBox (inherited), A4 when it has none.
fn media_box(doc: &Document, page: ObjectId) -> (f64, f64) {
    let mut id = page;
    for _ in 0..64 {
        let Ok(d) = doc.get_dictionary(id) else { break };
        if let Some(a) = d
            .get(b"MediaBox")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_array().ok())
        {
            let v = numbers(a);
            if let [x0, y0, x1, y1] = v[..] {
                let (w, h) = ((x1 - x0).abs(), (y1 - y0).abs());
                if w > 10.0 && h > 10.0 {
                    return (w, h);
                }
            }
        }
        match d.get(b"Parent").ok().and_then(|o| o.as_reference().ok()) {
            Some(p) => id = p,
            None => break,
        }
    }
    (595.0, 842.0)
}

fn font_id(doc: &Document, resources: Option<&Dictionary>, name: &[u8]) -> Option<ObjectId> {
    let fonts = resources?.get(b"Font").ok()?;
    let fonts = doc.dereference(fonts).ok()?.1.as_dict().ok()?;
    fonts.get(name).ok()?.as_reference().ok()
}

/// The numbers of a PDF array (a matrix, a box); anything else counts as 0.
fn numbers(array: &[Object]) -> Vec<f64> {
    array
        .iter()
        .map(|o| match o {
            Object::Integer(i) => *i as f64,
            Object::Real(r) => f64::from(*r),
            _ => 0.0,
        })
        .collect()
}
