#!/usr/bin/env bash
# Python benchmark (issue 13), run from anywhere: python/bench/run.sh [N]
#
# 1. Throughput: treatydoc.convert on N documents (default 1000; half .docx, half .txt, made by
#    make_corpus.py) against `treatydoc convert --jsonl` (JSON lines, dicts) and `--rows`
#    (Arrow tables) on the same files and the same number of threads (JOBS, default 2 = this
#    machine's cores), whole processes timed by hyperfine; ratios of wall and CPU time.
# 2. With pyspark in the venv (PYSPARK=1 installs it): the Spark job of python/examples on
#    the same documents, in local mode on JOBS cores, whole process (JVM start included).
# 3. Per document, in one interpreter: treatydoc.parse next to python-docx, mammoth,
#    docx2python, markitdown and docling on the CERD .docx (per_doc.py).
#
# The readers are installed with pip into a throwaway venv (BENCH_VENV, default
# /tmp/treatydoc-bench-venv, kept between runs; SKIP_DOCLING=1 leaves docling out, it pulls
# in torch: ~4.5 minutes to install here; SKIP_SPARK=1 and SKIP_PER_DOC=1 skip parts 2 and 3). treatydoc is installed there from this checkout
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
# The commands run in interleaved rounds (ROUNDS, default 5; rounds.py), so that the load
# of this shared machine hits them alike: medians of wall and CPU (user + sys) time, and the
# ratio Python / CLI per round.
"$VENV/bin/python" -c "import pyarrow" 2>/dev/null || "$VENV/bin/pip" install --quiet pyarrow
PY="$VENV/bin/python python/bench/convert.py $WORK/corpus"
"$VENV/bin/python" python/bench/rounds.py "${ROUNDS:-5}" \
    "CLI: treatydoc convert --jsonl -j $JOBS::$BIN convert --quiet -j $JOBS --jsonl $WORK/cli.jsonl $WORK/corpus" \
    "Python: convert(output='json'), JSON lines::$PY $WORK/py.jsonl $JOBS json" \
    "Python: convert(), dicts::$PY $WORK/pyd.txt $JOBS dict" \
    "CLI: treatydoc convert --rows -j $JOBS::$BIN convert --quiet -j $JOBS --rows $WORK/cli-rows $WORK/corpus" \
    "Python: rows_arrow_batches, Arrow tables::$PY $WORK/py-arrow $JOBS arrow" \
    "Python: convert(output=None, rows='arrow'), Arrow tables per document::$PY $WORK/py-arrow1 $JOBS arrow-per-doc" \
    "Python: convert(output='json') + json.loads, dicts the old way::$PY $WORK/pyl.txt $JOBS loads" \
    -- 0:1 0:2 0:6 3:4 3:5
# The same documents, whoever wrote them (dictcheck: json.dumps of the dicts).
"$VENV/bin/python" python/bench/convert.py "$WORK/corpus" "$WORK/pydc.jsonl" "$JOBS" dictcheck
cmp "$WORK/cli.jsonl" "$WORK/py.jsonl" && cmp "$WORK/cli.jsonl" "$WORK/pydc.jsonl" && echo "JSON outputs identical"
"$VENV/bin/python" - "$WORK/cli-rows" "$WORK/py-arrow" "$WORK/py-arrow1" <<'PY'
import json, sys
import pyarrow as pa
import treatydoc
for t in treatydoc.ROW_TABLES:
    with open(f"{sys.argv[1]}/{t}.jsonl", encoding="utf-8") as f:
        want = [json.loads(l) for l in f]
    for d in sys.argv[2:]:
        got = pa.ipc.open_file(f"{d}/{t}.arrow").read_all().to_pylist()
        assert got == want, (d, t)
print("Arrow tables equal the CLI's rows")
PY

if [[ ${SKIP_SPARK:-0} != 1 ]] && "$VENV/bin/python" -c "import pyspark" 2>/dev/null; then
    echo "== PySpark local[$JOBS]: python/examples/spark_convert.py on the $N documents (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    SPARK_LOCAL_IP=127.0.0.1 /usr/bin/time -o "$WORK/spark.time" -f "wall %e s (user %U s, sys %S s of the driver)" \
        "$VENV/bin/python" python/examples/spark_convert.py "$WORK/corpus" "$WORK/parquet" --master "local[$JOBS]" 2> "$WORK/spark.err"
    cat "$WORK/spark.time"
fi

[[ ${SKIP_PER_DOC:-0} == 1 ]] && exit 0
echo "== per document, in process (load: $(cut -d' ' -f1-3 /proc/loadavg))"
"$VENV/bin/python" python/bench/per_doc.py "$SHARED/CERD_C_URY_CO_21-23.docx" "${PER_DOC_RUNS:-50}" 2>/dev/null
