//! Byte decoding for the text format: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM,
//! and Windows-1252. Binary data is refused with the line where it was found.

use std::borrow::Cow;

use crate::{Error, Result};

/// Decodes `bytes` into text with `\n` line ends. UTF-8 without a `\r` (the usual export)
/// is borrowed as it is, not copied.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Cow::Borrowed(utf8(rest)?)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes.starts_with(b"\xFF\xFE") {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (cow, had_errors) = enc.decode_with_bom_removal(bytes);
        if had_errors {
            return Err(Error::Decode {
                line: None,
                message: format!("invalid {} sequence", enc.name()),
            });
        }
        Cow::Owned(cow.into_owned())
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => {
                // Not UTF-8: Windows-1252 is what older Windows tools write. Binary data is
                // caught below by its control characters.
                let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                Cow::Owned(cow.into_owned())
            }
        }
    };
    check_not_binary(&text)?;
    Ok(normalize_newlines(text))
}

fn utf8(bytes: &[u8]) -> Result<&str> {
    std::str::from_utf8(bytes).map_err(|e| Error::Decode {
        line: Some(line_of(bytes, e.valid_up_to())),
        message: "invalid UTF-8 after a UTF-8 byte-order mark".into(),
    })
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes.iter().take(offset).filter(|&&b| b == b'\n').count() + 1
}

/// A byte that means binary data: a C0 control but tab, line feed, vertical tab, form feed
/// and carriage return, or DEL. All are ASCII, so in UTF-8 they are whole characters and a
/// byte scan finds exactly the characters a char scan would, several times faster.
fn is_binary(b: u8) -> bool {
    (b < 0x20 && !(0x09..=0x0d).contains(&b)) || b == 0x7f
}

/// The position of the first [`is_binary`] byte. Eight bytes are tested at a time (a word
/// with no byte below 0x20 and none equal to 0x7F holds none); only words with a tab or a
/// line end, a few in a hundred, are looked at byte by byte.
fn first_binary(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let x = u64::from_ne_bytes(w);
        // The classic "has a byte less than n" and "has a zero byte" tests (exact as to
        // whether there is one).
        let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        let del = x ^ (ONES * 0x7f);
        let has_del = del.wrapping_sub(ONES) & !del & HIGH;
        if below_space | has_del != 0 {
            if let Some(i) = word.iter().position(|&b| is_binary(b)) {
                return Some(at + i);
            }
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| is_binary(b))
        .map(|i| at + i)
}

/// Text exports hold no control characters but tab, line feed, carriage return and form
/// feed; NUL and friends mean binary data (or UTF-16 without a BOM).
fn check_not_binary(text: &str) -> Result<()> {
    let bytes = text.as_bytes();
    let Some(at) = first_binary(bytes) else {
        return Ok(());
    };
    let code = bytes.get(at).copied().unwrap_or_default();
    Err(Error::Decode {
        line: Some(line_of(bytes, at)),
        message: format!(
            "binary data (control character U+{:04X}); not a text export",
            code
        ),
    })
}

fn normalize_newlines(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.contains('\r') {
        return text;
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb").unwrap(), "a\nb");
        assert_eq!(decode(b"\xFF\xFEa\x00\xe9\x00").unwrap(), "a\u{e9}");
        assert_eq!(decode(b"\xFE\xFF\x00a\x00\xe9").unwrap(), "a\u{e9}");
        assert_eq!(decode(b"State party\x92s").unwrap(), "State party\u{2019}s");
        let err = decode(b"ok\nPK\x03\x04\x00\x00").unwrap_err();
        assert!(matches!(err, Error::Decode { line: Some(2), .. }), "{err}");
        assert!(err.to_string().contains("U+0003"), "{err}");
    }

    #[test]
    fn binary_is_found_by_its_first_control_character() {
        // Tab, vertical tab, form feed and carriage return are text; C1 controls too.
        assert_eq!(
            decode("a\tb\x0bc\x0cd\re\u{85}f".as_bytes()).unwrap(),
            "a\tb\x0bc\x0cd\ne\u{85}f"
        );
        let del = decode("é\n\nx\x7f\x00".as_bytes()).unwrap_err();
        assert!(matches!(del, Error::Decode { line: Some(3), .. }), "{del}");
        assert!(del.to_string().contains("U+007F"), "{del}");
        let in_1252 = decode(b"caf\xe9\n\x1b[2J").unwrap_err();
        assert!(
            matches!(in_1252, Error::Decode { line: Some(2), .. }),
            "{in_1252}"
        );
        assert!(matches!(
            decode(b"\x00"),
            Err(Error::Decode { line: Some(1), .. })
        ));
        assert!(matches!(
            decode(b"ok\n"),
            Ok(std::borrow::Cow::Borrowed("ok\n"))
        ));
    }

    #[test]
    fn the_word_scan_finds_what_a_byte_scan_finds() {
        // Every byte value at every offset of a 19-byte text (two words and a remainder).
        let text = b"ab\tcd\nefghijklmnopq";
        for bad in 0..=255u8 {
            for at in 0..text.len() {
                let mut bytes = text.to_vec();
                bytes[at] = bad;
                let slow = bytes.iter().position(|&b| is_binary(b));
                assert_eq!(first_binary(&bytes), slow, "byte {bad:#x} at {at}");
            }
        }
    }
}
