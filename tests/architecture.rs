//! The layers point down only: readers → blocks (and un); structure → blocks, model, un;
//! refs → model, un; model → un; un → nothing; batch and writers → the library API (`parse`,
//! the model, the writers); the library never reaches into the CLI.
//! This test reads every `crate::…` path in `src/` (use lines and inline paths, comments
//! left out) and fails on an edge that must never be.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The top-level module a source file belongs to: `src/readers/docx/xml.rs` is `readers`,
/// `src/model.rs` is `model`, `src/lib.rs` is `lib`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// Source text without `//` comments (doc comments included), so prose naming a module
/// does not count, and without its unit tests (`#[cfg(test)] mod tests`, last in a file by
/// this crate's convention), which may build their input with any layer. String literals
/// holding `//` do not occur before `crate::` in this code.
fn strip_comments(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    text.lines()
        .map(|l| l.find("//").map_or(l, |i| &l[..i]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every first path segment after `crate::`: `crate::model::Node` gives `model`,
/// `use crate::{blocks::Para, model}` gives `blocks` and `model`.
fn crate_targets(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + "crate::".len()..];
        // `$crate::` or an identifier ending in `crate` is not the crate root.
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => {
                        out.insert(ident(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
                if depth == 1 {
                    item.push(c);
                }
            }
            out.insert(ident(&item));
        } else {
            out.insert(ident(rest));
        }
    }
    out.remove("");
    out
}

/// The crate-root items re-exported from `lib.rs`, named by the module that defines them.
fn canonical(target: &str) -> &str {
    match target {
        "Error" | "ErrorKind" | "Result" => "error",
        "Limits" | "LimitKind" => "limits",
        "Document" | "Format" => "model",
        t if t.chars().next().is_some_and(|c| c.is_lowercase()) => t,
        _ => "lib",
    }
}

/// Why `from` may not use `to`, or `None` when the edge is allowed.
fn forbidden(from: &str, to: &str) -> Option<&'static str> {
    if from == to {
        return None;
    }
    match (from, to) {
        (f, "cli") if f != "main" => Some("the library never depends on the CLI"),
        ("un", _) => Some("un is the bottom layer: it depends on nothing in the crate"),
        ("model", t) if t != "un" => Some("the model depends on nothing but un"),
        ("readers", "structure" | "refs" | "writers" | "batch") => {
            Some("readers produce blocks; they know nothing of the layers above")
        }
        ("blocks", "readers" | "structure" | "refs" | "writers" | "batch") => {
            Some("the block stream is below the readers and the builder")
        }
        ("structure", "refs" | "readers" | "writers" | "batch") => {
            Some("the structure builder sits below the refs pass and above the readers")
        }
        ("refs", "structure" | "readers" | "writers" | "batch") => {
            Some("the refs pass reads the model, not the builder or the readers")
        }
        ("batch" | "writers", "readers" | "blocks" | "structure" | "refs" | "un") => {
            Some("batch and writers use the library API, not the pipeline's insides")
        }
        _ => None,
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn layers_point_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(files.len() > 40, "found only {} files", files.len());
    let mut edges = 0;
    let mut bad = Vec::new();
    for file in &files {
        let from = module_of(&src, file);
        let code = strip_comments(&std::fs::read_to_string(file).unwrap());
        for target in crate_targets(&code) {
            let to = canonical(&target);
            edges += 1;
            if let Some(why) = forbidden(&from, to) {
                bad.push(format!("{} uses crate::{target}: {why}", file.display()));
            }
        }
    }
    assert!(
        edges > 50,
        "found only {edges} crate:: paths: is the scan broken?"
    );
    assert!(bad.is_empty(), "forbidden edges:\n{}", bad.join("\n"));
}

#[test]
fn the_scan_sees_use_lines_groups_and_inline_paths() {
    let code =
        "use crate::model::{Node, Item};\nuse crate::{\n    blocks::Para,\n    un::labels,\n};\n\
                fn f() { crate::structure::labels::split(\"x\"); }\n// crate::cli in a comment\n\
                macro_rules! m { () => { $crate::refs::x() } }\n\
                #[cfg(test)]\nmod tests { use crate::readers; }";
    let got = crate_targets(&strip_comments(code));
    let want: BTreeSet<String> = ["model", "blocks", "un", "structure"]
        .map(String::from)
        .into();
    assert_eq!(got, want);
    assert!(forbidden("readers", "structure").is_some());
    assert!(forbidden("structure", "refs").is_some());
    assert!(forbidden("model", "blocks").is_some());
    assert!(forbidden("model", "un").is_none());
    assert!(forbidden("batch", "cli").is_some());
    assert!(forbidden("refs", "un").is_none());
    assert!(forbidden("batch", "structure").is_some());
    assert!(forbidden("batch", "model").is_none());
}

/// The sibling modules a file of `src/refs/` imports with `use super::…` (its own folder's
/// `mod.rs` excluded, the parent).
fn super_targets(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for stmt in code.split(';') {
        let Some(i) = stmt.find("use super::") else {
            continue;
        };
        let rest = &stmt[i + "use super::".len()..];
        let names: Vec<&str> = match rest.trim().strip_prefix('{') {
            Some(group) => group.trim_end_matches('}').split(',').collect(),
            None => vec![rest],
        };
        for n in names {
            let first: String = n
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // Lower-case names are modules; `super::resolve` and the like are items of mod.rs.
            if first.chars().next().is_some_and(char::is_lowercase) && first != "self" {
                out.insert(first);
            }
        }
    }
    out
}

#[test]
fn reference_grammars_form_a_tree() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/refs");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let mut graph = std::collections::BTreeMap::new();
    for f in &files {
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        if name == "mod" {
            continue;
        }
        let code = strip_comments(&std::fs::read_to_string(f).unwrap());
        let deps: BTreeSet<String> = super_targets(&code)
            .into_iter()
            .filter(|d| dir.join(format!("{d}.rs")).exists())
            .collect();
        graph.insert(name, deps);
    }
    assert!(graph.len() >= 10, "{graph:?}");
    assert!(graph["scan"].contains("article"), "{graph:?}");
    // Depth-first search for a cycle.
    fn visit(
        n: &str,
        graph: &std::collections::BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(n) {
            return;
        }
        assert!(
            !path.iter().any(|p| p == n),
            "import cycle in src/refs: {} -> {n}",
            path.join(" -> ")
        );
        path.push(n.to_string());
        for d in graph.get(n).into_iter().flatten() {
            visit(d, graph, path, done);
        }
        path.pop();
        done.insert(n.to_string());
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        visit(n, &graph, &mut Vec::new(), &mut done);
    }
}
