#!/usr/bin/env bash
# Batch throughput against the goals of issue 16, one binary or two side by side.
#
#   benches/speed.sh [N]             N .docx and N text exports (default 2000), RUNS=3 rounds
#   BEFORE=/path/to/old/treatydoc benches/speed.sh
#                                    the same runs with an older binary, interleaved round by
#                                    round with the current one, so both see the same load
#
# Each round runs every (binary, kind, -j, output) combination once, in a fixed order; the
# table shows the median over the rounds of documents per second (wall) and of CPU ms per
# document (user + sys, GNU time), and `-j2/-j1`, the ratio of the medians. Goals: >= 2,500
# .docx/s and >= 5,000 text exports/s with -j2, `--jsonl` and `--out` alike, -j2 >= 1.9x -j1.
#
# The corpus is benches/corpus.py's (kinds docx and txt: CERD .docx variations, 61 KB; CRC
# and CERD text exports, 22-52 KB). Everything is written under one temporary directory
# (TMPDIR decides where: `TMPDIR=/dev/shm` takes the file system out of `--out`'s cost), and
# each `--out` run writes into a fresh directory that is removed only at the end: on ext4,
# creating files where thousands were just deleted costs several times more kernel time
# (`ext4_create` scans for recently deleted inodes), which a real conversion into a new
# directory does not pay. The JSONL goes to a file there, never to /dev/null. Every run must convert all N inputs, or the script stops.
# Needs python3 and GNU time (`apt-get install -y time`).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-2000}
RUNS=${RUNS:-3}
[[ -x /usr/bin/time ]] || { echo "speed.sh: GNU time is needed: apt-get install -y time" >&2; exit 1; }

if [[ -z ${BIN:-} ]]; then
    cargo build --release --locked --quiet
    BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/treatydoc
fi
bins=("now=$BIN")
[[ -n ${BEFORE:-} ]] && bins=("before=$BEFORE" "${bins[@]}")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/treatydoc-speed.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
python3 benches/corpus.py "$WORK/docx" "$N" docx > /dev/null
python3 benches/corpus.py "$WORK/txt" "$N" txt > /dev/null

# one LABEL BIN KIND JOBS OUTPUT: one conversion; appends "LABEL KIND JOBS OUTPUT docs/s cpu_ms" to results.
one() {
    local label=$1 bin=$2 kind=$3 jobs=$4 output=$5 dest
    seq=$((seq + 1))
    if [[ $output == out ]]; then dest=(--out "$WORK/o$seq"); else dest=(--jsonl "$WORK/o.jsonl"); fi
    /usr/bin/time -f '%e %U %S' -o "$WORK/time" "$bin" convert "$WORK/$kind" "${dest[@]}" -j "$jobs" -q \
        --errors "$WORK/errors.jsonl" 2> "$WORK/stderr" || { cat "$WORK/stderr" >&2; exit 1; }
    if [[ -s $WORK/errors.jsonl ]]; then echo "speed.sh: $label $kind failed inputs" >&2; exit 1; fi
    if [[ $output == out ]]; then
        local got; got=$(find "$WORK/o$seq" -name '*.json' | wc -l)
        [[ $got == "$N" ]] || { echo "speed.sh: $label wrote $got of $N files" >&2; exit 1; }
    else
        [[ $(wc -l < "$WORK/o.jsonl") == "$N" ]] || { echo "speed.sh: $label: short JSONL" >&2; exit 1; }
    fi
    rm -f "$WORK/o.jsonl" "$WORK/errors.jsonl"
    read -r wall user sys < "$WORK/time"
    python3 -c 'import sys; n,w,u,s=map(float,sys.argv[1:]); print(f"{n/max(w,0.005):.0f} {(u+s)*1000/n:.3f}")' \
        "$N" "$wall" "$user" "$sys" | sed "s/^/$label $kind $jobs $output /" >> "$WORK/results"
}

seq=0
echo "== $N documents per kind, $RUNS rounds, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), dir $WORK"
for ((r = 1; r <= RUNS; r++)); do
    for kind in docx txt; do
        for output in jsonl out; do
            for jobs in 1 2; do
                for b in "${bins[@]}"; do one "${b%%=*}" "${b#*=}" "$kind" "$jobs" "$output"; done
            done
        done
    done
done
echo "== load at the end $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$WORK/results" <<'PY'
import statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in open(sys.argv[1]):
    label, kind, jobs, output, rate, cpu = line.split()
    runs[label, kind, output, int(jobs)].append((float(rate), float(cpu)))
med = {k: (statistics.median(r for r, _ in v), statistics.median(c for _, c in v)) for k, v in runs.items()}
goal = {"docx": 2500, "txt": 5000}
print("| binary | input | output | -j1 docs/s | -j2 docs/s | -j2/-j1 | CPU ms/doc (-j2) | goal -j2 |")
print("|---|---|---|---|---|---|---|---|")
labels = sorted({k[0] for k in med}, key=lambda l: l != "before")
for kind in ("docx", "txt"):
    for output in ("jsonl", "out"):
        for label in labels:
            j1, j2 = med[label, kind, output, 1], med[label, kind, output, 2]
            ok = "met" if j2[0] >= goal[kind] else f"missed ({j2[0] / goal[kind]:.2f})"
            print(f"| {label} | {kind} | --{output} | {j1[0]:,.0f} | {j2[0]:,.0f} | {j2[0] / j1[0]:.2f} | {j2[1]:.3f} | {ok} |")
PY
