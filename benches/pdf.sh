#!/usr/bin/env bash
# Whole-process PDF parse, side by side on the same files: treatydoc (release build) against
# `pdftotext -layout` (poppler-utils) and pdfplumber's word extraction (pip install pdfplumber).
# Each tool runs N times per file; outputs go to temp files. Prints one table: median wall
# time, mean CPU time (user+sys, the fair figure on a loaded machine; GNU time has 10 ms
# resolution) and peak RSS per tool and file, and the ratios treatydoc/pdftotext.
# With IR=1 it also counts instructions with valgrind (callgrind, one run per tool and file):
# load does not change them, so they compare tools on a busy machine too (pdfplumber is not
# counted: under valgrind the Python interpreter takes minutes per file).
# usage: [IR=1] benches/pdf.sh [N] [PDF...]
#   default: 10 runs; five CRPD concluding observations of 4 to 25 pages (English, French, Arabic)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10}; shift || true
corpus=../shared/corpus/crpd-pdf/co
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$corpus/CRPD_C_MNE_CO_1_Add.2.pdf" "$corpus/CRPD_C_BEL_CO_1.pdf" \
  "$corpus/CRPD_C_NOR_CO_1.pdf" "$corpus/CRPD_C_BEL_CO_2-3.pdf" "$corpus/CRPD_C_EU_CO_2-3.pdf")
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
have_ir=0; [ "${IR:-0}" = 1 ] && command -v valgrind > /dev/null && have_ir=1
# measure cmd...: runs it with stdout to a temp file; prints "wall_ms cpu_ms rss_mib ir" (ir "-" without IR=1)
measure() {
  : > "$tmp/times"
  for _ in $(seq "$n"); do
    /usr/bin/time -f "%e %U %S %M" -a -o "$tmp/times" "$@" > "$tmp/stdout"
  done
  local ir=-
  if [ $have_ir = 1 ] && [ "${NO_IR:-0}" = 0 ]; then
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$@" > "$tmp/stdout" 2> "$tmp/vg"
    ir=$(grep -o 'refs: *[0-9,]*' "$tmp/vg" | tr -dc 0-9)
  fi
  sort -n "$tmp/times" | awk -v ir="$ir" '
    { wall[NR] = $1; cpu += $2 + $3; if ($4 > rss) rss = $4 }
    END { printf "%.1f %.1f %.1f %s\n", wall[int((NR + 1) / 2)] * 1000, cpu / NR * 1000, rss / 1024, ir }'
}
mega() { [ "$1" = - ] && echo - || awk -v v="$1" 'BEGIN { printf "%.1fM", v / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }
echo "$n runs per tool and file; load at start: $(cut -d" " -f1 /proc/loadavg); $(nproc) CPUs"
echo "wall = median ms, cpu = mean user+sys ms, rss = peak MiB, Ir = callgrind instructions (IR=1)"
echo
echo "| file | pages | tool | wall ms | cpu ms | peak RSS MiB | Ir | wall / pdftotext | cpu / pdftotext | Ir / pdftotext |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for f in "${files[@]}"; do
  pages=$(pdfinfo "$f" 2> /dev/null | awk '/^Pages:/ {print $2}')
  name=$(basename "$f" .pdf)
  read -r tw tc tr ti < <(measure "$bin" parse "$f")
  read -r pw pc pr pi < <(measure pdftotext -layout "$f" "$tmp/out.txt")
  echo "| $name | ${pages:-?} | treatydoc | $tw | $tc | $tr | $(mega "$ti") | $(ratio "$tw" "$pw") | $(ratio "$tc" "$pc") | $(ratio "$ti" "$pi") |"
  echo "| | | pdftotext -layout | $pw | $pc | $pr | $(mega "$pi") | | | |"
  if [ $have_plumber = 1 ]; then
    read -r lw lc lr li < <(NO_IR=1 measure python3 "$tmp/plumber.py" "$f" "$tmp/words.txt")
    echo "| | | pdfplumber words | $lw | $lc | $lr | $(mega "$li") | $(ratio "$lw" "$pw") | $(ratio "$lc" "$pc") | $(ratio "$li" "$pi") |"
  else
    echo "| | | pdfplumber | not installed (pip install pdfplumber) | | | | | | |"
  fi
done
