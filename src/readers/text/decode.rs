//! Byte decoding for the text format: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM,
//! and Windows-1252. Binary data is refused with the line where it was found.

use crate::{Error, Result};

/// Decodes `bytes` into a `String` with `\n` line ends.
pub fn decode(bytes: &[u8]) -> Result<String> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(rest)?
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
        cow.into_owned()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                // Not UTF-8: Windows-1252 is what older Windows tools write. Binary data is
                // caught below by its control characters.
                let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                cow.into_owned()
            }
        }
    };
    check_not_binary(&text)?;
    Ok(normalize_newlines(text))
}

fn utf8(bytes: &[u8]) -> Result<String> {
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|e| Error::Decode {
            line: Some(line_of(bytes, e.valid_up_to())),
            message: "invalid UTF-8 after a UTF-8 byte-order mark".into(),
        })
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes.iter().take(offset).filter(|&&b| b == b'\n').count() + 1
}

/// Text exports hold no control characters but tab, line feed, carriage return and form
/// feed; NUL and friends mean binary data (or UTF-16 without a BOM).
fn check_not_binary(text: &str) -> Result<()> {
    let mut line = 1;
    for c in text.chars() {
        match c {
            '\n' => line += 1,
            '\t' | '\r' | '\u{c}' | '\u{b}' => {}
            c if c.is_control() && (c as u32) < 0x20 || c == '\u{7f}' => {
                return Err(Error::Decode {
                    line: Some(line),
                    message: format!(
                        "binary data (control character U+{:04X}); not a text export",
                        c as u32
                    ),
                });
            }
            _ => {}
        }
    }
    Ok(())
}

fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
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
    }
}
