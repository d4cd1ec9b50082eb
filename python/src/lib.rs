//! The native half of the `treatydoc` Python package (`treatydoc._treatydoc`).
//!
//! It is a thin layer over the treatydoc crate: a document becomes the dict `json.loads` makes
//! of the CLI's JSON, built directly from the Rust model ([`pyser`]; no JSON text in between),
//! or that JSON text itself (the `*_json` functions); the analytics rows become dicts, JSON
//! Lines or Arrow buffers for pyarrow ([`arrow`]). Every error becomes the exception class of its
//! kind, and the GIL is released while Rust reads and parses, so other Python threads run
//! meanwhile.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Mutex;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::{PyDict, PyList, PyTuple};

use treatydoc::{Document, Error, ErrorKind, Format, LimitKind, Limits, Options};

mod arrow;
mod pyser;
mod rows;

use pyser::Keys;

create_exception!(
    treatydoc,
    TreatydocError,
    PyException,
    "Base class of every error treatydoc raises for an input it cannot convert."
);
create_exception!(
    treatydoc,
    ReadError,
    TreatydocError,
    "The input could not be read (kind `io`)."
);
create_exception!(
    treatydoc,
    NotADocxError,
    TreatydocError,
    "Not a .docx: not a zip, or no word/document.xml (kind `not_a_docx`)."
);
create_exception!(
    treatydoc,
    EncryptedError,
    TreatydocError,
    "A password-protected Office file (kind `encrypted`)."
);
create_exception!(
    treatydoc,
    LegacyDocError,
    TreatydocError,
    "A legacy Word 97-2003 .doc file (kind `legacy_doc`)."
);
create_exception!(
    treatydoc,
    DecodeError,
    TreatydocError,
    "The text could not be decoded (kind `decode`)."
);
create_exception!(
    treatydoc,
    TooLargeError,
    TreatydocError,
    "A resource limit was exceeded (kind `too_large`)."
);
create_exception!(
    treatydoc,
    MalformedXmlError,
    TreatydocError,
    "A part of the .docx is malformed XML (kind `malformed_xml`)."
);
create_exception!(
    treatydoc,
    DamagedZipError,
    TreatydocError,
    "The zip container of the .docx is damaged (kind `damaged_zip`)."
);
create_exception!(
    treatydoc,
    InternalError,
    TreatydocError,
    "A bug in treatydoc (kind `internal`); please report it."
);

/// The exception of an error kind, with `kind`, `message` and `path` set on it (and, for
/// [`TooLargeError`], `limit`, `measured` and `max`).
fn error_to_pyerr(py: Python<'_>, err: &Error, path: Option<&str>) -> PyErr {
    let message = describe(err);
    let text = match path {
        Some(p) => format!("{p}: {message}"),
        None => message.clone(),
    };
    let kind = err.kind();
    let exc = match kind {
        ErrorKind::Io => ReadError::new_err(text),
        ErrorKind::NotADocx => NotADocxError::new_err(text),
        ErrorKind::Encrypted => EncryptedError::new_err(text),
        ErrorKind::LegacyDoc => LegacyDocError::new_err(text),
        ErrorKind::Decode => DecodeError::new_err(text),
        ErrorKind::TooLarge => TooLargeError::new_err(text),
        ErrorKind::MalformedXml => MalformedXmlError::new_err(text),
        ErrorKind::DamagedZip => DamagedZipError::new_err(text),
        ErrorKind::Internal => InternalError::new_err(text),
        // A kind newer than this mapping (or the batch-only `output_conflict`) still gets
        // the base class and its code.
        _ => TreatydocError::new_err(text),
    };
    let value = exc.value(py);
    // Setting attributes on a fresh exception instance does not fail.
    let _ = value.setattr("kind", kind.as_str());
    let _ = value.setattr("message", message);
    let _ = value.setattr("path", path);
    if let Error::TooLarge {
        limit,
        measured,
        max,
        ..
    } = err
    {
        let _ = value.setattr("limit", limit.field_name());
        let _ = value.setattr("measured", *measured);
        let _ = value.setattr("max", *max);
    }
    exc
}

/// An error's message as Python shows it (after `PATH: `, which the exception adds): the
/// CLI's words, except that an exceeded limit names the `limits` key that raises it instead
/// of the CLI's flag.
fn describe(err: &Error) -> String {
    match err {
        Error::TooLarge { limit, .. } => format!(
            "{err} (raise it with limits={{\"{}\": ...}})",
            limit.field_name()
        ),
        Error::Io { source, .. } => format!("cannot read: {source}"),
        _ => err.to_string(),
    }
}

/// Builds the options from the Python arguments.
fn options(format: Option<&str>, limits: Option<&Bound<'_, PyDict>>) -> PyResult<Options> {
    let format = match format {
        None => None,
        Some(name) => Some(
            serde_json::from_value::<Format>(serde_json::Value::String(name.to_string())).map_err(
                |_| {
                    PyValueError::new_err(format!(
                        "unknown format {name:?}; expected one of \"docx\", \"text\" or None"
                    ))
                },
            )?,
        ),
    };
    let mut l = Limits::default();
    if let Some(d) = limits {
        for (key, value) in d.iter() {
            let key: String = key
                .extract()
                .map_err(|_| PyTypeError::new_err("limits keys must be str"))?;
            let v: u64 = value.extract().map_err(|_| {
                PyValueError::new_err(format!("limit {key} must be a non-negative int"))
            })?;
            let kind = LimitKind::ALL
                .into_iter()
                .find(|k| k.field_name() == key)
                .ok_or_else(|| {
                    let known: Vec<&str> = LimitKind::ALL.iter().map(|k| k.field_name()).collect();
                    PyValueError::new_err(format!(
                        "unknown limit {key:?}; known: {}",
                        known.join(", ")
                    ))
                })?;
            if kind == LimitKind::XmlDepth && !(1..=Limits::XML_DEPTH_CEILING).contains(&v) {
                // The CLI's range for --max-xml-depth.
                return Err(PyValueError::new_err(format!(
                    "max_xml_depth must be between 1 and {}",
                    Limits::XML_DEPTH_CEILING
                )));
            }
            kind.set(&mut l, v);
        }
    }
    Ok(Options { format, limits: l })
}

/// The default resource limits, as a dict.
#[pyfunction]
fn default_limits(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let l = Limits::default();
    let d = PyDict::new(py);
    for k in LimitKind::ALL {
        d.set_item(k.field_name(), k.get(&l))?;
    }
    Ok(d)
}

/// Parses a file (`path`) and returns the CLI's JSON text, without the final newline.
#[pyfunction]
#[pyo3(signature = (path, format=None, limits=None))]
fn parse_path_json(
    py: Python<'_>,
    path: PathBuf,
    format: Option<&str>,
    limits: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let opts = options(format, limits)?;
    let result = py.detach(|| {
        treatydoc::parse_file(&path, &opts).map(|d| treatydoc::writers::json::to_string(&d, false))
    });
    result.map_err(|e| error_to_pyerr(py, &e, Some(&path.to_string_lossy())))
}

/// Parses a file and returns its analytics rows: `{table: JSON Lines}`.
#[pyfunction]
#[pyo3(signature = (path, format=None, limits=None))]
fn rows_path_jsonl<'py>(
    py: Python<'py>,
    path: PathBuf,
    format: Option<&str>,
    limits: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = options(format, limits)?;
    let result = py.detach(|| treatydoc::parse_file(&path, &opts).map(|d| rows::tables_jsonl(&d)));
    match result {
        Ok(tables) => tables_dict(py, tables),
        Err(e) => Err(error_to_pyerr(py, &e, Some(&path.to_string_lossy()))),
    }
}

/// Parses bytes and returns their analytics rows: `{table: JSON Lines}`.
#[pyfunction]
#[pyo3(signature = (data, name=None, format=None, limits=None))]
fn rows_bytes_jsonl<'py>(
    py: Python<'py>,
    data: PyBackedBytes,
    name: Option<String>,
    format: Option<&str>,
    limits: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = options(format, limits)?;
    let result = py
        .detach(|| treatydoc::parse(&data, name.as_deref(), &opts).map(|d| rows::tables_jsonl(&d)));
    match result {
        Ok(tables) => tables_dict(py, tables),
        Err(e) => Err(error_to_pyerr(py, &e, name.as_deref())),
    }
}

fn tables_dict<'py>(
    py: Python<'py>,
    tables: Vec<(&'static str, String)>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (name, text) in tables {
        d.set_item(name, text)?;
    }
    Ok(d)
}

/// Parses bytes (`name`, if given, is recorded as `source.path`, and a `.docx` name selects
/// the .docx reader) and returns the JSON text.
#[pyfunction]
#[pyo3(signature = (data, name=None, format=None, limits=None))]
fn parse_bytes_json(
    py: Python<'_>,
    data: PyBackedBytes,
    name: Option<String>,
    format: Option<&str>,
    limits: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let opts = options(format, limits)?;
    let result = py.detach(|| {
        treatydoc::parse(&data, name.as_deref(), &opts)
            .map(|d| treatydoc::writers::json::to_string(&d, false))
    });
    result.map_err(|e| error_to_pyerr(py, &e, name.as_deref()))
}

/// The Python strings of field names, shared by every call (see [`pyser::Keys`]).
static KEYS: Mutex<Option<Keys>> = Mutex::new(None);

/// Runs `f` with the shared key strings (a fresh set should another thread hold them: the
/// GIL is held here, so waiting for that thread could deadlock).
fn with_keys<R>(f: impl FnOnce(&mut Keys) -> R) -> R {
    match KEYS.try_lock() {
        Ok(mut guard) => f(guard.get_or_insert_with(Keys::new)),
        Err(_) => f(&mut Keys::new()),
    }
}

/// Frees a value on a worker thread, so that the GIL thread does not spend its time there.
fn drop_elsewhere<T: Send + 'static>(pool: Option<&rayon::ThreadPool>, value: T) {
    match pool {
        Some(p) => p.spawn(move || drop(value)),
        None => rayon::spawn(move || drop(value)),
    }
}

/// A document as the dict of its JSON.
fn document_dict<'py>(py: Python<'py>, doc: &Document) -> PyResult<Bound<'py, PyAny>> {
    with_keys(|keys| pyser::to_py(py, keys, doc))
}

/// Parses a file (`path`) and returns its dict: `json.loads` of the CLI's JSON.
#[pyfunction]
#[pyo3(signature = (path, format=None, limits=None))]
fn parse_path<'py>(
    py: Python<'py>,
    path: PathBuf,
    format: Option<&str>,
    limits: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let opts = options(format, limits)?;
    let doc = py
        .detach(|| treatydoc::parse_file(&path, &opts))
        .map_err(|e| error_to_pyerr(py, &e, Some(&path.to_string_lossy())))?;
    let d = document_dict(py, &doc);
    drop_elsewhere(None, doc);
    d
}

/// Parses bytes and returns their dict (see [`parse_bytes_json`] for `name`).
#[pyfunction]
#[pyo3(signature = (data, name=None, format=None, limits=None))]
fn parse_bytes<'py>(
    py: Python<'py>,
    data: PyBackedBytes,
    name: Option<String>,
    format: Option<&str>,
    limits: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let opts = options(format, limits)?;
    let doc = py
        .detach(|| treatydoc::parse(&data, name.as_deref(), &opts))
        .map_err(|e| error_to_pyerr(py, &e, name.as_deref()))?;
    let d = document_dict(py, &doc);
    drop_elsewhere(None, doc);
    d
}

/// How the rows of a document reach Python.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RowsAs {
    /// `{table: JSON Lines}`.
    Jsonl,
    /// `{table: [row dict, ...]}`.
    Dicts,
    /// `{table: [column buffers, ...] or None}`, for pyarrow (see [`arrow`]).
    Arrow,
}

impl RowsAs {
    fn from_name(name: &str) -> PyResult<Self> {
        match name {
            "jsonl" => Ok(RowsAs::Jsonl),
            "dicts" => Ok(RowsAs::Dicts),
            "arrow" => Ok(RowsAs::Arrow),
            _ => Err(PyValueError::new_err(format!(
                "unknown rows form {name:?}; expected \"jsonl\", \"dicts\" or \"arrow\""
            ))),
        }
    }
}

/// The Arrow layouts of the tables, in [`Table::ALL`] order (empty unless rows go to Arrow).
type Layouts = [(treatydoc::writers::rows::Table, arrow::Layout)];

/// The rows of a document, as worked out on a worker thread.
enum RowsOut {
    Jsonl(Vec<(&'static str, String)>),
    Rows(Box<treatydoc::writers::rows::Rows>),
    Arrow(arrow::ArrowTables),
}

impl RowsOut {
    fn of(doc: &Document, how: RowsAs, layouts: &Layouts) -> Result<RowsOut, Error> {
        match how {
            RowsAs::Jsonl => Ok(RowsOut::Jsonl(rows::tables_jsonl(doc))),
            _ => RowsOut::of_rows(treatydoc::writers::rows::rows(doc), how, layouts),
        }
    }

    /// [`RowsOut::of`] for a document no longer needed (its texts move into the rows).
    fn from_doc(doc: Document, how: RowsAs, layouts: &Layouts) -> Result<RowsOut, Error> {
        match how {
            RowsAs::Jsonl => Ok(RowsOut::Jsonl(rows::tables_jsonl(&doc))),
            _ => RowsOut::of_rows(treatydoc::writers::rows::into_rows(doc), how, layouts),
        }
    }

    fn of_rows(
        r: treatydoc::writers::rows::Rows,
        how: RowsAs,
        layouts: &Layouts,
    ) -> Result<RowsOut, Error> {
        if how == RowsAs::Arrow {
            let mut t = arrow::ArrowTables::new(layouts);
            t.extend(&r)
                .map_err(|e| Error::Internal(format!("Arrow rows: {e}")))?;
            Ok(RowsOut::Arrow(t))
        } else {
            Ok(RowsOut::Rows(Box::new(r)))
        }
    }

    /// The Python value of these rows (with the GIL): see [`RowsAs`]; `only` keeps one
    /// table's value (a list of dicts or the columns) instead of the dict of every table.
    fn into_py<'py>(
        self,
        py: Python<'py>,
        only: Option<treatydoc::writers::rows::Table>,
        pool: Option<&rayon::ThreadPool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        use treatydoc::writers::rows::Table;
        let r = match self {
            RowsOut::Jsonl(tables) => return Ok(tables_dict(py, tables)?.into_any()),
            RowsOut::Arrow(t) => {
                let d = t.into_py(py)?;
                return match only {
                    Some(t) => d
                        .get_item(t.name())?
                        .map_or_else(|| Ok(py.None().into_bound(py)), Ok),
                    None => Ok(d.into_any()),
                };
            }
            RowsOut::Rows(r) => r,
        };
        let out = with_keys(|keys| -> PyResult<Bound<'py, PyAny>> {
            let one = |t: Table, keys: &mut Keys| -> PyResult<Bound<'py, PyAny>> {
                match t {
                    Table::Documents => pyser::to_py(py, keys, std::slice::from_ref(&r.document)),
                    Table::Headings => pyser::to_py(py, keys, &r.headings),
                    Table::Paragraphs => pyser::to_py(py, keys, &r.paragraphs),
                    Table::Items => pyser::to_py(py, keys, &r.items),
                    Table::Footnotes => pyser::to_py(py, keys, &r.footnotes),
                    Table::Refs => pyser::to_py(py, keys, &r.refs),
                    Table::Warnings => pyser::to_py(py, keys, &r.warnings),
                }
            };
            match only {
                Some(t) => one(t, keys),
                None => {
                    let d = PyDict::new(py);
                    for t in Table::ALL {
                        d.set_item(t.name(), one(t, keys)?)?;
                    }
                    Ok(d.into_any())
                }
            }
        });
        drop_elsewhere(pool, r);
        out
    }
}

/// The Arrow layouts Python passed (`{table: [(column, kind), ...]}`), needed for
/// `how="arrow"`.
fn layouts_for(
    how: RowsAs,
    layout: Option<&Bound<'_, PyDict>>,
    only: Option<treatydoc::writers::rows::Table>,
) -> PyResult<Vec<(treatydoc::writers::rows::Table, arrow::Layout)>> {
    match (how, layout) {
        (RowsAs::Arrow, Some(l)) => arrow::layouts(l, only),
        (RowsAs::Arrow, None) => Err(PyValueError::new_err("Arrow rows need layout=")),
        _ => Ok(Vec::new()),
    }
}

fn only_table(table: Option<&str>) -> PyResult<Option<treatydoc::writers::rows::Table>> {
    table.map(rows::table).transpose()
}

/// Parses a file and returns its analytics rows (`how`: "dicts" or "arrow", which needs the
/// tables' `layout`; `table` keeps one table).
#[pyfunction]
#[pyo3(signature = (path, how, table=None, format=None, limits=None, layout=None))]
fn rows_path<'py>(
    py: Python<'py>,
    path: PathBuf,
    how: &str,
    table: Option<&str>,
    format: Option<&str>,
    limits: Option<&Bound<'_, PyDict>>,
    layout: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let how = RowsAs::from_name(how)?;
    let only = only_table(table)?;
    let layouts = layouts_for(how, layout, only)?;
    let opts = options(format, limits)?;
    let out = py
        .detach(|| {
            treatydoc::parse_file(&path, &opts).and_then(|d| RowsOut::from_doc(d, how, &layouts))
        })
        .map_err(|e| error_to_pyerr(py, &e, Some(&path.to_string_lossy())))?;
    out.into_py(py, only, None)
}

/// Parses bytes and returns their analytics rows (see [`rows_path`]).
#[pyfunction]
#[pyo3(signature = (data, how, name=None, table=None, format=None, limits=None, layout=None))]
// One argument per keyword of the Python call it serves.
#[allow(clippy::too_many_arguments)]
fn rows_bytes<'py>(
    py: Python<'py>,
    data: PyBackedBytes,
    how: &str,
    name: Option<String>,
    table: Option<&str>,
    format: Option<&str>,
    limits: Option<&Bound<'_, PyDict>>,
    layout: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let how = RowsAs::from_name(how)?;
    let only = only_table(table)?;
    let layouts = layouts_for(how, layout, only)?;
    let opts = options(format, limits)?;
    let out = py
        .detach(|| {
            treatydoc::parse(&data, name.as_deref(), &opts)
                .and_then(|d| RowsOut::from_doc(d, how, &layouts))
        })
        .map_err(|e| error_to_pyerr(py, &e, name.as_deref()))?;
    out.into_py(py, only, None)
}

/// The Arrow columns of every table (or of `table`) over many inputs `(name, bytes)`,
/// parsed on the worker threads (`jobs`, 0: one per CPU) and laid out with the GIL
/// released: `(columns, errors)`, where `columns` is `{table: [column buffers, ...] or
/// None}` (or one table's value) and `errors` lists the exceptions of the inputs that failed
/// (their rows are absent), in input order.
#[pyfunction]
#[pyo3(signature = (inputs, layout, table=None, jobs=0, format=None, limits=None))]
fn arrow_of_many<'py>(
    py: Python<'py>,
    inputs: Vec<(String, PyBackedBytes)>,
    layout: &Bound<'_, PyDict>,
    table: Option<&str>,
    jobs: usize,
    format: Option<&str>,
    limits: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyTuple>> {
    use rayon::prelude::*;
    let only = only_table(table)?;
    let layouts = arrow::layouts(layout, only)?;
    let opts = options(format, limits)?;
    let parse = |(name, data): &(String, PyBackedBytes)| {
        treatydoc::parse(data, Some(name), &opts).map(treatydoc::writers::rows::into_rows)
    };
    // One input, or one thread: no pool to start.
    let pool = if jobs == 1 || inputs.len() < 2 {
        None
    } else {
        Some(worker_pool(jobs)?)
    };
    let (tables, failed) = py
        .detach(|| {
            let parsed: Vec<Result<treatydoc::writers::rows::Rows, Error>> = match &pool {
                Some(p) => p.install(|| inputs.par_iter().map(parse).collect()),
                None => inputs.iter().map(parse).collect(),
            };
            let mut tables = arrow::ArrowTables::new(&layouts);
            let mut failed = Vec::new();
            for (i, r) in parsed.into_iter().enumerate() {
                match r {
                    Ok(rows) => tables
                        .extend(&rows)
                        .map_err(|e| Error::Internal(format!("Arrow rows: {e}")))?,
                    Err(e) => failed.push((i, e)),
                }
            }
            Ok::<_, Error>((tables, failed))
        })
        .map_err(|e| error_to_pyerr(py, &e, None))?;
    let errors = failed
        .iter()
        .map(|(i, e)| {
            let name = inputs.get(*i).map(|(n, _)| n.as_str());
            error_to_pyerr(py, e, name).into_value(py)
        })
        .collect::<Vec<_>>();
    let d = tables.into_py(py)?;
    let c = match only {
        Some(t) => d
            .get_item(t.name())?
            .unwrap_or_else(|| py.None().into_bound(py)),
        None => d.into_any(),
    };
    (c, PyList::new(py, errors)?).into_pyobject(py)
}

fn worker_pool(jobs: usize) -> PyResult<rayon::ThreadPool> {
    let threads = match jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("treatydoc-{i}"))
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start the worker threads: {e}")))
}

/// What `convert` makes of each document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DocAs {
    Json,
    Dict,
    /// Only its rows.
    Nothing,
}

/// The document of a converted input, as a worker leaves it.
enum DocOut {
    /// Not asked for.
    Nothing,
    /// The CLI's JSON line (without the newline).
    Json(String),
    /// The tree, made into a dict on the GIL thread.
    Tree(Box<Document>),
}

/// One converted input: its document (and, when asked for, its rows), or its error.
type Outcome = Result<(DocOut, Option<RowsOut>), Error>;

fn convert_one(
    path: &Path,
    opts: &Options,
    doc_as: DocAs,
    rows: Option<RowsAs>,
    layouts: &Layouts,
) -> Outcome {
    let outputs = |d: Document| -> Outcome {
        Ok(match doc_as {
            DocAs::Dict => {
                let tables = rows.map(|how| RowsOut::of(&d, how, layouts)).transpose()?;
                (DocOut::Tree(Box::new(d)), tables)
            }
            DocAs::Json => {
                let tables = rows.map(|how| RowsOut::of(&d, how, layouts)).transpose()?;
                let json = treatydoc::writers::json::to_string(&d, false);
                (DocOut::Json(json), tables)
            }
            DocAs::Nothing => {
                let tables = rows
                    .map(|how| RowsOut::from_doc(d, how, layouts))
                    .transpose()?;
                (DocOut::Nothing, tables)
            }
        })
    };
    // Like the batch runner: a panic (a bug) fails this input, not the whole run.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        treatydoc::parse_file(path, opts).and_then(outputs)
    }));
    run.unwrap_or_else(|_| Err(Error::Internal("panic while converting".into())))
}

struct ConverterState {
    tx: Sender<(u64, Outcome)>,
    rx: Receiver<(u64, Outcome)>,
    /// Results that arrived before an earlier one.
    pending: BTreeMap<u64, Outcome>,
    /// Sequence number of the next submitted input.
    submitted: u64,
    /// Sequence number of the next result to hand out.
    next: u64,
    paths: BTreeMap<u64, String>,
}

/// Converts files on a pool of worker threads and hands the results back in submission
/// order. The Python `treatydoc.convert` drives it: `submit` paths (bounded by its window),
/// then `next` one result at a time. The GIL is released while waiting; the workers parse
/// (and serialize the JSON, or lay out the Arrow buffers) without it, and what needs the GIL
/// (building the dicts, wrapping the buffers) is all that `next` does with it.
#[pyclass(module = "treatydoc._treatydoc")]
struct Converter {
    pool: rayon::ThreadPool,
    opts: std::sync::Arc<Options>,
    doc_as: DocAs,
    rows: Option<RowsAs>,
    layouts: std::sync::Arc<Vec<(treatydoc::writers::rows::Table, arrow::Layout)>>,
    state: Mutex<ConverterState>,
}

impl Converter {
    /// Up to `max` results, in submission order (fewer when fewer are in flight), waiting
    /// for each; call without the GIL.
    fn take(&self, max: usize) -> PyResult<Vec<(String, Outcome)>> {
        let mut st = self
            .state
            .lock()
            .map_err(|_| PyRuntimeError::new_err("converter state poisoned"))?;
        let mut got = Vec::new();
        while got.len() < max && st.next < st.submitted {
            let want = st.next;
            while !st.pending.contains_key(&want) {
                let (seq, out) = st
                    .rx
                    .recv()
                    .map_err(|_| PyRuntimeError::new_err("the worker threads stopped"))?;
                st.pending.insert(seq, out);
            }
            let path = st.paths.remove(&want).unwrap_or_default();
            st.next += 1;
            if let Some(out) = st.pending.remove(&want) {
                got.push((path, out));
            }
        }
        Ok(got)
    }
}

#[pymethods]
impl Converter {
    #[new]
    #[pyo3(signature = (jobs=0, format=None, limits=None, rows=None, output="json", layout=None))]
    fn new(
        jobs: usize,
        format: Option<&str>,
        limits: Option<&Bound<'_, PyDict>>,
        rows: Option<&str>,
        output: &str,
        layout: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let opts = options(format, limits)?;
        let doc_as = match output {
            "json" => DocAs::Json,
            "dict" => DocAs::Dict,
            "none" => DocAs::Nothing,
            _ => {
                return Err(PyValueError::new_err(format!(
                    "unknown output {output:?}; expected \"dict\", \"json\" or \"none\""
                )))
            }
        };
        let rows = rows.map(RowsAs::from_name).transpose()?;
        let layouts = match rows {
            Some(how) => layouts_for(how, layout, None)?,
            None => Vec::new(),
        };
        let pool = worker_pool(jobs)?;
        let (tx, rx) = channel();
        Ok(Converter {
            pool,
            opts: std::sync::Arc::new(opts),
            doc_as,
            rows,
            layouts: std::sync::Arc::new(layouts),
            state: Mutex::new(ConverterState {
                tx,
                rx,
                pending: BTreeMap::new(),
                submitted: 0,
                next: 0,
                paths: BTreeMap::new(),
            }),
        })
    }

    /// Starts converting these files (they come back from `next` in this order).
    fn submit(&self, paths: Vec<PathBuf>) -> PyResult<()> {
        let mut st = self
            .state
            .lock()
            .map_err(|_| PyRuntimeError::new_err("converter state poisoned"))?;
        for path in paths {
            let seq = st.submitted;
            st.submitted += 1;
            st.paths.insert(seq, path.to_string_lossy().into_owned());
            let tx = st.tx.clone();
            let opts = self.opts.clone();
            let (doc_as, rows, layouts) = (self.doc_as, self.rows, self.layouts.clone());
            self.pool.spawn_fifo(move || {
                let out = convert_one(&path, &opts, doc_as, rows, &layouts);
                // The receiver is gone only when the converter was dropped: nothing to do.
                let _ = tx.send((seq, out));
            });
        }
        Ok(())
    }

    /// The next `max` results (or fewer: those in flight) as one set of Arrow columns:
    /// `(columns, errors, count)`, `columns` as from `arrow_of_many` (every table, or
    /// `table`), `errors` the exceptions of the inputs that failed, `count` the inputs
    /// taken; `None` when nothing is in flight. Needs a converter made with `rows="dicts"`;
    /// the columns are laid out with the GIL released while the workers go on.
    #[pyo3(signature = (max, layout, table=None))]
    fn next_arrow<'py>(
        &self,
        py: Python<'py>,
        max: usize,
        layout: &Bound<'_, PyDict>,
        table: Option<&str>,
    ) -> PyResult<Option<Bound<'py, PyTuple>>> {
        let only = only_table(table)?;
        let layouts = arrow::layouts(layout, only)?;
        let (tables, failed, count) = py.detach(|| -> PyResult<_> {
            let got = self.take(max.max(1))?;
            let count = got.len();
            let mut tables = arrow::ArrowTables::new(&layouts);
            let mut failed = Vec::new();
            for (path, out) in got {
                match out {
                    Ok((_, Some(RowsOut::Rows(r)))) => tables
                        .extend(&r)
                        .map_err(|e| InternalError::new_err(format!("Arrow rows: {e}")))?,
                    Ok(_) => {
                        return Err(PyRuntimeError::new_err(
                            "next_arrow needs a converter made with rows=\"dicts\"",
                        ))
                    }
                    Err(e) => failed.push((path, e)),
                }
            }
            Ok((tables, failed, count))
        })?;
        if count == 0 {
            return Ok(None);
        }
        let errors = failed
            .iter()
            .map(|(p, e)| error_to_pyerr(py, e, Some(p)).into_value(py))
            .collect::<Vec<_>>();
        let d = tables.into_py(py)?;
        let c = match only {
            Some(t) => d
                .get_item(t.name())?
                .unwrap_or_else(|| py.None().into_bound(py)),
            None => d.into_any(),
        };
        Ok(Some(
            (c, PyList::new(py, errors)?, count).into_pyobject(py)?,
        ))
    }

    /// The next result in submission order, as `(path, document, error, rows)`
    /// (`document` is the dict, or the JSON text with `output="json"`, and `None` for a
    /// failed input or with `output="none"`, `error` its exception; `error` is `None` for a
    /// converted one; `rows` is there when the converter was made with `rows=`), or `None`
    /// when nothing is in flight.
    fn next<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyTuple>>> {
        let Some((path, outcome)) = py.detach(|| self.take(1))?.pop() else {
            return Ok(None);
        };
        let t = match outcome {
            Ok((doc, tables)) => {
                let doc = match doc {
                    DocOut::Nothing => py.None().into_bound(py),
                    DocOut::Json(json) => json.into_pyobject(py)?.into_any(),
                    DocOut::Tree(d) => {
                        let dict = document_dict(py, &d)?;
                        drop_elsewhere(Some(&self.pool), d);
                        dict
                    }
                };
                let rows = match tables {
                    Some(t) => t.into_py(py, None, Some(&self.pool))?,
                    None => py.None().into_bound(py),
                };
                (path, doc, py.None(), rows).into_pyobject(py)?
            }
            Err(e) => {
                let exc = error_to_pyerr(py, &e, Some(&path)).into_value(py);
                (path, py.None(), exc, py.None()).into_pyobject(py)?
            }
        };
        Ok(Some(t))
    }
}

#[pymodule]
fn _treatydoc(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(parse_path_json, m)?)?;
    m.add_function(wrap_pyfunction!(parse_bytes_json, m)?)?;
    m.add_function(wrap_pyfunction!(default_limits, m)?)?;
    m.add_function(wrap_pyfunction!(rows_path_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(rows_bytes_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(parse_path, m)?)?;
    m.add_function(wrap_pyfunction!(parse_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(rows_path, m)?)?;
    m.add_function(wrap_pyfunction!(rows_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(arrow_of_many, m)?)?;
    m.add_function(wrap_pyfunction!(rows::row_tables, m)?)?;
    m.add_function(wrap_pyfunction!(rows::row_header, m)?)?;
    m.add_function(wrap_pyfunction!(rows::row_schema, m)?)?;
    m.add_class::<Converter>()?;
    m.add("TreatydocError", py.get_type::<TreatydocError>())?;
    m.add("ReadError", py.get_type::<ReadError>())?;
    m.add("NotADocxError", py.get_type::<NotADocxError>())?;
    m.add("EncryptedError", py.get_type::<EncryptedError>())?;
    m.add("LegacyDocError", py.get_type::<LegacyDocError>())?;
    m.add("DecodeError", py.get_type::<DecodeError>())?;
    m.add("TooLargeError", py.get_type::<TooLargeError>())?;
    m.add("MalformedXmlError", py.get_type::<MalformedXmlError>())?;
    m.add("DamagedZipError", py.get_type::<DamagedZipError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    Ok(())
}
