#!/usr/bin/env bash
# Is `treatydoc parse` linear in document size? (issue 16)
#
#   benches/scaling.sh            scales 1 10 100 1000 (SCALES="1 10 100" to change), RUNS=3
#
# The documents are the CERD concluding observations (CERD/C/URY/CO/21-23), the .docx and its
# POI text export, with their 44 numbered paragraphs (headings and items with them) repeated
# 1, 10, 100 and 1000 times and renumbered 1-999, then from 1 again (benches/corpus.py
# --scale X --exact; at 1x they are the files of ../shared/corpus byte for byte). From 100x
# on, numbers repeat, and the builder warns about each repeat (`duplicate_number`). Each is parsed RUNS times as a whole
# process; the table shows the fastest CPU time (user + sys in ms, from bash's `time`, which
# includes the ~1 ms of GNU time's own start: load on the machine changes CPU time less than
# wall time), the wall time of that run, the peak RSS (GNU time) and the output size. `CPU/x vs 1x` is the CPU time per unit of size against the 1x document: 1.00 is
# linear, below 1 the fixed start-up cost being spread, above 1 a pass that grows faster
# than the input. `step` is the CPU ratio to the previous row (linear: the size ratio, 10).
#
# The limits are raised for the large sizes (a 1000x document is over the default
# --max-ref-members). Needs python3 and GNU time (`apt-get install -y time`). Writes only to
# a temporary directory (the JSON goes to a file there, never /dev/null), removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

SCALES=${SCALES:-"1 10 100 1000"}
RUNS=${RUNS:-3}
SHARED=../shared/corpus
[[ -x /usr/bin/time ]] || { echo "scaling.sh: GNU time is needed: apt-get install -y time" >&2; exit 1; }

if [[ -z ${BIN:-} ]]; then # BIN=path/to/treatydoc measures that binary instead
    cargo build --release --locked --quiet
    BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/treatydoc
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/treatydoc-scaling.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
LIMITS=(--max-input-bytes 4G --max-decompressed-bytes 16G --max-compression-ratio 100000
        --max-paragraphs 100000000 --max-line-bytes 1G --max-ref-members 1000000000)

for x in $SCALES; do
    python3 benches/corpus.py "$WORK/x$x" 2 docx,poi --scale "$x" --exact --shared "$SHARED"
done

echo "treatydoc parse, fastest of $RUNS runs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| %-5s | %5s | %11s | %10s | %8s | %7s | %11s | %6s | %8s | %12s |\n' \
    kind x "input B" paragraphs "CPU s" "wall s" "CPU/x vs 1x" step "RSS MiB" "output B"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' ------- ------- ------------- ------------ \
    ---------- --------- ------------- -------- ---------- --------------
for kind in docx txt; do
    base=""; prev=""
    for x in $SCALES; do
        if [[ $kind == docx ]]; then f=$WORK/x$x/000/CERD_C_X_CO_00000.docx; else f=$WORK/x$x/000/CO_00001.txt; fi
        best=""; best_wall=""; rss=0
        for ((r = 1; r <= RUNS; r++)); do
            # GNU time for the peak RSS; bash's `time` for ms-resolution times (GNU time's
            # are in units of 10 ms, coarser than the whole 1x run).
            TIMEFORMAT='%3R %3U %3S'
            { time /usr/bin/time -f "%M" -o "$WORK/rss" "$BIN" parse "${LIMITS[@]}" "$f" > "$WORK/out.json" || {
                echo "scaling.sh: parse of the ${x}x $kind failed" >&2; exit 1; }; } 2> "$WORK/time"
            read -r wall user sys < "$WORK/time"
            kib=$(tail -1 "$WORK/rss")
            cpu=$(echo "$user + $sys" | bc)
            if [[ -z $best ]] || (( $(echo "$cpu < $best" | bc) )); then best=$cpu; best_wall=$wall; fi
            (( kib > rss )) && rss=$kib
        done
        [[ $(echo "$best < 0.001" | bc) == 1 ]] && best=0.001 # never divide by zero
        [[ -z $base ]] && base=$best
        per_x=$(printf '%.2f' "$(echo "scale=4; $best / ($x * $base)" | bc)")
        step=$([[ -n $prev ]] && printf '%.1f' "$(echo "scale=4; $best / $prev" | bc)" || echo "-")
        paras=$(python3 -c "
import json, sys
def n(nodes):
    return sum((x['type'] == 'paragraph') + n(x.get('children', [])) for x in nodes)
print(n(json.load(open(sys.argv[1]))['body']))" "$WORK/out.json")
        printf '| %-5s | %5s | %11s | %10s | %8s | %7s | %11s | %6s | %8s | %12s |\n' "$kind" "${x}x" \
            "$(stat -c %s "$f")" "$paras" "$(printf '%.3f' "$best")" "$best_wall" "$per_x" "$step" \
            "$(printf '%.1f' "$(echo "scale=2; $rss / 1024" | bc)")" "$(stat -c %s "$WORK/out.json")"
        prev=$best
    done
done
