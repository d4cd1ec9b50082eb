#!/usr/bin/env bash
# Fills fuzz/corpus/* (not committed) with seeds from the fixtures and the shared corpus.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/{text_reader,docx_reader,docx_parts,refs,pdf_reader}
cp ../fixtures/text/*.txt ../fixtures/*.txt ../fixtures/bad/* corpus/text_reader/
cp ../fixtures/docx/*.docx ../fixtures/bad/* corpus/docx_reader/
cp ../fixtures/docx/*.poi.txt corpus/text_reader/ 2>/dev/null || true
shared=../../shared/corpus
[ -d "$shared" ] && cp "$shared"/*.txt corpus/text_reader/ && cp "$shared"/*.docx corpus/docx_reader/
# pdf_reader: the CRPD PDFs under 256 KiB (whole PDFs; larger ones slow every execution).
[ -d "$shared/crpd-pdf" ] && find "$shared/crpd-pdf" -name '*.pdf' -size -256k -exec cp {} corpus/pdf_reader/ \;
# refs: one selector byte (the committee) then UTF-8 text; the paragraphs of the text fixtures.
for f in corpus/text_reader/*.txt; do
  { printf '\x04'; iconv -f utf-8 -t utf-8 -c "$f" | head -c 4096; } > "corpus/refs/$(basename "$f").in"
done
# docx_parts: the parts of each .docx, NUL-separated in the target's order.
python3 - <<'PY'
import zipfile, glob, os
parts = ["word/document.xml", "word/styles.xml", "word/numbering.xml", "word/footnotes.xml",
         "word/endnotes.xml", "docProps/core.xml", "word/_rels/document.xml.rels", "word/header1.xml"]
for f in glob.glob("corpus/docx_reader/*.docx"):
    try:
        z = zipfile.ZipFile(f)
    except Exception:
        continue
    names = set(z.namelist())
    blobs = [z.read(p).replace(b"\0", b"") if p in names else b"" for p in parts]
    open(os.path.join("corpus/docx_parts", os.path.basename(f) + ".parts"), "wb").write(b"\0".join(blobs))
PY
