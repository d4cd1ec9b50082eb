//! Input discovery: a lazy walk of the INPUT arguments that yields every file it meets, to
//! convert or to skip, in sorted path order.
//!
//! Nothing is collected for the whole run: directories are read one at a time (each sorted
//! by name, so a depth-first walk gives the files in path order, component by component),
//! and memory is bounded by the largest directory, not by the size of the archive.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use walkdir::WalkDir;

use super::select::{Selector, SkipReason};
use super::BatchError;

/// One file to convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path to read, as built from the INPUT argument (recorded in `source.path`).
    pub path: PathBuf,
    /// The path relative to its INPUT directory (the file name for an INPUT file); the
    /// output tree mirrors it.
    pub rel: PathBuf,
    /// Set when the input is known to fail before it is read (a directory that cannot be
    /// listed, two inputs with one output name).
    pub problem: Option<Problem>,
}

/// A failure found before conversion, reported in input order with the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The error kind (see [`super::ErrorRecord`]).
    pub kind: crate::ErrorKind,
    /// What went wrong, for a person.
    pub message: String,
}

/// What the walk met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A file to convert.
    Input(Input),
    /// A file or directory left out.
    Skipped(PathBuf, SkipReason),
}

/// An INPUT argument, checked and de-duplicated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Root {
    /// A directory to walk.
    Dir(PathBuf),
    /// A file named on the command line: always taken, whatever its name.
    File(PathBuf),
    /// An INPUT already covered by another (the same directory, or a file or directory
    /// inside one that is walked); reported as skipped.
    Covered(PathBuf),
}

/// Checks the INPUT arguments and orders them by path. An INPUT that does not exist is a
/// usage error. An INPUT inside (or equal to) another INPUT directory is [`Root::Covered`]
/// when that walk reaches it, so no file is converted twice.
pub fn roots(args: &[PathBuf], selector: &Selector) -> Result<Vec<Root>, BatchError> {
    struct Arg {
        path: PathBuf,
        canonical: PathBuf,
        dir: bool,
    }
    let mut list = Vec::with_capacity(args.len());
    for path in args {
        let meta = std::fs::metadata(path)
            .map_err(|e| BatchError::Usage(format!("cannot read INPUT {}: {e}", path.display())))?;
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        list.push(Arg {
            path: path.clone(),
            canonical,
            dir: meta.is_dir(),
        });
    }
    list.sort_by(|a, b| a.path.cmp(&b.path));
    let mut roots = Vec::with_capacity(list.len());
    for (i, arg) in list.iter().enumerate() {
        let covered = list.iter().enumerate().any(|(j, outer)| {
            let inside = outer.dir && i != j && arg.canonical.starts_with(&outer.canonical);
            // Of two equal directories the first is walked; a nested INPUT is covered only
            // if the outer walk would take it.
            inside
                && (arg.canonical != outer.canonical || j < i)
                && arg
                    .canonical
                    .strip_prefix(&outer.canonical)
                    .is_ok_and(|rel| walk_takes(selector, rel, arg.dir))
        });
        roots.push(if covered {
            Root::Covered(arg.path.clone())
        } else if arg.dir {
            Root::Dir(arg.path.clone())
        } else {
            Root::File(arg.path.clone())
        });
    }
    Ok(roots)
}

/// Whether walking a directory reaches `rel` (a file, or a directory when `dir`).
fn walk_takes(selector: &Selector, rel: &Path, dir: bool) -> bool {
    let mut ancestors: Vec<&Path> = rel
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .collect();
    ancestors.reverse(); // outermost first; the last is `rel` itself
    let Some((last, parents)) = ancestors.split_last() else {
        return true; // `rel` is empty: the very same directory
    };
    parents.iter().all(|p| selector.dir(p).is_none())
        && if dir {
            selector.dir(last).is_none()
        } else {
            selector.file(last).is_none()
        }
}

/// The lazy walk over prepared [`roots`].
pub struct Discovery<'a> {
    roots: std::vec::IntoIter<Root>,
    walk: Option<(walkdir::IntoIter, PathBuf)>,
    selector: &'a Selector,
    cancel: &'a AtomicBool,
    ready: VecDeque<Found>,
}

impl<'a> Discovery<'a> {
    /// Walks `roots` in order. Setting `cancel` ends the walk early (Ctrl-C on a slow share).
    pub fn new(roots: Vec<Root>, selector: &'a Selector, cancel: &'a AtomicBool) -> Self {
        Discovery {
            roots: roots.into_iter(),
            walk: None,
            selector,
            cancel,
            ready: VecDeque::new(),
        }
    }

    /// The next entry of the current directory walk, if any.
    fn next_in_walk(&mut self) -> Option<Found> {
        let (it, dir) = self.walk.as_mut()?;
        loop {
            let entry = match it.next()? {
                Ok(e) => e,
                Err(e) => {
                    // A directory that cannot be listed: its files are lost, so it is
                    // reported as a failed input rather than silently missing.
                    let path = e.path().unwrap_or(dir).to_path_buf();
                    let message = match e.io_error() {
                        Some(io) => format!("cannot read: {io}"),
                        None => format!("cannot read: {e}"),
                    };
                    return Some(Found::Input(Input {
                        rel: relative(&path, dir),
                        path,
                        problem: Some(Problem {
                            kind: crate::ErrorKind::Io,
                            message,
                        }),
                    }));
                }
            };
            if entry.depth() == 0 {
                continue; // the root itself: hidden or not, the user named it
            }
            let rel = relative(entry.path(), dir);
            let ft = entry.file_type();
            if ft.is_dir() {
                if let Some(reason) = self.selector.dir(&rel) {
                    it.skip_current_dir();
                    return Some(Found::Skipped(entry.into_path(), reason));
                }
                continue;
            }
            if let Some(reason) = self.selector.file(&rel) {
                return Some(Found::Skipped(entry.into_path(), reason));
            }
            let regular = if ft.is_symlink() {
                // Follow a link to see what it names; a dangling link stays an input so that
                // the read reports it.
                std::fs::metadata(entry.path()).map_or(true, |m| m.is_file())
            } else {
                ft.is_file()
            };
            if !regular {
                return Some(Found::Skipped(entry.into_path(), SkipReason::NotAFile));
            }
            return Some(Found::Input(Input {
                path: entry.into_path(),
                rel,
                problem: None,
            }));
        }
    }
}

impl Iterator for Discovery<'_> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if self.cancel.load(Ordering::Relaxed) {
                return None;
            }
            if let Some(found) = self.ready.pop_front() {
                return Some(found);
            }
            if let Some(found) = self.next_in_walk() {
                return Some(found);
            }
            self.walk = None;
            match self.roots.next()? {
                Root::Dir(dir) => {
                    let it = WalkDir::new(&dir)
                        .follow_links(false)
                        .sort_by_file_name()
                        .into_iter();
                    self.walk = Some((it, dir));
                }
                Root::File(path) => {
                    let rel = path
                        .file_name()
                        .map(PathBuf::from)
                        .unwrap_or_else(|| path.clone());
                    self.ready.push_back(Found::Input(Input {
                        path,
                        rel,
                        problem: None,
                    }));
                }
                Root::Covered(path) => {
                    self.ready
                        .push_back(Found::Skipped(path, SkipReason::Duplicate));
                }
            }
        }
    }
}

fn relative(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn walk(args: &[PathBuf], sel: &Selector) -> Vec<Found> {
        let roots = roots(args, sel).unwrap();
        Discovery::new(roots, sel, &AtomicBool::new(false)).collect()
    }

    #[test]
    fn walks_in_path_order_and_reports_skips_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/.hid")).unwrap();
        for f in [
            "b/z.txt",
            "a.docx",
            "b.txt",
            "~$a.docx",
            "notes.md",
            ".x.txt",
            "b/.hid/y.txt",
        ] {
            fs::write(root.join(f), b"x").unwrap();
        }
        let sel = Selector::new(&[], &[]).unwrap();
        let found = walk(&[root.to_path_buf(), root.join("a.docx")], &sel);
        let short: Vec<String> = found
            .iter()
            .map(|f| match f {
                Found::Input(i) => format!("in {}", i.rel.display()),
                Found::Skipped(p, r) => {
                    format!(
                        "skip {} {}",
                        p.strip_prefix(root).unwrap().display(),
                        r.code()
                    )
                }
            })
            .collect();
        assert_eq!(
            short,
            [
                "skip .x.txt hidden",
                "in a.docx",
                "skip b/.hid hidden",
                "in b/z.txt",
                "in b.txt",
                "skip notes.md not_included",
                "skip ~$a.docx lock_file",
                "skip a.docx duplicate",
            ]
        );
    }

    #[test]
    fn nested_and_repeated_inputs_are_covered_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::write(root.join("sub/x.txt"), b"x").unwrap();
        fs::write(root.join("sub/notes.md"), b"x").unwrap();
        let sel = Selector::new(&[], &[]).unwrap();
        let r = roots(
            &[
                root.join("sub"),
                root.to_path_buf(),
                root.join("sub/x.txt"),
                root.join("sub/notes.md"),
                root.to_path_buf(),
            ],
            &sel,
        )
        .unwrap();
        assert_eq!(
            r,
            [
                Root::Dir(root.to_path_buf()),
                Root::Covered(root.to_path_buf()),
                Root::Covered(root.join("sub")),
                Root::File(root.join("sub/notes.md")), // not taken by the walk: kept
                Root::Covered(root.join("sub/x.txt")),
            ]
        );
    }

    #[test]
    fn cancel_ends_the_walk() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("x.txt"), b"x").unwrap();
        let sel = Selector::new(&[], &[]).unwrap();
        let roots = roots(&[dir.path().to_path_buf()], &sel).unwrap();
        assert_eq!(
            Discovery::new(roots, &sel, &AtomicBool::new(true)).count(),
            0
        );
    }

    #[test]
    fn missing_root_is_a_usage_error() {
        let sel = Selector::new(&[], &[]).unwrap();
        let err = roots(&[PathBuf::from("/nonexistent/treatydoc")], &sel).unwrap_err();
        assert!(matches!(err, BatchError::Usage(m) if m.contains("/nonexistent/treatydoc")));
    }
}
