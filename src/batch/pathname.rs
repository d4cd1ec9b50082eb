//! File names as JSON strings (`source.path`, the `path` of error records), kept distinct
//! and reversible when they are not UTF-8: a lossy conversion turned `caf\xE9.txt` and
//! `caf\xE8.txt` both into `caf\u{FFFD}.txt`.

use std::path::Path;

/// `path` as a string: valid UTF-8 as it is, except that a backslash is doubled (`\\`);
/// each byte that is not part of valid UTF-8 becomes `\xNN` (two lowercase hex digits).
/// Undo it by reading `\\` as `\` and `\xNN` as the byte NN. On systems whose paths are
/// not bytes (Windows), the name is converted lossily and backslashes are kept as they are.
///
/// ```
/// # #[cfg(unix)] {
/// use std::os::unix::ffi::OsStrExt;
/// use std::path::Path;
/// use treatydoc::batch::path_string;
/// let p = Path::new(std::ffi::OsStr::from_bytes(b"a\\caf\xe9.txt"));
/// assert_eq!(path_string(p), r"a\\caf\xe9.txt");
/// assert_eq!(path_string(Path::new("dir/x.docx")), "dir/x.docx");
/// # }
/// ```
pub fn path_string(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        escape_bytes(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned()
    }
}

/// The escaping of [`path_string`] on raw bytes.
#[cfg_attr(not(unix), allow(dead_code))]
fn escape_bytes(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_bytes;

    #[test]
    fn invalid_bytes_and_backslashes_are_escaped() {
        assert_eq!(escape_bytes(b"caf\xc3\xa9.txt"), "café.txt");
        assert_eq!(escape_bytes(b"caf\xe9.txt"), r"caf\xe9.txt");
        assert_eq!(escape_bytes(b"caf\xe8.txt"), r"caf\xe8.txt");
        assert_eq!(escape_bytes(br"caf\xe9.txt"), r"caf\\xe9.txt");
        assert_eq!(escape_bytes(b"\xff\xfe"), r"\xff\xfe");
    }
}
