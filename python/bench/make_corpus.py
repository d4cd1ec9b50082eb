"""Writes N concluding-observation-sized documents into OUT (half .docx, half .txt): the
corpus of benches/batch.sh, made by the one corpus builder, benches/corpus.py (see there).

usage: make_corpus.py OUT N SHARED_CORPUS FIXTURES
"""
import os
import subprocess
import sys

out, total, shared, fixtures = sys.argv[1:5]
builder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "benches", "corpus.py")
subprocess.run(
    [sys.executable, builder, out, total, "docx,txt", "--shared", shared, "--fixtures", fixtures],
    check=True,
)
