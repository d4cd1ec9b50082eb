#!/usr/bin/env bash
# Whole-process PDF parse, side by side on the same files: treatydoc (release build) against
# `pdftotext -layout` (poppler-utils) and pdfplumber's word extraction (pip install pdfplumber).
# Each tool runs N times per file; outputs go to temp files. Peak RSS via GNU time.
# usage: benches/pdf.sh [N] [PDF...]   (default: 10 runs; three CRPD concluding observations)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10}; shift || true
corpus=../shared/corpus/crpd-pdf/co
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$corpus/CRPD_C_EU_CO_2-3.pdf" "$corpus/CRPD_C_BEL_CO_2-3.pdf" "$corpus/CRPD_C_AUS_CO_1.pdf")
cargo build --release --quiet
bin=$PWD/target/release/treatydoc
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/plumber.py" <<'PY'
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf, open(sys.argv[2], "w") as out:
    for page in pdf.pages:
        for w in page.extract_words(extra_attrs=["fontname", "size"]):
            out.write(f"{w['x0']:.1f} {w['top']:.1f} {w['size']:.1f} {w['fontname']} {w['text']}\n")
PY
have_plumber=1; python3 -c 'import pdfplumber' 2>/dev/null || have_plumber=0
measure() { # name cmd...: mean wall ms over n runs, peak RSS of one run
  local name=$1; shift
  local t0 t1
  t0=$(date +%s%N)
  for _ in $(seq "$n"); do "$@"; done
  t1=$(date +%s%N)
  local rss
  rss=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)
  printf '%-12s %8.1f ms %8.1f MiB\n' "$name" "$(echo "($t1 - $t0) / $n / 1000000" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}
for f in "${files[@]}"; do
  pages=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
  echo "$(basename "$f") ($pages pages, $(stat -c %s "$f") bytes), mean of $n runs, peak RSS"
  measure treatydoc sh -c "\"$bin\" parse \"$f\" > \"$tmp/out.json\""
  measure pdftotext pdftotext -layout "$f" "$tmp/out.txt"
  if [ $have_plumber = 1 ]; then
    measure pdfplumber python3 "$tmp/plumber.py" "$f" "$tmp/words.txt"
  else
    echo "pdfplumber   not installed (pip install pdfplumber)"
  fi
done
