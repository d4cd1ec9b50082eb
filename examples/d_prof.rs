use std::time::Instant;
use treatydoc::writers::rows::{self, Format, Table};
fn main() {
    let bytes = std::fs::read("../shared/corpus/CERD_C_URY_CO_21-23.docx").unwrap();
    let opts = treatydoc::Options::default();
    let n = 300;
    let t = Instant::now();
    let mut doc = None;
    for _ in 0..n { doc = Some(treatydoc::parse(&bytes, Some("a/CERD_C_URY_CO_21-23.docx"), &opts).unwrap()); }
    let doc = doc.unwrap();
    println!("parse {:?}", t.elapsed() / n);
    let t = Instant::now();
    let mut len = 0;
    for _ in 0..n { len += treatydoc::writers::json::to_string(&doc, false).len(); }
    println!("json {:?} {}", t.elapsed() / n, len / n as usize);
    let t = Instant::now();
    let mut r = None;
    for _ in 0..n { r = Some(rows::rows(&doc)); }
    println!("rows build {:?}", t.elapsed() / n);
    let r = r.unwrap();
    for table in Table::ALL {
        let t = Instant::now();
        let mut len = 0;
        for _ in 0..n { let mut out = Vec::new(); r.write(table, Format::Jsonl, &mut out); len += out.len(); }
        println!("write {table} {:?} {} bytes", t.elapsed() / n, len / n as usize);
    }
    for table in [Table::Paragraphs, Table::Refs] {
        let t = Instant::now();
        for _ in 0..n { let mut out = Vec::new(); r.write(table, Format::Csv, &mut out); }
        println!("csv {table} {:?}", t.elapsed() / n);
    }
}
