//! `treatydoc parse FILE`.

use std::io::Read;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use treatydoc::{Format, Options};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Text,
    Docx,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The input file, or `-` for standard input.
    file: PathBuf,
    /// Indent the JSON.
    #[arg(long)]
    pretty: bool,
    /// Force the input format instead of detecting it from the content.
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    #[command(flatten)]
    limits: super::limits::LimitArgs,
}

pub fn run(args: ParseArgs) -> i32 {
    let opts = Options {
        format: args.format.map(|f| match f {
            FormatArg::Text => Format::Text,
            FormatArg::Docx => Format::Docx,
        }),
        limits: args.limits.limits(),
    };
    let is_stdin = args.file.as_os_str() == "-";
    let name = if is_stdin {
        "<stdin>".to_string()
    } else {
        args.file.display().to_string()
    };
    let result = if is_stdin {
        let mut buf = Vec::new();
        // Read one byte past the limit so that `parse` reports an oversized input.
        let cap = opts.limits.max_input_bytes.saturating_add(1);
        match std::io::stdin().lock().take(cap).read_to_end(&mut buf) {
            Ok(_) => treatydoc::parse(&buf, None, &opts),
            Err(e) => Err(treatydoc::Error::Io {
                path: None,
                source: e,
            }),
        }
    } else {
        // As `parse_file`, but `source.path` keeps a name that is not UTF-8 reversible, as
        // `convert` writes it.
        treatydoc::read_capped(&args.file, &opts.limits).and_then(|bytes| {
            let path = treatydoc::batch::path_string(&args.file);
            treatydoc::parse(&bytes, Some(&path), &opts)
        })
    };
    match result {
        // Streamed: a large document's JSON is never held whole in memory.
        Ok(doc) => super::write_stdout_with(|out| {
            treatydoc::writers::json::to_writer(&doc, args.pretty, out)
        }),
        Err(e) => {
            super::say(&format!(
                "treatydoc: {name}: {}",
                super::limits::describe(&e)
            ));
            1
        }
    }
}
