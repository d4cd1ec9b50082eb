"""Converts every .docx/.txt under DIR with treatydoc.convert on JOBS threads, the Python
counterpart of `treatydoc convert DIR --jsonl OUT -j JOBS`.

usage: convert.py DIR OUT JOBS MODE
MODE json: writes each document's JSON line to OUT (the CLI's work);
MODE dict: also decodes each into a dict (what a Python caller gets), then writes the line.
"""
import pathlib
import sys

import treatydoc

root, out, jobs, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
paths = sorted(str(p) for p in pathlib.Path(root).rglob("*") if p.suffix in (".docx", ".txt"))
failed = 0
with open(out, "w", encoding="utf-8") as f:
    for r in treatydoc.convert(paths, jobs=jobs):
        if not r.ok:
            failed += 1
            continue
        if mode == "dict":
            r.document
        f.write(r.json)
        f.write("\n")
if failed:
    sys.exit(f"{failed} inputs failed")
