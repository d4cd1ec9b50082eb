//! Output naming for `--out DIR`.
//!
//! The rule: `DIR/` + the input's path relative to its INPUT directory + `.json`, keeping
//! the input's extension: `a/b/x.docx` becomes `DIR/a/b/x.docx.json` and `a/b/x.txt`
//! becomes `DIR/a/b/x.txt.json`. The name depends on the input alone, never on which other
//! files exist, so a .docx and its text export side by side never overwrite each other and
//! `--resume` always looks in the same place.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::discover::{Input, Problem};

/// The output file of an input whose relative path is `rel`.
pub fn output_path(out_dir: &Path, rel: &Path) -> PathBuf {
    // OsString, not String: a non-UTF-8 file name maps to a non-UTF-8 output name.
    let mut name: OsString = out_dir.join(rel).into_os_string();
    name.push(".json");
    PathBuf::from(name)
}

/// Catches two inputs with one output name. That can only happen with several INPUT
/// directories holding the same relative path: the first in order keeps the output and the
/// next ones fail with kind `output_conflict` (nothing is overwritten).
///
/// With one INPUT directory there is nothing to check and nothing is kept. With several,
/// a 128-bit digest of each relative path is kept (16 bytes an input, not the path).
#[derive(Debug)]
pub struct ConflictGuard {
    out_dir: PathBuf,
    seen: Option<HashSet<[u8; 16]>>,
}

impl ConflictGuard {
    /// A guard for outputs under `out_dir`; `active` when several INPUT directories or
    /// files can map to the same relative path.
    pub fn new(out_dir: &Path, active: bool) -> ConflictGuard {
        ConflictGuard {
            out_dir: out_dir.to_path_buf(),
            seen: active.then(HashSet::new),
        }
    }

    /// Marks `input` as failed when its output is already taken.
    pub fn check(&mut self, input: &mut Input) {
        let Some(seen) = &mut self.seen else { return };
        if input.problem.is_some() {
            return;
        }
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(input.rel.as_os_str().as_encoded_bytes());
        let mut key = [0u8; 16];
        for (k, d) in key.iter_mut().zip(digest.iter()) {
            *k = *d;
        }
        if !seen.insert(key) {
            input.problem = Some(Problem {
                kind: crate::ErrorKind::OutputConflict,
                message: format!(
                    "its output {} is already the output of the same relative path under an \
                     earlier INPUT; convert these INPUTs to separate --out directories",
                    output_path(&self.out_dir, &input.rel).display()
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(path: &str, rel: &str) -> Input {
        Input {
            path: path.into(),
            rel: rel.into(),
            problem: None,
        }
    }

    #[test]
    fn keeps_the_extension_and_mirrors_the_tree() {
        let out = Path::new("out");
        assert_eq!(
            output_path(out, Path::new("a/b/x.docx")),
            Path::new("out/a/b/x.docx.json")
        );
        assert_eq!(
            output_path(out, Path::new("x.txt")),
            Path::new("out/x.txt.json")
        );
    }

    #[test]
    fn second_input_with_the_same_output_conflicts() {
        let mut guard = ConflictGuard::new(Path::new("o"), true);
        let mut inputs = [
            input("r1/same.txt", "same.txt"),
            input("r1/same.docx", "same.docx"),
            input("r2/same.txt", "same.txt"),
        ];
        for i in &mut inputs {
            guard.check(i);
        }
        assert!(inputs[0].problem.is_none());
        assert!(inputs[1].problem.is_none());
        let p = inputs[2].problem.as_ref().unwrap();
        assert_eq!(p.kind.as_str(), "output_conflict");
        assert!(p.message.contains("o/same.txt.json"), "{}", p.message);
    }

    #[test]
    fn inactive_guard_keeps_nothing() {
        let mut guard = ConflictGuard::new(Path::new("o"), false);
        let mut a = input("r1/same.txt", "same.txt");
        let mut b = a.clone();
        guard.check(&mut a);
        guard.check(&mut b);
        assert!(b.problem.is_none());
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_names_survive() {
        use std::os::unix::ffi::OsStrExt;
        let rel = Path::new(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
        let out = output_path(Path::new("o"), rel);
        assert_eq!(out.as_os_str().as_bytes(), b"o/caf\xe9.txt.json");
    }
}
