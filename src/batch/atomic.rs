//! Atomic file writes: the bytes go to a temporary file in the destination's directory,
//! which is then renamed over the destination. A reader (or `--resume`) sees either the old
//! file, no file, or the whole new one; never a truncated JSON.
//!
//! Temporary names are hidden and end in `.tmp` (`.x.docx.json.<pid>-<n>.tmp`): they never
//! match an output name, so `--resume` ignores one left by a killed process, and neither
//! `*.json` globs nor a later walk of the directory pick it up. Data is not fsync'ed: the
//! guarantee covers a crash or interruption of treatydoc, not a power cut.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// Writes `contents` to `path` atomically, creating missing parent directories.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let (tmp, mut file) = create_temp(path)?;
    let written = file.write_all(contents).and_then(|()| {
        drop(file);
        fs::rename(&tmp, path)
    });
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// A file being written in place of `dest`: [`AtomicFile::commit`] renames it into place;
/// dropping it uncommitted removes the temporary file, leaving `dest` untouched.
#[derive(Debug)]
pub struct AtomicFile {
    tmp: PathBuf,
    dest: PathBuf,
    file: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Starts writing `dest`.
    pub fn create(dest: &Path) -> io::Result<AtomicFile> {
        let (tmp, file) = create_temp(dest)?;
        Ok(AtomicFile {
            tmp,
            dest: dest.to_path_buf(),
            file: Some(BufWriter::with_capacity(256 * 1024, file)),
        })
    }

    /// Flushes and renames the file into place.
    pub fn commit(mut self) -> io::Result<()> {
        if let Some(w) = self.file.take() {
            w.into_inner().map_err(|e| e.into_error())?;
        }
        fs::rename(&self.tmp, &self.dest)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("file already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// How old a temporary file of a process that may still be alive must be before it counts
/// as stale anyway (the process id may have been reused).
const STALE_AGE: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// The process id in a temporary name made by [`create_temp`] for a destination whose name
/// ends in `suffix` (`.x.docx.json.<pid>-<n>.tmp` for `suffix` `.json`).
fn temp_owner(name: &[u8], suffix: &[u8]) -> Option<u32> {
    let rest = name.strip_prefix(b".")?.strip_suffix(b".tmp")?;
    let dot = rest.iter().rposition(|&b| b == b'.')?;
    let (stem, tag) = rest.split_at(dot);
    if stem.strip_suffix(suffix).is_none_or(<[u8]>::is_empty) {
        return None;
    }
    parse_tag(tag)
}

/// The pid of `.<pid>-<n>` (digits only).
fn parse_tag(tag: &[u8]) -> Option<u32> {
    let tag = std::str::from_utf8(tag.strip_prefix(b".")?).ok()?;
    let (pid, n) = tag.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(pid) || !digits(n) {
        return None;
    }
    pid.parse().ok()
}

/// Whether the process `pid` may still be running (and writing its temporary file).
fn may_be_alive(pid: u32) -> bool {
    if pid == self::pid() {
        return true;
    }
    let proc_dir = Path::new("/proc");
    if proc_dir.join("self").exists() {
        proc_dir.join(pid.to_string()).exists()
    } else {
        true // no way to tell: only the age decides
    }
}

/// Removes the temporary files that killed runs left in the `--out` tree `dir` (and only
/// those: our exact name pattern, of a process that is gone or older than a day). Returns
/// how many were removed.
pub(crate) fn remove_stale_temps(dir: &Path) -> usize {
    let mut removed = 0;
    for entry in walkdir::WalkDir::new(dir).follow_links(false) {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().as_encoded_bytes();
        if let Some(pid) = temp_owner(name, b".json") {
            if is_stale(entry.path(), pid) && fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
    }
    removed
}

/// Removes a stale temporary file of the JSONL file `dest` left by a killed run.
pub(crate) fn remove_stale_temps_of(dest: &Path) -> usize {
    let (Some(dir), Some(name)) = (dest.parent(), dest.file_name()) else {
        return 0;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut prefix = b".".to_vec();
    prefix.extend_from_slice(name.as_encoded_bytes());
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        // Exactly `.NAME.<pid>-<n>.tmp`.
        let owner = file_name
            .as_encoded_bytes()
            .strip_prefix(prefix.as_slice())
            .and_then(|rest| rest.strip_suffix(b".tmp"))
            .and_then(parse_tag);
        let Some(pid) = owner else { continue };
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_file())
            && is_stale(&path, pid)
            && fs::remove_file(&path).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

fn is_stale(path: &Path, pid: u32) -> bool {
    if !may_be_alive(pid) {
        return true;
    }
    pid != self::pid()
        && fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AGE)
}

/// This process's id, asked once (`std::process::id` is a system call every time, and
/// every temporary name holds it).
fn pid() -> u32 {
    static PID: OnceLock<u32> = OnceLock::new();
    *PID.get_or_init(std::process::id)
}

/// Creates a fresh temporary file next to `dest`, creating missing parent directories.
fn create_temp(dest: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = dest
        .file_name()
        .ok_or_else(|| io::Error::other(format!("{} is not a file name", dest.display())))?;
    let mut tmp_name = OsString::from(".");
    tmp_name.push(name);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    tmp_name.push(format!(".{}-{n}.tmp", pid()));
    let tmp = dir.join(tmp_name);
    // create_new: never clobber someone else's file, even a stale temporary one.
    let create = || OpenOptions::new().write(true).create_new(true).open(&tmp);
    let file = match create() {
        Ok(file) => file,
        // The directory is missing (the first file of its folder): create it and retry.
        // Trying first spares the mkdir and stat of `create_dir_all` for every other file.
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(dir)?;
            create()?
        }
        Err(e) => return Err(e),
    };
    Ok((tmp, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn temp_names_are_recognized_exactly() {
        assert_eq!(temp_owner(b".x.docx.json.123-4.tmp", b".json"), Some(123));
        assert_eq!(temp_owner(b".x.docx.json.123-4.tmp", b".txt"), None);
        assert_eq!(temp_owner(b"x.docx.json.123-4.tmp", b".json"), None);
        assert_eq!(temp_owner(b".x.docx.json.123-.tmp", b".json"), None);
        assert_eq!(temp_owner(b"..json.123-4.tmp", b".json"), None);
        assert_eq!(temp_owner(b".x.json.12a-4.tmp", b".json"), None);
        assert_eq!(temp_owner(b".all.jsonl.9-0.tmp", b""), Some(9));
        assert_eq!(parse_tag(b".9-0"), Some(9));
        assert_eq!(parse_tag(b".9-0.x"), None);
    }

    #[test]
    fn write_atomic_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a/b/x.json");
        write_atomic(&dest, b"one").unwrap();
        write_atomic(&dest, b"two").unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"two");
        assert_eq!(names(&dir.path().join("a/b")), ["x.json"]);
    }

    #[test]
    fn uncommitted_file_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("all.jsonl");
        fs::write(&dest, b"old\n").unwrap();
        {
            let mut f = AtomicFile::create(&dest).unwrap();
            f.write_all(b"new\n").unwrap();
        }
        assert_eq!(fs::read(&dest).unwrap(), b"old\n");
        assert_eq!(names(dir.path()), ["all.jsonl"]);
        let mut f = AtomicFile::create(&dest).unwrap();
        f.write_all(b"new\n").unwrap();
        f.commit().unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"new\n");
        assert_eq!(names(dir.path()), ["all.jsonl"]);
    }
}
