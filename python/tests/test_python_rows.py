"""treatydoc.rows against the CLI's `convert --rows`: the same rows, table by table, for
every fixture and corpus file; bytes and paths; convert(rows=True)."""

from __future__ import annotations

import json
import pathlib
import subprocess

import pytest

import treatydoc
from conftest import CERD_DOCX


@pytest.fixture(scope="session")
def cli_rows(cli, files, tmp_path_factory):
    """`treatydoc convert FILES --rows DIR` once: {table: [JSON line, ...]} in input order."""
    d = tmp_path_factory.mktemp("rows")
    r = subprocess.run(
        [cli, "convert", "--quiet", "-j", "2", "--rows", str(d / "rows"), "--errors", str(d / "e.jsonl"), *files],
        capture_output=True,
    )
    assert r.returncode in (0, 3), r.stderr
    return {
        t: (d / "rows" / f"{t}.jsonl").read_text(encoding="utf-8").splitlines()
        for t in treatydoc.ROW_TABLES
    }


def converted_files(files):
    out = []
    for f in files:
        try:
            treatydoc.parse_json(f)
        except treatydoc.TreatydocError:
            continue
        out.append(f)
    return out


def test_rows_equal_cli_on_every_input(cli_rows, files):
    ok = converted_files(files)
    assert len(ok) > 100
    got = {t: [] for t in treatydoc.ROW_TABLES}
    for f in ok:
        tables = treatydoc.rows_jsonl(f)
        assert tuple(tables) == treatydoc.ROW_TABLES
        decoded = treatydoc.rows(f)
        for t in treatydoc.ROW_TABLES:
            lines = tables[t].splitlines()
            got[t].extend(lines)
            assert [json.loads(l) for l in lines] == decoded[t], (f, t)
            # The JSON round trip gives the CLI's bytes back.
            assert [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in decoded[t]] == lines
            for row in decoded[t]:
                assert list(row) == treatydoc.row_columns(t), (f, t)
    for t in treatydoc.ROW_TABLES:
        assert got[t] == cli_rows[t], t
    # Every table has rows somewhere in the corpus.
    assert all(cli_rows[t] for t in ("documents", "headings", "paragraphs", "items", "footnotes", "refs"))


def test_rows_of_one_table_and_from_bytes():
    paras = treatydoc.rows(CERD_DOCX, table="paragraphs")
    assert paras == treatydoc.rows(str(CERD_DOCX))["paragraphs"]
    assert paras[0]["symbol"] == "CERD/C/URY/CO/21-23"
    assert paras[0]["state_party"] == "Uruguay"
    assert treatydoc.rows(CERD_DOCX.read_bytes(), name=str(CERD_DOCX)) == treatydoc.rows(CERD_DOCX)
    # Unnamed bytes are keyed by their SHA-256, as the CLI keys standard input.
    anon = treatydoc.rows(CERD_DOCX.read_bytes(), table="documents")
    assert anon[0]["doc"] == "sha256:" + treatydoc.parse(CERD_DOCX)["source"]["sha256"]
    with pytest.raises(ValueError, match="unknown table"):
        treatydoc.rows(CERD_DOCX, table="paragraph")
    with pytest.raises(treatydoc.EncryptedError):
        treatydoc.rows("fixtures/bad/encrypted.docx")


def test_row_schema_and_columns_agree():
    for t in treatydoc.ROW_TABLES:
        schema = treatydoc.row_schema(t)
        assert sorted(schema["properties"]) == sorted(treatydoc.row_columns(t)), t


@pytest.mark.parametrize("form,output", [(True, "dict"), ("jsonl", "json"), ("dicts", None)])
def test_convert_rows_equal_rows(files, form, output):
    ok = converted_files(files)[:40]
    for r in treatydoc.convert(ok, jobs=2, rows=form, output=output):
        assert r.rows_jsonl == treatydoc.rows_jsonl(r.path)
        assert r.rows == treatydoc.rows(r.path)
    r = next(treatydoc.convert(ok[:1]))
    with pytest.raises(ValueError):
        r.rows
