#!/usr/bin/env bash
# What `convert --rows` costs (issue 12): the same batch converted with `--jsonl` alone, with
# `--jsonl` and `--rows` (JSON Lines, then CSV), and with `--rows` alone.
#
#   benches/rows.sh [N]      N documents (default 2000), RUNS interleaved rounds (default 5)
#
# The corpus is benches/batch.sh's (benches/corpus.py, kinds docx,txt): half variations of
# the CERD .docx, half of the CRC and CERD text exports (from fixtures/ and ../shared/corpus),
# in a temporary directory.
# Every output goes to temporary files in it (never /dev/null), removed at the end. Prints
# the fastest wall time and CPU time (user + sys, GNU time) of each variant over the rounds,
# and the overhead of each over `--jsonl` alone.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-2000}
RUNS=${RUNS:-5}
JOBS=${JOBS:-2}
SHARED=../shared/corpus
[[ -x /usr/bin/time ]] || { echo "rows.sh: GNU time is needed: apt-get install -y time" >&2; exit 1; }

cargo build --release --locked --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/treatydoc
WORK=$(mktemp -d "${TMPDIR:-/tmp}/treatydoc-rows-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

python3 benches/corpus.py "$WORK/corpus" "$N" docx,txt --shared "$SHARED" --fixtures fixtures

declare -A ARGS=(
    [jsonl]="--jsonl $WORK/out/tree.jsonl"
    [jsonl+rows]="--jsonl $WORK/out/tree.jsonl --rows $WORK/out/rows"
    [jsonl+rows_csv]="--jsonl $WORK/out/tree.jsonl --rows $WORK/out/rows --csv"
    [rows]="--rows $WORK/out/rows"
)
ORDER=(jsonl jsonl+rows jsonl+rows_csv rows)
declare -A WALL CPU
for ((r = 1; r <= RUNS; r++)); do
    for v in "${ORDER[@]}"; do
        rm -rf "$WORK/out"; mkdir -p "$WORK/out"
        # shellcheck disable=SC2086
        /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$BIN" convert "$WORK/corpus" ${ARGS[$v]} -j "$JOBS" -q
        read -r wall user sys < "$WORK/time"
        cpu=$(echo "$user + $sys" | bc)
        if [[ -z ${WALL[$v]:-} ]] || (( $(echo "$wall < ${WALL[$v]}" | bc) )); then WALL[$v]=$wall; fi
        if [[ -z ${CPU[$v]:-} ]] || (( $(echo "$cpu < ${CPU[$v]}" | bc) )); then CPU[$v]=$cpu; fi
    done
done
rows_bytes=$(rm -rf "$WORK/out"; mkdir -p "$WORK/out"; "$BIN" convert "$WORK/corpus" --rows "$WORK/out/rows" -j "$JOBS" -q; du -sb "$WORK/out/rows" | cut -f1)
tree_bytes=$("$BIN" convert "$WORK/corpus" --jsonl "$WORK/out/tree.jsonl" -j "$JOBS" -q; stat -c %s "$WORK/out/tree.jsonl")
echo "$N documents, -j $JOBS, fastest of $RUNS interleaved rounds; tree $tree_bytes bytes, tables $rows_bytes bytes (JSON Lines)"
printf '| %-16s | %8s | %8s | %12s | %12s |\n' run "wall s" "CPU s" "wall vs jsonl" "CPU vs jsonl"
for v in "${ORDER[@]}"; do
    printf '| %-16s | %8s | %8s | %+11.1f%% | %+11.1f%% |\n' "$v" "${WALL[$v]}" "${CPU[$v]}" \
        "$(echo "(${WALL[$v]} / ${WALL[jsonl]} - 1) * 100" | bc -l)" \
        "$(echo "(${CPU[$v]} / ${CPU[jsonl]} - 1) * 100" | bc -l)"
done
