"""treatydoc's Python API against its CLI: the same JSON, byte for byte, for every fixture
and corpus file; the same errors, as exception classes; paths, bytes and convert."""

from __future__ import annotations

import json
import os
import pathlib
import re
import subprocess
import sys
import threading

import pytest

import treatydoc
from conftest import CERD_DOCX, REPO


def dumps(doc) -> str:
    """The CLI's serialization: compact, non-ASCII kept (serde_json's defaults)."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def cli_parse(cli: str, path: str) -> subprocess.CompletedProcess:
    return subprocess.run([cli, "parse", path], capture_output=True)


@pytest.fixture(scope="session")
def cli_convert(cli, files, tmp_path_factory):
    """`treatydoc convert FILES --jsonl` once over every input: the JSONL lines and the error
    records, in input order."""
    d = tmp_path_factory.mktemp("cli")
    out, errs = d / "out.jsonl", d / "errors.jsonl"
    r = subprocess.run(
        [cli, "convert", "--quiet", "-j", "2", "--jsonl", str(out), "--errors", str(errs), *files],
        capture_output=True,
    )
    assert r.returncode in (0, 3), r.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(l) for l in errs.read_text(encoding="utf-8").splitlines()]
    return lines, records


def test_version_is_the_crates():
    cargo = (REPO / "Cargo.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', cargo, re.M).group(1)
    assert treatydoc.__version__ == version
    pycargo = (REPO / "python" / "Cargo.toml").read_text(encoding="utf-8")
    assert re.search(r'^version = "([^"]+)"', pycargo, re.M).group(1) == version
    from importlib.metadata import version as dist_version

    assert dist_version("treatydoc") == version


def test_readme_line_prints_the_symbol():
    # The README's one-liner, run as a user runs it from the repository root.
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            "import treatydoc; print(treatydoc.parse('../shared/corpus/CERD_C_URY_CO_21-23.docx')['metadata']['symbol'])",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout == "CERD/C/URY/CO/21-23\n"


def test_parse_equals_cli_on_every_input(cli, files):
    converted = failed = 0
    for f in files:
        r = cli_parse(cli, f)
        if r.returncode == 0:
            doc = treatydoc.parse(f)
            assert doc == json.loads(r.stdout), f
            assert (dumps(doc) + "\n").encode("utf-8") == r.stdout, f
            assert treatydoc.parse_json(f) + "\n" == r.stdout.decode("utf-8"), f
            converted += 1
        else:
            assert r.returncode == 1, (f, r.stderr)
            with pytest.raises(treatydoc.TreatydocError) as e:
                treatydoc.parse(f)
            # The CLI prints "treatydoc: PATH: MESSAGE"; the exception says "PATH: MESSAGE".
            assert f"treatydoc: {e.value}\n" == r.stderr.decode("utf-8"), f
            assert e.value.path == f
            failed += 1
    assert converted > 100 and failed >= 8, (converted, failed)


def test_bytes_equal_paths_on_every_input(files):
    for f in files:
        data = pathlib.Path(f).read_bytes()
        try:
            from_path = treatydoc.parse(f)
        except treatydoc.TreatydocError as e:
            # Named, bytes fail exactly as the file does.
            with pytest.raises(type(e)) as e2:
                treatydoc.parse(data, name=f)
            assert str(e2.value) == str(e)
            continue
        assert treatydoc.parse(data, name=f) == from_path, f
        assert treatydoc.parse(bytearray(data), name=f) == from_path, f
        assert treatydoc.parse(memoryview(data), name=f) == from_path, f
        # Unnamed, like `treatydoc parse -`: no source.path, the format from the content.
        anon = treatydoc.parse(data)
        assert anon["source"]["path"] is None
        assert anon["source"]["sha256"] == from_path["source"]["sha256"]
        if not f.lower().endswith(".docx") or data.startswith(b"PK"):
            assert anon["body"] == from_path["body"], f


def test_bytes_equal_cli_stdin(cli):
    data = CERD_DOCX.read_bytes()
    r = subprocess.run([cli, "parse", "-"], input=data, capture_output=True, check=True)
    assert (dumps(treatydoc.parse(data)) + "\n").encode() == r.stdout


def test_pathlike_and_str_paths_agree():
    assert treatydoc.parse(pathlib.Path("fixtures/CRC_C_OPSC_PER_CO_1.txt")) == treatydoc.parse(
        "fixtures/CRC_C_OPSC_PER_CO_1.txt"
    )


@pytest.mark.parametrize("output", ["dict", "json"])
def test_convert_equals_cli_convert(cli_convert, files, output):
    # dict: the dicts built in Rust, whose json.dumps must give the CLI's lines; json: the
    # workers' JSON text, whose json.loads must give the same dicts.
    lines, records = cli_convert
    got_lines, got_records = [], []
    for r in treatydoc.convert(files, jobs=2, output=output):
        if r.ok:
            assert r.error_record() is None
            doc = r.document
            assert isinstance(doc, dict)
            got_lines.append(dumps(doc))
            assert r.json == got_lines[-1]
            assert doc == json.loads(lines[len(got_lines) - 1])
        else:
            got_records.append(r.error_record())
            assert isinstance(r.error, treatydoc.ERROR_CLASSES[r.error.kind])
            assert r.json is None
            with pytest.raises(type(r.error)):
                r.document
    assert got_lines == lines
    assert got_records == records
    assert len(got_lines) + len(got_records) == len(files)


def test_convert_arguments():
    with pytest.raises(ValueError, match="output"):
        treatydoc.convert([], output="text")
    with pytest.raises(ValueError, match="rows"):
        treatydoc.convert([], rows="csv")
    (r,) = treatydoc.convert(["fixtures/CRC_C_OPSC_PER_CO_1.txt"], output=None, rows=True)
    assert r.ok and r.rows["documents"][0]["doc"] == "fixtures/CRC_C_OPSC_PER_CO_1.txt"
    with pytest.raises(ValueError, match="output=None"):
        r.document


def test_convert_is_ordered_and_lazy_whatever_jobs(files):
    one = [(r.path, r.json, r.error_record()) for r in treatydoc.convert(files, jobs=1)]
    # A generator, a tiny window and more threads than inputs in flight.
    two = [
        (r.path, r.json, r.error_record())
        for r in treatydoc.convert((pathlib.Path(f) for f in files), jobs=3, window=2)
    ]
    assert one == two
    assert [p for p, _, _ in one] == files


def test_convert_errors_raise():
    with pytest.raises(treatydoc.EncryptedError):
        list(
            treatydoc.convert(
                ["fixtures/CRC_C_OPSC_PER_CO_1.txt", "fixtures/bad/encrypted.docx"],
                errors="raise",
            )
        )
    assert list(treatydoc.convert([])) == []


def test_error_classes_match_the_kinds(cli_convert):
    _, records = cli_convert
    kinds = {r["kind"] for r in records}
    # The broken fixtures cover these kinds at least.
    assert {"not_a_docx", "encrypted", "legacy_doc", "decode", "malformed_xml", "damaged_zip"} <= kinds
    for rec in records:
        with pytest.raises(treatydoc.TreatydocError) as e:
            treatydoc.parse(rec["path"])
        assert type(e.value) is treatydoc.ERROR_CLASSES[rec["kind"]], rec
        assert e.value.kind == rec["kind"]
        assert e.value.message == rec["message"]
    expected = {
        "fixtures/bad/encrypted.docx": treatydoc.EncryptedError,
        "fixtures/bad/legacy_word97.doc": treatydoc.LegacyDocError,
        "fixtures/bad/empty.docx": treatydoc.NotADocxError,
        "fixtures/bad/binary_named.txt": treatydoc.DecodeError,
        "fixtures/bad/malformed_document_xml.docx": treatydoc.MalformedXmlError,
        "fixtures/bad/truncated_zip.docx": treatydoc.DamagedZipError,
    }
    for path, cls in expected.items():
        with pytest.raises(cls):
            treatydoc.parse(path)
    with pytest.raises(treatydoc.ReadError) as e:
        treatydoc.parse("fixtures/no such file.docx")
    assert e.value.kind == "io"
    for cls in treatydoc.ERROR_CLASSES.values():
        assert issubclass(cls, treatydoc.TreatydocError) and cls is not treatydoc.TreatydocError
        assert cls.__module__ == "treatydoc"
    assert len(set(treatydoc.ERROR_CLASSES.values())) == len(treatydoc.ERROR_CLASSES)


def test_limits_and_format(cli):
    with pytest.raises(treatydoc.TooLargeError) as e:
        treatydoc.parse(CERD_DOCX, limits={"max_input_bytes": 1000})
    assert (e.value.limit, e.value.max) == ("max_input_bytes", 1000)
    assert e.value.measured == CERD_DOCX.stat().st_size
    # The CLI's message, naming the Python way to raise the limit instead of the flag.
    r = subprocess.run([cli, "parse", "--max-input-bytes", "1000", str(CERD_DOCX)], capture_output=True)
    assert r.returncode == 1
    cli_msg = r.stderr.decode().replace("--max-input-bytes", 'limits={"max_input_bytes": ...}')
    assert cli_msg == f"treatydoc: {e.value}\n"
    with pytest.raises(treatydoc.TooLargeError):
        treatydoc.parse(CERD_DOCX.read_bytes(), limits={"max_paragraphs": 3})
    assert treatydoc.default_limits()["max_xml_depth"] == 256
    # Every limit of the library can be set, by the name of its Limits field.
    with pytest.raises(treatydoc.TooLargeError) as e:
        treatydoc.parse(CERD_DOCX, limits={"max_ref_members": 1})
    assert e.value.limit == "max_ref_members"
    same = treatydoc.parse(CERD_DOCX, limits=treatydoc.default_limits())
    assert same == treatydoc.parse(CERD_DOCX)
    with pytest.raises(ValueError, match="unknown limit"):
        treatydoc.parse(CERD_DOCX, limits={"max_bytes": 1})
    with pytest.raises(ValueError, match="max_xml_depth"):
        treatydoc.parse(CERD_DOCX, limits={"max_xml_depth": 0})
    with pytest.raises(ValueError):
        treatydoc.parse(CERD_DOCX, limits={"max_input_bytes": -1})
    with pytest.raises(ValueError, match="unknown format"):
        treatydoc.parse(CERD_DOCX, format="pdfx")
    # Forcing the text reader on a zip: CLI `--format text` gives the same error or tree.
    text = "fixtures/CRC_C_OPSC_PER_CO_1.txt"
    assert treatydoc.parse(text, format="text") == treatydoc.parse(text)
    with pytest.raises(treatydoc.NotADocxError):
        treatydoc.parse(text, format="docx")
    with pytest.raises(TypeError):
        treatydoc.parse(12)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        treatydoc.parse(text, name="x.txt")


def test_cli_format_flag_agrees(cli):
    text = "fixtures/CRC_C_OPSC_PER_CO_1.txt"
    r = subprocess.run([cli, "parse", "--format", "docx", text], capture_output=True)
    with pytest.raises(treatydoc.NotADocxError) as e:
        treatydoc.parse(text, format="docx")
    assert r.stderr.decode() == f"treatydoc: {e.value}\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_gil_is_released_while_reading(tmp_path):
    # parse() of a FIFO blocks in Rust until a writer opens it. The writer is this (main)
    # thread, which needs the GIL: if parse() held it, this would never finish.
    fifo = tmp_path / "doc.txt"
    os.mkfifo(fifo)
    result = {}

    def reader():
        try:
            result["doc"] = treatydoc.parse(fifo)
        except BaseException as e:  # noqa: BLE001 - reported below
            result["error"] = e

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    data = pathlib.Path("fixtures/CRC_C_OPSC_PER_CO_1.txt").read_bytes()
    with open(fifo, "wb") as w:
        w.write(data)
    t.join(timeout=60)
    assert not t.is_alive(), "parse() never returned"
    assert "error" not in result, result
    assert result["doc"]["body"] == treatydoc.parse(data, name=str(fifo))["body"]
    assert fifo.exists()  # the FIFO is read, never removed
