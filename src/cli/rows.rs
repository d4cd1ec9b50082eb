//! Track D (issue 12): the `--rows DIR [--csv]` flags of `convert` and the arguments of
//! `schema` (`--rows TABLE`, `--errors`).

use std::path::PathBuf;

use clap::Args;
use treatydoc::batch::RowsOutput;
use treatydoc::writers::rows::{self, Format, Table};

/// `convert --rows DIR [--csv]`.
#[derive(Debug, Args)]
pub struct RowsArgs {
    /// Write the analytics tables (documents, headings, paragraphs, items, footnotes, refs,
    /// warnings) of the whole batch to DIR: DIR/paragraphs.jsonl, ... Alone, no tree is
    /// written; with --out or --jsonl, both.
    #[arg(long, value_name = "DIR")]
    pub rows: Option<PathBuf>,
    /// Write the tables as CSV (RFC 4180; lists as JSON text) instead of JSON Lines.
    #[arg(long, requires = "rows")]
    pub csv: bool,
}

impl RowsArgs {
    /// The batch setting.
    pub fn output(&self) -> Option<RowsOutput> {
        let format = if self.csv { Format::Csv } else { Format::Jsonl };
        self.rows.clone().map(|dir| RowsOutput { dir, format })
    }
}

/// `schema [--rows TABLE | --errors]`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Print the schema of one row of an analytics table instead of the document's:
    /// documents, headings, paragraphs, items, footnotes, refs or warnings.
    #[arg(long, value_name = "TABLE", value_parser = table_name, conflicts_with = "errors")]
    pub rows: Option<Table>,
    /// Print the schema of one line of _errors.jsonl.
    #[arg(long)]
    pub errors: bool,
}

fn table_name(s: &str) -> Result<Table, String> {
    Table::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
        format!("unknown table {s:?}; tables: {}", names.join(", "))
    })
}

/// Runs `schema`.
pub fn schema(args: SchemaArgs) -> i32 {
    let text = match (args.rows, args.errors) {
        (Some(table), _) => rows::schema(table),
        (None, true) => treatydoc::writers::schema::errors(),
        (None, false) => treatydoc::writers::json::schema(),
    };
    println!("{text}");
    0
}
