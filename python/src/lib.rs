//! The native half of the `treatydoc` Python package (`treatydoc._treatydoc`).
//!
//! It is a thin layer over the treatydoc crate: every function returns the JSON text the CLI
//! prints (the Python half turns it into dicts with `json.loads`, which is exact and fast),
//! every error becomes the exception class of its kind, and the GIL is released while Rust
//! reads, parses and serializes, so other Python threads run meanwhile.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Mutex;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::{PyDict, PyTuple};

use treatydoc::{Document, Error, ErrorKind, Format, LimitKind, Limits, Options};

mod rows;

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

/// One converted input: its JSON (and, when asked for, its rows), or its error.
type Outcome = Result<(String, Option<Vec<(&'static str, String)>>), Error>;

fn convert_one(path: &Path, opts: &Options, with_rows: bool) -> Outcome {
    let outputs = |d: Document| {
        let tables = with_rows.then(|| rows::tables_jsonl(&d));
        (treatydoc::writers::json::to_string(&d, false), tables)
    };
    // Like the batch runner: a panic (a bug) fails this input, not the whole run.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        treatydoc::parse_file(path, opts).map(outputs)
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
/// then `next` one result at a time. The GIL is released while waiting.
#[pyclass(module = "treatydoc._treatydoc")]
struct Converter {
    pool: rayon::ThreadPool,
    opts: std::sync::Arc<Options>,
    with_rows: bool,
    state: Mutex<ConverterState>,
}

#[pymethods]
impl Converter {
    #[new]
    #[pyo3(signature = (jobs=0, format=None, limits=None, with_rows=false))]
    fn new(
        jobs: usize,
        format: Option<&str>,
        limits: Option<&Bound<'_, PyDict>>,
        with_rows: bool,
    ) -> PyResult<Self> {
        let opts = options(format, limits)?;
        let threads = match jobs {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("treatydoc-{i}"))
            .build()
            .map_err(|e| {
                PyRuntimeError::new_err(format!("cannot start the worker threads: {e}"))
            })?;
        let (tx, rx) = channel();
        Ok(Converter {
            pool,
            opts: std::sync::Arc::new(opts),
            with_rows,
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
            let with_rows = self.with_rows;
            self.pool.spawn_fifo(move || {
                let out = convert_one(&path, &opts, with_rows);
                // The receiver is gone only when the converter was dropped: nothing to do.
                let _ = tx.send((seq, out));
            });
        }
        Ok(())
    }

    /// The next result in submission order, as `(path, json, error, rows)` (`json` is
    /// `None` for a failed input, `error` its exception; `error` is `None` for a converted
    /// one; `rows` is `{table: JSON Lines}` when the converter was made with `rows=True`),
    /// or `None` when nothing is in flight.
    fn next<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyTuple>>> {
        let (path, outcome) = py
            .detach(|| -> PyResult<Option<(String, Outcome)>> {
                let mut st = self
                    .state
                    .lock()
                    .map_err(|_| PyRuntimeError::new_err("converter state poisoned"))?;
                if st.next == st.submitted {
                    return Ok(None);
                }
                let want = st.next;
                while !st.pending.contains_key(&want) {
                    let (seq, out) = st
                        .rx
                        .recv()
                        .map_err(|_| PyRuntimeError::new_err("the worker threads stopped"))?;
                    st.pending.insert(seq, out);
                }
                let out = st.pending.remove(&want);
                let path = st.paths.remove(&want).unwrap_or_default();
                st.next += 1;
                Ok(out.map(|o| (path, o)))
            })?
            .map_or((None, None), |(p, o)| (Some(p), Some(o)));
        let (Some(path), Some(outcome)) = (path, outcome) else {
            return Ok(None);
        };
        let t = match outcome {
            Ok((json, None)) => (path, Some(json), py.None(), py.None()).into_pyobject(py)?,
            Ok((json, Some(tables))) => {
                let d = tables_dict(py, tables)?;
                (path, Some(json), py.None(), d.into_any()).into_pyobject(py)?
            }
            Err(e) => {
                let exc = error_to_pyerr(py, &e, Some(&path)).into_value(py);
                (path, None::<String>, exc, py.None()).into_pyobject(py)?
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
