//! Command-line interface. Exit codes: 0 success, 1 input could not be parsed,
//! 2 usage error or an output (stdout included) could not be written, 3 (convert) some
//! inputs failed, 130 (convert) interrupted by SIGINT, SIGTERM or SIGHUP.

use clap::{Parser, Subcommand};

mod convert;
mod limits;
mod parse;
mod rows; // track D

/// Turns UN treaty-body documents (.docx or their Tika/POI text exports) into JSON.
#[cfg(test)]
mod tests {
    #[test]
    fn controls_are_escaped_and_the_rest_kept() {
        assert_eq!(super::escape_controls("a\tb\nc é"), "a\tb\nc é");
        assert_eq!(
            super::escape_controls("x\u{1b}[2J\u{7}\u{7f}\u{9b}\r"),
            "x\\x1b[2J\\x07\\x7f\\u{9b}\\x0d"
        );
    }
}

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
        Command::Schema(args) => rows::schema(args),
    }
}

/// `text` with the characters a terminal would act on shown escaped: C0 controls but tab
/// and newline, and DEL, as `\x1b`; C1 controls (U+0080-U+009F, e.g. the one-byte CSI) as
/// `\u{9b}`. File names and document text reach messages, and `ESC[2J` in a file name
/// once cleared the screen.
pub(crate) fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let is_control =
        |c: char| (c < ' ' && c != '\n' && c != '\t') || ('\u{7f}'..='\u{9f}').contains(&c);
    if !text.chars().any(is_control) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !is_control(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    out.into()
}

/// Prints one message line on stderr, control characters escaped. Errors writing stderr
/// are ignored: there is nowhere left to report them.
pub(crate) fn say(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{}", escape_controls(text));
}

/// Writes `text` and a newline to standard output. A write error is reported (exit 2, as
/// `convert` does for its outputs), except a closed pipe (`| head`), which ends quietly
/// with the same code: the reader is gone and wanted no more.
pub(crate) fn write_stdout(text: &str) -> i32 {
    write_stdout_with(|out| {
        out.write_all(text.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
    })
}

/// Like [`write_stdout`], for output that `write` produces piece by piece (buffered here).
pub(crate) fn write_stdout_with(
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> i32 {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    let written = write(&mut out).and_then(|()| out.flush());
    match written {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 2,
        Err(e) => {
            say(&format!("treatydoc: cannot write standard output: {e}"));
            2
        }
    }
}
