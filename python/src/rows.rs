//! The analytics rows (issue 12) for Python: each table of a document as the JSON Lines text
//! the CLI writes for it, which the Python half decodes with `json.loads`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use treatydoc::writers::rows::{self, Table};
use treatydoc::Document;

/// Every table of `doc`, in [`Table::ALL`] order: `(name, JSON Lines)`.
pub(crate) fn tables_jsonl(doc: &Document) -> Vec<(&'static str, String)> {
    let r = rows::rows(doc);
    Table::ALL
        .into_iter()
        .map(|t| {
            let mut out = Vec::new();
            r.write(t, rows::Format::Jsonl, &mut out);
            // serde_json writes UTF-8.
            (t.name(), String::from_utf8_lossy(&out).into_owned())
        })
        .collect()
}

pub(crate) fn table(name: &str) -> PyResult<Table> {
    Table::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
        PyValueError::new_err(format!(
            "unknown table {name:?}; known: {}",
            names.join(", ")
        ))
    })
}

/// The table names, in the order they are documented and written.
#[pyfunction]
pub(crate) fn row_tables() -> Vec<&'static str> {
    Table::ALL.iter().map(|t| t.name()).collect()
}

/// The CSV header line of `table` (its column names, in order).
#[pyfunction]
pub(crate) fn row_header(name: &str) -> PyResult<String> {
    let h = rows::header(table(name)?, rows::Format::Csv);
    Ok(String::from_utf8_lossy(&h).into_owned())
}

/// The JSON Schema of one row of `table`.
#[pyfunction]
pub(crate) fn row_schema(name: &str) -> PyResult<String> {
    Ok(rows::schema(table(name)?))
}
