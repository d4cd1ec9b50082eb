//! The resource-limit flags shared by `parse` and `convert`, and the error messages that
//! name the flag raising an exceeded limit (the library's messages name no flag).

use clap::Args;
use treatydoc::{Error, LimitKind, Limits};

/// The flag that sets `limit`: `--max-input-bytes` for `Limits::max_input_bytes`.
pub fn flag(limit: LimitKind) -> String {
    format!("--{}", limit.field_name().replace('_', "-"))
}

/// An error's message as the CLI prints it: an exceeded limit says which flag raises it; a
/// read error leaves the path out, as the CLI names the input before the message.
pub fn describe(e: &Error) -> String {
    match e {
        Error::TooLarge { limit, .. } => format!("{e} (raise it with {})", flag(*limit)),
        Error::Io { source, .. } => format!("cannot read: {source}"),
        _ => e.to_string(),
    }
}

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Resource limits")]
pub struct LimitArgs {
    /// Largest input file, in bytes (suffixes K, M, G = KiB, MiB, GiB).
    #[arg(long, value_name = "BYTES", value_parser = parse_size, default_value_t = Limits::default().max_input_bytes)]
    max_input_bytes: u64,
    /// Largest total decompressed size of the parts read from a .docx, in bytes.
    #[arg(long, value_name = "BYTES", value_parser = parse_size, default_value_t = Limits::default().max_decompressed_bytes)]
    max_decompressed_bytes: u64,
    /// Largest decompressed/compressed size ratio of one .docx zip entry.
    #[arg(long, value_name = "RATIO", default_value_t = Limits::default().max_compression_ratio)]
    max_compression_ratio: u64,
    /// Most entries in a .docx zip.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_zip_entries)]
    max_zip_entries: u64,
    /// Deepest XML element nesting (at most 512).
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_xml_depth,
          value_parser = clap::value_parser!(u64).range(1..=Limits::XML_DEPTH_CEILING))]
    max_xml_depth: u64,
    /// Most paragraphs in one document.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_paragraphs)]
    max_paragraphs: u64,
    /// Longest line of a text export, in bytes (suffixes K, M, G).
    #[arg(long, value_name = "BYTES", value_parser = parse_size, default_value_t = Limits::default().max_line_bytes)]
    max_line_bytes: u64,
    /// Most cross-reference members (paragraphs, articles, meetings, documents named, ranges
    /// expanded) in one document.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_ref_members)]
    max_ref_members: u64,
}

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        Limits {
            max_input_bytes: self.max_input_bytes,
            max_decompressed_bytes: self.max_decompressed_bytes,
            max_compression_ratio: self.max_compression_ratio,
            max_zip_entries: self.max_zip_entries,
            max_xml_depth: self.max_xml_depth,
            max_paragraphs: self.max_paragraphs,
            max_line_bytes: self.max_line_bytes,
            max_ref_members: self.max_ref_members,
        }
    }
}

/// `1048576`, `1024K`, `64M`, `1G` (binary multiples, case-insensitive, optional `iB`/`B`).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let unit = lower
        .strip_suffix("ib")
        .or_else(|| lower.strip_suffix('b'))
        .unwrap_or(&lower);
    let (digits, mult) = match unit.char_indices().last() {
        Some((i, 'k')) => (&unit[..i], 1u64 << 10),
        Some((i, 'm')) => (&unit[..i], 1 << 20),
        Some((i, 'g')) => (&unit[..i], 1 << 30),
        _ => (unit, 1),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("{s:?} is not a size (examples: 1048576, 512K, 64M, 1G)"))
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("512K"), Ok(512 << 10));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("10b"), Ok(10));
        assert!(parse_size("M").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }
}
