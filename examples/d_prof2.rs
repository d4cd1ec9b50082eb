use treatydoc::writers::rows::{self, Format, Table};
fn main() {
    let bytes = std::fs::read("fixtures/CRC_C_OPSC_PER_CO_1.txt").unwrap();
    let doc = treatydoc::parse(&bytes, Some("a/x.txt"), &Default::default()).unwrap();
    let mode = std::env::args().nth(1).unwrap_or_default();
    let mut total = 0;
    let iters: usize = std::env::var("ITER").ok().and_then(|v| v.parse().ok()).unwrap_or(3000);
    for _ in 0..iters {
        if mode == "rowsonly" {
            let r = rows::into_rows(doc.clone());
            for t in Table::ALL { let mut out = Vec::new(); r.write(t, Format::Jsonl, &mut out); total += out.len(); }
            continue;
        }
        if mode == "clone" {
            let d = doc.clone();
            total += d.body.len();
            continue;
        }
        if mode == "both" {
            let d = treatydoc::parse(&bytes, Some("a/x.txt"), &Default::default()).unwrap();
            total += treatydoc::writers::json::to_string(&d, false).len();
            let r = rows::into_rows(d);
            for t in Table::ALL { let mut out = Vec::new(); r.write(t, Format::Jsonl, &mut out); total += out.len(); }
            continue;
        }
        if mode == "parse" {
            let d = treatydoc::parse(&bytes, Some("a/x.txt"), &Default::default()).unwrap();
            total += treatydoc::writers::json::to_string(&d, false).len();
            continue;
        }
        let r = rows::rows(&doc);
        for t in Table::ALL { let mut out = Vec::new(); r.write(t, Format::Jsonl, &mut out); total += out.len(); }
    }
    println!("{total}");
}
