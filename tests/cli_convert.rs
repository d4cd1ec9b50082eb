//! End-to-end tests of `treatydoc convert` on temporary trees: accounting of every input,
//! exit codes, output naming, JSONL determinism, interruption and `--resume`.
//!
//! Real documents are read from `../shared/corpus` (next to the repository, never copied
//! into it). Unix only: the tests use permissions, symbolic links, non-UTF-8 names and
//! SIGINT.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod common;
use common::noise;

const BIN: &str = env!("CARGO_BIN_EXE_treatydoc");

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shared(name: &str) -> PathBuf {
    let p = manifest().join("../shared/corpus").join(name);
    assert!(p.is_file(), "missing shared corpus file {}", p.display());
    p
}

fn crc_text() -> Vec<u8> {
    fs::read(manifest().join("fixtures/CRC_C_OPSC_PER_CO_1.txt")).unwrap()
}

fn cerd_docx() -> Vec<u8> {
    fs::read(shared("CERD_C_URY_CO_21-23.docx")).unwrap()
}

fn cerd_text() -> Vec<u8> {
    fs::read(shared("CERD_C_URY_CO_21-23.poi.txt")).unwrap()
}

fn put(path: &Path, bytes: &[u8]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn convert(args: &[&OsStr]) -> Output {
    Command::new(BIN)
        .arg("convert")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every regular file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path().strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

fn error_records(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad error line {l:?}: {e}")))
        .collect()
}

/// What the test expects of one input.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    Output,
    Error(&'static str),
    Skip(&'static str),
}

fn add(expect: &mut BTreeMap<PathBuf, Expect>, root: &Path, rel: &str, bytes: &[u8], e: Expect) {
    put(&root.join(rel), bytes);
    expect.insert(PathBuf::from(rel), e);
}

/// Whether this process can read a file it has made unreadable (true as root).
fn chmod_000_is_readable(dir: &Path) -> bool {
    let probe = dir.join("probe");
    fs::write(&probe, b"x").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::read(&probe).is_ok();
    fs::remove_file(&probe).unwrap();
    readable
}

#[test]
fn every_input_is_output_error_or_skip() {
    let tmp = tempfile::tempdir().unwrap();
    let (r1, out) = (tmp.path().join("r1"), tmp.path().join("out"));
    let docx = cerd_docx();
    // input (relative to tmp) -> what must become of it
    let mut expect: BTreeMap<PathBuf, Expect> = BTreeMap::new();
    let root = tmp.path();
    // Good files, both formats; a .docx and its export side by side with one stem.
    add(
        &mut expect,
        root,
        "r1/good/CRC_C_OPSC_PER_CO_1.txt",
        &crc_text(),
        Expect::Output,
    );
    add(
        &mut expect,
        root,
        "r1/good/CERD_C_URY_CO_21-23.docx",
        &docx,
        Expect::Output,
    );
    add(
        &mut expect,
        root,
        "r1/good/CERD_C_URY_CO_21-23.poi.txt",
        &cerd_text(),
        Expect::Output,
    );
    add(
        &mut expect,
        root,
        "r1/pair/report.docx",
        &docx,
        Expect::Output,
    );
    add(
        &mut expect,
        root,
        "r1/pair/report.txt",
        &cerd_text(),
        Expect::Output,
    );
    add(&mut expect, root, "r1/UPPER.DOCX", &docx, Expect::Output);
    // Bad files.
    add(
        &mut expect,
        root,
        "r1/bad/random.docx",
        &noise(4096, 7),
        Expect::Error("not_a_docx"),
    );
    add(
        &mut expect,
        root,
        "r1/bad/empty.docx",
        b"",
        Expect::Error("not_a_docx"),
    );
    add(
        &mut expect,
        root,
        "r1/bad/truncated.docx",
        &docx[..docx.len() / 2],
        Expect::Error("damaged_zip"),
    );
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    add(
        &mut expect,
        root,
        "r1/bad/legacy.docx",
        &ole,
        Expect::Error("legacy_doc"),
    );
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    add(
        &mut expect,
        root,
        "r1/bad/binary.txt",
        &binary,
        Expect::Error("decode"),
    );
    // Skipped files.
    add(
        &mut expect,
        root,
        "r1/good/~$CERD_C_URY_CO_21-23.docx",
        b"lock",
        Expect::Skip("Word lock file"),
    );
    add(
        &mut expect,
        root,
        "r1/.hidden.txt",
        &crc_text(),
        Expect::Skip("hidden"),
    );
    add(
        &mut expect,
        root,
        "r1/notes.md",
        b"# notes",
        Expect::Skip("not an included type"),
    );
    add(
        &mut expect,
        root,
        "r1/scan.pdf",
        b"%PDF-1.4",
        Expect::Skip("not an included type"),
    );
    put(&r1.join(".git/x.txt"), b"x"); // inside a hidden directory: the directory is skipped
    expect.insert("r1/.git".into(), Expect::Skip("hidden"));
    // Two INPUT directories with the same relative path: one output name.
    add(
        &mut expect,
        root,
        "r1/same/same.txt",
        &crc_text(),
        Expect::Output,
    );
    add(
        &mut expect,
        root,
        "r2/same/same.txt",
        &crc_text(),
        Expect::Error("output_conflict"),
    );
    // A non-UTF-8 file name (Latin-1 "café").
    let latin1 = PathBuf::from(OsStr::from_bytes(b"r1/caf\xe9.txt"));
    put(&tmp.path().join(&latin1), &crc_text());
    expect.insert(latin1.clone(), Expect::Output);
    // Unreadable inputs. As root, chmod 000 does not stop a read, so a dangling symbolic link
    // (always unreadable) stands in; without root, both are checked.
    symlink(tmp.path().join("nowhere.txt"), r1.join("bad/dangling.txt")).unwrap();
    expect.insert("r1/bad/dangling.txt".into(), Expect::Error("io"));
    let locked = r1.join("bad/locked.txt");
    put(&locked, &crc_text());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if chmod_000_is_readable(tmp.path()) {
        fs::remove_file(&locked).unwrap();
    } else {
        expect.insert("r1/bad/locked.txt".into(), Expect::Error("io"));
    }

    let res = Command::new(BIN)
        .current_dir(tmp.path())
        .args(["convert", "r1", "r2", "--out", "out", "-v", "-j", "2"])
        .output()
        .unwrap();
    let err = stderr(&res);
    assert_eq!(res.status.code(), Some(3), "stderr:\n{err}");
    assert!(res.stdout.is_empty(), "--out writes nothing on stdout");

    let mut seen: BTreeMap<PathBuf, Expect> = BTreeMap::new();
    // Outputs: every file in out/ is an input's JSON (plus the errors file); no temporary.
    for rel in files_under(&out) {
        if rel == Path::new("_errors.jsonl") {
            continue;
        }
        let bytes = rel.as_os_str().as_bytes();
        let input_rel = bytes
            .strip_suffix(b".json")
            .unwrap_or_else(|| panic!("unexpected file in the output: {}", rel.display()));
        let input = PathBuf::from("r1").join(OsStr::from_bytes(input_rel));
        let json: Value = serde_json::from_slice(&fs::read(out.join(&rel)).unwrap())
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", rel.display()));
        assert_eq!(
            json["source"]["path"],
            Value::String(input.to_string_lossy().into_owned()),
            "source.path of {}",
            rel.display()
        );
        assert_eq!(seen.insert(input, Expect::Output), None);
    }
    for rec in error_records(&out.join("_errors.jsonl")) {
        let path = PathBuf::from(rec["path"].as_str().unwrap());
        assert!(
            rec["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{rec}"
        );
        let kind = rec["kind"].as_str().unwrap().to_string();
        let kind: &'static str = Box::leak(kind.into_boxed_str());
        assert_eq!(seen.insert(path, Expect::Error(kind)), None, "{rec}");
    }
    for line in err.lines() {
        if let Some(rest) = line.strip_prefix("skipped: ") {
            let (path, reason) = rest.rsplit_once(" (").unwrap();
            let reason: &'static str = Box::leak(reason.trim_end_matches(')').into());
            assert_eq!(
                seen.insert(path.into(), Expect::Skip(reason)),
                None,
                "{line}"
            );
        }
    }
    // The non-UTF-8 input: its output keeps the raw name; its source.path is lossy.
    assert!(out.join(OsStr::from_bytes(b"caf\xe9.txt.json")).is_file());
    let lossy: BTreeMap<PathBuf, Expect> = expect
        .into_iter()
        .map(|(p, e)| {
            if p == latin1 {
                (p, e) // matched through the output file name, which is exact
            } else {
                (PathBuf::from(p.to_string_lossy().into_owned()), e)
            }
        })
        .collect();
    assert_eq!(seen, lossy, "stderr:\n{err}");
    assert!(
        err.contains("converted 8, failed "),
        "summary on stderr:\n{err}"
    );
}

#[test]
fn side_by_side_docx_and_text_keep_their_extension() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    put(&input.join("a/b/x.docx"), &cerd_docx());
    put(&input.join("a/b/x.txt"), &cerd_text());
    let res = convert(&[input.as_os_str(), os("--out"), out.as_os_str()]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    assert_eq!(
        files_under(&out),
        [
            PathBuf::from("_errors.jsonl"),
            "a/b/x.docx.json".into(),
            "a/b/x.txt.json".into()
        ]
    );
    assert_eq!(fs::read(out.join("_errors.jsonl")).unwrap(), b"");
    let docx: Value =
        serde_json::from_slice(&fs::read(out.join("a/b/x.docx.json")).unwrap()).unwrap();
    let text: Value =
        serde_json::from_slice(&fs::read(out.join("a/b/x.txt.json")).unwrap()).unwrap();
    assert_eq!(docx["source"]["format"], "docx");
    assert_eq!(text["source"]["format"], "text");
}

/// A tree of many small documents of uneven size, with a few failures among them.
fn many_docs(root: &Path, n: usize) {
    let crc = String::from_utf8(crc_text()).unwrap();
    for i in 0..n {
        let mut len = (i * 7919) % crc.len();
        while !crc.is_char_boundary(len) {
            len -= 1;
        }
        let mut doc = crc.as_bytes()[..len].to_vec();
        doc.extend_from_slice(format!("\n{}.\tParagraph of document {i}.\n", i + 1).as_bytes());
        put(&root.join(format!("d{}/doc{i:04}.txt", i % 7)), &doc);
    }
    put(&root.join("d1/broken.docx"), b"not a zip");
    put(&root.join("d2/binary.txt"), &[0u8; 64]);
}

#[test]
fn jsonl_is_sorted_and_identical_across_thread_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("in");
    many_docs(&root, 150);
    put(&root.join("z/x.docx"), &cerd_docx());
    let run = |jobs: &str| {
        let res = convert(&[
            root.as_os_str(),
            os("--jsonl"),
            os("-"),
            os("-j"),
            os(jobs),
            os("-v"),
        ]);
        assert_eq!(res.status.code(), Some(3), "{}", stderr(&res));
        res.stdout
    };
    let one = run("1");
    let two = run("2");
    assert!(one == two, "-j 1 and -j 2 JSONL differ");
    let paths: Vec<String> = String::from_utf8(one.clone())
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("stdout carries only JSON lines");
            v["source"]["path"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(paths.len(), 151);
    let mut sorted = paths.clone();
    sorted.sort_by(|a, b| Path::new(a).cmp(Path::new(b)));
    assert_eq!(paths, sorted);
    // The same bytes in a file, and the failures in --errors.
    let file = tmp.path().join("all.jsonl");
    let errors = tmp.path().join("errors.jsonl");
    let res = convert(&[
        root.as_os_str(),
        os("--jsonl"),
        file.as_os_str(),
        os("--errors"),
        errors.as_os_str(),
        os("-q"),
    ]);
    assert_eq!(res.status.code(), Some(3));
    assert!(res.stderr.is_empty(), "--quiet: {}", stderr(&res));
    assert!(fs::read(&file).unwrap() == one);
    let kinds: Vec<_> = error_records(&errors)
        .iter()
        .map(|r| r["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["not_a_docx", "decode"]);
}

#[test]
fn sigint_leaves_only_whole_files_and_resume_finishes() {
    let tmp = tempfile::tempdir().unwrap();
    // Long directory names make long --verbose lines: the pipe fills after a few hundred
    // files and the converter blocks on stderr until this test reads it, so the run cannot
    // finish before the signal arrives. No timing is involved.
    let deep = "archive-of-concluding-observations-".repeat(3);
    let root = tmp.path().join("in");
    let out = tmp.path().join("out");
    let n = 3000;
    for i in 0..n {
        put(
            &root.join(&deep).join(format!("document-{i:05}.txt")),
            format!(
                "Committee on the Rights of the Child\n1.\tThe Committee considered report {i}.\n"
            )
            .as_bytes(),
        );
    }
    let mut child = Command::new(BIN)
        .args([
            os("convert"),
            root.as_os_str(),
            os("--out"),
            out.as_os_str(),
            os("-v"),
            os("-j"),
            os("2"),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    err.read_line(&mut first).unwrap();
    assert!(first.starts_with("converted: "), "{first}");
    // SAFETY: kill(2) on our own child's pid; no memory is involved.
    assert_eq!(
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) },
        0
    );
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "stderr tail:\n{}", tail(&rest));
    assert!(rest.contains("interrupted"), "{}", tail(&rest));

    let done = files_under(&out);
    let outputs: Vec<_> = done
        .iter()
        .filter(|p| p != &Path::new("_errors.jsonl"))
        .collect();
    assert!(
        !outputs.is_empty() && outputs.len() < n,
        "{} of {n} written",
        outputs.len()
    );
    for p in &outputs {
        assert!(
            p.extension() == Some(OsStr::new("json")),
            "stray file {}",
            p.display()
        );
        let bytes = fs::read(out.join(p)).unwrap();
        serde_json::from_slice::<Value>(&bytes)
            .unwrap_or_else(|e| panic!("partial output {}: {e}", p.display()));
    }

    let res = convert(&[
        root.as_os_str(),
        os("--out"),
        out.as_os_str(),
        os("--resume"),
    ]);
    let summary = stderr(&res);
    assert_eq!(res.status.code(), Some(0), "{summary}");
    let resumed = n - outputs.len();
    assert!(
        summary.contains(&format!(
            "converted {resumed}, failed 0, skipped {} ({} up to date)",
            outputs.len(),
            outputs.len()
        )),
        "{summary}"
    );
    assert_eq!(files_under(&out).len(), n + 1);
}

fn tail(s: &str) -> &str {
    &s[s.len().saturating_sub(2000)..]
}

#[test]
fn resume_redoes_stale_and_failed_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    put(&input.join("a.txt"), &crc_text());
    put(&input.join("b.txt"), &crc_text());
    put(&input.join("c.docx"), b"broken");
    let args = [
        input.as_os_str(),
        os("--out"),
        out.as_os_str(),
        os("--resume"),
    ];
    assert_eq!(convert(&args).status.code(), Some(3));
    // b.txt edited after its conversion: its output is stale.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(10);
    fs::File::options()
        .write(true)
        .open(input.join("b.txt"))
        .unwrap()
        .set_modified(later)
        .unwrap();
    let res = convert(&args);
    assert_eq!(res.status.code(), Some(3));
    assert!(
        stderr(&res).contains("converted 1, failed 1, skipped 1 (1 up to date)"),
        "{}",
        stderr(&res)
    );
    // The errors file describes the last run: the broken input, once.
    assert_eq!(error_records(&out.join("_errors.jsonl")).len(), 1);
}

#[test]
fn fail_fast_stops_starting_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    put(&input.join("0-broken.docx"), b"broken");
    for i in 0..200 {
        put(&input.join(format!("doc{i:03}.txt")), &crc_text());
    }
    let res = convert(&[
        input.as_os_str(),
        os("--out"),
        out.as_os_str(),
        os("--fail-fast"),
        os("-j"),
        os("1"),
    ]);
    assert_eq!(res.status.code(), Some(3));
    assert!(stderr(&res).contains("--fail-fast"), "{}", stderr(&res));
    // With one worker at most a window of inputs (16) is started before the failure is seen.
    let written = files_under(&out).len() - 1;
    assert!(written < 200, "{written} written after the first failure");
}

#[test]
fn exit_codes_for_nothing_done_and_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    put(&empty.join("notes.md"), b"x");
    let res = convert(&[empty.as_os_str(), os("--out"), out.as_os_str()]);
    assert_eq!(
        res.status.code(),
        Some(1),
        "no input found: {}",
        stderr(&res)
    );
    assert!(stderr(&res).contains("no input file found"));

    let bad = tmp.path().join("bad");
    put(&bad.join("x.docx"), b"broken");
    let res = convert(&[bad.as_os_str(), os("--out"), out.as_os_str()]);
    assert_eq!(res.status.code(), Some(1), "all failed: {}", stderr(&res));

    for args in [
        vec![
            os("/nonexistent/treatydoc-input"),
            os("--out"),
            out.as_os_str(),
        ],
        vec![bad.as_os_str()],
        vec![
            bad.as_os_str(),
            os("--out"),
            out.as_os_str(),
            os("--jsonl"),
            os("-"),
        ],
        vec![bad.as_os_str(), os("--jsonl"), os("-"), os("--resume")],
        vec![bad.as_os_str(), os("--jsonl"), os("-"), os("--pretty")],
        vec![
            bad.as_os_str(),
            os("--out"),
            out.as_os_str(),
            os("--include"),
            os("a["),
        ],
        vec![
            bad.as_os_str(),
            os("--out"),
            out.as_os_str(),
            os("-j"),
            os("0"),
        ],
        vec![
            bad.as_os_str(),
            os("--out"),
            out.as_os_str(),
            os("--errors"),
            os("-"),
        ],
    ] {
        let res = convert(&args);
        assert_eq!(res.status.code(), Some(2), "{args:?}: {}", stderr(&res));
        assert!(res.stdout.is_empty());
    }
    // An output that cannot be written (a file where the directory should be).
    let blocked = tmp.path().join("blocked");
    fs::write(&blocked, b"").unwrap();
    let res = convert(&[bad.as_os_str(), os("--out"), blocked.as_os_str()]);
    assert_eq!(res.status.code(), Some(2), "{}", stderr(&res));
}

#[test]
fn include_and_exclude_select_files() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    put(&input.join("keep/a.txt"), &crc_text());
    put(&input.join("keep/b.docx"), &cerd_docx());
    put(&input.join("drafts/c.txt"), &crc_text());
    put(&input.join("keep/d.TXT"), &crc_text());
    let res = convert(&[
        input.as_os_str(),
        os("--out"),
        out.as_os_str(),
        os("--include"),
        os("*.txt"),
        os("--exclude"),
        os("drafts"),
        os("-v"),
    ]);
    let err = stderr(&res);
    assert_eq!(res.status.code(), Some(0), "{err}");
    assert_eq!(
        files_under(&out),
        [
            PathBuf::from("_errors.jsonl"),
            "keep/a.txt.json".into(),
            "keep/d.TXT.json".into()
        ]
    );
    assert!(err.contains("drafts (excluded)"), "{err}");
    assert!(err.contains("b.docx (not an included type)"), "{err}");
    assert!(
        err.contains("skipped 2 (1 not an included type, 1 excluded)"),
        "{err}"
    );
}

#[test]
fn limits_are_flags_of_convert_and_parse() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("x.txt");
    put(&input, &crc_text());
    let errors = tmp.path().join("e.jsonl");
    let res = convert(&[
        input.as_os_str(),
        os("--jsonl"),
        os("-"),
        os("--errors"),
        errors.as_os_str(),
        os("--max-input-bytes"),
        os("1K"),
    ]);
    assert_eq!(res.status.code(), Some(1));
    let recs = error_records(&errors);
    assert_eq!(recs[0]["kind"], "too_large");
    assert!(recs[0]["message"]
        .as_str()
        .unwrap()
        .contains("--max-input-bytes"));
    let res = Command::new(BIN)
        .args([
            os("parse"),
            input.as_os_str(),
            os("--max-input-bytes"),
            os("1024"),
        ])
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(1));
    assert!(
        stderr(&res).contains("--max-input-bytes"),
        "{}",
        stderr(&res)
    );
}

#[test]
fn help_documents_exit_codes_and_naming() {
    let res = Command::new(BIN)
        .args(["convert", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(res.stdout).unwrap();
    for needle in [
        "Exit codes",
        "130",
        "x.docx.json",
        "_errors.jsonl",
        "--max-line-bytes",
    ] {
        assert!(help.contains(needle), "{needle} missing from --help");
    }
}
