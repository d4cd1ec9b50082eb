#!/usr/bin/env python3
"""Checks `treatydoc convert --rows` against the JSON trees of the same batch.

Driven by tests/rows.rs, which converts every fixture and ../shared/corpus file three
times (the tree as JSONL, the tables as JSON Lines, the tables as CSV) and prints the
schemas. This script then checks, independently of the Rust code that makes the rows:

- DuckDB (the `duckdb` package) loads every table; per document, the row counts equal
  the tree's: headings, paragraphs (numbered, text and table nodes), items at every
  depth, references of every kind, footnotes, warnings;
- the README's SQL blocks (section "Analytics rows") run unchanged and return what the
  tree says: one row per paragraph with symbol, state party, section title and text;
  references by kind per document; every paragraph citing general recommendation
  No. 35 of CERD, with its items;
- the CSV tables hold the same values as the JSON Lines ones, cell by cell (strings,
  numbers, booleans, null versus empty string, lists as JSON text);
- the README's pandas one-liner reads each table with the dtypes its schema gives;
- python-jsonschema validates every row against `treatydoc schema --rows TABLE`, every
  tree against `treatydoc schema`, every error record against `schema --errors`; the
  tree's schema accepts a document with added fields, refuses `schema_version` "2", and
  names the real problem of a broken heading or reference.

Exit status 0 when every check passes; 1 with the failures listed; 2 when a package is
missing (never a silent skip: CI installs them, see .ci/run).
"""

import argparse
import copy
import json
import os
import re
import sys

try:
    import duckdb
    import jsonschema
    import pandas as pd
except ImportError as e:  # pragma: no cover - the point is to fail loudly
    print(
        f"rows_duckdb.py: missing Python package ({e}); install with\n"
        "  python3 -m pip install duckdb==1.5.6 jsonschema==4.26.0 pandas==2.3.3\n"
        "(.ci/run does this)",
        file=sys.stderr,
    )
    sys.exit(2)

TABLES = ["documents", "headings", "paragraphs", "items", "footnotes", "refs", "warnings"]
GR_NUMBER, GR_BODY = "35", "CERD"  # the general recommendation of the README's third query

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def equal(got, want, what):
    if got != want:
        # The first difference, so that a failure is readable.
        if isinstance(got, list) and isinstance(want, list):
            for i, (g, w) in enumerate(zip(got, want)):
                if g != w:
                    failures.append(f"{what}: row {i}: got {g!r}, want {w!r}")
                    return False
            failures.append(f"{what}: {len(got)} rows, want {len(want)}")
            return False
        failures.append(f"{what}: got {got!r}, want {want!r}")
        return False
    return True


# ---------------------------------------------------------------- the tree side


def doc_key(doc):
    path = doc["source"]["path"]
    return path if path is not None else "sha256:" + doc["source"]["sha256"]


class TreeFacts:
    """What the tree says, computed from the JSON alone."""

    def __init__(self, docs):
        self.docs = docs
        self.counts = {}  # (doc, table) -> n
        self.item_depths = {}  # (doc, depth) -> n
        self.ref_kinds = {}  # (doc, kind) -> n
        self.q1 = []  # (doc, position, symbol, state_party, section_title, number, text)
        self.q3 = []  # (doc, position, item position, symbol, number, text, label, item text)
        for doc in docs:
            self.walk_doc(doc)

    def add(self, d, key, n=1):
        d[key] = d.get(key, 0) + n

    def walk_doc(self, doc):
        key = doc_key(doc)
        for t in TABLES:
            self.counts[(key, t)] = 0
        self.counts[(key, "documents")] = 1
        self.counts[(key, "footnotes")] = len(doc["footnotes"])
        self.counts[(key, "warnings")] = len(doc["warnings"])
        self.position = 0
        self.item_position = 0
        for node in doc["body"]:
            self.node(doc, key, node, [])
        for f in doc["footnotes"]:
            self.refs(key, f["refs"])

    def refs(self, key, refs):
        for r in refs:
            self.add(self.counts, (key, "refs"))
            self.add(self.ref_kinds, (key, r["kind"]))

    def items(self, key, items, depth, out):
        for it in items:
            self.add(self.counts, (key, "items"))
            self.add(self.item_depths, (key, depth))
            self.item_position += 1
            out.append((self.item_position, it))
            self.refs(key, it["refs"])
            self.items(key, it["items"], depth + 1, out)

    def node(self, doc, key, node, path):
        t = node["type"]
        if t == "heading":
            self.add(self.counts, (key, "headings"))
            self.refs(key, node["refs"])
            for child in node["children"]:
                self.node(doc, key, child, path + [node])
            return
        self.add(self.counts, (key, "paragraphs"))
        self.position += 1
        if t == "table":
            return
        self.refs(key, node["refs"])
        items = []
        self.items(key, node.get("items", []), 1, items)
        m = doc["metadata"]
        section_title = path[-1]["title"] if path else None
        if t == "paragraph":
            self.q1.append(
                (key, self.position, m["symbol"], m["state_party"], section_title,
                 node["number"], node["text"])
            )
        cites = any(cites_gr(r) for r in node["refs"]) or any(
            cites_gr(r) for _, it in items for r in it["refs"]
        )
        if cites:
            number = node.get("number")
            if items:
                for pos, it in items:
                    self.q3.append((key, self.position, pos, m["symbol"], number, node["text"],
                                    it["label"], it["text"]))
            else:
                self.q3.append((key, self.position, 0, m["symbol"], number, node["text"],
                                None, None))


def cites_gr(r):
    return r["kind"] == "general_comment" and r["number"] == GR_NUMBER and r["body"] == GR_BODY


# ---------------------------------------------------------------- README


def readme_sql(readme_path):
    """The ```sql blocks of the README section "Analytics rows", by their `-- name:` line."""
    text = open(readme_path, encoding="utf-8").read()
    m = re.search(r"^## Analytics rows\n(.*?)(?=^## )", text, re.S | re.M)
    if not check(m is not None, "README has no section '## Analytics rows'"):
        return {}, None
    section = m.group(1)
    blocks = {}
    for block in re.findall(r"```sql\n(.*?)```", section, re.S):
        name = re.match(r"-- (\w[\w-]*)", block)
        if check(name is not None, f"README sql block without a '-- name' line: {block[:60]!r}"):
            blocks[name.group(1)] = block
    py = re.findall(r"```python\n(.*?)```", section, re.S)
    return blocks, py


def no_recursion_no_json(name, sql):
    low = sql.lower()
    check("recursive" not in low, f"README query {name} uses a recursive CTE")
    check("json" not in low.replace("read_json", ""), f"README query {name} uses JSON functions")
    lines = [l for l in sql.strip().splitlines() if l.strip() and not l.strip().startswith("--")]
    check(len(lines) <= 8, f"README query {name} has {len(lines)} lines (a few lines of SQL)")


# ---------------------------------------------------------------- schema for consumers


def nodes(body):
    for n in body:
        yield n
        if n["type"] == "heading":
            yield from nodes(n["children"])


def best(v, instance):
    err = jsonschema.exceptions.best_match(v.iter_errors(instance))
    return None if err is None else err.message


def consumer_checks(v, docs):
    """The tree's schema is open, pins schema_version and names the real problem."""
    doc = next(d for d in docs if any(n["type"] == "heading" for n in nodes(d["body"]))
               and any(r["kind"] == "article" for n in nodes(d["body"]) for r in n.get("refs", [])))
    # A v1.1 document with fields added everywhere still validates against v1.
    d = copy.deepcopy(doc)
    d["added"] = 1
    d["metadata"]["language"] = "en"
    d["source"]["added"] = True
    first = next(nodes(d["body"]))
    first["added"] = []
    ref = next(r for n in nodes(d["body"]) for r in n.get("refs", []))
    ref["added"] = {"x": 1}
    d["footnotes"].append({"id": "x", "kind": "footnote", "mark": "9", "text": "", "refs": [], "added": 0})
    equal(best(v, d), None, "a document with added fields")
    d = copy.deepcopy(doc)
    d["schema_version"] = "2"
    msg = best(v, d) or ""
    check("'1' was expected" in msg, f"schema_version '2': {msg!r}")
    d = copy.deepcopy(doc)
    h = next(n for n in nodes(d["body"]) if n["type"] == "heading")
    del h["title"]
    equal(best(v, d), "'title' is a required property", "a heading without title")
    d = copy.deepcopy(doc)
    next(nodes(d["body"]))["type"] = "chapter"
    msg = best(v, d) or ""
    check(msg.startswith("'chapter' is not one of"), f"an unknown node type: {msg!r}")
    d = copy.deepcopy(doc)
    r = next(r for n in nodes(d["body"]) for r in n.get("refs", []) if r["kind"] == "article")
    del r["articles"]
    equal(best(v, d), "'articles' is a required property", "an article ref without articles")
    d = copy.deepcopy(doc)
    r = next(r for n in nodes(d["body"]) for r in n.get("refs", []) if r["kind"] == "article")
    r["kind"] = "treaty"
    msg = best(v, d) or ""
    check(msg.startswith("'treaty' is not one of"), f"an unknown ref kind: {msg!r}")


# ---------------------------------------------------------------- checks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", required=True, help="convert --jsonl output of the batch")
    ap.add_argument("--work", required=True, help="directory holding rows/ (JSONL) and rows_csv/")
    ap.add_argument("--schemas", required=True, help="directory of schema files")
    ap.add_argument("--readme", required=True)
    a = ap.parse_args()

    docs = [json.loads(l) for l in open(a.tree, encoding="utf-8") if l.strip()]
    facts = TreeFacts(docs)
    check(len(docs) > 10, f"only {len(docs)} documents in the batch")

    os.chdir(a.work)  # the README's paths are relative: rows/paragraphs.jsonl
    con = duckdb.connect()
    blocks, py = readme_sql(a.readme)
    load = blocks.get("load")
    if check(load is not None, "README has no '-- load' sql block"):
        con.execute(load)

    # Row counts per document and table, against the tree.
    for t in TABLES:
        got = dict(((d, t), n) for d, n in con.execute(
            f"SELECT doc, count(*) FROM {t} GROUP BY doc").fetchall())
        want = {k: n for k, n in facts.counts.items() if k[1] == t and n > 0}
        equal(got, want, f"row counts of {t} per document")
    got = dict(((d, k), n) for d, k, n in con.execute(
        "SELECT doc, kind, count(*) FROM refs GROUP BY doc, kind").fetchall())
    equal(got, facts.ref_kinds, "refs per document and kind")
    got = dict(((d, k), n) for d, k, n in con.execute(
        "SELECT doc, depth, count(*) FROM items GROUP BY doc, depth").fetchall())
    equal(got, facts.item_depths, "items per document and depth")
    check(max([k[1] for k in facts.item_depths] or [0]) >= 2, "no item of depth 2 in the batch")
    check(len({k[1] for k in facts.ref_kinds}) == 8, f"not every ref kind occurs: {set(k[1] for k in facts.ref_kinds)}")
    got = dict(con.execute(
        "SELECT doc, paragraph_count + 0 FROM documents").fetchall())
    equal(got, {d: n for (d, t), n in facts.counts.items() if t == "paragraphs"},
          "documents.paragraph_count")

    # Joins resolve: every item's paragraph, every ref's holder.
    orphans = con.execute(
        "SELECT count(*) FROM items i ANTI JOIN paragraphs p USING (doc, paragraph_id)").fetchone()[0]
    equal(orphans, 0, "items whose paragraph_id is not in paragraphs")
    orphans = con.execute(
        "SELECT count(*) FROM refs r ANTI JOIN paragraphs p USING (doc, paragraph_id) "
        "WHERE r.paragraph_id IS NOT NULL").fetchone()[0]
    equal(orphans, 0, "refs whose paragraph_id is not in paragraphs")
    orphans = con.execute(
        "SELECT count(*) FROM refs r ANTI JOIN footnotes f USING (doc, footnote_id) "
        "WHERE r.footnote_id IS NOT NULL").fetchone()[0]
    equal(orphans, 0, "refs whose footnote_id is not in footnotes")

    # The README queries.
    for name in ["paragraphs", "refs_by_kind", "citing_gr"]:
        if check(name in blocks, f"README has no '-- {name}' sql block"):
            no_recursion_no_json(name, blocks[name])
    if "paragraphs" in blocks:
        got = con.execute(blocks["paragraphs"]).fetchall()
        want = [r[2:] for r in sorted(facts.q1, key=lambda r: (r[0], r[1]))]
        check(len(want) > 100, f"only {len(want)} numbered paragraphs")
        equal([tuple(r) for r in got], want, "README query 'paragraphs'")
    if "refs_by_kind" in blocks:
        got = con.execute(blocks["refs_by_kind"]).fetchall()
        sym = {doc_key(d): d["metadata"]["symbol"] for d in docs}
        want = sorted((d, sym[d], k, n) for (d, k), n in facts.ref_kinds.items())
        equal([tuple(r) for r in got], want, "README query 'refs_by_kind'")
    if "citing_gr" in blocks:
        got = con.execute(blocks["citing_gr"]).fetchall()
        want = [r[3:] for r in sorted(facts.q3, key=lambda r: (r[0], r[1], r[2]))]
        check(len({(r[0], r[1]) for r in facts.q3}) >= 2, "fewer than two paragraphs cite the GR")
        check(any(r[6] is not None for r in facts.q3), "no citing paragraph has items")
        equal([tuple(r) for r in got], want, "README query 'citing_gr'")

    # CSV: the same values, cell by cell.
    for t in TABLES:
        jrows = [json.loads(l) for l in open(f"rows/{t}.jsonl", encoding="utf-8")]
        try:
            cur = con.execute(
                f"SELECT * FROM read_csv('rows_csv/{t}.csv', header = true, all_varchar = true, "
                "allow_quoted_nulls = false, quote = '\"', escape = '\"', delim = ',', new_line = '\\r\\n')")
        except duckdb.Error as e:
            failures.append(f"DuckDB cannot read rows_csv/{t}.csv: {e}")
            continue
        columns = [c[0] for c in cur.description]
        crows = cur.fetchall()
        if not equal(len(crows), len(jrows), f"CSV rows of {t}"):
            continue
        if jrows:
            equal(columns, list(jrows[0].keys()), f"CSV header of {t}")
        for i, (c, j) in enumerate(zip(crows, jrows)):
            for col, cell in zip(columns, c):
                v = j[col]
                if isinstance(v, (list, dict)):
                    ok = cell is not None and json.loads(cell) == v
                elif v is None:
                    ok = cell is None
                elif isinstance(v, bool):
                    ok = cell == ("true" if v else "false")
                else:
                    ok = cell == str(v)
                if not check(ok, f"CSV {t} row {i} column {col}: {cell!r} != {v!r}"):
                    break

    # pandas: the README one-liner, dtypes as the schema says.
    one_liner = next((p for p in (py or []) if "read_json" in p), None)
    if check(one_liner is not None, "README has no pandas read_json one-liner"):
        line = [l for l in one_liner.strip().splitlines() if "read_json" in l][0]
        for t in TABLES:
            schema = json.load(open(os.path.join(a.schemas, f"{t}.json")))
            env = {"pd": pd, "table": t}
            exec(line.replace("{table}", t), env)  # the README line, with its table name
            df = env["df"]
            jrows = [json.loads(l) for l in open(f"rows/{t}.jsonl", encoding="utf-8")]
            equal(len(df), len(jrows), f"pandas rows of {t}")
            for col, prop in schema["properties"].items():
                types = prop.get("type")
                if types is None and "$ref" in prop or "anyOf" in prop or "enum" in prop or "oneOf" in prop:
                    types = "string"  # enums of strings
                types = types if isinstance(types, list) else [types]
                base = [x for x in types if x != "null"]
                want = {"string": "string", "integer": "Int64", "boolean": "boolean",
                        "array": "object"}.get(base[0] if base else "string")
                if col not in df.columns:
                    failures.append(f"pandas {t}: no column {col}")
                    continue
                got = str(df[col].dtype)
                if len(df) == 0 or df[col].isna().all():
                    continue  # no value to infer from: documented in the README
                check(got == want or (want == "string" and got.startswith("string")),
                      f"pandas {t}.{col}: dtype {got}, schema says {want}")
            if t == "documents":
                check(all(v == "1" for v in df["schema_version"]), "schema_version is not the string '1'")

    # python-jsonschema: every row, every tree, every error record.
    V = jsonschema.Draft202012Validator
    for t in TABLES:
        schema = json.load(open(os.path.join(a.schemas, f"{t}.json")))
        V.check_schema(schema)
        v = V(schema)
        for i, line in enumerate(open(f"rows/{t}.jsonl", encoding="utf-8")):
            err = jsonschema.exceptions.best_match(v.iter_errors(json.loads(line)))
            if err is not None:
                failures.append(f"{t} row {i} does not validate: {err.message}")
                break
    doc_schema = json.load(open(os.path.join(a.schemas, "document.json")))
    v = V(doc_schema)
    for d in docs:
        err = jsonschema.exceptions.best_match(v.iter_errors(d))
        if err is not None:
            failures.append(f"tree of {doc_key(d)} does not validate: {err.message}")
    consumer_checks(v, docs)
    err_schema = json.load(open(os.path.join(a.schemas, "errors.json")))
    ve = V(err_schema)
    records = [json.loads(l) for l in open("rows/_errors.jsonl", encoding="utf-8")]
    check(len(records) > 0, "no error record in the batch")
    for r in records:
        err = jsonschema.exceptions.best_match(ve.iter_errors(r))
        if err is not None:
            failures.append(f"error record {r} does not validate: {err.message}")

    if failures:
        print(f"{len(failures)} failure(s):", file=sys.stderr)
        for f in failures[:50]:
            print("  " + f, file=sys.stderr)
        sys.exit(1)
    print(f"rows_duckdb.py: {len(docs)} documents, "
          f"{sum(n for (d, t), n in facts.counts.items() if t == 'paragraphs')} paragraphs, "
          f"{sum(facts.ref_kinds.values())} refs: every check passed")


if __name__ == "__main__":
    main()
