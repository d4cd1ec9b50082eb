"""Type stubs of the treatydoc package (the runtime code is treatydoc/__init__.py and the
Rust extension treatydoc._treatydoc)."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Tuple, Union, overload

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

class Converted:
    path: str
    json: Optional[str]
    error: Optional[TreatydocError]
    rows_jsonl: Optional[Dict[str, str]]
    @property
    def ok(self) -> bool: ...
    @property
    def document(self) -> Dict[str, Any]: ...
    @property
    def rows(self) -> Dict[str, List[Dict[str, Any]]]: ...
    def error_record(self) -> Optional[Dict[str, str]]: ...

def convert(
    paths: Iterable[Union[str, os.PathLike[str]]],
    *,
    jobs: Optional[int] = None,
    format: Optional[Format] = None,
    limits: Optional[Limits] = None,
    errors: Literal["yield", "raise"] = "yield",
    window: Optional[int] = None,
    rows: bool = False,
) -> Iterator[Converted]: ...
