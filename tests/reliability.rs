//! Issue 10: no input, path or signal may clobber a file, lose an input or leave debris.
//! Each test reproduces one defect of the batch converter or the CLI (items 4-18 of the
//! issue), run as a user would: the binary on temporary trees.
//!
//! Never through the tool to `/dev/null`: device targets are a FIFO made here and
//! `/dev/full` (whose writes fail), checked to stay what they are.
#![cfg(unix)]

use std::ffi::OsStr;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_treatydoc");

fn put(path: &Path, bytes: &[u8]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

fn run(args: &[&OsStr]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn convert(args: &[&OsStr]) -> Output {
    let mut all = vec![os("convert")];
    all.extend_from_slice(args);
    run(&all)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A small text export that converts.
fn doc(i: usize) -> Vec<u8> {
    format!("Committee on the Rights of the Child\n1.\tThe Committee considered report {i}.\n")
        .into_bytes()
}

/// `n` small convertible documents `in/docNN.txt`.
fn small_tree(root: &Path, n: usize) -> PathBuf {
    let dir = root.join("in");
    for i in 0..n {
        put(&dir.join(format!("doc{i:02}.txt")), &doc(i));
    }
    dir
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo(3) touches no memory of ours.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

fn lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l:?}: {e}")))
        .collect()
}

// Item 4: --jsonl never turns a FIFO, a device or a symlink into a regular file.
#[test]
fn jsonl_writes_through_a_fifo_and_follows_symlinks() {
    let tmp = tempfile::tempdir().unwrap();
    let input = small_tree(tmp.path(), 2);

    // A FIFO held open read-write here, so the tool's open never blocks and the few KB of
    // output wait in the pipe buffer.
    let fifo = tmp.path().join("out.fifo");
    mkfifo(&fifo);
    let mut reader = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .unwrap();
    let res = convert(&[input.as_os_str(), os("--jsonl"), fifo.as_os_str()]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    assert!(
        fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
        "the FIFO was replaced"
    );
    let mut got = Vec::new();
    let mut buf = [0u8; 65536];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(lines(&got).len(), 2, "the documents went through the FIFO");
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.as_bytes().ends_with(b".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // A symlink to a regular file: the target gets the lines, the link stays a link.
    let target = tmp.path().join("real.jsonl");
    fs::write(&target, b"old\n").unwrap();
    let link = tmp.path().join("link.jsonl");
    symlink(&target, &link).unwrap();
    let res = convert(&[input.as_os_str(), os("--jsonl"), link.as_os_str()]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(lines(&fs::read(&target).unwrap()).len(), 2);

    // A dangling symlink: its target is created, the link stays.
    let missing = tmp.path().join("missing.jsonl");
    let dangling = tmp.path().join("dangling.jsonl");
    symlink(&missing, &dangling).unwrap();
    let res = convert(&[input.as_os_str(), os("--jsonl"), dangling.as_os_str()]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    assert!(fs::symlink_metadata(&dangling)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(lines(&fs::read(&missing).unwrap()).len(), 2);
}

// Item 4: a device is written in place; /dev/full's failed write is reported, and the
// device stays a device (the old code renamed a regular file over it).
#[test]
fn jsonl_to_dev_full_is_an_output_error_and_keeps_the_device() {
    let full = Path::new("/dev/full");
    if !fs::metadata(full).is_ok_and(|m| m.file_type().is_char_device()) {
        eprintln!("no /dev/full here: skipped");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let input = small_tree(tmp.path(), 2);
    let res = convert(&[input.as_os_str(), os("--jsonl"), full.as_os_str()]);
    assert_eq!(res.status.code(), Some(2), "{}", stderr(&res));
    let err = stderr(&res);
    assert!(err.contains("/dev/full") && err.contains("space"), "{err}");
    assert!(fs::metadata(full).unwrap().file_type().is_char_device());
}

// Item 5: an output that is an input, or that the walk would take as an input, is refused
// before anything is written.
#[test]
fn outputs_that_are_inputs_or_inside_the_walk_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let input = small_tree(tmp.path(), 3);
    let victim = input.join("doc00.txt");
    let refused = |args: &[&OsStr], what: &str| {
        let res = convert(args);
        assert_eq!(res.status.code(), Some(2), "{what}: {}", stderr(&res));
        assert!(stderr(&res).contains("INPUT"), "{what}: {}", stderr(&res));
        assert_eq!(
            fs::read(&victim).unwrap(),
            doc(0),
            "{what} clobbered an input"
        );
    };
    let out = tmp.path().join("out");
    refused(
        &[
            input.as_os_str(),
            os("--out"),
            out.as_os_str(),
            os("--errors"),
            victim.as_os_str(),
        ],
        "--errors naming an input inside the walk",
    );
    refused(
        &[victim.as_os_str(), os("--jsonl"), victim.as_os_str()],
        "--jsonl naming the INPUT file",
    );
    let alias = tmp.path().join("alias.txt");
    symlink(&victim, &alias).unwrap();
    refused(
        &[victim.as_os_str(), os("--jsonl"), alias.as_os_str()],
        "--jsonl through a link to the INPUT file",
    );
    let new_txt = input.join("all.txt");
    refused(
        &[input.as_os_str(), os("--jsonl"), new_txt.as_os_str()],
        "--jsonl inside the walk with an included extension",
    );
    assert!(!new_txt.exists());
    let inner = input.join("json");
    refused(
        &[
            input.as_os_str(),
            os("--out"),
            inner.as_os_str(),
            os("--include"),
            os("*"),
        ],
        "--out inside the walk taking every file",
    );
    assert!(!inner.exists(), "nothing may be created");

    // What the walk leaves out is fine: a .jsonl or an --out tree of *.json by default.
    let jsonl = input.join("all.jsonl");
    let res = convert(&[input.as_os_str(), os("--jsonl"), jsonl.as_os_str()]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    let res = convert(&[input.as_os_str(), os("--out"), inner.as_os_str()]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    let again = convert(&[input.as_os_str(), os("--out"), inner.as_os_str()]);
    assert!(
        stderr(&again).contains("converted 3, failed 0"),
        "{}",
        stderr(&again)
    );
}

/// The pid of a process that has exited.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

// Item 6: temp files of killed runs are removed by the next run (--resume), and only they.
#[test]
fn resume_removes_stale_temp_files_of_dead_runs_only() {
    let tmp = tempfile::tempdir().unwrap();
    let input = small_tree(tmp.path(), 2);
    let out = tmp.path().join("out");
    let res = convert(&[input.as_os_str(), os("--out"), out.as_os_str()]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    let dead = dead_pid();
    let stale = [
        format!(".doc00.txt.json.{dead}-0.tmp"),
        format!("sub/.doc07.txt.json.{dead}-12.tmp"),
    ];
    let alive = std::process::id();
    let kept = [
        format!(".doc01.txt.json.{alive}-0.tmp"), // a live process: maybe still writing
        format!(".doc01.txt.{dead}-0.tmp"),       // not an output name
        format!("doc01.txt.json.{dead}-0.tmp"),   // not hidden
        format!(".doc01.txt.json.{dead}-x.tmp"),  // not our counter
        "notes.tmp".to_string(),
        ".other.tmp".to_string(),
    ];
    for name in stale.iter().chain(&kept) {
        put(&out.join(name), b"{");
    }
    let res = convert(&[
        input.as_os_str(),
        os("--out"),
        out.as_os_str(),
        os("--resume"),
    ]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    // Without /proc (macOS) a dead pid cannot be told from a live one: only age decides.
    if Path::new("/proc/self").exists() {
        for name in &stale {
            assert!(!out.join(name).exists(), "stale {name} left behind");
        }
    }
    for name in &kept {
        assert!(out.join(name).exists(), "{name} is not ours to remove");
    }
}

/// A tree whose `--verbose` lines are long: the stderr pipe fills after a few hundred files
/// and the converter blocks until the test reads it, so the run cannot finish before a
/// signal sent after the first line arrives. No timing involved.
fn blocking_tree(root: &Path, n: usize) -> PathBuf {
    let deep = "archive-of-concluding-observations-".repeat(3);
    let dir = root.join("in");
    for i in 0..n {
        put(
            &dir.join(&deep).join(format!("document-{i:05}.txt")),
            &doc(i),
        );
    }
    dir
}

/// Starts `convert ARGS -v -j 2`, waits for its first line, sends `signal`; returns the
/// exit status and the rest of stderr.
fn signal_after_first_line(args: &[&OsStr], signal: libc::c_int) -> (Option<i32>, String) {
    let mut child = Command::new(BIN)
        .arg("convert")
        .args(args)
        .args(["-v", "-j", "2"])
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
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    let status = child.wait().unwrap();
    (status.code(), rest)
}

fn tail(s: &str) -> &str {
    let mut start = s.len().saturating_sub(1500);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

// Item 7: SIGTERM (timeout, systemd, docker stop) is handled like Ctrl-C: in-flight files are
// finished, the summary is printed, the exit code is 130, no temporary file stays.
#[test]
fn sigterm_is_handled_like_sigint() {
    let tmp = tempfile::tempdir().unwrap();
    let n = 1000;
    let input = blocking_tree(tmp.path(), n);
    let out = tmp.path().join("out");
    let (code, rest) = signal_after_first_line(
        &[input.as_os_str(), os("--out"), out.as_os_str()],
        libc::SIGTERM,
    );
    assert_eq!(code, Some(130), "stderr tail:\n{}", tail(&rest));
    assert!(rest.contains("interrupted"), "{}", tail(&rest));
    assert!(rest.contains("treatydoc: converted "), "no summary");
    let mut written = 0;
    for entry in walkdir(&out) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "temporary file left: {name}");
        if name.ends_with(".json") {
            serde_json::from_slice::<Value>(&fs::read(&entry).unwrap()).unwrap();
            written += 1;
        }
    }
    assert!(written > 0 && written < n, "{written} of {n} written");
}

/// Every file under `dir`.
fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

fn records(path: &Path) -> Vec<Value> {
    lines(&fs::read(path).unwrap())
}

// Item 8: an output name over 255 bytes, an output path over PATH_MAX and a file-vs-directory
// clash fail that input only; the batch goes on, and --resume does the same.
#[test]
fn unwritable_output_paths_fail_only_their_input() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    put(&input.join("good.txt"), &doc(0));
    let long_name = format!("{}.txt", "n".repeat(250)); // 254 bytes; its output 259
    put(&input.join(&long_name), &doc(1));
    put(&input.join("clash.txt"), &doc(2));
    // 16 levels of 250 bytes: the input fits in PATH_MAX (4096), its output does not.
    let mut deep = PathBuf::new();
    for i in 0..16 {
        deep.push(format!("{i:x}{}", "d".repeat(249)));
    }
    let deep_file = deep.join("deep.txt");
    put(&input.join(&deep_file), &doc(3));
    let out = tmp.path().join("o".repeat(200));
    fs::create_dir_all(out.join("clash.txt.json/inside")).unwrap();
    for resume in [false, true] {
        let mut args = vec![input.as_os_str(), os("--out"), out.as_os_str()];
        if resume {
            args.push(os("--resume"));
        }
        let res = convert(&args);
        assert_eq!(
            res.status.code(),
            Some(3),
            "resume {resume}: {}",
            stderr(&res)
        );
        let recs = records(&out.join("_errors.jsonl"));
        let failed: Vec<(String, String)> = recs
            .iter()
            .map(|r| {
                let p = r["path"].as_str().unwrap();
                let rel = Path::new(p).strip_prefix(&input).unwrap();
                (
                    rel.to_string_lossy().into_owned(),
                    r["kind"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let expect = |rel: &Path| {
            (
                rel.to_string_lossy().into_owned(),
                "output_path".to_string(),
            )
        };
        assert_eq!(
            failed,
            [
                expect(&deep_file),
                expect(Path::new("clash.txt")),
                expect(Path::new(&long_name)),
            ],
            "resume {resume}"
        );
        assert!(out.join("good.txt.json").is_file());
        assert!(
            out.join("clash.txt.json/inside").is_dir(),
            "the directory is kept"
        );
    }
}

// Item 9: an input that converted once and now fails has its error record and no JSON.
#[test]
fn an_input_that_now_fails_loses_its_old_json() {
    let tmp = tempfile::tempdir().unwrap();
    let input = small_tree(tmp.path(), 3);
    let out = tmp.path().join("out");
    let res = convert(&[input.as_os_str(), os("--out"), out.as_os_str()]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    for (i, resume) in [(1, false), (2, true)] {
        let name = format!("doc{i:02}.txt");
        let json = out.join(format!("{name}.json"));
        assert!(json.is_file());
        fs::write(input.join(&name), [0u8; 64]).unwrap(); // binary now: fails as decode
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(10);
        fs::File::options()
            .write(true)
            .open(input.join(&name))
            .unwrap()
            .set_modified(later)
            .unwrap();
        let mut args = vec![input.as_os_str(), os("--out"), out.as_os_str()];
        if resume {
            args.push(os("--resume"));
        }
        let res = convert(&args);
        assert_eq!(res.status.code(), Some(3), "{}", stderr(&res));
        assert!(!json.exists(), "{name}: stale JSON beside its error record");
        let recs = records(&out.join("_errors.jsonl"));
        assert!(
            recs.iter()
                .any(|r| r["path"].as_str().unwrap().ends_with(&name)),
            "{recs:?}"
        );
    }
    assert!(out.join("doc00.txt.json").is_file(), "the others stay");
}

// Item 10: the same file named twice (or through a link, or as `./x`) is converted once.
#[test]
fn the_same_file_named_twice_is_converted_once() {
    let tmp = tempfile::tempdir().unwrap();
    let input = small_tree(tmp.path(), 1);
    let file = input.join("doc00.txt");
    let dotted = input.join(".").join("doc00.txt");
    let link = tmp.path().join("link.txt");
    symlink(&file, &link).unwrap();
    let out = tmp.path().join("out");
    let res = convert(&[
        file.as_os_str(),
        file.as_os_str(),
        dotted.as_os_str(),
        os("--out"),
        out.as_os_str(),
    ]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    assert!(
        stderr(&res).contains("converted 1, failed 0, skipped 2 (2 duplicate)"),
        "{}",
        stderr(&res)
    );
    assert_eq!(fs::read(out.join("_errors.jsonl")).unwrap(), b"");
    let jsonl = tmp.path().join("all.jsonl");
    let res = convert(&[
        file.as_os_str(),
        link.as_os_str(),
        file.as_os_str(),
        os("--jsonl"),
        jsonl.as_os_str(),
    ]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    assert_eq!(records(&jsonl).len(), 1, "emitted once");
}

// Item 11: a second run into the same --out (or --errors file) is refused while the first
// holds its lock, and nothing of the first run's output is touched.
#[test]
fn a_second_run_into_the_same_output_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let input = small_tree(tmp.path(), 2);
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).unwrap();
    put(&out.join("_errors.jsonl"), b"{\"first run\":1}\n");
    // This test plays the first run: it holds the lock the converter takes.
    let lock = fs::File::create(out.join(".treatydoc.lock")).unwrap();
    lock.lock().unwrap();
    let res = convert(&[input.as_os_str(), os("--out"), out.as_os_str()]);
    assert_eq!(res.status.code(), Some(2), "{}", stderr(&res));
    assert!(
        stderr(&res).contains("another treatydoc"),
        "{}",
        stderr(&res)
    );
    assert_eq!(
        fs::read(out.join("_errors.jsonl")).unwrap(),
        b"{\"first run\":1}\n"
    );
    assert!(!out.join("doc00.txt.json").exists());
    drop(lock);
    let res = convert(&[input.as_os_str(), os("--out"), out.as_os_str()]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));

    let errors = tmp.path().join("errors.jsonl");
    put(&errors, b"{\"first run\":1}\n");
    let held = fs::File::open(&errors).unwrap();
    held.lock().unwrap();
    let jsonl = tmp.path().join("all.jsonl");
    let res = convert(&[
        input.as_os_str(),
        os("--jsonl"),
        jsonl.as_os_str(),
        os("--errors"),
        errors.as_os_str(),
    ]);
    assert_eq!(res.status.code(), Some(2), "{}", stderr(&res));
    assert!(
        stderr(&res).contains("another treatydoc"),
        "{}",
        stderr(&res)
    );
    assert_eq!(fs::read(&errors).unwrap(), b"{\"first run\":1}\n");
}

/// Waits for `child` at most `ceiling` (generous: only a hang exceeds it), killing it then.
fn wait_or_kill(child: &mut std::process::Child, ceiling: std::time::Duration) -> Option<i32> {
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        if start.elapsed() > ceiling {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("still running after {ceiling:?}: it hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

// Item 12: a FIFO named as an INPUT used to block the run forever; it fails as not_a_file.
#[test]
fn a_fifo_named_as_input_fails_instead_of_blocking() {
    let tmp = tempfile::tempdir().unwrap();
    let input = small_tree(tmp.path(), 1);
    let fifo = input.join("pipe.txt");
    mkfifo(&fifo);
    let out = tmp.path().join("out");
    let mut child = Command::new(BIN)
        .arg("convert")
        .args([fifo.as_os_str(), input.join("doc00.txt").as_os_str()])
        .args([os("--out"), out.as_os_str()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let code = wait_or_kill(&mut child, std::time::Duration::from_secs(60));
    assert_eq!(code, Some(3));
    let recs = records(&out.join("_errors.jsonl"));
    assert_eq!(recs.len(), 1, "{recs:?}");
    assert_eq!(recs[0]["kind"], "not_a_file");
    assert!(recs[0]["path"].as_str().unwrap().ends_with("pipe.txt"));
    assert!(out.join("doc00.txt.json").is_file());
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

/// The worker count `--verbose` reports.
fn workers(res: &Output) -> usize {
    let err = stderr(res);
    let line = err
        .lines()
        .find(|l| l.contains(" worker threads"))
        .unwrap_or_else(|| panic!("no worker count in:\n{err}"));
    line.trim_start_matches("treatydoc: ")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

// Item 13: -j is capped at the number of inputs (when known) and at a sane maximum; the
// old code started every thread asked for (44 s for 200 inputs at -j2000).
#[test]
fn jobs_are_capped_at_the_inputs_and_a_sane_maximum() {
    let tmp = tempfile::tempdir().unwrap();
    let input = small_tree(tmp.path(), 3);
    let (a, b) = (input.join("doc00.txt"), input.join("doc01.txt"));
    let jsonl = tmp.path().join("all.jsonl");
    let res = convert(&[
        a.as_os_str(),
        b.as_os_str(),
        os("--jsonl"),
        jsonl.as_os_str(),
        os("-v"),
        os("-j"),
        os("64"),
    ]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    assert_eq!(workers(&res), 2, "two inputs need two workers");
    let res = convert(&[
        input.as_os_str(),
        os("--jsonl"),
        jsonl.as_os_str(),
        os("-v"),
        os("-j"),
        os("1000000"),
    ]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    let n = workers(&res);
    assert!((1..=256).contains(&n), "{n} workers");
    assert_eq!(records(&jsonl).len(), 3);
}

// Item 14: Ctrl-C with --jsonl FILE keeps the finished documents, in input order, says so,
// and does not advise --resume (which --jsonl refuses).
#[test]
fn interrupted_jsonl_keeps_the_finished_lines_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let n = 1000;
    let input = blocking_tree(tmp.path(), n);
    let jsonl = tmp.path().join("all.jsonl");
    let (code, rest) = signal_after_first_line(
        &[input.as_os_str(), os("--jsonl"), jsonl.as_os_str()],
        libc::SIGINT,
    );
    assert_eq!(code, Some(130), "{}", tail(&rest));
    assert!(!rest.contains("--resume"), "{}", tail(&rest));
    let docs = records(&jsonl);
    assert!(!docs.is_empty() && docs.len() < n, "{} lines", docs.len());
    assert!(
        rest.contains(&format!("holds the first {} documents", docs.len())),
        "{}",
        tail(&rest)
    );
    for (i, d) in docs.iter().enumerate() {
        let path = d["source"]["path"].as_str().unwrap();
        assert!(
            path.ends_with(&format!("document-{i:05}.txt")),
            "line {i}: {path}"
        );
    }
}

// Item 15: --resume takes an output written with other output options (--pretty or not)
// as out of date, so a directory never ends up half pretty, half compact.
#[test]
fn resume_redoes_outputs_written_with_other_options() {
    let tmp = tempfile::tempdir().unwrap();
    let input = small_tree(tmp.path(), 3);
    let out = tmp.path().join("out");
    let go = |extra: &[&str]| {
        let mut args = vec![input.as_os_str(), os("--out"), out.as_os_str()];
        args.extend(extra.iter().map(|s| os(s)));
        let res = convert(&args);
        assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
        stderr(&res)
    };
    let pretty_files = || {
        (0..3)
            .filter(|i| {
                fs::read(out.join(format!("doc{i:02}.txt.json")))
                    .unwrap()
                    .starts_with(b"{\n")
            })
            .count()
    };
    go(&[]);
    assert_eq!(pretty_files(), 0);
    let err = go(&["--resume", "--pretty"]);
    assert!(err.contains("converted 3, failed 0, skipped 0"), "{err}");
    assert_eq!(pretty_files(), 3);
    let err = go(&["--resume", "--pretty"]);
    assert!(
        err.contains("converted 0, failed 0, skipped 3 (3 up to date)"),
        "{err}"
    );
    let err = go(&["--resume"]);
    assert!(err.contains("converted 3, failed 0, skipped 0"), "{err}");
    assert_eq!(pretty_files(), 0);
}

/// Runs `treatydoc ARGS` with stdout going to `stdout`.
fn run_to(args: &[&str], stdout: Stdio) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

/// `/dev/full` opened for writing without creating or truncating anything.
fn dev_full() -> Option<fs::File> {
    let full = Path::new("/dev/full");
    fs::metadata(full)
        .is_ok_and(|m| m.file_type().is_char_device())
        .then(|| fs::OpenOptions::new().write(true).open(full).unwrap())
}

// Item 16: write errors on stdout get a message and exit 2 (never a panic, exit 101, or
// the "could not parse" code 1); a closed pipe ends quietly with exit 2.
#[test]
fn stdout_write_errors_have_a_message_and_their_own_code() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/CRC_C_OPSC_PER_CO_1.txt"
    );
    for args in [&["schema"][..], &["parse", fixture][..]] {
        if let Some(full) = dev_full() {
            let res = run_to(args, Stdio::from(full));
            assert_eq!(res.status.code(), Some(2), "{args:?}: {}", stderr(&res));
            let err = stderr(&res);
            assert!(
                err.contains("cannot write") && err.contains("space") && !err.contains("panicked"),
                "{args:?}: {err}"
            );
        }
        // A pipe whose reader is gone before the first byte: `| head -c0`.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let res = run_to(args, Stdio::from(writer));
        assert_eq!(res.status.code(), Some(2), "{args:?}: {}", stderr(&res));
        assert!(res.stderr.is_empty(), "{args:?}: {}", stderr(&res));
    }
}

/// Control characters a terminal would act on: C0 but tab and newline, DEL, C1.
fn terminal_controls(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| (c < ' ' && c != '\n' && c != '\t') || ('\u{7f}'..='\u{9f}').contains(&c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect()
}

// Item 17: raw control bytes from file names or documents never reach stderr (ESC[2J
// cleared the screen, ESC]0;...BEL set the window title); they are shown escaped.
#[test]
fn control_characters_are_escaped_in_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let evil = input.join("evil\x1b[2J\x1b]0;owned\x07\x7f\u{9b}.txt");
    put(&evil, &[0u8; 32]); // binary: fails, and the failure names the file
    put(&input.join("fine\x1b[31m.txt"), &doc(0));
    let out = tmp.path().join("out");
    let res = convert(&[input.as_os_str(), os("--out"), out.as_os_str(), os("-v")]);
    assert_eq!(res.status.code(), Some(3), "{}", stderr(&res));
    let err = stderr(&res);
    assert_eq!(
        terminal_controls(&res.stderr),
        Vec::<String>::new(),
        "{err:?}"
    );
    assert!(
        err.contains(r"evil\x1b[2J\x1b]0;owned\x07\x7f\u{9b}.txt"),
        "{err}"
    );
    assert!(err.contains(r"fine\x1b[31m.txt"), "{err}");
    let res = run(&[os("parse"), evil.as_os_str()]);
    assert_eq!(res.status.code(), Some(1));
    assert_eq!(
        terminal_controls(&res.stderr),
        Vec::<String>::new(),
        "{:?}",
        stderr(&res)
    );
    let res = convert(&[evil.as_os_str(), os("--out"), evil.as_os_str()]);
    assert_eq!(res.status.code(), Some(2));
    assert_eq!(
        terminal_controls(&res.stderr),
        Vec::<String>::new(),
        "{:?}",
        stderr(&res)
    );
}

/// Reverses the documented escaping of file names: `\xNN` is the byte NN, `\\` a backslash.
fn unescape_path(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'\\') {
            out.push(b'\\');
            i += 2;
        } else if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') {
            out.push(u8::from_str_radix(&s[i + 2..i + 4], 16).unwrap());
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

// Item 18: names that are not UTF-8 stay distinct and reversible in source.path and in
// error records (they all became `caf\u{fffd}.txt`).
#[test]
fn non_utf8_names_stay_distinct_and_reversible() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let names: [&[u8]; 4] = [
        b"caf\xe9.txt",
        b"caf\xe8.txt",
        b"caf\\xe9.txt",
        b"back\\slash.txt",
    ];
    let good = input.join("good");
    let bad = input.join("bad");
    for name in names {
        put(&good.join(OsStr::from_bytes(name)), &doc(0));
        put(&bad.join(OsStr::from_bytes(name)), &[0u8; 16]);
    }
    let jsonl = tmp.path().join("all.jsonl");
    let errors = tmp.path().join("errors.jsonl");
    let res = convert(&[
        input.as_os_str(),
        os("--jsonl"),
        jsonl.as_os_str(),
        os("--errors"),
        errors.as_os_str(),
    ]);
    assert_eq!(res.status.code(), Some(3), "{}", stderr(&res));
    let check = |paths: Vec<String>, dir: &Path| {
        let mut got: Vec<Vec<u8>> = paths.iter().map(|p| unescape_path(p)).collect();
        got.sort();
        let mut want: Vec<Vec<u8>> = names
            .iter()
            .map(|n| dir.join(OsStr::from_bytes(n)).into_os_string().into_vec())
            .collect();
        want.sort();
        assert_eq!(got, want, "{paths:?}");
    };
    use std::os::unix::ffi::OsStringExt;
    let docs = records(&jsonl);
    check(
        docs.iter()
            .map(|d| d["source"]["path"].as_str().unwrap().to_string())
            .collect(),
        &good,
    );
    let recs = records(&errors);
    check(
        recs.iter()
            .map(|r| r["path"].as_str().unwrap().to_string())
            .collect(),
        &bad,
    );
    // `parse` names the file the same way.
    let one = good.join(OsStr::from_bytes(b"caf\xe9.txt"));
    let res = run(&[os("parse"), one.as_os_str()]);
    assert_eq!(res.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&res.stdout).unwrap();
    assert_eq!(
        unescape_path(v["source"]["path"].as_str().unwrap()),
        one.into_os_string().into_vec()
    );
}

// Item 19: a symbol is inferred from a file name only when its stem is a complete symbol,
// once the UN's own download forms are removed (`_E`, `-EN`, a job number `_23172` or
// `G1623172_`, a browser's ` (1)`); a symbol-like name with anything else gives no symbol
// and a warning (`_v1` used to become `CRC/C/OPSC/PER/CO/1/v1`).
#[test]
fn file_name_symbols_need_a_complete_symbol() {
    let tmp = tempfile::tempdir().unwrap();
    let sym = "CRC/C/OPSC/PER/CO/1";
    let cases: &[(&str, Option<&str>)] = &[
        ("CRC_C_OPSC_PER_CO_1.txt", Some(sym)),
        ("CRC_C_OPSC_PER_CO_1_23172_E.txt", Some(sym)),
        ("CRC_C_OPSC_PER_CO_1_E.docx.txt", Some(sym)),
        ("CRC_C_OPSC_PER_CO_1-EN.txt", Some(sym)),
        ("CRC_C_OPSC_PER_CO_1 (1).txt", Some(sym)),
        ("CRC_C_OPSC_PER_CO_1_23172_E (2).txt", Some(sym)),
        ("G1623172_CRC_C_OPSC_PER_CO_1.txt", Some(sym)),
        ("CERD_C_URY_CO_21-23.poi.txt", Some("CERD/C/URY/CO/21-23")),
        ("CRC_C_OPSC_PER_CO_1_v1.txt", None),
        ("CRC_C_OPSC_PER_CO_1_final.txt", None),
        ("CRC_C_OPSC_PER_CO_1-copy.txt", None),
        ("CRC_C_OPSC_PER_CO_1.final.txt", None),
        ("CRC_C_OPSC_PER_CO_1.v2.txt", None),
        ("CRC_C_OPSC_PER_CO_1-E.txt", None),
        ("CRC_C_OPSC_PER_CO_1.2023.txt", None),
        ("CRC_C_OPSC_PER_CO_1.docx.bak", None),
        ("G1623172.txt", None),
    ];
    for (name, want) in cases {
        let path = tmp.path().join(name);
        // No symbol inside: only the name can give one.
        fs::write(
            &path,
            b"Committee on the Rights of the Child\n1.\tThe Committee met.\n",
        )
        .unwrap();
        let res = run(&[os("parse"), path.as_os_str()]);
        assert_eq!(res.status.code(), Some(0), "{name}: {}", stderr(&res));
        let v: Value = serde_json::from_slice(&res.stdout).unwrap();
        assert_eq!(v["metadata"]["symbol"].as_str(), *want, "{name}");
        let warned = v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "symbol_not_inferred");
        assert_eq!(warned, want.is_none(), "{name}: warning {}", v["warnings"]);
    }
    // A name that does not look like a symbol at all is no anomaly.
    let path = tmp.path().join("notes.txt");
    fs::write(
        &path,
        b"Committee on the Rights of the Child\n1.\tThe Committee met.\n",
    )
    .unwrap();
    let v: Value = serde_json::from_slice(&run(&[os("parse"), path.as_os_str()]).stdout).unwrap();
    assert!(v["metadata"]["symbol"].is_null());
    assert!(!v["warnings"].to_string().contains("symbol_not_inferred"));
}

// Item 5 (also): --jsonl and --errors naming one file would interleave documents and error
// records in it; refused.
#[test]
fn jsonl_and_errors_cannot_be_one_file() {
    let tmp = tempfile::tempdir().unwrap();
    let input = small_tree(tmp.path(), 1);
    let file = tmp.path().join("all.jsonl");
    let link = tmp.path().join("link.jsonl");
    fs::write(&file, b"kept\n").unwrap();
    symlink(&file, &link).unwrap();
    let res = convert(&[
        input.as_os_str(),
        os("--jsonl"),
        file.as_os_str(),
        os("--errors"),
        link.as_os_str(),
    ]);
    assert_eq!(res.status.code(), Some(2), "{}", stderr(&res));
    assert!(stderr(&res).contains("same file"), "{}", stderr(&res));
    assert_eq!(fs::read(&file).unwrap(), b"kept\n");
}
