//! Command-line interface. Exit codes: 0 success, 1 input could not be parsed,
//! 2 usage error or an output (stdout included) could not be written, 3 (convert) some
//! inputs failed, 130 (convert) interrupted by SIGINT, SIGTERM or SIGHUP.

use clap::{Parser, Subcommand};

mod convert;
mod limits;
mod parse;

/// Turns UN treaty-body documents (.docx or their Tika/POI text exports) into JSON.
#[derive(Debug, Parser)]
#[command(name = "treatydoc", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse one document and print its JSON on stdout.
    Parse(parse::ParseArgs),
    /// Convert many documents (files and directories) to JSON files or one JSONL stream.
    #[command(after_help = convert::AFTER_HELP)]
    Convert(convert::ConvertArgs),
    /// Print the JSON Schema of the output.
    Schema,
}

/// Runs the CLI and returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Parse(args) => parse::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Schema => write_stdout(&treatydoc::writers::json::schema()),
    }
}

/// Writes `text` and a newline to standard output. A write error is reported (exit 2, as
/// `convert` does for its outputs), except a closed pipe (`| head`), which ends quietly
/// with the same code: the reader is gone and wanted no more.
pub(crate) fn write_stdout(text: &str) -> i32 {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let written = out
        .write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 2,
        Err(e) => {
            eprintln!("treatydoc: cannot write standard output: {e}");
            2
        }
    }
}
