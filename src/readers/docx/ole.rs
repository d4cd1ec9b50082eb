//! Recognises OLE compound files (legacy `.doc`, and password-protected Office files, which
//! Office stores as an OLE container holding `EncryptionInfo` and `EncryptedPackage`).

/// The OLE compound-file signature.
pub(crate) const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// True when `bytes` start with the OLE signature.
pub(crate) fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&OLE_MAGIC)
}

/// True when the OLE directory names an `EncryptionInfo` or `EncryptedPackage` stream.
///
/// Walks the directory sector chain through the FAT as the compound-file format describes;
/// when the structure is too damaged to walk, falls back to scanning the bytes for the
/// UTF-16LE stream names, so a damaged encrypted file is still reported as encrypted.
pub(crate) fn is_encrypted(bytes: &[u8]) -> bool {
    match directory_names(bytes) {
        Some(names) => names
            .iter()
            .any(|n| n == "EncryptionInfo" || n == "EncryptedPackage"),
        None => {
            contains_utf16(bytes, "EncryptedPackage") || contains_utf16(bytes, "EncryptionInfo")
        }
    }
}

fn u16_at(b: &[u8], off: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(off..off + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(off..off + 4)?.try_into().ok()?))
}

/// The names of the directory entries, or `None` when the file cannot be walked.
fn directory_names(b: &[u8]) -> Option<Vec<String>> {
    let shift = u16_at(b, 0x1E)?;
    if !(7..=16).contains(&shift) {
        return None;
    }
    let sector = 1usize << shift;
    let sector_at = |n: u32| -> Option<&[u8]> {
        let start = (n as usize).checked_add(1)?.checked_mul(sector)?;
        b.get(start..start.checked_add(sector)?)
    };
    // FAT sectors listed in the header's DIFAT (the first 109 cover files up to ~7 MB with
    // 512-byte sectors, far beyond a small encrypted .docx wrapper; longer DIFAT chains are
    // not followed and the byte scan takes over).
    let fat_count = u32_at(b, 0x2C)? as usize;
    let mut fat: Vec<u32> = Vec::new();
    for i in 0..fat_count.min(109) {
        let s = u32_at(b, 0x4C + 4 * i)?;
        let data = sector_at(s)?;
        fat.extend(
            data.chunks_exact(4)
                .filter_map(|c| c.try_into().ok().map(u32::from_le_bytes)),
        );
    }
    let mut names = Vec::new();
    let mut dir = u32_at(b, 0x30)?;
    // Bounded walk: a cyclic chain cannot loop forever.
    for _ in 0..fat.len().min(100_000) {
        if dir >= 0xFFFF_FFFA {
            return Some(names);
        }
        let data = sector_at(dir)?;
        for entry in data.chunks_exact(128) {
            let len = u16_at(entry, 0x40)? as usize;
            if !(2..=64).contains(&len) {
                continue;
            }
            let units: Vec<u16> = entry
                .get(..len - 2)?
                .chunks_exact(2)
                .filter_map(|c| c.try_into().ok().map(u16::from_le_bytes))
                .collect();
            names.push(String::from_utf16_lossy(&units));
        }
        dir = *fat.get(dir as usize)?;
    }
    None
}

fn contains_utf16(hay: &[u8], needle: &str) -> bool {
    let pat: Vec<u8> = needle
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    hay.windows(pat.len()).any(|w| w == pat.as_slice())
}
