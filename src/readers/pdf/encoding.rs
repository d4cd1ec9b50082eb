//! Simple-font encodings (WinAnsi, Standard, MacRoman as far as UN files need them) and the
//! glyph names of `/Differences`.

/// Which built-in encoding a simple font starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// `WinAnsiEncoding` (Word's choice).
    WinAnsi,
    /// `StandardEncoding` (Type 1 default).
    Standard,
    /// `MacRomanEncoding`.
    MacRoman,
}

/// WinAnsi's 0x80..=0x9F, which differ from Latin-1.
const WIN_80: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// MacRoman's upper half.
const MAC_80: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{f8ff}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

/// The character a byte stands for in `base`.
pub fn base_char(base: Base, code: u8) -> Option<char> {
    match base {
        Base::WinAnsi => match code {
            0x80..=0x9F => WIN_80.get(usize::from(code - 0x80)).copied(),
            0x20..=0x7E | 0xA0..=0xFF => Some(char::from(code)),
            _ => None,
        },
        Base::Standard => match code {
            0x27 => Some('’'),
            0x60 => Some('‘'),
            0x20..=0x7E => Some(char::from(code)),
            0xA1 => Some('¡'),
            0xAE => Some('ﬁ'),
            0xAF => Some('ﬂ'),
            0xB1 => Some('–'),
            0xB2 => Some('†'),
            0xB3 => Some('‡'),
            0xB7 => Some('•'),
            0xBA => Some('”'),
            0xAA => Some('“'),
            0xA9 => Some('\''),
            0xD0 => Some('—'),
            0xBC => Some('…'),
            _ => None,
        },
        Base::MacRoman => match code {
            0x80..=0xFF => MAC_80.chars().nth(usize::from(code - 0x80)),
            0x20..=0x7E => Some(char::from(code)),
            _ => None,
        },
    }
}

/// The text of a glyph name (Adobe Glyph List, the names UN fonts use, `uniXXXX`, `uXXXX`).
pub fn glyph_text(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if let Some(hex) = base.strip_prefix("uni") {
        let mut s = String::new();
        let mut rest = hex;
        while let Some((h, r)) = rest.split_at_checked(4) {
            s.push(char::from_u32(u32::from_str_radix(h, 16).ok()?)?);
            rest = r;
        }
        return (!s.is_empty()).then_some(s);
    }
    if let Some(hex) = base.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) {
            if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                return Some(c.to_string());
            }
        }
    }
    if base.len() == 1 {
        return Some(base.to_string());
    }
    let s = match base {
        "space" | "nbspace" | "nonbreakingspace" => " ",
        "exclam" => "!",
        "quotedbl" => "\"",
        "numbersign" => "#",
        "dollar" => "$",
        "percent" => "%",
        "ampersand" => "&",
        "quotesingle" => "'",
        "quoteright" => "’",
        "quoteleft" => "‘",
        "quotedblleft" => "“",
        "quotedblright" => "”",
        "quotesinglbase" => "‚",
        "quotedblbase" => "„",
        "parenleft" => "(",
        "parenright" => ")",
        "asterisk" => "*",
        "plus" => "+",
        "comma" => ",",
        "hyphen" | "minus" => "-",
        "period" => ".",
        "slash" => "/",
        "zero" => "0",
        "one" => "1",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "colon" => ":",
        "semicolon" => ";",
        "less" => "<",
        "equal" => "=",
        "greater" => ">",
        "question" => "?",
        "at" => "@",
        "bracketleft" => "[",
        "backslash" => "\\",
        "bracketright" => "]",
        "asciicircum" => "^",
        "underscore" => "_",
        "grave" => "`",
        "braceleft" => "{",
        "bar" => "|",
        "braceright" => "}",
        "asciitilde" => "~",
        "endash" => "–",
        "emdash" => "—",
        "bullet" => "•",
        "ellipsis" => "…",
        "dagger" => "†",
        "daggerdbl" => "‡",
        "section" => "§",
        "paragraph" => "¶",
        "degree" => "°",
        "copyright" => "©",
        "registered" => "®",
        "trademark" => "™",
        "fi" => "fi",
        "fl" => "fl",
        "ff" => "ff",
        "ffi" => "ffi",
        "ffl" => "ffl",
        "Euro" => "€",
        "eacute" => "é",
        "egrave" => "è",
        "ecircumflex" => "ê",
        "aacute" => "á",
        "agrave" => "à",
        "acircumflex" => "â",
        "adieresis" => "ä",
        "odieresis" => "ö",
        "udieresis" => "ü",
        "oacute" => "ó",
        "uacute" => "ú",
        "iacute" => "í",
        "ntilde" => "ñ",
        "ccedilla" => "ç",
        "periodcentered" => "·",
        "guillemotleft" => "«",
        "guillemotright" => "»",
        _ => return None,
    };
    Some(s.to_string())
}

/// Ligatures and presentation forms spelt out (`ﬁ` → `fi`), so words compare as typed.
pub fn expand_ligature(c: char) -> Option<&'static str> {
    Some(match c {
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables() {
        assert_eq!(base_char(Base::WinAnsi, 0x92), Some('’'));
        assert_eq!(base_char(Base::WinAnsi, 0xE9), Some('é'));
        assert_eq!(base_char(Base::MacRoman, 0x8E), Some('é'));
        assert_eq!(glyph_text(b"uni00A0").as_deref(), Some("\u{a0}"));
        assert_eq!(glyph_text(b"fi").as_deref(), Some("fi"));
        assert_eq!(expand_ligature('ﬃ'), Some("ffi"));
    }
}
