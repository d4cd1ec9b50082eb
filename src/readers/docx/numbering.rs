//! `word/numbering.xml` and the counters that turn Word's automatic numbering into the labels
//! Word shows (`1.`, `(a)`, `iv)`, `2.3`, bullets).

use foldhash::HashMap;

use super::numfmt::{bullet, cut, format_value, render, Rendered};
use super::styles::{small_num, NumPr, Styles};
use super::xml::{on_off, Ns, Xml};
use crate::Result;

/// Word has nine list levels.
const LEVELS: usize = 9;
/// Counter values are clamped to this (Word's own maximum start value is 32767), which also
/// bounds the length of letter labels (`zzz...`).
const MAX_VALUE: i64 = 32767;

/// One level of an abstract numbering definition.
#[derive(Debug, Clone, Default)]
pub(crate) struct Level {
    start: Option<i64>,
    fmt: Option<String>,
    text: Option<String>,
    restart: Option<u32>,
    pstyle: Option<String>,
    legal: bool,
}

#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: Vec<Option<Level>>,
    num_style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    /// ilvl -> (startOverride, replacement level)
    overrides: HashMap<u8, (Option<i64>, Option<Level>)>,
}

/// Which counters a list uses: lists sharing an abstract definition continue each other's
/// numbering in Word unless a `w:num` restarts with `w:startOverride`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum CounterKey {
    Abstract(String),
    Num(String),
}

/// `numbering.xml`, inflated and parsed only when a paragraph first asks for a label: most
/// UN files type their numbers, and their numbering part (often larger than the styles) is
/// then never read.
#[derive(Debug, Default)]
pub(crate) struct LazyNumbering {
    /// The part's name, until it is read.
    source: Option<String>,
    max_depth: u64,
    parsed: Option<Numbering>,
    /// Why the part could not be used, when it could not (reported by the caller).
    pub failure: Option<crate::Error>,
    /// Labels cut at [`super::numfmt::MAX_LABEL_CHARS`] (reported by the caller).
    pub cut_labels: u64,
}

impl LazyNumbering {
    /// Numbering from the part `source` (`None`: the document has none).
    pub fn new(source: Option<String>, max_depth: u64) -> Self {
        LazyNumbering {
            source,
            max_depth,
            parsed: None,
            failure: None,
            cut_labels: 0,
        }
    }

    /// The label of a paragraph with these numbering properties and style (see
    /// [`Numbering::next_label`]). `load` reads a part of the package (the numbering part,
    /// the first time a paragraph is numbered); its errors (resource limits, a damaged zip)
    /// are the caller's, as they were when the part was read up front.
    pub fn next_label(
        &mut self,
        direct: Option<&NumPr>,
        style: Option<&str>,
        styles: &Styles,
        load: &mut dyn FnMut(&str) -> Result<Option<Vec<u8>>>,
    ) -> Result<Option<String>> {
        if direct.is_none() && styles.num(style).is_none() {
            return Ok(None);
        }
        if self.parsed.is_none() {
            let Some(name) = self.source.take() else {
                return Ok(None);
            };
            let Some(bytes) = load(&name)? else {
                return Ok(None);
            };
            match Numbering::parse(&bytes, &name, self.max_depth) {
                Ok(n) => self.parsed = Some(n),
                Err(e) => {
                    self.failure = Some(e);
                    return Ok(None);
                }
            }
        }
        let Some(label) = self
            .parsed
            .as_mut()
            .and_then(|n| n.next_label(direct, style, styles))
        else {
            return Ok(None);
        };
        Ok(Some(match label {
            Rendered::Whole(l) => l,
            Rendered::Cut(l) => {
                self.cut_labels += 1;
                l
            }
        }))
    }
}

/// Numbering definitions plus the running counters of one document pass.
#[derive(Debug, Clone, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
    counters: HashMap<CounterKey, [Option<i64>; LEVELS]>,
}

fn int(v: Option<&str>) -> Option<i64> {
    v.and_then(|s| s.trim().parse::<i64>().ok())
}

impl Numbering {
    /// Parses `numbering.xml`.
    pub fn parse(bytes: &[u8], part: &str, max_depth: u64) -> Result<Numbering> {
        let mut x = Xml::new(bytes, part, max_depth);
        let mut n = Numbering::default();
        x.each(|x, s| {
            if s.is(Ns::W, b"abstractNum") {
                let id = x
                    .attr(&s, Ns::W, b"abstractNumId")
                    .as_deref()
                    .unwrap_or_default()
                    .to_string();
                let a = read_abstract(x)?;
                n.abstracts.entry(id).or_insert(a);
            } else if s.is(Ns::W, b"num") {
                let id = x
                    .attr(&s, Ns::W, b"numId")
                    .as_deref()
                    .unwrap_or_default()
                    .to_string();
                let num = read_num(x)?;
                n.nums.entry(id).or_insert(num);
            }
            Ok(())
        })?;
        Ok(n)
    }

    /// The abstract definition behind `num`, following one `w:numStyleLink` hop.
    fn abstract_for(&self, num: &Num, styles: &Styles) -> Option<&Abstract> {
        let a = self.abstracts.get(&num.abstract_id)?;
        if let Some(link) = &a.num_style_link {
            let linked = styles
                .numbering_style_num(link)
                .and_then(|id| self.nums.get(&id))
                .and_then(|n| self.abstracts.get(&n.abstract_id));
            if let Some(l) = linked {
                return Some(l);
            }
        }
        Some(a)
    }

    /// Advances the counters for one numbered paragraph and returns its label, or `None`
    /// when the paragraph is not numbered or its level shows nothing.
    ///
    /// `direct` is the paragraph's own `w:numPr`, `style` its style id.
    pub fn next_label(
        &mut self,
        direct: Option<&NumPr>,
        style: Option<&str>,
        styles: &Styles,
    ) -> Option<Rendered> {
        let from_style = styles.num(style);
        let num_id = direct
            .and_then(|d| d.num_id.clone())
            .or_else(|| from_style.as_ref().and_then(|s| s.num_id.clone()))?;
        if num_id.trim() == "0" {
            return None;
        }
        let num = self.nums.get(&num_id)?;
        let abs = self.abstract_for(num, styles)?;
        let ilvl = direct
            .and_then(|d| d.ilvl)
            .or_else(|| from_style.as_ref().and_then(|s| s.ilvl))
            // A style-linked level (`w:lvl/w:pStyle`) gives the level of the style's paragraphs.
            .or_else(|| {
                let st = style?;
                abs.levels
                    .iter()
                    .position(|l| l.as_ref().and_then(|l| l.pstyle.as_deref()) == Some(st))
                    .and_then(|i| u8::try_from(i).ok())
            })
            .unwrap_or(0);
        let li = usize::from(ilvl);
        if li >= LEVELS {
            return None;
        }
        // Effective levels: a `w:lvlOverride/w:lvl` replaces the abstract level.
        let mut levels: [Option<Level>; LEVELS] = Default::default();
        for (i, slot) in levels.iter_mut().enumerate() {
            let ov = u8::try_from(i).ok().and_then(|k| num.overrides.get(&k));
            *slot = ov
                .and_then(|(_, l)| l.clone())
                .or_else(|| abs.levels.get(i).cloned().flatten());
        }
        let has_start_override = num.overrides.values().any(|(s, _)| s.is_some());
        let start_of = |i: usize| -> i64 {
            let ov = u8::try_from(i)
                .ok()
                .and_then(|k| num.overrides.get(&k))
                .and_then(|(s, _)| *s);
            ov.or_else(|| levels.get(i)?.as_ref()?.start)
                .unwrap_or(0)
                .clamp(0, MAX_VALUE)
        };
        let key = if has_start_override {
            CounterKey::Num(num_id.clone())
        } else {
            CounterKey::Abstract(num.abstract_id.clone())
        };
        let level = levels.get(li)?.clone()?;
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        let current = match counters.get(li).copied().flatten() {
            Some(v) => (v + 1).min(MAX_VALUE),
            None => start_of(li),
        };
        if let Some(c) = counters.get_mut(li) {
            *c = Some(current);
        }
        // Deeper levels restart unless their `w:lvlRestart` says otherwise
        // (0 = never; r = restart only after a level numbered below r, 1-based).
        for k in li + 1..LEVELS {
            let restart = levels
                .get(k)
                .and_then(|l| l.as_ref())
                .and_then(|l| l.restart);
            let reset = match restart {
                None => true,
                Some(0) => false,
                Some(r) => (li as u32) < r,
            };
            if reset {
                if let Some(c) = counters.get_mut(k) {
                    *c = None;
                }
            }
        }
        let snapshot = *counters;
        let text = level.text.as_deref()?;
        let fmt = level.fmt.as_deref().unwrap_or("decimal");
        let label = if fmt == "bullet" {
            cut(bullet(text))
        } else {
            render(text, |n| {
                let value = snapshot
                    .get(n)
                    .copied()
                    .flatten()
                    .unwrap_or_else(|| start_of(n));
                let f = if level.legal {
                    "decimal"
                } else {
                    levels
                        .get(n)
                        .and_then(|l| l.as_ref())
                        .and_then(|l| l.fmt.as_deref())
                        .unwrap_or("decimal")
                };
                format_value(value, f)
            })
        };
        (!label.is_empty()).then_some(label)
    }
}

fn read_level(x: &mut Xml<'_>) -> Result<Level> {
    let mut l = Level::default();
    x.each(|x, s| {
        match (s.ns, s.local()) {
            (Ns::W, b"start") => l.start = int(x.val(&s).as_deref()),
            (Ns::W, b"numFmt") => l.fmt = x.val_owned(&s),
            (Ns::W, b"lvlText") => l.text = Some(x.val_owned(&s).unwrap_or_default()),
            (Ns::W, b"lvlRestart") => {
                l.restart = x
                    .val(&s)
                    .as_deref()
                    .and_then(|v| v.trim().parse::<u32>().ok())
            }
            (Ns::W, b"pStyle") => l.pstyle = x.val_owned(&s),
            (Ns::W, b"isLgl") => l.legal = on_off(x.val(&s).as_deref()),
            (Ns::W, b"pPr" | b"rPr" | b"legacy" | b"lvlPicBulletId") => x.skip()?,
            // A `w:numFmt` inside `mc:AlternateContent` (Word 2010 formats) keeps the fallback.
            (Ns::Mc, b"Choice") => x.skip()?,
            _ => {}
        }
        Ok(())
    })?;
    Ok(l)
}

fn read_abstract(x: &mut Xml<'_>) -> Result<Abstract> {
    let mut a = Abstract {
        levels: vec![None; LEVELS],
        num_style_link: None,
    };
    x.each(|x, s| {
        if s.is(Ns::W, b"lvl") {
            let ilvl = small_num(x.attr(&s, Ns::W, b"ilvl").as_deref());
            let level = read_level(x)?;
            if let Some(slot) = ilvl.and_then(|i| a.levels.get_mut(usize::from(i))) {
                *slot = Some(level);
            }
        } else if s.is(Ns::W, b"numStyleLink") {
            a.num_style_link = x.val_owned(&s)
        }
        Ok(())
    })?;
    Ok(a)
}

fn read_num(x: &mut Xml<'_>) -> Result<Num> {
    let mut n = Num::default();
    let mut current: Option<u8> = None;
    x.each(|x, s| {
        match (s.ns, s.local()) {
            (Ns::W, b"abstractNumId") => n.abstract_id = x.val_owned(&s).unwrap_or_default(),
            (Ns::W, b"lvlOverride") => {
                current = small_num(x.attr(&s, Ns::W, b"ilvl").as_deref());
                if let Some(i) = current {
                    n.overrides.entry(i).or_default();
                }
            }
            (Ns::W, b"startOverride") => {
                if let Some(o) = current.and_then(|i| n.overrides.get_mut(&i)) {
                    o.0 = int(x.val(&s).as_deref());
                }
            }
            (Ns::W, b"lvl") => {
                let level = read_level(x)?;
                if let Some(o) = current.and_then(|i| n.overrides.get_mut(&i)) {
                    o.1 = Some(level);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(n)
}
