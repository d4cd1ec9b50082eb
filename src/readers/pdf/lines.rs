//! Glyphs into lines: baselines clustered, raised note marks attached to the line they stand
//! on, words and tab gaps rebuilt from glyph positions.

use super::content::Char;
use super::encoding::expand_ligature;

/// A note mark inside a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Offset in chars into [`Line::text`].
    pub offset: usize,
    /// The mark as printed (`1`, `*`, `**`).
    pub mark: String,
}

/// One line of text on a page.
#[derive(Debug, Clone)]
pub struct Line {
    /// Baseline.
    pub y: f64,
    /// Left edge of the first glyph that is not a space.
    pub x0: f64,
    /// Right edge of the last glyph that is not a space.
    pub x1: f64,
    /// The most common font size.
    pub size: f64,
    /// Most of the line's glyphs are bold.
    pub bold: bool,
    /// The text: words separated by spaces, wide gaps as `\t`, marks removed.
    pub text: String,
    /// Note marks (raised digits, small asterisks).
    pub marks: Vec<Mark>,
    /// Char offset in `text` of the first tab gap, when it follows the first word.
    pub first_tab: Option<usize>,
    /// The line ends with a space glyph (a typed space where the line wrapped).
    pub trailing_space: bool,
}

/// A baseline, its font size, and its glyphs (index, raised above the baseline).
type Cluster = (f64, f64, Vec<(usize, bool)>);

/// Groups a page's glyphs into lines, top to bottom.
pub fn lines(chars: &[Char]) -> Vec<Line> {
    // Sort keys next to the indices (a stable sort on the same keys: the same order).
    let mut idx: Vec<(f64, usize)> = chars.iter().enumerate().map(|(i, c)| (c.y, i)).collect();
    idx.sort_by(|a, b| b.0.total_cmp(&a.0));
    // Clusters of nearly equal baselines.
    let mut clusters: Vec<(f64, Vec<usize>)> = Vec::new();
    for (_, i) in idx {
        let Some(c) = chars.get(i) else { continue };
        match clusters.last_mut() {
            Some((y, members)) if (*y - c.y).abs() <= 0.8 => members.push(i),
            _ => clusters.push((c.y, vec![i])),
        }
    }
    let mut built: Vec<Cluster> = Vec::new();
    for (y, members) in &clusters {
        let size = dominant_size(chars, members);
        built.push((*y, size, members.iter().map(|&m| (m, false)).collect()));
    }
    // A cluster of small glyphs just above a line of larger ones holds that line's marks.
    let mut k = 0;
    while k < built.len() {
        let Some((y, size, members)) = built.get(k) else {
            break;
        };
        let (y, size) = (*y, *size);
        let small = members.iter().all(|&(m, _)| {
            chars.get(m).is_some_and(|c| {
                is_markish(&c.text) || is_ordinal_suffix(&c.text) || c.text.trim().is_empty()
            })
        });
        let mut target = None;
        if small {
            for (j, (ly, lsize, lmembers)) in built.iter().enumerate().skip(k + 1) {
                if y - ly > 0.7 * lsize.max(size) {
                    break;
                }
                if size <= 0.8 * lsize && y > *ly + 0.5 && y - ly <= 0.6 * lsize {
                    let (lx0, lx1) = extent(chars, lmembers);
                    let inside = members.iter().all(|&(m, _)| {
                        chars
                            .get(m)
                            .is_some_and(|c| c.x0 >= lx0 - 12.0 && c.x0 <= lx1 + 6.0)
                    });
                    if inside {
                        target = Some(j);
                        break;
                    }
                }
            }
        }
        match target {
            Some(j) => {
                let moved: Vec<(usize, bool)> = members.iter().map(|&(m, _)| (m, true)).collect();
                if let Some((_, _, lm)) = built.get_mut(j) {
                    lm.extend(moved);
                }
                built.remove(k);
            }
            None => k += 1,
        }
    }
    built
        .into_iter()
        .filter_map(|(y, size, members)| {
            let mut keyed: Vec<(f64, (usize, bool))> = members
                .into_iter()
                .map(|m| (chars.get(m.0).map_or(0.0, |c| c.x0), m))
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            let members: Vec<(usize, bool)> = keyed.into_iter().map(|(_, m)| m).collect();
            make_line(chars, y, size, &members)
        })
        .collect()
}

/// A raised ordinal ending, which stays in the text (`504e séance`, `21er`, `2ª sesión`,
/// `71st`): French and Spanish PDFs set it as a superscript, on a baseline of its own.
fn is_ordinal_suffix(t: &str) -> bool {
    let t = t.trim();
    (1..=3).contains(&t.chars().count())
        && t.chars()
            .all(|c| c.is_lowercase() || matches!(c, 'ª' | 'º' | '°'))
}

fn is_markish(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | ',' | '†' | '‡'))
}

fn dominant_size(chars: &[Char], members: &[usize]) -> f64 {
    let mut counts: Vec<(f64, usize)> = Vec::new();
    for &m in members {
        let Some(c) = chars.get(m) else { continue };
        if c.text.trim().is_empty() {
            continue;
        }
        let s = (c.size * 2.0).round() / 2.0;
        match counts.iter_mut().find(|(v, _)| (*v - s).abs() < 0.01) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.total_cmp(&b.0)))
        .map_or(0.0, |(s, _)| *s)
}

fn extent(chars: &[Char], members: &[(usize, bool)]) -> (f64, f64) {
    let mut x0 = f64::INFINITY;
    let mut x1 = f64::NEG_INFINITY;
    for &(m, _) in members {
        if let Some(c) = chars.get(m) {
            if !c.text.trim().is_empty() {
                x0 = x0.min(c.x0);
                x1 = x1.max(c.x1);
            }
        }
    }
    (x0, x1)
}

fn make_line(chars: &[Char], y: f64, size: f64, members: &[(usize, bool)]) -> Option<Line> {
    let mut text = String::new();
    let mut n = 0usize; // chars in text
    let mut marks: Vec<Mark> = Vec::new();
    let mut prev_x1: Option<f64> = None;
    let mut space_seen = false;
    let mut bold = 0usize;
    let mut total = 0usize;
    let mut x0 = f64::INFINITY;
    let mut x1 = f64::NEG_INFINITY;
    let mut first_tab = None;
    let mut words = 0usize;
    let mut pending_mark: Option<String> = None;
    let flush_mark = |pm: &mut Option<String>, marks: &mut Vec<Mark>, n: usize| {
        if let Some(m) = pm.take() {
            for part in m.split(',').filter(|p| !p.is_empty()) {
                marks.push(Mark {
                    offset: n,
                    mark: part.to_string(),
                });
            }
        }
    };
    for &(m, raised) in members {
        let Some(c) = chars.get(m) else { continue };
        if c.text.chars().all(char::is_whitespace) {
            space_seen = true;
            continue;
        }
        // A mark: raised digits or asterisks, or an asterisk smaller than the line's text.
        let small_star = c.text.chars().all(|ch| ch == '*') && c.size <= 0.85 * size;
        let is_mark = (raised && is_markish(&c.text)) || small_star;
        if is_mark {
            let gap = prev_x1.map_or(0.0, |p| c.x0 - p);
            // Separate marks stay separate (`*` then, after a gap, `**`).
            if pending_mark.is_some() && gap > 0.3 * c.size && !space_seen {
                // still adjacent: one group
            }
            pending_mark
                .get_or_insert_with(String::new)
                .push_str(&c.text);
            prev_x1 = Some(prev_x1.map_or(c.x1, |p: f64| p.max(c.x1)));
            continue;
        }
        flush_mark(&mut pending_mark, &mut marks, n);
        total += 1;
        if c.bold {
            bold += 1;
        }
        x0 = x0.min(c.x0);
        x1 = x1.max(c.x1);
        if let Some(p) = prev_x1 {
            let gap = c.x0 - p;
            let sz = c.size.max(1.0);
            if gap > 0.75 * sz.max(size) && n > 0 {
                if words == 1 && first_tab.is_none() {
                    first_tab = Some(n);
                }
                text.push('\t');
                n += 1;
                words += 1;
            } else if (space_seen || gap > 0.2 * sz) && n > 0 {
                text.push(' ');
                n += 1;
                words += 1;
            }
        } else {
            words = 1;
        }
        if n == 0 {
            words = 1;
        }
        space_seen = false;
        for ch in c.text.chars() {
            match expand_ligature(ch) {
                Some(s) => {
                    text.push_str(s);
                    n += s.chars().count();
                }
                None => {
                    text.push(ch);
                    n += 1;
                }
            }
        }
        prev_x1 = Some(c.x1);
    }
    flush_mark(&mut pending_mark, &mut marks, n);
    if text.is_empty() && marks.is_empty() {
        return None;
    }
    Some(Line {
        y,
        x0: if x0.is_finite() { x0 } else { 0.0 },
        x1: if x1.is_finite() { x1 } else { 0.0 },
        size,
        bold: total > 0 && bold * 2 > total,
        text,
        marks,
        first_tab,
        trailing_space: space_seen,
    })
}
