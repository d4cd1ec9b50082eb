#!/bin/sh
# Whole-process comparison of `treatydoc parse` with `pandoc -f docx -t json` on the same .docx.
# Usage: sh benches/vs_pandoc.sh [FILE.docx]   (default: the CERD file of the shared corpus)
set -e
cd "$(dirname "$0")/.."
file=${1:-../shared/corpus/CERD_C_URY_CO_21-23.docx}
cargo build --release --quiet
out=$(mktemp "${TMPDIR:-/tmp}/treatydoc-vs-pandoc.XXXXXX") # both tools' stdout, not /dev/null
trap 'rm -f "$out"' EXIT
hyperfine --warmup 5 --min-runs 30 -N --output="$out" \
  --export-markdown target/vs_pandoc.md \
  "target/release/treatydoc parse $file" \
  "pandoc -f docx -t json $file"
cat target/vs_pandoc.md
