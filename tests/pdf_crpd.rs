//! The PDF reader scored against the CRPD gold (`../shared/corpus/crpd-pdf/`, never copied
//! here): every concluding observation in `co/` that has a gold file is parsed into a
//! temporary folder and `../shared/tools/score-crpd` scores it. The thresholds are those of
//! issue 14.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn num(r: &Value, k: &str) -> f64 {
    r.get(k).and_then(Value::as_f64).unwrap_or(0.0)
}

#[test]
fn crpd_scores_meet_the_issue_thresholds() {
    let corpus = shared().join("corpus/crpd-pdf");
    let gold = corpus.join("gold");
    let out = tempfile::tempdir().unwrap();
    let mut docs = 0;
    let mut names: Vec<_> = std::fs::read_dir(&gold)
        .expect("../shared/corpus/crpd-pdf/gold")
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for g in names {
        let sym = g.file_stem().unwrap().to_string_lossy().to_string();
        let pdf = corpus.join("co").join(format!("{sym}.pdf"));
        let doc = treatydoc::parse_file(&pdf, &treatydoc::Options::default())
            .unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        assert_eq!(doc.source.format, treatydoc::Format::Pdf);
        let json = treatydoc::writers::json::to_string(&doc, false);
        std::fs::write(out.path().join(format!("{sym}.json")), json).unwrap();
        docs += 1;
    }
    assert_eq!(docs, 40, "40 gold files");
    let scores = out.path().join("scores.json");
    let run = Command::new("python3")
        .arg(shared().join("tools/score-crpd"))
        .arg(out.path())
        .arg("-q")
        .arg("--json")
        .arg(&scores)
        .output()
        .expect("python3 runs the scorer");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "scorer failed: {stdout} {}",
        String::from_utf8_lossy(&run.stderr)
    );
    println!("{}", stdout.lines().last().unwrap_or_default());
    let per_doc: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&scores).unwrap()).unwrap();
    assert_eq!(per_doc.len(), 40);
    let sum = |k: &str| per_doc.iter().map(|r| num(r, k)).sum::<f64>();
    let len = |k: &str| {
        per_doc
            .iter()
            .map(|r| r.get(k).and_then(Value::as_array).map_or(0, Vec::len) as f64)
            .sum::<f64>()
    };
    let para_gold = sum("para_gold");
    let found = sum("para_found") / para_gold;
    let spurious = len("para_spurious") / para_gold;
    let text = sum("para_text_exact") / para_gold;
    let head_level = sum("head_level_ok") / sum("head_gold");
    let items = sum("items_found") / sum("items_gold");
    let notes = sum("fn_found") / sum("fn_gold");
    let anchors = sum("anchor_ok") / sum("fn_gold");
    let (mut md_ok, mut md_all) = (0.0, 0.0);
    let (mut g, mut t, mut tpg, mut tpt) = (0.0, 0.0, 0.0, 0.0);
    for r in &per_doc {
        for v in r["md"].as_object().unwrap().values() {
            md_all += 1.0;
            if v[0].as_bool() == Some(true) {
                md_ok += 1.0;
            }
        }
        for kind in ["document", "general_comment", "article", "sdg_target"] {
            let k = &r["refs"][kind];
            g += num(k, "g");
            t += num(k, "t");
            tpg += num(k, "tpg");
            tpt += num(k, "tpt");
        }
    }
    let (precision, recall) = (tpt / t, tpg / g);
    let md = md_ok / md_all;
    println!(
        "paragraphs found {found:.4} spurious {spurious:.4} text {text:.4}; headings level {head_level:.4}; \
         items {items:.4}; footnotes {notes:.4} anchors {anchors:.4}; metadata {md:.4}; refs P {precision:.4} R {recall:.4}"
    );
    assert!(found >= 0.995, "paragraphs found {found}");
    assert!(spurious < 0.005, "paragraphs spurious {spurious}");
    assert!(text >= 0.97, "paragraph texts identical {text}");
    assert!(
        head_level >= 0.98,
        "headings at the right level {head_level}"
    );
    assert!(items >= 0.99, "items {items}");
    assert!(
        notes >= 0.98 && anchors >= 0.98,
        "footnotes {notes}, anchors {anchors}"
    );
    assert!(md >= 0.97, "metadata {md}");
    assert!(
        precision >= 0.99 && recall >= 0.98,
        "refs P {precision} R {recall}"
    );
}
