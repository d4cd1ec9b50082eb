"""Converts a folder of treaty-body documents with PySpark into Parquet tables of analytics
rows (documents, headings, paragraphs, items, footnotes, refs, warnings), one folder per
table, plus ``_errors`` (one record per input that failed, as the CLI's ``_errors.jsonl``).

Local mode (what one machine does; ``pip install ./python 'pyspark[sql]'``: its ``mapInArrow``
needs pandas and pyarrow)::

    python python/examples/spark_convert.py ARCHIVE OUT            # local[*]
    python python/examples/spark_convert.py ARCHIVE OUT --master local[2]

On a cluster, the executors need the package (native code: not importable from a
``--py-files`` zip): ship a packed venv with ``spark-submit --archives`` or install the wheel
(``pip wheel ./python -w dist``) on their image; the README's Python section has the
commands.

How it works: Spark's ``binaryFile`` source reads each file whole (``path``, ``content``) into
Arrow batches; ``mapInArrow`` hands each batch to :func:`convert_batches`, which converts its
files with ``treatydoc.rows_arrow_of_many`` (Rust, GIL released; the rows become Arrow columns
with no JSON in between) and returns one Arrow batch per table, in a single wide schema (a
``table`` column naming the table, and one struct column per table, null in the other
tables' rows). The JVM takes the batches as they are (Arrow, no per-row conversion); each
table is then selected from the cached result and written as Parquet. No cluster code of
our own. (The earlier job, ``binaryFiles`` + ``mapPartitions`` with ``treatydoc.rows_jsonl``
and Spark's ``from_json`` on the lines, was several times slower: see the README.)
"""

from __future__ import annotations

import argparse
import json
from typing import Iterable, Iterator

#: Files taken from the folder: what ``treatydoc convert`` takes by default.
PATH_GLOB_SUFFIXES = (".docx", ".txt")


def local_name(uri: str) -> str:
    """The path Spark's ``binaryFile`` source reports, without the ``file:`` scheme of local files, so that
    documents are keyed (the ``doc`` column) as the CLI keys them when given the same
    absolute folder."""
    if uri.startswith("file://"):
        return uri[len("file://") :]
    if uri.startswith("file:"):
        return uri[len("file:") :]
    return uri


def spark_schema(table: str):
    """The Spark schema of ``table``, from its JSON Schema (``treatydoc.row_schema``), with
    the columns in the CLI's order: no inference pass, and a column that is null in every
    row still has its type."""
    import treatydoc
    from pyspark.sql import types as T

    schema = treatydoc.row_schema(table)
    defs = schema.get("$defs", {})

    def to_spark(s):
        if "$ref" in s:
            return to_spark(defs[s["$ref"].rsplit("/", 1)[-1]])
        for key in ("anyOf", "oneOf"):
            if key in s:
                alts = [a for a in s[key] if a.get("type") != "null"]
                kinds = {to_spark(a).simpleString() for a in alts}
                # Enums written as one alternative per value are strings all the same.
                return to_spark(alts[0]) if len(kinds) == 1 else T.StringType()
        t = s.get("type")
        if isinstance(t, list):
            t = next((x for x in t if x != "null"), "string")
        if t == "array":
            return T.ArrayType(to_spark(s.get("items", {})), True)
        return {
            "integer": T.LongType(),
            "number": T.DoubleType(),
            "boolean": T.BooleanType(),
        }.get(t, T.StringType())

    props = schema["properties"]
    return T.StructType(
        [T.StructField(c, to_spark(props[c]), True) for c in treatydoc.row_columns(table)]
    )


ERRORS_SCHEMA_DDL = "path STRING, kind STRING, message STRING"


def wide_schema():
    """The Spark schema of :func:`convert_batches`' output: ``table`` (the table of the row:
    one of ``treatydoc.ROW_TABLES`` or ``_errors``) and one struct column per table."""
    import treatydoc
    from pyspark.sql import types as T

    fields = [T.StructField("table", T.StringType(), False)]
    for t in treatydoc.ROW_TABLES:
        fields.append(T.StructField(t, spark_schema(t), True))
    errors = T.StructType([T.StructField(c, T.StringType(), True) for c in ("path", "kind", "message")])
    fields.append(T.StructField("_errors", errors, True))
    return T.StructType(fields)


def convert_batches(batches: Iterable, arrow_schema, jobs: int = 1) -> Iterator:
    """``mapInArrow``'s function: Arrow batches of ``binaryFile`` rows (``path``,
    ``content``, ...) in, Arrow batches of :func:`wide_schema` out, one per table with rows
    (its struct column filled, the others null) and one for the failed inputs. The integer
    columns (``uint32`` etc. in ``treatydoc.arrow_schema``) are cast to the schema's
    ``bigint``, which Spark's Arrow reader accepts."""
    import pyarrow as pa

    import treatydoc

    for batch in batches:
        names = [local_name(p) for p in batch.column("path").to_pylist()]
        contents = batch.column("content")
        inputs = [
            (n, contents[i].as_py())
            for i, n in enumerate(names)
            if n.lower().endswith(PATH_GLOB_SUFFIXES)
        ]
        if not inputs:
            continue
        tables, errors = treatydoc.rows_arrow_of_many(inputs, jobs=jobs)
        errors_table = pa.table(
            {
                "path": [e.path for e in errors],
                "kind": [e.kind for e in errors],
                "message": [e.message for e in errors],
            }
        )
        for name, tab in (*tables.items(), ("_errors", errors_table)):
            n = tab.num_rows
            if n == 0:
                continue
            cols = []
            for field in arrow_schema:
                if field.name == "table":
                    cols.append(pa.array([name] * n, pa.string()))
                elif field.name == name:
                    cast = tab.cast(pa.schema(list(field.type)))
                    arrays = [c.combine_chunks() for c in cast.columns]
                    cols.append(pa.StructArray.from_arrays(arrays, fields=list(field.type)))
                else:
                    cols.append(pa.nulls(n, field.type))
            yield pa.RecordBatch.from_arrays(cols, schema=arrow_schema)


def run(spark, input_dir: str, output_dir: str, partitions: int | None = None) -> dict:
    """Converts ``input_dir`` (recursively) with ``mapInArrow`` and writes one Parquet folder
    per table under ``output_dir``. Returns the row count of each table written."""
    import treatydoc
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import to_arrow_schema

    schema = wide_schema()
    arrow_schema = to_arrow_schema(schema)
    listed = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(input_dir)
    files = listed.select("path", "content")
    # Spark's file scan skips empty files, which the CLI reports (or converts, for text): put
    # them back, found as the listed files (the file index keeps them) that the scan lacks.
    # (The two spell local paths differently, file:/x and file:///x: compare them as paths.)
    key = F.regexp_replace("path", "^file:(//)?", "").alias("key")
    every = spark.createDataFrame([(p,) for p in listed.inputFiles()], "path STRING")
    scanned = listed.select(key)
    empty = every.select("path", key).join(scanned, "key", "left_anti").select("path")
    files = files.unionByName(empty.withColumn("content", F.lit(bytearray())))
    if partitions:
        files = files.repartition(partitions)
    rows = files.mapInArrow(
        lambda batches: convert_batches(batches, arrow_schema), schema
    ).persist(StorageLevel.MEMORY_AND_DISK)
    # One pass converts every file (the result stays cached) and counts the rows per table.
    found = {r["table"]: r["count"] for r in rows.groupBy("table").count().collect()}
    counts = {t: found.get(t, 0) for t in (*treatydoc.ROW_TABLES, "_errors")}
    for table, n in counts.items():
        if n == 0:
            continue
        df = rows.where(F.col("table") == table).select(f"`{table}`.*")
        df.write.mode("overwrite").parquet(f"{output_dir.rstrip('/')}/{table}")
    rows.unpersist()
    return counts


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input_dir")
    ap.add_argument("output_dir")
    ap.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's, or local[*]")
    ap.add_argument("--partitions", type=int, default=None)
    args = ap.parse_args(argv)

    import os
    import sys

    from pyspark.sql import SparkSession

    # Local mode: the workers run this interpreter, which has treatydoc (spark-submit on a
    # cluster sets PYSPARK_PYTHON itself).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("treatydoc-convert")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        counts = run(spark, args.input_dir, args.output_dir, args.partitions)
    finally:
        spark.stop()
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
