"""Type stubs of the treatydoc package (the runtime code is treatydoc/__init__.py and the
Rust extension treatydoc._treatydoc)."""

import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Tuple, Union, overload

if TYPE_CHECKING:
    import pyarrow

__version__: str

Source = Union[str, os.PathLike[str], bytes, bytearray, memoryview]
Limits = Mapping[str, int]
Format = Literal["docx", "text"]

class TreatydocError(Exception):
    """Base class of every error for an input treatydoc cannot convert."""

    kind: str
    """The stable error code (``io``, ``not_a_docx``, ``encrypted``, ...)."""
    message: str
    """What went wrong, without the path."""
    path: Optional[str]
    """The input, when it has a name."""

class ReadError(TreatydocError): ...
class NotADocxError(TreatydocError): ...
class EncryptedError(TreatydocError): ...
class LegacyDocError(TreatydocError): ...
class DecodeError(TreatydocError): ...
class TooLargeError(TreatydocError):
    limit: str
    """The ``limits`` key that was exceeded (``"max_input_bytes"``, ...)."""
    measured: int
    """The value measured (a size, count, depth or ratio above ``max``)."""
    max: int
    """The limit in force."""
class MalformedXmlError(TreatydocError): ...
class DamagedZipError(TreatydocError): ...
class InternalError(TreatydocError): ...

ERROR_CLASSES: Dict[str, type[TreatydocError]]

def default_limits() -> Dict[str, int]: ...
def parse_json(
    source: Source,
    *,
    format: Optional[Format] = None,
    limits: Optional[Limits] = None,
    name: Optional[str] = None,
) -> str: ...
def parse(
    source: Source,
    *,
    format: Optional[Format] = None,
    limits: Optional[Limits] = None,
    name: Optional[str] = None,
) -> Dict[str, Any]: ...

ROW_TABLES: Tuple[str, ...]
"""``("documents", "headings", "paragraphs", "items", "footnotes", "refs", "warnings")``"""

def row_columns(table: str) -> List[str]: ...
def row_schema(table: str) -> Dict[str, Any]: ...
def rows_jsonl(
    source: Source,
    *,
    format: Optional[Format] = None,
    limits: Optional[Limits] = None,
    name: Optional[str] = None,
) -> Dict[str, str]: ...
@overload
def rows(
    source: Source,
    *,
    table: None = None,
    format: Optional[Format] = None,
    limits: Optional[Limits] = None,
    name: Optional[str] = None,
) -> Dict[str, List[Dict[str, Any]]]: ...
@overload
def rows(
    source: Source,
    *,
    table: str,
    format: Optional[Format] = None,
    limits: Optional[Limits] = None,
    name: Optional[str] = None,
) -> List[Dict[str, Any]]: ...

@overload
def rows_arrow(
    source: Source,
    *,
    table: None = None,
    format: Optional[Format] = None,
    limits: Optional[Limits] = None,
    name: Optional[str] = None,
) -> Dict[str, "pyarrow.Table"]: ...
@overload
def rows_arrow(
    source: Source,
    *,
    table: str,
    format: Optional[Format] = None,
    limits: Optional[Limits] = None,
    name: Optional[str] = None,
) -> "pyarrow.Table": ...
def arrow_schema(table: str) -> "pyarrow.Schema": ...
@overload
def rows_arrow_of_many(
    inputs: Iterable[Tuple[str, Union[bytes, bytearray, memoryview]]],
    *,
    table: None = None,
    jobs: Optional[int] = None,
    format: Optional[Format] = None,
    limits: Optional[Limits] = None,
) -> Tuple[Dict[str, "pyarrow.Table"], List[TreatydocError]]: ...
@overload
def rows_arrow_of_many(
    inputs: Iterable[Tuple[str, Union[bytes, bytearray, memoryview]]],
    *,
    table: str,
    jobs: Optional[int] = None,
    format: Optional[Format] = None,
    limits: Optional[Limits] = None,
) -> Tuple["pyarrow.Table", List[TreatydocError]]: ...

@overload
def rows_arrow_batches(
    paths: Iterable[Union[str, os.PathLike[str]]],
    *,
    table: None = None,
    jobs: Optional[int] = None,
    batch_docs: int = 256,
    format: Optional[Format] = None,
    limits: Optional[Limits] = None,
    errors: Literal["yield", "raise"] = "yield",
) -> Iterator[Tuple[Dict[str, "pyarrow.Table"], List[TreatydocError]]]: ...
@overload
def rows_arrow_batches(
    paths: Iterable[Union[str, os.PathLike[str]]],
    *,
    table: str,
    jobs: Optional[int] = None,
    batch_docs: int = 256,
    format: Optional[Format] = None,
    limits: Optional[Limits] = None,
    errors: Literal["yield", "raise"] = "yield",
) -> Iterator[Tuple["pyarrow.Table", List[TreatydocError]]]: ...

class Converted:
    path: str
    error: Optional[TreatydocError]
    @property
    def ok(self) -> bool: ...
    @property
    def document(self) -> Dict[str, Any]: ...
    @property
    def json(self) -> Optional[str]: ...
    @property
    def rows(self) -> Union[Dict[str, List[Dict[str, Any]]], Dict[str, "pyarrow.Table"]]: ...
    @property
    def rows_jsonl(self) -> Optional[Dict[str, str]]: ...
    def error_record(self) -> Optional[Dict[str, str]]: ...

def convert(
    paths: Iterable[Union[str, os.PathLike[str]]],
    *,
    jobs: Optional[int] = None,
    format: Optional[Format] = None,
    limits: Optional[Limits] = None,
    errors: Literal["yield", "raise"] = "yield",
    window: Optional[int] = None,
    rows: Union[bool, Literal["dicts", "jsonl", "arrow"]] = False,
    output: Optional[Literal["dict", "json"]] = "dict",
) -> Iterator[Converted]: ...
