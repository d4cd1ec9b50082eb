//! Which files a directory walk takes: the name rules (Word lock files, hidden files) and the
//! `--include` / `--exclude` globs.

use std::ffi::OsStr;
use std::fmt;
use std::path::Path;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::BatchError;

/// The globs used when no `--include` is given.
pub const DEFAULT_INCLUDE: &[&str] = &["*.docx", "*.txt", "*.pdf"];

/// Why an input was not converted although it was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SkipReason {
    /// A Word lock file (`~$x.docx`), written while a document is open.
    LockFile,
    /// A file or directory whose name starts with a dot.
    Hidden,
    /// The name matches no include glob (by default `*.docx`, `*.txt` and `*.pdf`).
    NotIncluded,
    /// The path matches an `--exclude` glob.
    Excluded,
    /// Not a regular file (a FIFO, a socket, a device, a symbolic link to a directory).
    NotAFile,
    /// The same file was reached twice (e.g. named and inside a named directory).
    Duplicate,
    /// `--resume`: the output exists and is newer than the input.
    UpToDate,
}

impl SkipReason {
    /// Every reason, in the order summaries list them.
    pub const ALL: [SkipReason; 7] = [
        SkipReason::UpToDate,
        SkipReason::NotIncluded,
        SkipReason::Hidden,
        SkipReason::LockFile,
        SkipReason::Excluded,
        SkipReason::NotAFile,
        SkipReason::Duplicate,
    ];

    /// The position in [`SkipReason::ALL`].
    pub(crate) fn index(self) -> usize {
        SkipReason::ALL.iter().position(|&r| r == self).unwrap_or(0)
    }

    /// A stable machine-readable code.
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::LockFile => "lock_file",
            SkipReason::Hidden => "hidden",
            SkipReason::NotIncluded => "not_included",
            SkipReason::Excluded => "excluded",
            SkipReason::NotAFile => "not_a_file",
            SkipReason::Duplicate => "duplicate",
            SkipReason::UpToDate => "up_to_date",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SkipReason::LockFile => "Word lock file",
            SkipReason::Hidden => "hidden",
            SkipReason::NotIncluded => "not an included type",
            SkipReason::Excluded => "excluded",
            SkipReason::NotAFile => "not a regular file",
            SkipReason::Duplicate => "duplicate",
            SkipReason::UpToDate => "up to date",
        })
    }
}

/// The compiled selection rules. Globs are matched, case-insensitively, against the path
/// relative to the INPUT directory; `*` crosses `/`, so `*.docx` matches at any depth.
#[derive(Debug, Clone)]
pub struct Selector {
    include: GlobSet,
    exclude: GlobSet,
}

impl Selector {
    /// Compiles the globs once for the whole run; an empty `include` means [`DEFAULT_INCLUDE`].
    pub fn new(include: &[String], exclude: &[String]) -> Result<Selector, BatchError> {
        let include = if include.is_empty() {
            compile(DEFAULT_INCLUDE.iter().copied())?
        } else {
            compile(include.iter().map(String::as_str))?
        };
        Ok(Selector {
            include,
            exclude: compile(exclude.iter().map(String::as_str))?,
        })
    }

    /// Decides on a file met while walking: `None` takes it.
    pub fn file(&self, rel: &Path) -> Option<SkipReason> {
        let name = rel.file_name().unwrap_or(rel.as_os_str());
        if is_lock_file(name) {
            // Checked before the globs: `~$x.docx` matches `*.docx`.
            Some(SkipReason::LockFile)
        } else if is_hidden(name) {
            Some(SkipReason::Hidden)
        } else if self.exclude.is_match(rel) {
            Some(SkipReason::Excluded)
        } else if !self.include.is_match(rel) {
            Some(SkipReason::NotIncluded)
        } else {
            None
        }
    }

    /// Decides on a directory met while walking: `Some` prunes it.
    pub fn dir(&self, rel: &Path) -> Option<SkipReason> {
        let name = rel.file_name().unwrap_or(rel.as_os_str());
        if is_hidden(name) {
            Some(SkipReason::Hidden)
        } else if self.exclude.is_match(rel) {
            Some(SkipReason::Excluded)
        } else {
            None
        }
    }
}

fn compile<'a>(globs: impl Iterator<Item = &'a str>) -> Result<GlobSet, BatchError> {
    let mut set = GlobSetBuilder::new();
    for g in globs {
        let glob = GlobBuilder::new(g)
            .case_insensitive(true)
            .build()
            .map_err(|e| BatchError::Usage(format!("invalid glob {g:?}: {e}")))?;
        set.add(glob);
    }
    set.build()
        .map_err(|e| BatchError::Usage(format!("invalid globs: {e}")))
}

fn is_lock_file(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b"~$")
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default() -> Selector {
        Selector::new(&[], &[]).unwrap()
    }

    #[test]
    fn default_takes_docx_and_txt_at_any_depth() {
        let s = default();
        assert_eq!(s.file(Path::new("a/b/x.docx")), None);
        assert_eq!(s.file(Path::new("X.DOCX")), None);
        assert_eq!(s.file(Path::new("x.txt")), None);
        assert_eq!(s.file(Path::new("x.pdf")), None); // issue 14: PDFs are converted too
        assert_eq!(s.file(Path::new("x.doc")), Some(SkipReason::NotIncluded));
    }

    #[test]
    fn lock_and_hidden_files_are_skipped() {
        let s = default();
        assert_eq!(s.file(Path::new("a/~$x.docx")), Some(SkipReason::LockFile));
        assert_eq!(s.file(Path::new(".x.txt")), Some(SkipReason::Hidden));
        assert_eq!(s.dir(Path::new("a/.git")), Some(SkipReason::Hidden));
        assert_eq!(s.dir(Path::new("a/b")), None);
    }

    #[test]
    fn include_replaces_default_and_exclude_wins() {
        let s = Selector::new(&["*.docx".into()], &["drafts/**".into(), "drafts".into()]).unwrap();
        assert_eq!(s.file(Path::new("x.txt")), Some(SkipReason::NotIncluded));
        assert_eq!(s.file(Path::new("x.docx")), None);
        assert_eq!(
            s.file(Path::new("drafts/x.docx")),
            Some(SkipReason::Excluded)
        );
        assert_eq!(s.dir(Path::new("drafts")), Some(SkipReason::Excluded));
    }

    #[test]
    fn bad_glob_is_a_usage_error() {
        let e = Selector::new(&["a[".into()], &[]).unwrap_err();
        assert!(matches!(e, BatchError::Usage(m) if m.contains("a[")));
    }
}
