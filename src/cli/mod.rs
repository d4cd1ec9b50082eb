//! Command-line interface. Exit codes: 0 success, 1 input could not be parsed,
//! 2 usage error, 3 (convert) some inputs failed, 130 (convert) interrupted.

use clap::{Parser, Subcommand};

mod convert;
mod limits;
mod parse;
mod rows; // track D

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
    /// Print the JSON Schema of the output (--rows TABLE: of an analytics table).
    Schema(rows::SchemaArgs), // track D: was a unit variant
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
        Command::Schema(args) => rows::schema(args), // track D
    }
}
