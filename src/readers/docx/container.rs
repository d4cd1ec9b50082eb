//! The zip container: opening, format detection (OLE, encrypted, not a zip), and reading
//! parts through a size-capped reader so that no declared size is trusted.
//!
//! A plain deflated part is inflated in one call straight from the package's bytes into a
//! buffer of its declared size, with one inflater reused for every part: going through the
//! zip crate's reader stack (a buffered reader, a CRC reader, a fresh inflater per part, a
//! zero-filled output) cost a quarter more than the inflating itself. Anything unusual
//! (another method, encryption, a size that lies, a damaged stream, a wrong CRC) takes the
//! zip crate's path, which reports it exactly as before.

use foldhash::{HashMap, HashMapExt};
use std::io::{Cursor, Read};

use flate2::{Decompress, FlushDecompress, Status};
use zip::result::ZipError;
use zip::{CompressionMethod, ZipArchive};

use super::ole;
use crate::limits::LimitKind;
use crate::{Error, Limits, Result};

/// Below this size an entry's compression ratio is not checked: a tiny part that compresses
/// very well (a run of spaces, an empty table) is harmless, and only large outputs make a bomb.
const RATIO_FLOOR: u64 = 1024 * 1024;

/// Largest declared size inflated by the one-call path: its buffer is allocated up front, so
/// a larger declaration (which may lie) goes through the capped reader, which allocates at
/// most this much before it has seen the bytes.
const DIRECT_MAX: u64 = 16 * 1024 * 1024;

/// An opened .docx package.
pub(crate) struct Container<'a> {
    /// The package's bytes.
    bytes: &'a [u8],
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// The raw-deflate inflater, made once and reset for each part.
    inflater: Option<Decompress>,
    limits: Limits,
    /// Decompressed bytes read so far, over all parts.
    total: u64,
    /// Entry names by their ASCII-lowercase form (the first of equals wins): a linear search
    /// per lookup made a package with thousands of sections quadratic.
    by_lower: HashMap<String, String>,
}

fn zip_error(e: ZipError) -> Error {
    match e {
        ZipError::Io(io) => Error::Zip(format!("the archive is truncated or unreadable ({io})")),
        other => Error::Zip(other.to_string()),
    }
}

impl<'a> Container<'a> {
    /// Opens `bytes` as a .docx package, or says precisely why it is not one.
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self> {
        if ole::is_ole(bytes) {
            return Err(if ole::is_encrypted(bytes) {
                Error::Encrypted
            } else {
                Error::LegacyDoc
            });
        }
        if bytes.is_empty() {
            return Err(Error::NotADocx("the file is empty".into()));
        }
        if !bytes.starts_with(b"PK") {
            return Err(Error::NotADocx(
                "the file is not a zip archive (a .docx is a zip package)".into(),
            ));
        }
        let zip = match ZipArchive::new(Cursor::new(bytes)) {
            Ok(z) => z,
            // A local-file signature but no readable central directory: a cut-off download.
            Err(ZipError::InvalidArchive(m)) if bytes.starts_with(b"PK\x03\x04") => {
                return Err(Error::Zip(format!(
                    "the archive is truncated or damaged ({m}); the end of the file is missing or corrupt"
                )))
            }
            Err(e) => return Err(zip_error(e)),
        };
        if zip.len() as u64 > limits.max_zip_entries {
            return Err(LimitKind::ZipEntries.exceeded(zip.len() as u64, limits.max_zip_entries));
        }
        let mut by_lower = HashMap::new();
        for name in zip.file_names().flatten() {
            by_lower
                .entry(name.to_ascii_lowercase())
                .or_insert_with(|| name.into_owned());
        }
        Ok(Container {
            bytes,
            zip,
            inflater: None,
            limits: *limits,
            total: 0,
            by_lower,
        })
    }

    /// The entry name matching `name` (OPC part names are case-insensitive).
    fn find(&self, name: &str) -> Option<String> {
        let name = name.trim_start_matches('/');
        // Hashed lookups only: `index_for_name` scans every entry when the name is absent.
        if self.zip.index_for_name_raw(name.as_bytes()).is_some() {
            return Some(name.to_string());
        }
        self.by_lower.get(&name.to_ascii_lowercase()).cloned()
    }

    /// True when the package holds a part called `name`.
    pub fn has(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// Reads the part `name`, or `None` when the package has no such part.
    ///
    /// The entry is read through a reader capped at what the limits still allow, so a part
    /// whose declared size lies cannot make us allocate more than the cap.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(entry_name) = self.find(name) else {
            return Ok(None);
        };
        let remaining = self
            .limits
            .max_decompressed_bytes
            .saturating_sub(self.total);
        if let Some(buf) = self.inflate_plain(&entry_name, remaining) {
            self.total += buf.len() as u64;
            return Ok(Some(buf));
        }
        let mut file = self.zip.by_name(&entry_name).map_err(zip_error)?;
        if file.encrypted() {
            return Err(Error::Encrypted);
        }
        let compressed = file.compressed_size().max(1);
        let ratio_cap = compressed
            .saturating_mul(self.limits.max_compression_ratio)
            .max(RATIO_FLOOR);
        let cap = remaining.min(ratio_cap);
        // An entry that declares more than the cap is refused before inflating a byte (a zip
        // bomb usually declares its size honestly); a lying declaration is caught by `take`.
        if file.size() > cap {
            return Err(over_cap(
                &self.limits,
                &entry_name,
                file.size(),
                cap,
                remaining,
                compressed,
            ));
        }
        let mut buf = Vec::with_capacity(file.size().min(cap).min(16 * 1024 * 1024) as usize);
        // Stop one byte past the cap: that byte proves the entry is over it.
        let mut capped = (&mut file).take(cap.saturating_add(1));
        capped
            .read_to_end(&mut buf)
            .map_err(|e| Error::Zip(format!("cannot decompress {entry_name}: {e}")))?;
        let got = buf.len() as u64;
        if got > cap {
            return Err(over_cap(
                &self.limits,
                &entry_name,
                got,
                cap,
                remaining,
                compressed,
            ));
        }
        self.total += got;
        Ok(Some(buf))
    }
}

impl Container<'_> {
    /// The one-call path of [`Container::read`] for an unencrypted deflated entry whose
    /// declared size is within the caps: `None` when the entry is anything else or does not
    /// inflate cleanly to a stream end within its declared size with the declared CRC (then
    /// the general path reads it, and reports what is wrong). Never inflates more than the
    /// declared size, which is within the caps.
    fn inflate_plain(&mut self, entry_name: &str, remaining: u64) -> Option<Vec<u8>> {
        let index = self.zip.index_for_name(entry_name)?;
        let file = self.zip.by_index_raw(index).ok()?;
        if file.encrypted() || file.compression() != CompressionMethod::Deflated {
            return None;
        }
        let (start, len, size, crc) = (
            file.data_start()?,
            file.compressed_size(),
            file.size(),
            file.crc32(),
        );
        drop(file);
        let ratio_cap = len
            .max(1)
            .saturating_mul(self.limits.max_compression_ratio)
            .max(RATIO_FLOOR);
        if size > remaining.min(ratio_cap).min(DIRECT_MAX) {
            return None;
        }
        let end = start.checked_add(len)?;
        let data = self
            .bytes
            .get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)?;
        let mut out = Vec::with_capacity(usize::try_from(size).ok()?);
        let inflater = self.inflater.get_or_insert_with(|| Decompress::new(false));
        inflater.reset(false);
        match inflater.decompress_vec(data, &mut out, FlushDecompress::Finish) {
            Ok(Status::StreamEnd) if crc32fast::hash(&out) == crc => Some(out),
            _ => None,
        }
    }
}

/// The error for an entry that would decompress past `cap` (`size` bytes declared, or read
/// when the declaration lied): the total-size limit when that is what set the cap, the ratio
/// limit otherwise.
fn over_cap(
    limits: &Limits,
    entry_name: &str,
    size: u64,
    cap: u64,
    remaining: u64,
    compressed: u64,
) -> Error {
    if cap == remaining {
        let total = limits.max_decompressed_bytes.saturating_sub(remaining);
        LimitKind::DecompressedBytes.exceeded_in(
            entry_name,
            total.saturating_add(size),
            limits.max_decompressed_bytes,
        )
    } else {
        LimitKind::CompressionRatio.exceeded_in(
            entry_name,
            size.div_ceil(compressed),
            limits.max_compression_ratio,
        )
    }
}
