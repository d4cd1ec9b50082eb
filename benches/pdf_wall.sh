#!/usr/bin/env bash
# Whole-process wall time of a CO PDF, treatydoc against `pdftotext -layout`, with hyperfine
# (GNU time's 10 ms steps, which benches/pdf.sh uses for CPU and memory, cannot resolve a
# 6 ms run). Issue 16's goal: treatydoc faster than pdftotext on a concluding observation.
#
#   benches/pdf_wall.sh [RUNS] [PDF...]   default 30 runs; an 8-, a 14- (French) and a 25-page CO
#
# Needs hyperfine and poppler-utils (`apt-get install -y hyperfine poppler-utils`). Each
# tool's output goes to a temporary file (hyperfine's --output), never to /dev/null.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-30}
shift || true
P=../shared/corpus/crpd-pdf/co
files=("$@")
[[ ${#files[@]} -gt 0 ]] || files=("$P/CRPD_C_BEL_CO_1.pdf" "$P/CRPD_C_NOR_CO_1.pdf" "$P/CRPD_C_EU_CO_2-3.pdf")
cargo build --release --locked --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/treatydoc
WORK=$(mktemp -d "${TMPDIR:-/tmp}/treatydoc-pdfwall.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
for f in "${files[@]}"; do
    echo "== $(basename "$f")"
    hyperfine -N -w 3 -r "$RUNS" --output="$WORK/stdout" \
        "$BIN parse $f" "pdftotext -layout $f $WORK/pdftotext.txt" | grep -E 'Time|faster|±'
done
