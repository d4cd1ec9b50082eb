#!/usr/bin/env bash
# Amplification benchmark (issue 10, cases 1-3): small hostile inputs that once cost far more
# time, memory or output than their size. For each case: wall time, peak RSS, output bytes,
# exit code and the first line treatydoc printed on stderr.
#
#   benches/amplification.sh            the issue's sizes (SCALE=1)
#   SCALE=0.1 benches/amplification.sh  a tenth of each (quick check of linearity)
#   BIN=../wt-x/target/release/treatydoc benches/amplification.sh   another build
#
# Cases (the inputs are built here, never committed):
#   1. numbering: a .docx whose numbering.xml has a w:lvlText of "%1" repeated 100,000 times
#      (start 32767, lowerLetter) on 10 numbered paragraphs; before the fix 23 s, 2.4 GB and
#      1.26 GB of JSON.
#   2. ranges: a text export of 100,000 paragraphs each saying "See paragraphs 1 to 199 above
#      and articles 1 to 200 of the Convention." (7.8 MB); before the fix 45 s, 4.8 GB, 1.02 GB.
#   3. glyphs: a .docx of 3,762 list paragraphs at w:ilvl 0, each with its own bullet glyph;
#      before the fix nesting depth 3,762 and 14.5 MB, unreadable by serde_json (depth 128)
#      and Python's json (recursion limit).
#
# Guards, so that an unfixed build cannot take the shared machine down: each run gets
# `ulimit -v` of MEM_LIMIT_MIB (default 2048) and `timeout` of TIMEOUT seconds (default 120);
# a run stopped by either is reported as such (exit 134/137 or 124), not hidden.
#
# Needs python3 (builds the inputs) and GNU time (`apt-get install -y time`). Writes only to
# a temporary directory (the JSON goes to a file there, never to a device), removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE=${SCALE:-1}
MEM_LIMIT_MIB=${MEM_LIMIT_MIB:-2048}
TIMEOUT=${TIMEOUT:-120}

if [[ ! -x /usr/bin/time ]]; then
    echo "amplification.sh: GNU time is needed for peak RSS: apt-get install -y time" >&2
    exit 1
fi

# BIN=path/to/treatydoc measures another build (e.g. another branch's) without building.
if [[ -z ${BIN:-} ]]; then
    cargo build --release --locked --quiet
    BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/treatydoc
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/treatydoc-amplification.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

python3 - "$WORK" "$SCALE" <<'PY'
import os, sys, zipfile
work, scale = sys.argv[1], float(sys.argv[2])
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

def docx(path, document, numbering):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", document)
        z.writestr("word/numbering.xml", numbering)

def document(paras):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (W, "".join(paras)))

def para(text, num_id=None, ilvl=0):
    ppr = ""
    if num_id is not None:
        ppr = ('<w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr>'
               % (ilvl, num_id))
    return '<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (ppr, text)

def numbering(levels):
    """levels: [(abstract id, start, numFmt, lvlText)]; num i -> abstractNum i."""
    abstract = "".join(
        '<w:abstractNum w:abstractNumId="%d"><w:lvl w:ilvl="0"><w:start w:val="%d"/>'
        '<w:numFmt w:val="%s"/><w:lvlText w:val="%s"/></w:lvl></w:abstractNum>'
        % (i, start, fmt, text) for i, start, fmt, text in levels)
    nums = "".join('<w:num w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>' % (i, i)
                   for i, _, _, _ in levels)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:numbering xmlns:w="%s">%s%s</w:numbering>' % (W, abstract, nums))

title = "Concluding observations on the report of Utopia"

# Case 1: one lvlText of "%1" x 100,000 (start 32767, lowerLetter), 10 paragraphs using it.
reps = max(1, int(100_000 * scale))
docx(os.path.join(work, "numbering.docx"),
     document([para(title)] + [para("Paragraph %d." % i, 1) for i in range(10)]),
     numbering([(1, 32767, "lowerLetter", "%1" * reps)]))

# Case 2: 100,000 paragraphs each with two ranges.
n = max(1, int(100_000 * scale))
with open(os.path.join(work, "ranges.txt"), "w") as f:
    f.write("Committee on the Rights of the Child\n%s\n" % title)
    for i in range(1, n + 1):
        f.write("%d.\tSee paragraphs 1 to 199 above and articles 1 to 200 of the Convention.\n" % i)

# Case 3: 3,762 list paragraphs at ilvl 0, each with a bullet glyph of its own.
g = max(1, int(3762 * scale))
glyphs = [chr(0x2500 + i) if 0x2500 + i < 0xD800 else chr(0x10000 + i) for i in range(g)]
docx(os.path.join(work, "glyphs.docx"),
     document([para(title), para("1.\tThe Committee recommends:")]
              + [para("Item %d." % i, i + 1) for i in range(g)]),
     numbering([(i + 1, 1, "bullet", glyphs[i]) for i in range(g)]))
PY

depth() { # the JSON nesting depth of a file, without recursion (Python's json.load fails)
    python3 - "$1" <<'PY'
import sys
d = m = 0
s = False
e = False
with open(sys.argv[1], "rb") as f:
    while chunk := f.read(1 << 20):
        for c in chunk:
            if s:
                if e: e = False
                elif c == 0x5C: e = True
                elif c == 0x22: s = False
            elif c == 0x22: s = True
            elif c in (0x7B, 0x5B): d += 1; m = max(m, d)
            elif c in (0x7D, 0x5D): d -= 1
print(m)
PY
}

echo "== treatydoc $("$BIN" --version | cut -d' ' -f2), SCALE=$SCALE, limits: ${MEM_LIMIT_MIB} MiB virtual, ${TIMEOUT} s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| %-14s | %10s | %6s | %8s | %8s | %12s | %5s | %s\n' case "input B" exit "wall s" "RSS MiB" "output B" depth "stderr"
printf '|%s|%s|%s|%s|%s|%s|%s|%s\n' ---------------- ------------ -------- ---------- ---------- -------------- ------- ------
for c in numbering.docx ranges.txt glyphs.docx; do
    in="$WORK/$c" out="$WORK/$c.json"
    set +e
    ( ulimit -v $(( MEM_LIMIT_MIB * 1024 )); exec timeout "$TIMEOUT" /usr/bin/time -v -o "$WORK/time.txt" \
        "$BIN" parse "$in" > "$out" 2> "$WORK/stderr.txt" )
    code=$?
    set -e
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt" 2>/dev/null || echo 0)
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt" 2>/dev/null || echo "?")
    # m:ss.ss -> seconds
    secs=$(awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else if (NF == 2) print $1 * 60 + $2; else print $1 }' <<<"$wall")
    bytes=$(stat -c %s "$out")
    d=$( (( code == 0 )) && depth "$out" || echo "-")
    msg=$(grep -v '^\s*Command exited with' "$WORK/stderr.txt" | head -1 | cut -c1-110 || true)
    printf '| %-14s | %10s | %6s | %8s | %8s | %12s | %5s | %s\n' "$c" "$(stat -c %s "$in")" "$code" "$secs" \
        "$(( ${rss:-0} / 1024 ))" "$bytes" "$d" "$msg"
    rm -f "$out"
done
