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

Parsing runs in Rust with the GIL released, so threads parse in parallel; ``convert`` runs
its own pool of worker threads and yields the results in input order.
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
    """Parses one document into a dict: the JSON of ``treatydoc parse``, decoded.

    The arguments are those of :func:`parse_json`.

    >>> doc = treatydoc.parse(b"Committee on the Rights of the Child\\n1.\\tThe Committee met.\\n")
    >>> doc["body"][0]["number"]                                      # doctest: +SKIP
    '1'
    """
    return json.loads(parse_json(source, format=format, limits=limits, name=name))


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
    tables = rows_jsonl(source, format=format, limits=limits, name=name)
    if table is not None:
        return [json.loads(line) for line in tables[table].splitlines()]
    return _decode_tables(tables)


class Converted:
    """One input of :func:`convert`: ``path``, and either ``json`` (the document's JSON
    text, as ``treatydoc convert --jsonl`` writes it) or ``error`` (the exception of its
    error kind). With ``convert(..., rows=True)``, ``rows_jsonl`` holds the document's
    analytics rows (``{table: JSON Lines}``) and :attr:`rows` decodes them."""

    __slots__ = ("path", "json", "error", "rows_jsonl", "_document")

    def __init__(
        self,
        path: str,
        json_text: Optional[str],
        error: Optional[TreatydocError],
        rows_jsonl: Optional[Dict[str, str]] = None,
    ):
        self.path = path
        self.json = json_text
        self.error = error
        self.rows_jsonl = rows_jsonl
        self._document: Optional[Dict[str, Any]] = None

    @property
    def rows(self) -> Dict[str, List[Dict[str, Any]]]:
        """The analytics rows ``{table: [row, ...]}`` (needs ``convert(..., rows=True)``);
        raises ``error`` for a failed input."""
        if self.error is not None:
            raise self.error
        if self.rows_jsonl is None:
            raise ValueError("rows were not computed: call convert(..., rows=True)")
        return _decode_tables(self.rows_jsonl)

    @property
    def ok(self) -> bool:
        """Whether the input was converted."""
        return self.error is None

    @property
    def document(self) -> Dict[str, Any]:
        """The document as a dict (decoded on first access); raises ``error`` for a failed
        input."""
        if self.error is not None:
            raise self.error
        if self._document is None:
            self._document = json.loads(self.json)  # type: ignore[arg-type]
        return self._document

    def error_record(self) -> Optional[Dict[str, str]]:
        """The CLI's error record ``{"path", "kind", "message"}`` of a failed input."""
        if self.error is None:
            return None
        e: Any = self.error
        return {"path": self.path, "kind": e.kind, "message": e.message}

    def __repr__(self) -> str:
        state = "ok" if self.error is None else f"error={self.error.kind!r}"  # type: ignore[attr-defined]
        return f"Converted({self.path!r}, {state})"


def convert(
    paths: Iterable[Union[str, "os.PathLike[str]"]],
    *,
    jobs: Optional[int] = None,
    format: Optional[str] = None,
    limits: Optional[Limits] = None,
    errors: str = "yield",
    window: Optional[int] = None,
    rows: bool = False,
) -> Iterator[Converted]:
    """Converts many files on ``jobs`` worker threads (default: one per CPU) and yields one
    :class:`Converted` per path, in the order of ``paths``, whatever ``jobs`` is.

    ``paths`` may be any iterable (a generator such as ``Path("archive").rglob("*.docx")``
    is consumed lazily); each is a file, read as ``treatydoc convert`` reads it. At most
    ``window`` inputs (default ``max(16, 4 * jobs)``) are in flight, so memory does not grow
    with the archive. ``errors="yield"`` (default) yields failed inputs with ``error`` set,
    as the CLI writes its ``_errors.jsonl``; ``errors="raise"`` raises the first failure.
    ``rows=True`` also computes each document's analytics rows on the workers
    (:attr:`Converted.rows`). The GIL is released while the workers parse.

    >>> for r in treatydoc.convert(["a.docx", "b.txt"], jobs=2):   # doctest: +SKIP
    ...     print(r.path, r.ok)
    """
    if errors not in ("yield", "raise"):
        raise ValueError('errors must be "yield" or "raise"')
    if jobs is not None and jobs < 1:
        raise ValueError("jobs must be at least 1")
    threads = jobs or os.cpu_count() or 1
    win = window or max(16, 4 * threads)
    if win < 1:
        raise ValueError("window must be at least 1")
    converter = _native.Converter(threads, format, None if limits is None else dict(limits), rows)
    return _results(converter, iter(paths), win, errors == "raise")


def _fspath(p: Union[str, "os.PathLike[str]"]) -> str:
    s = os.fspath(p)
    return os.fsdecode(s) if isinstance(s, bytes) else s


def _results(converter: Any, paths: Iterator[Any], window: int, raise_errors: bool) -> Iterator[Converted]:
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
        path, json_text, error, tables = got
        if error is not None and raise_errors:
            raise error
        yield Converted(path, json_text, error, tables)
