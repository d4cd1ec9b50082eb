"""The analytics rows as Arrow tables (rows_arrow, rows_arrow_of_many, convert(rows="arrow"))
against the rows: the same values, row by row, for every fixture and corpus file, with the
schema of `treatydoc schema --rows TABLE`. Runs when pyarrow is importable (CI installs it)."""

from __future__ import annotations

import builtins
import json
import os
import pathlib
import subprocess

import pytest

import treatydoc
from conftest import CERD_DOCX
from test_python_rows import converted_files

if os.environ.get("TREATYDOC_REQUIRE_ARROW"):
    import pyarrow as pa  # CI installs it: a missing pyarrow fails, never skips
else:
    pa = pytest.importorskip("pyarrow")


def test_rows_arrow_equal_rows_on_every_input(files):
    ok = converted_files(files)
    assert len(ok) > 100
    seen = {t: 0 for t in treatydoc.ROW_TABLES}
    for f in ok:
        tables = treatydoc.rows_arrow(f)
        rows = treatydoc.rows(f)
        assert tuple(tables) == treatydoc.ROW_TABLES
        for t, tab in tables.items():
            assert isinstance(tab, pa.Table)
            tab.validate(full=True)  # the buffers laid out in Rust are well-formed Arrow
            assert tab.schema == treatydoc.arrow_schema(t), (f, t)
            assert tab.column_names == treatydoc.row_columns(t)
            assert tab.to_pylist() == rows[t], (f, t)
            seen[t] += tab.num_rows
    # Every table had rows somewhere (warnings too: some fixture warns).
    assert all(seen.values()), seen


def test_arrow_schema_follows_the_json_schema(cli):
    for t in treatydoc.ROW_TABLES:
        js = json.loads(subprocess.run([cli, "schema", "--rows", t], capture_output=True, check=True).stdout)
        schema = treatydoc.arrow_schema(t)
        assert schema.names == treatydoc.row_columns(t)
        for field in schema:
            prop = js["properties"][field.name]
            t_ = prop.get("type")
            admits_null = (isinstance(t_, list) and "null" in t_) or any(
                a.get("type") == "null" for a in prop.get("anyOf", [])
            )
            assert field.nullable == admits_null, (t, field)
    refs = treatydoc.arrow_schema("refs")
    assert refs.field("position").type == pa.uint32() and not refs.field("position").nullable
    assert refs.field("year").type == pa.int32() and refs.field("year").nullable
    assert refs.field("domestic").type == pa.bool_()
    assert refs.field("kind").type == pa.string()  # an enum
    assert refs.field("meetings").type == pa.list_(pa.field("item", pa.uint32(), nullable=False))
    paras = treatydoc.arrow_schema("paragraphs")
    # Vec<Option<String>>: the items are nullable, the list is not.
    assert paras.field("section_numbers").type == pa.list_(pa.field("item", pa.string(), nullable=True))
    assert not paras.field("section_numbers").nullable


def test_one_table_bytes_and_empty_tables():
    paras = treatydoc.rows_arrow(CERD_DOCX, table="paragraphs")
    assert paras.to_pylist() == treatydoc.rows(CERD_DOCX, table="paragraphs")
    assert paras.column("symbol")[0].as_py() == "CERD/C/URY/CO/21-23"
    data = CERD_DOCX.read_bytes()
    assert treatydoc.rows_arrow(data, name=str(CERD_DOCX), table="paragraphs").equals(paras)
    # No warnings in this document: an empty table that still has its schema.
    w = treatydoc.rows_arrow(CERD_DOCX, table="warnings")
    assert w.num_rows == 0 and w.schema == treatydoc.arrow_schema("warnings")
    with pytest.raises(ValueError, match="unknown table"):
        treatydoc.rows_arrow(CERD_DOCX, table="paragraph")
    with pytest.raises(treatydoc.EncryptedError):
        treatydoc.rows_arrow("fixtures/bad/encrypted.docx")
    with pytest.raises(TypeError):
        treatydoc.rows_arrow(3)  # type: ignore[arg-type]


@pytest.mark.parametrize("jobs", [1, 2])
def test_rows_arrow_of_many_concatenates_in_input_order(files, jobs):
    # Good inputs, with the broken fixtures among them.
    bad = [f for f in files if f.startswith("fixtures/bad/")]
    good = [f for f in files if f not in bad][:50]
    picked = good[:25] + bad + good[25:]
    inputs = [(f, pathlib.Path(f).read_bytes()) for f in picked]
    every, every_errors = treatydoc.rows_arrow_of_many(inputs, jobs=jobs)
    assert tuple(every) == treatydoc.ROW_TABLES
    for t in ("paragraphs", "refs", "documents", "warnings"):
        got, errors = treatydoc.rows_arrow_of_many(inputs, table=t, jobs=jobs)
        assert every[t].equals(got)
        assert [str(e) for e in every_errors] == [str(e) for e in errors]
        want, want_errors = [], []
        for f, data in inputs:
            try:
                want.extend(treatydoc.rows(data, name=f, table=t))
            except treatydoc.TreatydocError as e:
                want_errors.append((type(e), str(e)))
        assert got.schema == treatydoc.arrow_schema(t)
        assert got.to_pylist() == want, t
        assert [(type(e), str(e)) for e in errors] == want_errors
    assert want_errors, "the fixtures include broken inputs"
    empty, errors = treatydoc.rows_arrow_of_many([], table="items")
    assert empty.num_rows == 0 and errors == []
    with pytest.raises(ValueError, match="unknown table"):
        treatydoc.rows_arrow_of_many(inputs, table="rows")


def test_convert_rows_arrow(files):
    ok = converted_files(files)[:30]
    n = 0
    for r in treatydoc.convert(ok + ["fixtures/bad/encrypted.docx"], jobs=2, rows="arrow", output=None):
        if not r.ok:
            assert isinstance(r.error, treatydoc.EncryptedError)
            continue
        want = treatydoc.rows(r.path)
        assert {t: tab.to_pylist() for t, tab in r.rows.items()} == want
        assert r.rows_jsonl == treatydoc.rows_jsonl(r.path)
        n += 1
    assert n == len(ok)


def test_a_missing_pyarrow_is_a_clear_import_error(monkeypatch):
    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ImportError("No module named 'pyarrow'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(ImportError, match="pip install pyarrow"):
        treatydoc.rows_arrow(CERD_DOCX)
    with pytest.raises(ImportError, match="pip install pyarrow"):
        treatydoc.convert([CERD_DOCX], rows="arrow")
    # Everything else works without it.
    assert treatydoc.rows(CERD_DOCX, table="documents")[0]["symbol"] == "CERD/C/URY/CO/21-23"


@pytest.mark.parametrize("batch_docs,first", [(1, 30), (7, None)])
def test_rows_arrow_batches_equal_the_rows(files, batch_docs, first):
    # Every input in batches of 7; the first 30 (broken fixtures among them) one by one.
    picked = [f for f in files if not f.endswith(".doc")]
    if first:
        bad = [f for f in picked if f.startswith("fixtures/bad/")]
        picked = bad[:3] + [f for f in picked if f not in bad][: first - 3]
    got = {t: [] for t in treatydoc.ROW_TABLES}
    errors = []
    batches = 0
    for tables, errs in treatydoc.rows_arrow_batches(iter(picked), jobs=2, batch_docs=batch_docs):
        batches += 1
        errors.extend(str(e) for e in errs)
        for t, tab in tables.items():
            assert tab.schema == treatydoc.arrow_schema(t)
            got[t].extend(tab.to_pylist())
    assert batches == -(-len(picked) // batch_docs)
    want = {t: [] for t in treatydoc.ROW_TABLES}
    want_errors = []
    for f in picked:
        try:
            r = treatydoc.rows(f)
        except treatydoc.TreatydocError as e:
            want_errors.append(str(e))
            continue
        for t in treatydoc.ROW_TABLES:
            want[t].extend(r[t])
    assert got == want
    assert errors == want_errors and errors
    one = [t for t, _ in treatydoc.rows_arrow_batches(picked[:20], table="refs", batch_docs=8)]
    assert pa.concat_tables(one).to_pylist() == [r for f in picked[:20] for r in _rows_or_none(f, "refs")]
    with pytest.raises(treatydoc.EncryptedError):
        list(treatydoc.rows_arrow_batches(["fixtures/bad/encrypted.docx"], errors="raise"))
    with pytest.raises(ValueError):
        treatydoc.rows_arrow_batches([], batch_docs=0)


def _rows_or_none(f, table):
    try:
        return treatydoc.rows(f, table=table)
    except treatydoc.TreatydocError:
        return []
