//! The analytics tables (`treatydoc::writers::rows`, `convert --rows`): what the rows of
//! the seed say, the typed reference columns of every fixture, byte-identical tables
//! whatever `-j` is, and the DuckDB / pandas / python-jsonschema check of
//! `tests/py/rows_duckdb.py` over every fixture and `../shared/corpus`.
//!
//! The Python check needs `python3` with `duckdb`, `jsonschema` and `pandas` (`.ci/run`
//! installs them); a missing one fails the test, it is never skipped.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use treatydoc::writers::rows::{self, Format, HolderType, RefKind, Table};

const BIN: &str = env!("CARGO_BIN_EXE_treatydoc");

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> PathBuf {
    let p = manifest().join("../shared/corpus");
    assert!(p.is_dir(), "missing {}", p.display());
    p
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(manifest())
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every document among the fixtures and the corpus that parses (.txt and .docx).
fn documents() -> Vec<treatydoc::Document> {
    let mut docs = Vec::new();
    for root in [manifest().join("fixtures"), corpus()] {
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.unwrap();
            let p = entry.path();
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !entry.file_type().is_file() || !matches!(ext, "txt" | "docx") {
                continue;
            }
            if let Ok(doc) = treatydoc::parse_file(p, &Default::default()) {
                docs.push(doc);
            }
        }
    }
    assert!(docs.len() > 150, "only {} documents", docs.len());
    docs
}

#[test]
fn seed_rows_carry_document_columns_sections_and_joins() {
    let path = manifest().join("fixtures/CRC_C_OPSC_PER_CO_1.txt");
    let doc = treatydoc::parse_file(&path, &Default::default()).unwrap();
    let r = rows::rows(&doc);
    let d = &r.document;
    assert_eq!(d.document.doc, path.to_string_lossy());
    assert_eq!(d.document.symbol.as_deref(), Some("CRC/C/OPSC/PER/CO/1"));
    assert_eq!(d.document.state_party.as_deref(), Some("Peru"));
    assert_eq!(d.document.session, Some(71));
    assert_eq!(d.document.adopted_date.as_deref(), Some("2016-01-29"));
    assert_eq!(d.document.adopted_year, Some(2016));
    assert_eq!(d.schema_version, "1");
    assert_eq!(d.paragraph_count as usize, r.paragraphs.len());
    // Paragraphs 1-38, numbered, in order.
    let numbers: Vec<&str> = r
        .paragraphs
        .iter()
        .filter_map(|p| p.number.as_deref())
        .collect();
    let want: Vec<String> = (1..=38).map(|n| n.to_string()).collect();
    assert_eq!(numbers, want);
    // Paragraph 4 under "II. General observations" > "Positive aspects".
    let p4 = r
        .paragraphs
        .iter()
        .find(|p| p.paragraph_id == "para-4")
        .unwrap();
    assert_eq!(p4.section.section_ids, ["sec-2", "sec-2.1"]);
    assert_eq!(p4.section.section_numbers, [Some("II".to_string()), None]);
    assert_eq!(
        p4.section.section_titles,
        ["General observations", "Positive aspects"]
    );
    assert_eq!(
        p4.section.section_title.as_deref(),
        Some("Positive aspects")
    );
    assert_eq!(p4.section.section_number, None);
    assert_eq!(p4.item_count, 2);
    assert_eq!(p4.position, 4);
    let p1 = &r.paragraphs[0];
    assert_eq!(p1.section.section_id, None);
    assert!(p1.section.section_ids.is_empty());
    // Items join their paragraph and repeat its section.
    let items: Vec<_> = r
        .items
        .iter()
        .filter(|i| i.paragraph_id == "para-4")
        .collect();
    assert_eq!(
        items.iter().map(|i| i.item_id.as_str()).collect::<Vec<_>>(),
        ["para-4.a", "para-4.b"]
    );
    assert!(items.iter().all(|i| i.depth == 1
        && i.parent_item_id.is_none()
        && i.paragraph_number == "4"
        && i.section == p4.section));
    // Headings: sec-2.1 is under sec-2.
    let h = r
        .headings
        .iter()
        .find(|h| h.heading_id == "sec-2.1")
        .unwrap();
    assert_eq!(h.parent_id.as_deref(), Some("sec-2"));
    assert_eq!(h.level, 2);
    assert_eq!(h.section.section_id.as_deref(), Some("sec-2.1"));
    // The title note `*` (id 2) is anchored nowhere in the body, and has one row.
    assert_eq!(r.footnotes.len(), 1);
    assert_eq!(r.footnotes[0].footnote_id, "2");
    assert_eq!(r.footnotes[0].mark, "*");
    // Paragraph 1's five refs, in order, held by para-1.
    let kinds: Vec<RefKind> = r
        .refs
        .iter()
        .filter(|x| x.holder_id == "para-1")
        .map(|x| x.kind)
        .collect();
    use RefKind::*;
    assert_eq!(kinds, [Document, Meeting, Document, Meeting, Document]);
    assert!(r
        .refs
        .iter()
        .enumerate()
        .all(|(i, x)| x.position as usize == i + 1));
}

/// The columns of `refs` that are not null, for one row.
fn non_null_target_columns(row: &Value) -> BTreeSet<String> {
    const TARGET: [&str; 18] = [
        "cited_symbol",
        "cited_symbols",
        "paragraphs",
        "targets",
        "instrument",
        "domestic",
        "articles",
        "provisions",
        "meetings",
        "number",
        "year",
        "issuing_body",
        "joint",
        "sdg_targets",
        "law_name",
        "law_date",
        "organ",
        "kind",
    ];
    TARGET
        .iter()
        .filter(|c| !row[**c].is_null() && **c != "kind")
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn every_reference_fills_exactly_its_kinds_columns_and_the_ids_join() {
    // Columns a kind always has (non-null), and those it may have (nullable).
    let always = |k: &str| -> &[&str] {
        match k {
            "document" => &["cited_symbol", "cited_symbols", "paragraphs"],
            "paragraph" => &["paragraphs", "targets"],
            "article" => &["domestic", "articles", "provisions"],
            "meeting" => &["meetings"],
            "general_comment" => &["number", "joint"],
            "sdg_target" => &["sdg_targets"],
            "law" => &["law_name"],
            "resolution" => &["number"],
            other => panic!("unknown kind {other}"),
        }
    };
    let optional = |k: &str| -> &[&str] {
        match k {
            "article" => &["instrument"],
            "general_comment" => &["year", "issuing_body"],
            "law" => &["law_date"],
            "resolution" => &["organ"],
            _ => &[],
        }
    };
    let mut kinds_seen = BTreeSet::new();
    let mut holders_seen = BTreeSet::new();
    for doc in documents() {
        let r = rows::rows(&doc);
        let mut out = Vec::new();
        r.write(Table::Refs, Format::Jsonl, &mut out);
        let body_ids: BTreeSet<&str> = r
            .paragraphs
            .iter()
            .map(|p| p.paragraph_id.as_str())
            .collect();
        let item_ids: BTreeSet<&str> = r.items.iter().map(|p| p.item_id.as_str()).collect();
        let heading_ids: BTreeSet<&str> =
            r.headings.iter().map(|p| p.heading_id.as_str()).collect();
        let note_ids: BTreeSet<&str> = r.footnotes.iter().map(|p| p.footnote_id.as_str()).collect();
        for (line, row) in String::from_utf8(out).unwrap().lines().zip(&r.refs) {
            let v: Value = serde_json::from_str(line).unwrap();
            let kind = v["kind"].as_str().unwrap().to_string();
            let got = non_null_target_columns(&v);
            let need: BTreeSet<String> = always(&kind).iter().map(|s| s.to_string()).collect();
            let may: BTreeSet<String> = optional(&kind).iter().map(|s| s.to_string()).collect();
            assert!(
                need.is_subset(&got),
                "{kind}: {got:?} lacks {need:?}: {line}"
            );
            assert!(
                got.difference(&need).all(|c| may.contains(c)),
                "{kind}: unexpected columns in {got:?}: {line}"
            );
            // Offsets slice the holder's text like the tree's.
            assert_eq!(
                row.end - row.start,
                row.text.chars().count() as u32,
                "{line}"
            );
            let ok = match row.holder_type {
                HolderType::Heading => heading_ids.contains(row.holder_id.as_str()),
                HolderType::Paragraph | HolderType::Text => {
                    body_ids.contains(row.holder_id.as_str())
                }
                HolderType::Item => {
                    item_ids.contains(row.holder_id.as_str())
                        && body_ids.contains(row.paragraph_id.as_deref().unwrap())
                }
                HolderType::Footnote => note_ids.contains(row.holder_id.as_str()),
            };
            assert!(ok, "holder does not join: {line}");
            kinds_seen.insert(kind);
            holders_seen.insert(format!("{:?}", row.holder_type));
        }
        for i in &r.items {
            assert!(body_ids.contains(i.paragraph_id.as_str()), "{}", i.item_id);
            if let Some(p) = &i.parent_item_id {
                assert!(item_ids.contains(p.as_str()), "{}", i.item_id);
            }
        }
    }
    assert_eq!(kinds_seen.len(), 8, "{kinds_seen:?}");
    assert!(holders_seen.len() >= 4, "{holders_seen:?}");
}

#[test]
fn tables_are_identical_whatever_the_thread_count_and_from_run_to_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = |s: &str| dir.path().join(s).to_string_lossy().into_owned();
    let corpus = corpus().to_string_lossy().into_owned();
    let mut outputs = Vec::new();
    for (name, extra) in [
        ("j1", vec!["-j", "1"]),
        ("j2", vec!["-j", "2"]),
        ("again", vec!["-j", "2"]),
    ] {
        let rows_dir = d(name);
        let out_dir = d(&format!("{name}_out"));
        let mut args = vec![
            "convert", "fixtures", &corpus, "--rows", &rows_dir, "--out", &out_dir, "-q",
        ];
        args.extend(extra);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o)); // fixtures/bad fail
                                                                // The rows directory repeats --out's error records.
        assert_eq!(
            fs::read(Path::new(&rows_dir).join("_errors.jsonl")).unwrap(),
            fs::read(Path::new(&out_dir).join("_errors.jsonl")).unwrap()
        );
        outputs.push(rows_dir);
    }
    // --resume with --rows converts everything again: same tables.
    let o = run(&[
        "convert",
        "fixtures",
        &corpus,
        "--rows",
        &d("resumed"),
        "--out",
        &d("again_out"),
        "--resume",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    outputs.push(d("resumed"));
    for t in Table::ALL {
        let file = format!("{}.jsonl", t.name());
        let first = fs::read(Path::new(&outputs[0]).join(&file)).unwrap();
        assert!(!first.is_empty(), "{file} is empty");
        for other in &outputs[1..] {
            assert!(
                first == fs::read(Path::new(other).join(&file)).unwrap(),
                "{file} differs in {other}"
            );
        }
    }
    // --rows alone: the same tables and no tree anywhere.
    let o = run(&["convert", "fixtures", &corpus, "--rows", &d("alone"), "-q"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    for t in Table::ALL {
        let file = format!("{}.jsonl", t.name());
        assert!(
            fs::read(Path::new(&outputs[0]).join(&file)).unwrap()
                == fs::read(dir.path().join("alone").join(&file)).unwrap()
        );
    }
    let names: BTreeSet<String> = fs::read_dir(dir.path().join("alone"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut want: BTreeSet<String> = Table::ALL
        .iter()
        .map(|t| format!("{}.jsonl", t.name()))
        .collect();
    want.insert("_errors.jsonl".into());
    assert_eq!(names, want, "only the tables, no temporary file left");
}

#[test]
fn schema_command_prints_each_tables_schema_and_refuses_unknown_tables() {
    for t in Table::ALL {
        let o = run(&["schema", "--rows", t.name()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let s: Value = serde_json::from_slice(&o.stdout).unwrap();
        let props: Vec<&String> = s["properties"].as_object().unwrap().keys().collect();
        let required: Vec<&str> = s["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(props.len(), required.len(), "{t}: every column required");
        assert!(props.iter().any(|p| *p == "doc"), "{t}");
        // The CSV header names the same columns.
        let header = String::from_utf8(rows::header(t, Format::Csv)).unwrap();
        let mut cols: Vec<String> = header
            .trim_end()
            .split(',')
            .map(|c| c.trim_matches('"').to_string())
            .collect();
        cols.sort();
        let mut props: Vec<String> = props.into_iter().cloned().collect();
        props.sort();
        assert_eq!(cols, props, "{t}");
    }
    let o = run(&["schema", "--rows", "chapters"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("paragraphs"), "{}", stderr(&o));
    let o = run(&["schema", "--errors"]);
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        s["required"],
        serde_json::json!(["kind", "message", "path"])
    );
}

#[test]
fn duckdb_pandas_and_jsonschema_agree_with_the_trees() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path();
    let p = |s: &str| work.join(s).to_string_lossy().into_owned();
    let corpus = corpus().to_string_lossy().into_owned();
    let o = run(&[
        "convert",
        "fixtures",
        &corpus,
        "--jsonl",
        &p("tree.jsonl"),
        "--rows",
        &p("rows"),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let o = run(&[
        "convert",
        "fixtures",
        &corpus,
        "--rows",
        &p("rows_csv"),
        "--csv",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    fs::create_dir(work.join("schemas")).unwrap();
    let mut schemas: Vec<(String, Vec<&str>)> = Table::ALL
        .iter()
        .map(|t| (t.name().to_string(), vec!["schema", "--rows", t.name()]))
        .collect();
    schemas.push(("document".into(), vec!["schema"]));
    schemas.push(("errors".into(), vec!["schema", "--errors"]));
    for (name, args) in schemas {
        let o = run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        fs::write(work.join("schemas").join(format!("{name}.json")), &o.stdout).unwrap();
    }
    let script = manifest().join("tests/py/rows_duckdb.py");
    let o = Command::new("python3")
        .arg(&script)
        .args([
            "--tree",
            &p("tree.jsonl"),
            "--work",
            &p(""),
            "--schemas",
            &p("schemas"),
        ])
        .arg("--readme")
        .arg(manifest().join("README.md"))
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 (needed for this test, see .ci/run): {e}"));
    let out = String::from_utf8_lossy(&o.stdout);
    println!("{out}");
    assert!(
        o.status.success(),
        "tests/py/rows_duckdb.py failed ({}):\n{}{}",
        o.status,
        out,
        stderr(&o)
    );
    assert!(out.contains("every check passed"), "{out}");
}

#[test]
fn json_lines_are_exactly_serde_json_of_each_row_and_rows_equal_into_rows() {
    fn lines<T: serde::Serialize>(rows: &[T]) -> String {
        rows.iter()
            .map(|r| serde_json::to_string(r).unwrap() + "\n")
            .collect()
    }
    for doc in documents() {
        let r = rows::rows(&doc);
        let want = [
            lines(std::slice::from_ref(&r.document)),
            lines(&r.headings),
            lines(&r.paragraphs),
            lines(&r.items),
            lines(&r.footnotes),
            lines(&r.refs),
            lines(&r.warnings),
        ];
        for (t, want) in Table::ALL.iter().zip(want) {
            let mut got = Vec::new();
            r.write(*t, Format::Jsonl, &mut got);
            assert_eq!(String::from_utf8(got).unwrap(), want, "{t}");
            assert_eq!(want.lines().count(), r.len(*t), "{t}");
        }
        // Every line reads back as the row it came from.
        let back: Vec<rows::ParagraphRow> = lines(&r.paragraphs)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(back, r.paragraphs);
        assert_eq!(rows::into_rows(doc), r);
    }
}

/// Ctrl-C during `--rows`: the tables of the previous run stay as they were (never a partial
/// table, no temporary file left), and running again writes the whole batch.
#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_the_previous_tables_and_a_rerun_completes() {
    use std::io::{BufRead, BufReader, Read};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("in");
    let rows_dir = dir.path().join("rows");
    let n = 3000;
    for i in 0..n {
        let p = root
            .join(format!("{:02}", i / 100))
            .join(format!("d-{i:05}.txt"));
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(
            &p,
            format!(
                "Committee on the Rights of the Child\n1.\tThe Committee considered report {i}.\n"
            ),
        )
        .unwrap();
    }
    let first = root.join("00/d-00000.txt");
    let o = run(&[
        "convert",
        first.to_str().unwrap(),
        "--rows",
        rows_dir.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let snapshot = |d: &Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = fs::read_dir(d)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = snapshot(&rows_dir);
    assert_eq!(before.len(), 8, "seven tables and _errors.jsonl");

    let mut child = Command::new(BIN)
        .args([
            "convert",
            root.to_str().unwrap(),
            "--rows",
            rows_dir.to_str().unwrap(),
            "-v",
            "-j",
            "2",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert!(line.starts_with("converted: "), "{line}");
    // SAFETY: kill(2) on our own child's pid; no memory is involved.
    assert_eq!(
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) },
        0
    );
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(130),
        "{}",
        &rest[rest.len().saturating_sub(500)..]
    );
    assert!(
        snapshot(&rows_dir) == before,
        "the interrupted run changed the tables"
    );

    let o = run(&[
        "convert",
        root.to_str().unwrap(),
        "--rows",
        rows_dir.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let documents = fs::read_to_string(rows_dir.join("documents.jsonl")).unwrap();
    assert_eq!(documents.lines().count(), n);
    assert_eq!(snapshot(&rows_dir).len(), 8, "no temporary file left");
}
