#!/usr/bin/env bash
# Batch-conversion benchmark of `treatydoc convert` (issue 5).
#
#   benches/batch.sh [N]        N documents for the throughput runs (default 2000)
#
# Environment: BIG (default 10000) inputs for the memory check against 1,000;
# PANDOC_SAMPLE (default 40) .docx files converted by pandoc, whose per-document time is
# extrapolated to the whole set (pandoc takes ~0.1-0.3 s per file, so all of them would take
# minutes).
#
# Needs: python3 (benches/corpus.py builds the corpus), GNU time for peak RSS
# (`apt-get install -y time`), pandoc for the comparison (`apt-get install -y pandoc`;
# skipped with a note when absent).
# Reads the documents from fixtures/ and ../shared/corpus; writes only to a temporary
# directory, removed at the end.
#
# The corpus (benches/corpus.py, kinds docx,txt): the CERD concluding observations (.docx,
# 61 KB, and its POI text export) and the CRC concluding observations (Tika text export)
# from ../shared and fixtures/, half .docx and half .txt. Each text is a variation (a
# different country name and an added paragraph); the .docx files are 100 variations of
# document.xml (same change), copied under different names. All are
# concluding-observation-sized (22-61 KB).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-2000}
BIG=${BIG:-10000}
PANDOC_SAMPLE=${PANDOC_SAMPLE:-40}
SHARED=../shared/corpus

if [[ ! -x /usr/bin/time ]]; then
    echo "batch.sh: GNU time is needed for peak RSS: apt-get install -y time" >&2
    exit 1
fi
for f in "$SHARED/CERD_C_URY_CO_21-23.docx" "$SHARED/CERD_C_URY_CO_21-23.poi.txt"; do
    [[ -f $f ]] || { echo "batch.sh: missing $f" >&2; exit 1; }
done

cargo build --release --locked --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/treatydoc
WORK=$(mktemp -d "${TMPDIR:-/tmp}/treatydoc-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

TOTAL=$(( N > BIG ? N : BIG ))
echo "== building a corpus of $TOTAL documents in $WORK/corpus"
python3 benches/corpus.py "$WORK/corpus" "$TOTAL" docx,txt --shared "$SHARED" --fixtures fixtures

# The first k subdirectories hold the first k*100 documents.
dirs() { local k=$(( ($1 + 99) / 100 )); for ((d = 0; d < k; d++)); do printf '%s/corpus/%03d\n' "$WORK" "$d"; done; }

# run LABEL INPUTS-COUNT ARGS...: converts, prints one table row, checks nothing failed.
run() {
    local label=$1 count=$2; shift 2
    rm -rf "$WORK/out" "$WORK/out.jsonl"
    mapfile -t inputs < <(dirs "$count")
    /usr/bin/time -v -o "$WORK/time.txt" "$BIN" convert "${inputs[@]}" "$@" 2> "$WORK/stderr.txt" || {
        echo "batch.sh: $label: treatydoc exited with $?:" >&2; tail -5 "$WORK/stderr.txt" >&2; exit 1; }
    local summary rss wall
    summary=$(grep '^treatydoc: converted' "$WORK/stderr.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt")
    local converted docs mb cpu
    converted=$(sed -E 's/.*converted ([0-9]+),.*/\1/' <<<"$summary")
    docs=$(sed -E 's/.* ([0-9]+) docs\/s.*/\1/' <<<"$summary")
    mb=$(sed -E 's/.* ([0-9.]+) MB\/s.*/\1/' <<<"$summary")
    # CPU time per document (user + system): unlike docs/s, it does not depend on what else
    # the machine is running.
    cpu=$(awk -F': ' -v n="$converted" '/User time|System time/ {t += $2} END {printf "%.2f", t * 1000 / n}' "$WORK/time.txt")
    printf '| %-28s | %6s | %9s | %8s | %11s | %9s | %9s |\n' "$label" "$converted" "$docs" "$mb" "$cpu" "$(( rss / 1024 )).$(( rss % 1024 * 10 / 1024 ))" "$wall"
    echo "$label docs_per_sec=$docs cpu_ms=$cpu rss_kib=$rss" >> "$WORK/results.txt"
}

echo
echo "== treatydoc $("$BIN" --version | cut -d' ' -f2), $(nproc) CPUs; $N documents (half .docx, half .txt)"
echo
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (docs/s and wall time suffer when it is above 0; CPU ms/doc does not)"
echo
printf '| %-28s | %6s | %9s | %8s | %11s | %9s | %9s |\n' run docs docs/s MB/s "CPU ms/doc" "RSS MiB" wall
printf '|%s|%s|%s|%s|%s|%s|%s|\n' ------------------------------ -------- ----------- ---------- ------------- ----------- -----------
run "-j 1 --out" "$N" --out "$WORK/out" -j 1
run "-j 2 --out" "$N" --out "$WORK/out" -j 2
run "-j 2 --jsonl" "$N" --jsonl "$WORK/out.jsonl" -j 2
# Like pandoc below, these write no file per document: creating files costs this machine's
# ext4 about 0.5-1 ms of kernel time each, which is not what is being compared.
run "-j 1 --jsonl, .docx only" "$N" --jsonl "$WORK/out.jsonl" -j 1 --include '*.docx'
run "-j 2 --jsonl, .docx only" "$N" --jsonl "$WORK/out.jsonl" -j 2 --include '*.docx'
run "-j 2 --out, 1,000 inputs" 1000 --out "$WORK/out" -j 2
run "-j 2 --out, $BIG inputs" "$BIG" --out "$WORK/out" -j 2
run "-j 2 --jsonl, 1,000 inputs" 1000 --jsonl "$WORK/out.jsonl" -j 2
run "-j 2 --jsonl, $BIG inputs" "$BIG" --jsonl "$WORK/out.jsonl" -j 2

echo
if command -v pandoc > /dev/null; then
    mapfile -t sample < <(for d in $(dirs "$N"); do ls "$d"/*.docx; done | head -n "$PANDOC_SAMPLE")
    n_docx=$(( (N + 1) / 2 ))
    for p in 1 2; do
        printf '%s\0' "${sample[@]}" > "$WORK/sample.lst"
        /usr/bin/time -f '%e %U %S' -o "$WORK/pandoc-time.txt" \
            xargs -0 -n 1 -P "$p" -a "$WORK/sample.lst" sh -c 'pandoc -f docx -t json "$0" > /dev/null'
        python3 - "$WORK/pandoc-time.txt" "${#sample[@]}" "$n_docx" "$p" "$WORK/results.txt" <<'PY'
import re, sys
wall, user, system = map(float, open(sys.argv[1]).read().split()[-3:])
n, n_docx, p, results = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
rate, cpu = n / wall, (user + system) * 1000 / n
mine = mine_cpu = 0.0
for line in open(results):
    if line.startswith("-j %s --jsonl, .docx only " % p):
        mine = float(re.search(r"docs_per_sec=(\d+)", line).group(1))
        mine_cpu = float(re.search(r"cpu_ms=([0-9.]+)", line).group(1))
ratio, cpu_ratio = mine / rate, cpu / mine_cpu
print("pandoc -f docx -t json, %s at a time: %d files in %.2f s = %.1f docs/s, %.0f CPU ms/doc "
      "(extrapolated: %.0f s for the %d .docx files)" % (p, n, wall, rate, cpu, n_docx / rate, n_docx))
print("  treatydoc -j %s on the .docx files: %.0f docs/s = %.0fx pandoc by wall time, %.2f CPU ms/doc "
      "= %.0fx by CPU time -> goal >= 50x %s" % (p, mine, ratio, mine_cpu, cpu_ratio,
                                             "met" if min(ratio, cpu_ratio) >= 50 else
                                             "met by CPU time only" if cpu_ratio >= 50 else "NOT met"))
PY
    done
else
    echo "pandoc not installed: comparison skipped (apt-get install -y pandoc)"
fi

echo
python3 - "$WORK/results.txt" "$BIG" <<'PY'
import re, sys
r = {m[0]: (int(m[1]), int(m[3]), float(m[2])) for m in re.findall(r"^(.*) docs_per_sec=(\d+) cpu_ms=([0-9.]+) rss_kib=(\d+)$", open(sys.argv[1]).read(), re.M)}
big = sys.argv[2]
best = max(v[0] for k, v in r.items() if "docx only" not in k)
peak = max(v[1] for v in r.values()) / 1024
o1, o10 = r["-j 2 --out, 1,000 inputs"][1] / 1024, r["-j 2 --out, %s inputs" % big][1] / 1024
j1, j10 = r["-j 2 --jsonl, 1,000 inputs"][1] / 1024, r["-j 2 --jsonl, %s inputs" % big][1] / 1024
mixed_cpu = min(v[2] for k, v in r.items() if "docx only" not in k)
print("goal >= 1,000 docs/s: best %d docs/s -> %s; CPU time %.2f ms/doc, so at most %.0f docs/s on 2 idle cores"
      % (best, "met" if best >= 1000 else "NOT met", mixed_cpu, 2000 / mixed_cpu))
print("goal peak RSS < 64 MiB: %.1f MiB -> %s" % (peak, "met" if peak < 64 else "NOT met"))
print("goal RSS flat 1,000 -> %s inputs: --out %.1f -> %.1f MiB, --jsonl %.1f -> %.1f MiB" % (big, o1, o10, j1, j10))
PY
