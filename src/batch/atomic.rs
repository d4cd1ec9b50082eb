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

/// Creates a fresh temporary file next to `dest`.
fn create_temp(dest: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let name = dest
        .file_name()
        .ok_or_else(|| io::Error::other(format!("{} is not a file name", dest.display())))?;
    let mut tmp_name = OsString::from(".");
    tmp_name.push(name);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    tmp_name.push(format!(".{}-{n}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    // create_new: never clobber someone else's file, even a stale temporary one.
    let file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
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
