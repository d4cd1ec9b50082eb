//! A content-stream lexer: operands and operators, only as much of the PDF syntax as page
//! content uses (numbers, names, strings, arrays, dictionaries, inline images skipped).
//! Names and strings borrow the stream's bytes unless they hold escapes: page content is
//! mostly short operands, and allocating each one cost more than reading it.

use std::borrow::Cow;

/// One operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'a> {
    /// An integer or real.
    Number(f64),
    /// A name, without the slash.
    Name(Cow<'a, [u8]>),
    /// A literal or hex string, decoded to bytes.
    Str(Cow<'a, [u8]>),
    /// An array (TJ's strings and kerning numbers).
    Array(Vec<Operand<'a>>),
    /// Anything else (dictionaries, booleans, null): kept as a placeholder.
    Other,
}

impl Operand<'_> {
    /// The number, or 0 for anything else (a malformed operand never stops a page).
    pub fn num(&self) -> f64 {
        match self {
            Operand::Number(n) if n.is_finite() => *n,
            _ => 0.0,
        }
    }
}

/// Deepest nesting of arrays and dictionaries inside one operand.
const MAX_NESTING: usize = 32;

/// Walks a content stream, calling `op` with each operator and its operands.
pub fn for_each_op<'a>(data: &'a [u8], mut op: impl FnMut(&[u8], &[Operand<'a>])) {
    let mut lx = Lexer { data, pos: 0 };
    let mut operands: Vec<Operand> = Vec::new();
    while let Some(tok) = lx.next_token(0) {
        match tok {
            Token::Operand(o) => {
                // A stream of operands without an operator must not grow without end.
                if operands.len() < 4096 {
                    operands.push(o);
                }
            }
            Token::Keyword(k) => {
                if k == b"BI" {
                    lx.skip_inline_image();
                } else {
                    op(k, &operands);
                }
                operands.clear();
            }
            Token::Close => operands.clear(),
        }
    }
}

enum Token<'a> {
    Operand(Operand<'a>),
    Keyword(&'a [u8]),
    /// A stray `]` or `>>`.
    Close,
}

struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

/// Byte classes of the PDF syntax, looked up once per byte (a table: faster than a match).
const WHITE: u8 = 1;
const DELIM: u8 = 2;
// Evaluated at compile time: an index out of range would fail the build, never a run.
#[allow(clippy::indexing_slicing)]
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = match b as u8 {
            b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0' => WHITE,
            b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%' => DELIM,
            _ => 0,
        };
        t[b] = c;
        b += 1;
    }
    t
};

fn class(b: u8) -> u8 {
    CLASS.get(usize::from(b)).copied().unwrap_or(0)
}

fn is_white(b: u8) -> bool {
    class(b) == WHITE
}

fn is_delim(b: u8) -> bool {
    class(b) == DELIM
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        let rest = self.data.get(self.pos..).unwrap_or_default();
        let mut i = 0;
        let mut comment = false;
        for &b in rest {
            if comment {
                comment = b != b'\n' && b != b'\r';
                if comment {
                    i += 1;
                    continue;
                }
            }
            if is_white(b) {
                i += 1;
            } else if b == b'%' {
                comment = true;
                i += 1;
            } else {
                break;
            }
        }
        self.pos += i;
    }

    fn regular(&mut self) -> &'a [u8] {
        let rest = self.data.get(self.pos..).unwrap_or_default();
        let n = rest
            .iter()
            .position(|&b| class(b) != 0)
            .unwrap_or(rest.len());
        self.pos += n;
        rest.get(..n).unwrap_or_default()
    }

    fn next_token(&mut self, depth: usize) -> Option<Token<'a>> {
        self.skip_ws();
        let b = self.peek()?;
        match b {
            b'(' => {
                self.pos += 1;
                Some(Token::Operand(Operand::Str(self.literal())))
            }
            b'<' => {
                if self.data.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    self.skip_dict(depth);
                    Some(Token::Operand(Operand::Other))
                } else {
                    self.pos += 1;
                    Some(Token::Operand(Operand::Str(Cow::Owned(self.hex()))))
                }
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    match self.peek() {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        _ => {}
                    }
                    if depth >= MAX_NESTING {
                        self.pos += 1;
                        continue;
                    }
                    match self.next_token(depth + 1) {
                        Some(Token::Operand(o)) => items.push(o),
                        Some(Token::Keyword(_)) => {}
                        Some(Token::Close) | None => break,
                    }
                }
                Some(Token::Operand(Operand::Array(items)))
            }
            b']' | b'>' | b')' | b'{' | b'}' => {
                self.pos += 1;
                if b == b'>' && self.peek() == Some(b'>') {
                    self.pos += 1;
                }
                Some(Token::Close)
            }
            b'/' => {
                self.pos += 1;
                let name = self.regular();
                let name = if name.contains(&b'#') {
                    Cow::Owned(unescape_name(name))
                } else {
                    Cow::Borrowed(name)
                };
                Some(Token::Operand(Operand::Name(name)))
            }
            _ => {
                let word = self.regular();
                if word.is_empty() {
                    self.pos += 1;
                    return Some(Token::Close);
                }
                if let Some(n) = parse_number(word) {
                    Some(Token::Operand(Operand::Number(n)))
                } else if matches!(word, b"true" | b"false" | b"null") {
                    Some(Token::Operand(Operand::Other))
                } else {
                    Some(Token::Keyword(word))
                }
            }
        }
    }

    fn skip_dict(&mut self, depth: usize) {
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some(b'>') if self.data.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return;
                }
                _ => {}
            }
            if depth >= MAX_NESTING {
                self.pos += 1;
                continue;
            }
            if let Some(Token::Close) | None = self.next_token(depth + 1) {
                // A stray `]` inside a dictionary: keep going until `>>`.
            }
        }
    }

    fn literal(&mut self) -> Cow<'a, [u8]> {
        // Most strings have neither escapes nor nested parentheses: borrow those.
        let rest = self.data.get(self.pos..).unwrap_or_default();
        if let Some(end) = rest.iter().position(|&b| matches!(b, b'(' | b')' | b'\\')) {
            if rest.get(end) == Some(&b')') {
                self.pos += end + 1;
                return Cow::Borrowed(rest.get(..end).unwrap_or_default());
            }
        }
        Cow::Owned(self.literal_escaped())
    }

    fn literal_escaped(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut nest = 0usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    nest += 1;
                    out.push(b);
                }
                b')' => {
                    if nest == 0 {
                        break;
                    }
                    nest -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let v = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => continue,
            };
            match hi.take() {
                Some(h) => out.push(h << 4 | v),
                None => hi = Some(v),
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }

    /// After `BI`: the image dictionary, `ID`, binary data, `EI` between white space.
    fn skip_inline_image(&mut self) {
        let rest = self.data.get(self.pos..).unwrap_or_default();
        let id = rest.windows(3).position(|w| {
            w.first() == Some(&b'I')
                && w.get(1) == Some(&b'D')
                && w.get(2).copied().is_some_and(is_white)
        });
        let Some(id) = id else {
            self.pos = self.data.len();
            return;
        };
        let from = self.pos + id + 3;
        let data = self.data.get(from..).unwrap_or_default();
        let ei = data.windows(4).position(|w| {
            w.first().copied().is_some_and(is_white)
                && w.get(1) == Some(&b'E')
                && w.get(2) == Some(&b'I')
                && w.get(3)
                    .copied()
                    .is_some_and(|b| is_white(b) || is_delim(b))
        });
        self.pos = match ei {
            Some(e) => from + e + 3,
            None => self.data.len(),
        };
    }
}

fn unescape_name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        if b == b'#' {
            let h = raw
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(v) = h.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

/// Exact powers of ten (every one up to 10^22 is a double).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `[+-]digits[.digits]` with a mantissa below 2^53 and at most 22 decimals: the mantissa
/// and the power of ten are exact doubles, so one division rounds exactly as `str::parse`
/// does (Clinger's fast path). Anything else goes to `str::parse`.
fn fast_number(word: &[u8]) -> Option<f64> {
    let (neg, digits) = match word.first() {
        Some(b'-') => (true, word.get(1..)?),
        Some(b'+') => (false, word.get(1..)?),
        _ => (false, word),
    };
    let mut mantissa = 0u64;
    let mut seen_digit = false;
    let mut point = false;
    let mut decimals = 0usize;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                seen_digit = true;
                if point {
                    decimals += 1;
                }
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if !seen_digit || mantissa > 1 << 53 {
        return None;
    }
    let v = mantissa as f64 / *POW10.get(decimals)?;
    Some(if neg { -v } else { v })
}

fn parse_number(word: &[u8]) -> Option<f64> {
    // The fast path accepts only signs, digits and one point: a subset of the check below.
    if let Some(v) = fast_number(word) {
        return Some(v);
    }
    let first = *word.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return None;
    }
    if !word
        .iter()
        .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'))
    {
        return None;
    }
    let s = std::str::from_utf8(word).ok()?;
    // `--5` or `1.2.3` from odd writers: read what parses, else 0.
    s.parse::<f64>().ok().or(Some(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_text_operators() {
        let mut ops = Vec::new();
        for_each_op(
            b"BT /F1 10 Tf 1 0 0 1 72 700 Tm [(A\\(b\\))-250<0041>] TJ (x\\101) Tj ET",
            |k, o| ops.push((k.to_vec(), o.to_vec())),
        );
        assert_eq!(ops.len(), 6);
        assert_eq!(ops[1].1[0], Operand::Name(b"F1".as_slice().into()));
        let Operand::Array(a) = &ops[3].1[0] else {
            panic!()
        };
        assert_eq!(a[0], Operand::Str(b"A(b)".as_slice().into()));
        assert_eq!(a[1], Operand::Number(-250.0));
        assert_eq!(a[2], Operand::Str(vec![0, 0x41].into())); // hex
        assert_eq!(ops[4].1[0], Operand::Str(b"xA".as_slice().into()));
    }

    #[test]
    fn fast_numbers_round_as_str_parse_does() {
        for w in [
            "0",
            "-0",
            "+5",
            "5.",
            ".5",
            "-.25",
            "72.024",
            "0.000008871",
            "595.32",
            "842.04",
            "-250",
            "9.96",
            "123456789012345",
            "9007199254740993",
            "0.1234567890123456789012",
            "1.00000000000000000000001",
            "99999999999999999999",
            "-",
            ".",
            "+",
        ] {
            let slow = w
                .parse::<f64>()
                .ok()
                .or(Some(0.0))
                .filter(|_| !w.is_empty());
            let got = parse_number(w.as_bytes());
            assert_eq!(got.map(f64::to_bits), slow.map(f64::to_bits), "{w}");
        }
    }

    #[test]
    fn skips_inline_images_and_garbage() {
        let mut n = 0;
        for_each_op(b"BI /W 1 ID \xff\xfe EI Q ]]>> (unterminated", |_, _| {
            n += 1
        });
        assert_eq!(n, 1); // Q
    }
}
