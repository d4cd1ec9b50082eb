#!/usr/bin/env bash
# Whole-process PDF parse, side by side on the same files: treatydoc (release build) against
# `pdftotext -layout` (poppler-utils) and pdfplumber's word extraction (pip install pdfplumber).
# Each tool runs N times per file; outputs go to temp files. Wall and CPU time and peak RSS
# via GNU time (CPU time is the fair figure on a loaded machine; GNU time has 10 ms resolution).
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
measure() { # name cmd...: over n runs, median wall ms, mean CPU (user+sys) ms, peak RSS
  local name=$1; shift
  : > "$tmp/times"
  for _ in $(seq "$n"); do
    /usr/bin/time -f "%e %U %S %M" -a -o "$tmp/times" "$@" > "$tmp/stdout"
  done
  sort -n "$tmp/times" | awk -v name="$name" '
    { wall[NR] = $1; cpu += $2 + $3; if ($4 > rss) rss = $4 }
    END { printf "%-12s wall %7.1f ms (median)  cpu %7.1f ms (mean)  peak RSS %6.1f MiB\n",
          name, wall[int((NR + 1) / 2)] * 1000, cpu / NR * 1000, rss / 1024 }'
}
for f in "${files[@]}"; do
  pages=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
  echo "$(basename "$f") ($pages pages, $(stat -c %s "$f") bytes), $n runs; load: $(cut -d" " -f1 /proc/loadavg)"
  measure treatydoc sh -c "\"$bin\" parse \"$f\" > \"$tmp/out.json\""
  measure pdftotext pdftotext -layout "$f" "$tmp/out.txt"
  if [ $have_plumber = 1 ]; then
    measure pdfplumber python3 "$tmp/plumber.py" "$f" "$tmp/words.txt"
  else
    echo "pdfplumber   not installed (pip install pdfplumber)"
  fi
done
