"""The PySpark job (python/examples/spark_convert.py) in local mode: a folder of documents
to Parquet tables whose paragraph rows (and every other table) equal the CLI's for the
same inputs. Runs when pyspark is importable (CI installs it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

import treatydoc
from conftest import CORPUS, REPO

if os.environ.get("TREATYDOC_REQUIRE_SPARK"):
    import pyspark  # noqa: F401 - CI installs it: a missing pyspark fails, never skips
else:
    pyspark = pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def archive(tmp_path_factory, files):
    """A folder like a real archive: the fixtures (broken ones included) and the corpus's
    CERD files, in subfolders."""
    root = tmp_path_factory.mktemp("archive") / "in"
    picked = [f for f in files if f.startswith("fixtures/")]
    picked += [str(CORPUS / "CERD_C_URY_CO_21-23.docx"), str(CORPUS / "CERD_C_URY_CO_21-23.poi.txt")]
    picked += sorted(f for f in files if "foreign-docx" in f)[:20]
    for f in picked:
        rel = os.path.relpath(os.path.abspath(f), REPO.parent).replace("..", "up")
        dest = root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, dest)
    return root


def test_spark_job_gives_the_clis_rows(archive, cli, tmp_path):
    out = tmp_path / "parquet"
    # Spark binds to the loopback interface only.
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, SPARK_LOCAL_IP="127.0.0.1")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    job = subprocess.run(
        [sys.executable, str(REPO / "python/examples/spark_convert.py"), str(archive), str(out), "--master", "local[2]"],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert job.returncode == 0, job.stderr[-5000:]
    counts = json.loads(job.stdout.strip().splitlines()[-1])

    cli_dir = tmp_path / "cli"
    r = subprocess.run(
        [cli, "convert", "--quiet", str(archive), "--rows", str(cli_dir), "--errors", str(tmp_path / "errors.jsonl")],
        capture_output=True,
    )
    assert r.returncode == 3, r.stderr  # the broken fixtures fail, the rest converts

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[1]").appName("treatydoc-test").getOrCreate()
    try:
        for table in treatydoc.ROW_TABLES:
            expected = [json.loads(l) for l in (cli_dir / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()]
            assert counts[table] == len(expected), table
            if not expected:
                continue
            df = spark.read.parquet(str(out / table))
            assert df.columns == treatydoc.row_columns(table), table
            got = [row.asDict(recursive=True) for row in df.collect()]
            key = lambda r: json.dumps(r, sort_keys=True)
            assert sorted(got, key=key) == sorted(expected, key=key), table
            if table == "paragraphs":
                assert len(got) > 500
        errors = spark.read.parquet(str(out / "_errors")).collect()
        cli_errors = [json.loads(l) for l in (tmp_path / "errors.jsonl").read_text().splitlines()]
        # The same failures, with the same kinds and messages (none exceeds a limit, the one
        # kind whose message differs: the CLI names its flag, Python the limits key).
        assert sorted((e.path, e.kind, e.message) for e in errors) == sorted(
            (e["path"], e["kind"], e["message"]) for e in cli_errors
        )
        assert len(errors) >= 7  # the broken .docx and .txt fixtures (a .doc is not taken)
    finally:
        spark.stop()
