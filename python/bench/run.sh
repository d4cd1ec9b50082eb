#!/usr/bin/env bash
# Python benchmark (issue 13), run from anywhere: python/bench/run.sh [N]
#
# 1. Throughput: treatydoc.convert on N documents (default 1000; half .docx, half .txt, made by
#    make_corpus.py) against `treatydoc convert --jsonl` on the same files and the same number
#    of threads (JOBS, default 2 = this machine's cores), whole processes timed by hyperfine.
# 2. With pyspark in the venv (PYSPARK=1 installs it): the Spark job of python/examples on
#    the same documents, in local mode on JOBS cores, whole process (JVM start included).
# 3. Per document, in one interpreter: treatydoc.parse next to python-docx, mammoth,
#    docx2python, markitdown and docling on the CERD .docx (per_doc.py).
#
# The readers are installed with pip into a throwaway venv (BENCH_VENV, default
# /tmp/treatydoc-bench-venv, kept between runs; SKIP_DOCLING=1 leaves docling out, it pulls
# in torch: ~4.5 minutes to install here). treatydoc is installed there from this checkout
# (`pip install ./python`, a release build). Writes only to a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000}
JOBS=${JOBS:-2}
VENV=${BENCH_VENV:-/tmp/treatydoc-bench-venv}
SHARED=../shared/corpus

if [[ ! -x $VENV/bin/python ]]; then
    python3 -m venv "$VENV"
    pkgs=(python-docx mammoth docx2python 'markitdown[docx]')
    [[ ${SKIP_DOCLING:-0} == 1 ]] || pkgs+=(docling)
    [[ ${PYSPARK:-0} == 1 ]] && pkgs+=(pyspark)
    "$VENV/bin/pip" install --quiet "${pkgs[@]}"
fi
"$VENV/bin/pip" install --quiet --force-reinstall --no-deps ./python
cargo build --release --locked --quiet --bin treatydoc
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/treatydoc
WORK=$(mktemp -d "${TMPDIR:-/tmp}/treatydoc-pybench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

"$VENV/bin/python" python/bench/make_corpus.py "$WORK/corpus" "$N" "$SHARED" fixtures
echo "== $N documents ($(du -sh "$WORK/corpus" | cut -f1)), $JOBS threads, load: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-markdown "$WORK/convert.md" \
    -n "CLI: treatydoc convert --jsonl -j $JOBS" \
    "$BIN convert --quiet -j $JOBS --jsonl $WORK/cli.jsonl $WORK/corpus" \
    -n "Python: treatydoc.convert, JSON lines" \
    "$VENV/bin/python python/bench/convert.py $WORK/corpus $WORK/py.jsonl $JOBS json" \
    -n "Python: treatydoc.convert, dicts" \
    "$VENV/bin/python python/bench/convert.py $WORK/corpus $WORK/pyd.jsonl $JOBS dict"
cat "$WORK/convert.md"
# The same documents, whoever wrote them.
cmp "$WORK/cli.jsonl" "$WORK/py.jsonl" && cmp "$WORK/cli.jsonl" "$WORK/pyd.jsonl" && echo "outputs identical"

if "$VENV/bin/python" -c "import pyspark" 2>/dev/null; then
    echo "== PySpark local[$JOBS]: python/examples/spark_convert.py on the $N documents (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    SPARK_LOCAL_IP=127.0.0.1 /usr/bin/time -o "$WORK/spark.time" -f "wall %e s (user %U s, sys %S s of the driver)" \
        "$VENV/bin/python" python/examples/spark_convert.py "$WORK/corpus" "$WORK/parquet" --master "local[$JOBS]" 2> "$WORK/spark.err"
    cat "$WORK/spark.time"
fi

echo "== per document, in process (load: $(cut -d' ' -f1-3 /proc/loadavg))"
"$VENV/bin/python" python/bench/per_doc.py "$SHARED/CERD_C_URY_CO_21-23.docx" "${PER_DOC_RUNS:-50}" 2>/dev/null
