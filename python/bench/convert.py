"""Converts every .docx/.txt under DIR with treatydoc.convert on JOBS threads, the Python
counterpart of `treatydoc convert DIR --jsonl OUT -j JOBS` (modes json, dict, dictcheck) and
of `treatydoc convert DIR --rows OUT -j JOBS` (mode arrow).

usage: convert.py DIR OUT JOBS MODE
MODE json:  convert(output="json"): writes each document's JSON line to OUT (the CLI's work).
MODE dict:  convert() yields each document as a dict (what a Python caller works with; the
            dicts are built in Rust); writes one short line per document (its symbol and
            number of body nodes) to OUT, so that every dict is used.
MODE loads: convert(output="json") and json.loads of each line (r.document): the dicts the
            way this package made them before it built them in Rust; writes as dict does.
MODE dictcheck: as dict, but writes json.dumps of each dict (must equal the CLI's lines;
            not timed: json.dumps costs more than the conversion).
MODE arrow: rows_arrow_batches (256 documents a batch): every analytics table of the
            archive as one pyarrow.Table (pa.concat_tables of the batches), written to
            OUT/TABLE.arrow (Arrow IPC, uncompressed), as the CLI writes OUT/TABLE.jsonl.
MODE arrow-per-doc: the same from convert(output=None, rows="arrow"), one Arrow table per
            document and table.
"""
import os
import pathlib
import sys

import treatydoc

root, out, jobs, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
paths = sorted(str(p) for p in pathlib.Path(root).rglob("*") if p.suffix in (".docx", ".txt"))
failed = 0
if mode.startswith("arrow"):
    import pyarrow as pa
    import pyarrow.ipc

    parts = {t: [] for t in treatydoc.ROW_TABLES}
    if mode == "arrow":
        for tables, errors in treatydoc.rows_arrow_batches(paths, jobs=jobs):
            failed += len(errors)
            for t, tab in tables.items():
                parts[t].append(tab)
    else:
        for r in treatydoc.convert(paths, jobs=jobs, output=None, rows="arrow"):
            if not r.ok:
                failed += 1
                continue
            for t, tab in r.rows.items():
                parts[t].append(tab)
    os.makedirs(out, exist_ok=True)
    for t, tabs in parts.items():
        tab = pa.concat_tables(tabs) if tabs else treatydoc.arrow_schema(t).empty_table()
        with pa.OSFile(os.path.join(out, t + ".arrow"), "wb") as f:
            with pa.ipc.new_file(f, tab.schema) as w:
                w.write_table(tab)
else:
    with open(out, "w", encoding="utf-8") as f:
        output = "json" if mode in ("json", "loads") else "dict"
        for r in treatydoc.convert(paths, jobs=jobs, output=output):
            if not r.ok:
                failed += 1
                continue
            if mode in ("dict", "loads"):
                d = r.document
                f.write(f"{d['metadata']['symbol']}\t{len(d['body'])}\n")
            else:
                # json: the workers' text; dictcheck: json.dumps of the dict.
                f.write(r.json)
                f.write("\n")
if failed:
    sys.exit(f"{failed} inputs failed")
