//! One run at a time per output: two runs into one `--out` directory used to interleave
//! their `_errors.jsonl` lines (torn records). The first run holds an advisory lock
//! (`flock`), which the OS releases when the process ends, however it ends: a killed run
//! leaves no stale lock. The lock file is removed when the run ends (one left by a killed
//! run is harmless: its lock died with the process).

use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::BatchError;

/// The lock file in an `--out` directory (hidden: the walk and the outputs never meet it).
pub const LOCK_FILE_NAME: &str = ".treatydoc.lock";

/// The held lock of an `--out` directory; dropping it removes the lock file and releases it.
#[derive(Debug)]
pub(crate) struct DirLock {
    path: PathBuf,
    _file: File,
}

impl Drop for DirLock {
    fn drop(&mut self) {
        // Removed while still locked, so no other run can have taken this very file.
        let _ = fs::remove_file(&self.path);
    }
}

/// Takes the lock of the `--out` directory `dir`, which must exist.
pub(crate) fn lock_dir(dir: &Path) -> Result<DirLock, BatchError> {
    let path = dir.join(LOCK_FILE_NAME);
    let output_error = |source| BatchError::Output {
        path: path.clone(),
        source,
    };
    loop {
        let file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(output_error)?;
        try_lock(&file, dir, &path)?;
        // The run before us may have removed the file between our open and our lock: then
        // the lock is on a file nobody else will see; take the one now at `path`.
        let same = match (file.metadata(), fs::metadata(&path)) {
            (Ok(a), Ok(b)) => same_file(&a, &b),
            _ => false,
        };
        if same {
            return Ok(DirLock { path, _file: file });
        }
    }
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    true
}

/// Takes `file`'s lock, or names the run that holds it.
pub(crate) fn try_lock(file: &File, output: &Path, lock: &Path) -> Result<(), BatchError> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(TryLockError::WouldBlock) => Err(BatchError::Busy {
            output: output.to_path_buf(),
            lock: lock.to_path_buf(),
        }),
        Err(TryLockError::Error(source)) if source.kind() == std::io::ErrorKind::Unsupported => {
            Ok(()) // a file system without locks: nothing to check with
        }
        Err(TryLockError::Error(source)) => Err(BatchError::Output {
            path: PathBuf::from(lock),
            source,
        }),
    }
}
