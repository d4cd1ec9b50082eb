//! One run at a time per output: two runs into one `--out` directory used to interleave
//! their `_errors.jsonl` lines (torn records). The first run holds an advisory lock
//! (`flock`), which the OS releases when the process ends, however it ends: a killed run
//! leaves no stale lock. The lock file stays (removing it would race with a third run).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::BatchError;

/// The lock file in an `--out` directory (hidden: the walk and the outputs never meet it).
pub const LOCK_FILE_NAME: &str = ".treatydoc.lock";

/// Takes the lock of the `--out` directory `dir`, which must exist.
pub(crate) fn lock_dir(dir: &Path) -> Result<File, BatchError> {
    let path = dir.join(LOCK_FILE_NAME);
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|source| BatchError::Output {
            path: path.clone(),
            source,
        })?;
    try_lock(&file, dir, &path)?;
    Ok(file)
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
