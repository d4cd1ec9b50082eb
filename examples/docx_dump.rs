//! Prints the block stream the .docx (or text) reader makes of a file, for debugging:
//! `cargo run --example docx_dump -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: docx_dump FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let format = treatydoc::detect_format(&bytes);
    match treatydoc::read_raw(&bytes, format, &treatydoc::Limits::default()) {
        Ok(raw) => {
            for b in &raw.blocks {
                println!("{b:?}");
            }
            for n in &raw.notes {
                println!("{n:?}");
            }
            println!("{:?}", raw.props);
            for w in &raw.warnings {
                println!("{w:?}");
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
