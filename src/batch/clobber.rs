//! Refuses outputs that would overwrite an input: an output file that is one of the inputs,
//! or an output the directory walk would itself take as an input (an `--out` tree inside
//! the INPUT with `--include '*'` used to feed on itself, growing at every run).

use std::path::{Path, PathBuf};

use super::discover::{walk_takes, Root};
use super::select::Selector;
use super::{BatchError, ERRORS_FILE_NAME};

/// Names an `--out` directory holds, to ask whether the walk would take them.
const SAMPLE_OUTPUTS: [&str; 3] = ["x.docx.json", "x.txt.json", ERRORS_FILE_NAME];

/// Checks the output files (`--jsonl`, `--errors`) against each other and, with the `--out`
/// directory, against the INPUTs, before anything is created.
pub(crate) fn check(
    files: &[(&str, &Path)],
    out_dir: Option<&Path>,
    roots: &[Root],
    selector: &Selector,
) -> Result<(), BatchError> {
    if let [(first, a), (second, b)] = files {
        if lenient_canonical(a) == lenient_canonical(b) {
            return Err(BatchError::Usage(format!(
                "{first} {} and {second} {} are the same file; give them different names",
                a.display(),
                b.display()
            )));
        }
    }
    for (flag, file) in files {
        let canon = lenient_canonical(file);
        for root in roots {
            match root {
                Root::File(input) if lenient_canonical(input) == canon => {
                    return Err(BatchError::Usage(format!(
                        "{flag} {} is also an INPUT; it would be overwritten",
                        file.display()
                    )));
                }
                Root::Dir(dir) => {
                    let dir_canon = lenient_canonical(dir);
                    if let Ok(rel) = canon.strip_prefix(&dir_canon) {
                        if walk_takes(selector, rel, false) {
                            return Err(BatchError::Usage(format!(
                                "{flag} {} lies inside INPUT {} and would be read as an \
                                 input; write it elsewhere",
                                file.display(),
                                dir.display()
                            )));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(out) = out_dir {
        let canon = lenient_canonical(out);
        for root in roots {
            let Root::Dir(dir) = root else { continue };
            let Ok(rel) = canon.strip_prefix(lenient_canonical(dir)) else {
                continue;
            };
            if SAMPLE_OUTPUTS
                .iter()
                .any(|name| walk_takes(selector, &rel.join(name), false))
            {
                return Err(BatchError::Usage(format!(
                    "--out {} lies inside INPUT {} and its JSON files would be read as \
                     inputs (see --include); write them elsewhere or --exclude that folder",
                    out.display(),
                    dir.display()
                )));
            }
        }
    }
    Ok(())
}

/// The canonical form of `path`, which need not exist: its longest existing ancestor made
/// canonical (links resolved), followed by the rest.
fn lenient_canonical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut cur = absolute.as_path();
    loop {
        if let Ok(c) = std::fs::canonicalize(cur) {
            return rest.iter().rev().fold(c, |acc: PathBuf, n| acc.join(n));
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                cur = parent;
            }
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_canonical_resolves_the_existing_part() {
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        assert_eq!(
            lenient_canonical(&dir.path().join("a/b/../c.txt")),
            real.join("a/b/../c.txt")
        );
        std::fs::create_dir(dir.path().join("a")).unwrap();
        assert_eq!(lenient_canonical(&dir.path().join("a/x")), real.join("a/x"));
    }
}
