"""treatydoc: UN human-rights treaty-body documents as structured data, from Python.

Reads the UN's Word files (``.docx``) and their Apache Tika/POI text exports and returns the
same JSON tree as the ``treatydoc`` command line: metadata, headings, numbered paragraphs,
items, footnotes and resolved cross-references.

>>> import treatydoc
>>> doc = treatydoc.parse("CERD_C_URY_CO_21-23.docx")          # doctest: +SKIP
>>> doc["metadata"]["symbol"]                                    # doctest: +SKIP
'CERD/C/URY/CO/21-23'
>>> for r in treatydoc.convert(pathlib.Path("archive").rglob("*.docx"), jobs=4):  # doctest: +SKIP
...     print(r.path, r.document["metadata"]["symbol"] if r.ok else r.error)
>>> treatydoc.rows_arrow("CERD_C_URY_CO_21-23.docx", table="paragraphs")  # doctest: +SKIP
pyarrow.Table

Parsing runs in Rust with the GIL released, so threads parse in parallel; ``convert`` runs
its own pool of worker threads and yields the results in input order. The dicts are built
in Rust straight from the parsed tree (no JSON text in between) and equal ``json.loads`` of
the CLI's JSON; the Arrow tables (pyarrow, optional) wrap column buffers laid out in Rust.
"""

from __future__ import annotations

import csv
import functools
import itertools
import json
import os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union

from . import _treatydoc as _native
from ._treatydoc import (
    DamagedZipError,
    DecodeError,
    EncryptedError,
    InternalError,
    LegacyDocError,
    MalformedXmlError,
    NotADocxError,
    ReadError,
    TooLargeError,
    TreatydocError,
)

__version__: str = _native.__version__

__all__ = [
    "__version__",
    "parse",
    "parse_json",
    "rows",
    "rows_jsonl",
    "rows_arrow",
    "arrow_schema",
    "rows_arrow_of_many",
    "rows_arrow_batches",
    "ROW_TABLES",
    "row_columns",
    "row_schema",
    "convert",
    "Converted",
    "default_limits",
    "ERROR_CLASSES",
    "TreatydocError",
    "ReadError",
    "NotADocxError",
    "EncryptedError",
    "LegacyDocError",
    "DecodeError",
    "TooLargeError",
    "MalformedXmlError",
    "DamagedZipError",
    "InternalError",
]

#: The exception class of each error ``kind`` (the codes of the CLI's ``_errors.jsonl``).
ERROR_CLASSES: Dict[str, type] = {
    "io": ReadError,
    "not_a_docx": NotADocxError,
    "encrypted": EncryptedError,
    "legacy_doc": LegacyDocError,
    "decode": DecodeError,
    "too_large": TooLargeError,
    "malformed_xml": MalformedXmlError,
    "damaged_zip": DamagedZipError,
    "internal": InternalError,
}

Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]
Limits = Mapping[str, int]


def default_limits() -> Dict[str, int]:
    """The default resource limits, by name (the CLI's ``--max-*`` flags with ``_``)."""
    return _native.default_limits()


def parse_json(
    source: Source,
    *,
    format: Optional[str] = None,
    limits: Optional[Limits] = None,
    name: Optional[str] = None,
) -> str:
    """Parses one document and returns its JSON text, exactly what ``treatydoc parse``
    prints (without the final newline).

    ``source`` is a path (``str`` or ``os.PathLike``: the file is read and its path recorded
    in ``source.path``, as the CLI does) or the document's bytes (``bytes``, ``bytearray``,
    ``memoryview``; ``source.path`` is ``name``, ``None`` by default, as with ``parse -``).
    ``format`` forces the reader (``"docx"`` or ``"text"``); by default a ``.docx`` name
    selects the .docx reader and otherwise the content decides. ``limits`` overrides some
    of :func:`default_limits` (e.g. ``{"max_input_bytes": 1 << 20}``).

    Raises a :class:`TreatydocError` subclass naming the problem (see :data:`ERROR_CLASSES`),
    ``ValueError`` for an unknown format or limit, ``TypeError`` for another type of source.
    """
    limits_dict = None if limits is None else dict(limits)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = source if isinstance(source, (bytes, bytearray)) else bytes(source)
        return _native.parse_bytes_json(data, name, format, limits_dict)
    if isinstance(source, (str, os.PathLike)):
        if name is not None:
            raise TypeError("name= is for bytes; a path is recorded as it is given")
        path = os.fspath(source)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        return _native.parse_path_json(path, format, limits_dict)
    raise TypeError(
        f"parse() takes a path (str or os.PathLike) or bytes, not {type(source).__name__}"
    )


def parse(
    source: Source,
    *,
    format: Optional[str] = None,
    limits: Optional[Limits] = None,
    name: Optional[str] = None,
) -> Dict[str, Any]:
    """Parses one document into a dict: the JSON of ``treatydoc parse``, decoded (equal to
    ``json.loads(parse_json(...))``, but built in Rust from the parsed tree, with no JSON text
    in between: faster).

    The arguments are those of :func:`parse_json`.

    >>> doc = treatydoc.parse(b"Committee on the Rights of the Child\\n1.\\tThe Committee met.\\n")
    >>> doc["body"][0]["number"]                                      # doctest: +SKIP
    '1'
    """
    limits_dict = None if limits is None else dict(limits)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = source if isinstance(source, (bytes, bytearray)) else bytes(source)
        return _native.parse_bytes(data, name, format, limits_dict)
    if isinstance(source, (str, os.PathLike)):
        if name is not None:
            raise TypeError("name= is for bytes; a path is recorded as it is given")
        return _native.parse_path(_fspath(source), format, limits_dict)
    raise TypeError(
        f"parse() takes a path (str or os.PathLike) or bytes, not {type(source).__name__}"
    )


#: The analytics tables (issue 12), in the order they are documented and written.
ROW_TABLES: Tuple[str, ...] = tuple(_native.row_tables())


@functools.lru_cache(maxsize=None)
def _columns(table: str) -> Tuple[str, ...]:
    return tuple(next(csv.reader([_native.row_header(table)])))


def row_columns(table: str) -> List[str]:
    """The column names of ``table``, in the order the CLI writes them (its CSV header)."""
    return list(_columns(table))


def row_schema(table: str) -> Dict[str, Any]:
    """The JSON Schema of one row of ``table`` (``treatydoc schema --rows TABLE``)."""
    return json.loads(_native.row_schema(table))


def rows_jsonl(
    source: Source,
    *,
    format: Optional[str] = None,
    limits: Optional[Limits] = None,
    name: Optional[str] = None,
) -> Dict[str, str]:
    """The analytics rows of one document as ``{table: JSON Lines text}``, every table of
    :data:`ROW_TABLES` (an empty string for a table without rows): the lines the CLI writes
    for this document. The arguments are those of :func:`parse_json`."""
    limits_dict = None if limits is None else dict(limits)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = source if isinstance(source, (bytes, bytearray)) else bytes(source)
        return _native.rows_bytes_jsonl(data, name, format, limits_dict)
    if isinstance(source, (str, os.PathLike)):
        if name is not None:
            raise TypeError("name= is for bytes; a path is recorded as it is given")
        return _native.rows_path_jsonl(_fspath(source), format, limits_dict)
    raise TypeError(
        f"rows() takes a path (str or os.PathLike) or bytes, not {type(source).__name__}"
    )


def _decode_tables(tables: Dict[str, str]) -> Dict[str, List[Dict[str, Any]]]:
    return {t: [json.loads(line) for line in text.splitlines()] for t, text in tables.items()}


def rows(
    source: Source,
    *,
    table: Optional[str] = None,
    format: Optional[str] = None,
    limits: Optional[Limits] = None,
    name: Optional[str] = None,
) -> Union[Dict[str, List[Dict[str, Any]]], List[Dict[str, Any]]]:
    """The analytics rows of one document (issue 12): ``{table: [row, ...]}`` for every
    table of :data:`ROW_TABLES`, or the list of rows of ``table`` alone. Each row is a dict
    keyed by :func:`row_columns`; the rows are those the CLI writes for this document.

    >>> paras = treatydoc.rows("CERD_C_URY_CO_21-23.docx", table="paragraphs")  # doctest: +SKIP
    >>> paras[0]["symbol"], paras[0]["paragraph_id"]                               # doctest: +SKIP
    ('CERD/C/URY/CO/21-23', 'para-1')

    With pandas: ``pandas.DataFrame(treatydoc.rows(path, table="paragraphs"))``.
    """
    if table is not None and table not in ROW_TABLES:
        raise ValueError(f"unknown table {table!r}; known: {', '.join(ROW_TABLES)}")
    return _rows_native(source, "dicts", table, format, limits, name, "rows")


def _rows_native(source, how, table, format, limits, name, caller):
    limits_dict = None if limits is None else dict(limits)
    layout = _arrow_layouts() if how == "arrow" else None
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = source if isinstance(source, (bytes, bytearray)) else bytes(source)
        return _native.rows_bytes(data, how, name, table, format, limits_dict, layout)
    if isinstance(source, (str, os.PathLike)):
        if name is not None:
            raise TypeError("name= is for bytes; a path is recorded as it is given")
        return _native.rows_path(_fspath(source), how, table, format, limits_dict, layout)
    raise TypeError(
        f"{caller}() takes a path (str or os.PathLike) or bytes, not {type(source).__name__}"
    )


def _pyarrow():
    try:
        import pyarrow
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "treatydoc's Arrow output needs pyarrow, which is not installed: pip install pyarrow"
        ) from e
    return pyarrow


_INT_FORMATS = {
    "uint8": "uint8",
    "uint16": "uint16",
    "uint32": "uint32",
    "uint64": "uint64",
    "int8": "int8",
    "int16": "int16",
    "int32": "int32",
    "int64": "int64",
}


def _arrow_field_type(pa: Any, s: Dict[str, Any], defs: Dict[str, Any]) -> Tuple[Any, bool]:
    """The Arrow type of a JSON Schema node and whether it admits null."""
    if "$ref" in s:
        t, nullable = _arrow_field_type(pa, defs[s["$ref"].rsplit("/", 1)[-1]], defs)
        return t, nullable
    for key in ("anyOf", "oneOf"):
        if key in s:
            alts = [a for a in s[key] if a.get("type") != "null"]
            nullable = len(alts) < len(s[key])
            kinds = [_arrow_field_type(pa, a, defs) for a in alts]
            types = {str(k[0]) for k in kinds}
            nullable = nullable or any(k[1] for k in kinds)
            # Enums written as one alternative per value are strings all the same.
            return (kinds[0][0] if len(types) == 1 else pa.string()), nullable
    t = s.get("type", "string")
    nullable = False
    if isinstance(t, list):
        nullable = "null" in t
        t = next((x for x in t if x != "null"), "string")
    if t == "array":
        item, item_null = _arrow_field_type(pa, s.get("items", {}), defs)
        return pa.list_(pa.field("item", item, nullable=item_null)), nullable
    if t == "integer":
        return getattr(pa, _INT_FORMATS.get(s.get("format", ""), "int64"))(), nullable
    if t == "number":
        return pa.float64(), nullable
    if t == "boolean":
        return pa.bool_(), nullable
    return pa.string(), nullable


@functools.lru_cache(maxsize=None)
def arrow_schema(table: str) -> Any:
    """The ``pyarrow.Schema`` of ``table``: its columns in the CLI's order, typed after
    ``treatydoc schema --rows TABLE`` (``integer`` with ``format: uint32`` becomes
    ``uint32``, ``["string", "null"]`` a nullable ``string``, an enum a ``string``, an array
    a ``list``); a column is nullable exactly when its JSON Schema admits ``null``.
    Needs pyarrow."""
    pa = _pyarrow()
    schema = row_schema(table)
    defs = schema.get("$defs", {})
    props = schema["properties"]
    fields = []
    for c in row_columns(table):
        t, nullable = _arrow_field_type(pa, props[c], defs)
        fields.append(pa.field(c, t, nullable=nullable))
    return pa.schema(fields)


def _arrow_kind(pa: Any, t: Any) -> str:
    """The name the Rust side lays a column of type ``t`` out by."""
    if pa.types.is_list(t):
        return "list:" + _arrow_kind(pa, t.value_type)
    if pa.types.is_string(t):
        return "utf8"
    if pa.types.is_boolean(t):
        return "bool"
    if pa.types.is_integer(t):
        return ("i" if pa.types.is_signed_integer(t) else "u") + str(t.bit_width)
    raise TypeError(f"no Arrow layout for {t}")  # pragma: no cover - not in the schemas


@functools.lru_cache(maxsize=None)
def _arrow_layouts() -> Dict[str, List[Tuple[str, str]]]:
    pa = _pyarrow()
    return {
        t: [(f.name, _arrow_kind(pa, f.type)) for f in arrow_schema(t)] for t in ROW_TABLES
    }


def _arrow_array(pa: Any, t: Any, col: tuple) -> Any:
    # (length, null count, validity bitmap or None, buffers..., [items of a list]): the
    # Arrow columnar layout, made in Rust; pyarrow wraps the bytes without converting them.
    n, nulls, validity, *rest = col
    valid = None if validity is None else pa.py_buffer(validity)
    if pa.types.is_list(t):
        offsets, items = rest
        child = _arrow_array(pa, t.value_type, items)
        return pa.Array.from_buffers(t, n, [valid, pa.py_buffer(offsets)], nulls, children=[child])
    return pa.Array.from_buffers(t, n, [valid, *(pa.py_buffer(b) for b in rest)], nulls)


def _arrow_table(pa: Any, table: str, columns: Optional[List[tuple]]) -> Any:
    schema = arrow_schema(table)
    if columns is None:
        return schema.empty_table()
    arrays = [_arrow_array(pa, f.type, c) for f, c in zip(schema, columns)]
    return pa.Table.from_arrays(arrays, schema=schema)


def rows_arrow(
    source: Source,
    *,
    table: Optional[str] = None,
    format: Optional[str] = None,
    limits: Optional[Limits] = None,
    name: Optional[str] = None,
) -> Any:
    """The analytics rows of one document as ``pyarrow.Table`` s: ``{table: Table}`` for
    every table of :data:`ROW_TABLES`, or the ``Table`` of ``table`` alone (an empty one,
    with its schema, when the document has no such rows). The schema is
    :func:`arrow_schema`; the values are those of :func:`rows`. The columns are laid out in
    Rust in Arrow's own format (validity bitmaps, offsets, values) with the GIL released, and
    pyarrow wraps those buffers (no JSON, no row dicts, no Python object per value).
    Needs pyarrow (``ImportError`` otherwise). The arguments are those of :func:`rows`.

    >>> t = treatydoc.rows_arrow("CERD_C_URY_CO_21-23.docx", table="paragraphs")  # doctest: +SKIP
    >>> t.num_rows, t.schema.field("position").type                                # doctest: +SKIP
    (44, DataType(uint32))

    With pandas: ``rows_arrow(path, table="paragraphs").to_pandas()``; with DuckDB, query
    the table by its Python name.
    """
    pa = _pyarrow()
    if table is not None and table not in ROW_TABLES:
        raise ValueError(f"unknown table {table!r}; known: {', '.join(ROW_TABLES)}")
    got = _rows_native(source, "arrow", table, format, limits, name, "rows_arrow")
    if table is not None:
        return _arrow_table(pa, table, got)
    return {t: _arrow_table(pa, t, cols) for t, cols in got.items()}


def rows_arrow_of_many(
    inputs: Iterable[Tuple[str, Union[bytes, bytearray, memoryview]]],
    *,
    table: Optional[str] = None,
    jobs: Optional[int] = None,
    format: Optional[str] = None,
    limits: Optional[Limits] = None,
) -> Tuple[Any, List[TreatydocError]]:
    """The analytics rows of many documents given as ``(name, bytes)`` (``name`` is recorded
    as ``source.path``, as with ``rows(bytes, name=...)``), as one ``pyarrow.Table`` per
    table: ``({table: Table}, errors)``, or ``(Table, errors)`` with ``table``. The rows come
    in input order; ``errors`` holds the exceptions of the inputs that failed, in input order
    (their rows are absent). The documents are parsed on ``jobs`` worker threads (default:
    one per CPU) with the GIL released: what a Spark ``mapInArrow`` task would call on a batch
    of files read by Spark's ``binaryFile`` source. Needs pyarrow.

    >>> files = [(str(p), p.read_bytes()) for p in pathlib.Path("archive").rglob("*.docx")]  # doctest: +SKIP
    >>> paragraphs, errors = treatydoc.rows_arrow_of_many(files, table="paragraphs")       # doctest: +SKIP
    """
    pa = _pyarrow()
    if table is not None and table not in ROW_TABLES:
        raise ValueError(f"unknown table {table!r}; known: {', '.join(ROW_TABLES)}")
    if jobs is not None and jobs < 1:
        raise ValueError("jobs must be at least 1")
    items = [(n, d if isinstance(d, (bytes, bytearray)) else bytes(d)) for n, d in inputs]
    cols, errors = _native.arrow_of_many(
        items, _arrow_layouts(), table, jobs or 0, format, None if limits is None else dict(limits)
    )
    if table is not None:
        return _arrow_table(pa, table, cols), errors
    return {t: _arrow_table(pa, t, c) for t, c in cols.items()}, errors


def rows_arrow_batches(
    paths: Iterable[Union[str, "os.PathLike[str]"]],
    *,
    table: Optional[str] = None,
    jobs: Optional[int] = None,
    batch_docs: int = 256,
    format: Optional[str] = None,
    limits: Optional[Limits] = None,
    errors: str = "yield",
) -> Iterator[Tuple[Any, List[TreatydocError]]]:
    """The analytics rows of many files as Arrow, a batch of documents at a time: yields
    ``({table: pyarrow.Table}, errors)`` (or ``(Table, errors)`` with ``table``) for each
    run of up to ``batch_docs`` consecutive ``paths``, the rows in input order, ``errors``
    the exceptions of that run's failed inputs (``errors="raise"`` raises the first
    instead). The files are read and parsed on ``jobs`` worker threads (default: one per
    CPU) as with :func:`convert`, and the columns of each batch are laid out in Rust with the
    GIL released while the workers go on with the next one: the way to Arrow (or Parquet,
    with ``pyarrow.parquet``) for an archive. Needs pyarrow.

    >>> import pyarrow as pa                                                     # doctest: +SKIP
    >>> parts = [t for t, _ in treatydoc.rows_arrow_batches(files, table="paragraphs")]  # doctest: +SKIP
    >>> paragraphs = pa.concat_tables(parts)                                     # doctest: +SKIP
    """
    pa = _pyarrow()
    if table is not None and table not in ROW_TABLES:
        raise ValueError(f"unknown table {table!r}; known: {', '.join(ROW_TABLES)}")
    if errors not in ("yield", "raise"):
        raise ValueError('errors must be "yield" or "raise"')
    if jobs is not None and jobs < 1:
        raise ValueError("jobs must be at least 1")
    if batch_docs < 1:
        raise ValueError("batch_docs must be at least 1")
    threads = jobs or os.cpu_count() or 1
    converter = _native.Converter(
        threads, format, None if limits is None else dict(limits), "dicts", "none", None
    )
    return _arrow_batches(
        pa, converter, iter(paths), table, batch_docs, max(2 * batch_docs, 16), errors == "raise"
    )


def _arrow_batches(pa, converter, paths, table, batch, window, raise_errors):
    layout = _arrow_layouts()
    in_flight = 0
    exhausted = False
    while True:
        if not exhausted:
            chunk = [_fspath(p) for p in itertools.islice(paths, window - in_flight)]
            exhausted = len(chunk) < window - in_flight
            if chunk:
                converter.submit(chunk)
                in_flight += len(chunk)
        got = converter.next_arrow(batch, layout, table)
        if got is None:
            return
        cols, errs, n = got
        in_flight -= n
        if errs and raise_errors:
            raise errs[0]
        if table is not None:
            yield _arrow_table(pa, table, cols), errs
        else:
            yield {t: _arrow_table(pa, t, c) for t, c in cols.items()}, errs


def _json_line(document: Dict[str, Any]) -> str:
    # The CLI's bytes: serde_json's compact form, non-ASCII as is (the tests check this).
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


class Converted:
    """One input of :func:`convert`: ``path``, and either the document (:attr:`document`, a
    dict, and :attr:`json`, its JSON text as ``treatydoc convert --jsonl`` writes it) or
    ``error`` (the exception of its error kind). With ``convert(..., rows=...)``,
    :attr:`rows` holds the document's analytics rows."""

    __slots__ = ("path", "error", "_document", "_json", "_rows", "_rows_form")

    def __init__(
        self,
        path: str,
        document: Union[Dict[str, Any], str, None],
        error: Optional[TreatydocError],
        rows: Any = None,
        rows_form: Optional[str] = None,
    ):
        self.path = path
        self.error = error
        self._document = document if isinstance(document, dict) else None
        self._json = document if isinstance(document, str) else None
        self._rows = rows
        self._rows_form = rows_form

    @property
    def ok(self) -> bool:
        """Whether the input was converted."""
        return self.error is None

    @property
    def document(self) -> Dict[str, Any]:
        """The document as a dict (``json.loads`` of its JSON; with ``output="json"``
        decoded on first access); raises ``error`` for a failed input."""
        if self.error is not None:
            raise self.error
        if self._document is None:
            if self._json is None:
                raise ValueError("no document was made: convert(..., output=None)")
            self._document = json.loads(self._json)
        return self._document

    @property
    def json(self) -> Optional[str]:
        """The document's JSON text, the CLI's line (without the newline); ``None`` for a
        failed input. With ``output="dict"`` it is made from the dict on first access."""
        if self.error is not None:
            return None
        if self._json is None:
            self._json = _json_line(self.document)
        return self._json

    @property
    def rows_jsonl(self) -> Optional[Dict[str, str]]:
        """The analytics rows as ``{table: JSON Lines}`` (with ``rows="jsonl"``, else made
        from :attr:`rows`); ``None`` without ``rows=`` or for a failed input."""
        if self.error is not None or self._rows_form is None:
            return None
        if self._rows_form == "jsonl":
            return self._rows
        return {
            t: "".join(_json_line(r) + "\n" for r in rows)
            for t, rows in self._dict_rows().items()
        }

    def _dict_rows(self) -> Dict[str, List[Dict[str, Any]]]:
        if self._rows_form == "jsonl":
            return _decode_tables(self._rows)
        if self._rows_form == "arrow":
            return {t: tab.to_pylist() for t, tab in self._rows.items()}
        return self._rows

    @property
    def rows(self) -> Any:
        """The analytics rows: ``{table: [row, ...]}`` (``rows=True``, ``"dicts"`` or
        ``"jsonl"``) or ``{table: pyarrow.Table}`` (``rows="arrow"``); raises ``error`` for
        a failed input, ``ValueError`` if the rows were not asked for."""
        if self.error is not None:
            raise self.error
        if self._rows_form is None:
            raise ValueError("rows were not computed: call convert(..., rows=True)")
        if self._rows_form == "arrow":
            return self._rows
        return self._dict_rows()

    def error_record(self) -> Optional[Dict[str, str]]:
        """The CLI's error record ``{"path", "kind", "message"}`` of a failed input."""
        if self.error is None:
            return None
        e: Any = self.error
        return {"path": self.path, "kind": e.kind, "message": e.message}

    def __repr__(self) -> str:
        state = "ok" if self.error is None else f"error={self.error.kind!r}"  # type: ignore[attr-defined]
        return f"Converted({self.path!r}, {state})"


_ROWS_FORMS = {True: "dicts", "dicts": "dicts", "jsonl": "jsonl", "arrow": "arrow"}


def convert(
    paths: Iterable[Union[str, "os.PathLike[str]"]],
    *,
    jobs: Optional[int] = None,
    format: Optional[str] = None,
    limits: Optional[Limits] = None,
    errors: str = "yield",
    window: Optional[int] = None,
    rows: Union[bool, str] = False,
    output: Optional[str] = "dict",
) -> Iterator[Converted]:
    """Converts many files on ``jobs`` worker threads (default: one per CPU) and yields one
    :class:`Converted` per path, in the order of ``paths``, whatever ``jobs`` is.

    ``paths`` may be any iterable (a generator such as ``Path("archive").rglob("*.docx")``
    is consumed lazily); each is a file, read as ``treatydoc convert`` reads it. At most
    ``window`` inputs (default ``max(16, 4 * jobs)``) are in flight, so memory does not grow
    with the archive. ``errors="yield"`` (default) yields failed inputs with ``error`` set,
    as the CLI writes its ``_errors.jsonl``; ``errors="raise"`` raises the first failure.

    ``output="dict"`` (default) makes each document's dict (:attr:`Converted.document`) in
    Rust from the parsed tree; ``output="json"`` has the workers write the CLI's JSON text
    instead (:attr:`Converted.json`; the fastest way to JSON Lines, the dict is then decoded
    on first access); ``output=None`` makes no document, only the rows. ``rows=True`` (or ``"dicts"``) also computes each document's analytics
    rows on the workers as dicts, ``rows="jsonl"`` as JSON Lines, ``rows="arrow"`` as
    ``pyarrow.Table`` s (:attr:`Converted.rows`). The GIL is released while the workers
    parse; only building the Python objects takes it.

    >>> for r in treatydoc.convert(["a.docx", "b.txt"], jobs=2):   # doctest: +SKIP
    ...     print(r.path, r.ok)
    """
    if errors not in ("yield", "raise"):
        raise ValueError('errors must be "yield" or "raise"')
    if output not in ("dict", "json", None):
        raise ValueError('output must be "dict", "json" or None')
    if rows is False or rows is None:
        form = None
    elif rows in _ROWS_FORMS:
        form = _ROWS_FORMS[rows]
    else:
        raise ValueError('rows must be False, True, "dicts", "jsonl" or "arrow"')
    pa = _pyarrow() if form == "arrow" else None
    if jobs is not None and jobs < 1:
        raise ValueError("jobs must be at least 1")
    threads = jobs or os.cpu_count() or 1
    win = window or max(16, 4 * threads)
    if win < 1:
        raise ValueError("window must be at least 1")
    converter = _native.Converter(
        threads,
        format,
        None if limits is None else dict(limits),
        form,
        output or "none",
        _arrow_layouts() if form == "arrow" else None,
    )
    return _results(converter, iter(paths), win, errors == "raise", form, pa)


def _fspath(p: Union[str, "os.PathLike[str]"]) -> str:
    s = os.fspath(p)
    return os.fsdecode(s) if isinstance(s, bytes) else s


def _results(
    converter: Any,
    paths: Iterator[Any],
    window: int,
    raise_errors: bool,
    form: Optional[str],
    pa: Any,
) -> Iterator[Converted]:
    in_flight = 0
    exhausted = False
    # Refill in chunks (half a window) so that crossing into Rust is not paid per input.
    refill = max(1, window // 2)
    while True:
        if not exhausted and window - in_flight >= refill:
            chunk = [_fspath(p) for p in itertools.islice(paths, window - in_flight)]
            if len(chunk) < window - in_flight:
                exhausted = True
            if chunk:
                converter.submit(chunk)
                in_flight += len(chunk)
        got = converter.next()
        if got is None:
            return
        in_flight -= 1
        path, document, error, tables = got
        if error is not None and raise_errors:
            raise error
        if pa is not None and tables is not None:
            tables = {t: _arrow_table(pa, t, cols) for t, cols in tables.items()}
        yield Converted(path, document, error, tables, form if error is None else None)
