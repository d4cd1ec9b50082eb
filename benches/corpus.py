#!/usr/bin/env python3
"""The one corpus builder of the benchmarks (benches/batch.sh, benches/rows.sh,
benches/scaling.sh, python/bench/make_corpus.py).

    benches/corpus.py OUT COUNT [KINDS] [--scale X] [--shared DIR] [--fixtures DIR]

Writes COUNT documents into OUT, 100 to a subdirectory (OUT/000, OUT/001, ...), so the first
k subdirectories hold the first k*100 documents. KINDS is a comma-separated cycle of
document kinds (default `docx,txt`: half .docx, half text exports); document i has kind
KINDS[i % len(KINDS)]:

- `docx`: the CERD concluding observations (CERD/C/URY/CO/21-23, 61 KB), one of 100
  variations of its word/document.xml (another country name and an added paragraph),
  named CERD_C_X_CO_<i>.docx;
- `txt`: a text export, alternately the CRC Tika export (fixtures/CRC_C_OPSC_PER_CO_1.txt)
  and the CERD POI export, with another country name and an added paragraph, CO_<i>.txt;
- `poi`, `tika`: the CERD POI export or the CRC Tika export alone, varied the same way.

`--scale X` repeats the body paragraphs of the CERD documents (.docx and POI export: the
44 numbered paragraphs with their headings and items) X times, renumbered 1, 2, ... 999 and
then from 1 again (a paragraph label has at most three digits: "1000." is no paragraph
number), before the variation; only the kinds `docx` and `poi` can be scaled. `--exact` leaves
the variation out: every document is the (scaled) source itself, the CERD .docx and POI
export byte for byte at scale 1.

The same arguments give the same bytes (no randomness, fixed zip timestamps), and
`docx,txt` gives the corpus benches/batch.sh always built. Sources are read from
../shared/corpus and fixtures/ beside this checkout unless --shared / --fixtures say
otherwise. Nothing is written outside OUT.
"""
import argparse
import io
import os
import re
import sys
import zipfile

COUNTRIES = ["Uruguay", "Peru", "Chile", "Norway", "Kenya", "Japan", "Ghana", "Nepal", "Fiji", "Oman"]
KINDS = ("docx", "txt", "poi", "tika")
CERD_DOCX = "CERD_C_URY_CO_21-23.docx"
CERD_POI = "CERD_C_URY_CO_21-23.poi.txt"
CRC_TIKA = "CRC_C_OPSC_PER_CO_1.txt"


def label(n):
    """The number of the n-th (from 0) paragraph of a scaled document: 1-999, repeated."""
    return n % 999 + 1


def scale_docx_body(xml, times):
    """document.xml with the paragraphs from numbered paragraph 1 up to the last body
    paragraph (the empty one before w:sectPr) repeated `times` times, renumbered."""
    if times == 1:
        return xml
    first = re.search(rb"<w:p [^>]*>(?:(?!</w:p>).)*?<w:t>1\.</w:t>", xml, re.S)
    starts = [m.start() for m in re.finditer(rb"<w:p[ >]", xml)]
    if first is None or not starts:
        sys.exit("corpus.py: cannot find paragraph 1 in the CERD document.xml")
    begin, end = first.start(), starts[-1]
    body = xml[begin:end]
    per_copy = len(re.findall(rb"<w:t>\d+\.</w:t>", body))
    copies = []
    for k in range(times):
        counter = iter(range(k * per_copy, (k + 1) * per_copy))
        copies.append(
            re.sub(rb"<w:t>\d+\.</w:t>", lambda m: b"<w:t>%d.</w:t>" % label(next(counter)), body)
        )
    return xml[:begin] + b"".join(copies) + xml[end:]


def scale_text_body(text, times):
    """A POI export with the lines from `1.<tab>` through the last numbered paragraph's
    block (up to the tab-only line before the page furniture) repeated, renumbered."""
    if times == 1:
        return text
    lines = text.split(b"\n")
    numbered = [i for i, l in enumerate(lines) if re.match(rb"\d+\.\t", l)]
    if not numbered:
        sys.exit("corpus.py: no numbered paragraph in the text export")
    begin, end = numbered[0], numbered[-1] + 1
    while end < len(lines) and lines[end].strip():
        end += 1
    body = lines[begin:end]
    per_copy = sum(1 for l in body if re.match(rb"\d+\.\t", l))
    out = lines[:begin]
    n = 0
    for _ in range(times):
        for l in body:
            m = re.match(rb"\d+\.\t", l)
            if m:
                l = b"%d.\t" % label(n) + l[m.end():]
                n += 1
            out.append(l)
    assert n == per_copy * times
    return b"\n".join(out + lines[end:])


def docx_variants(path, times, exact):
    """100 variations of the CERD .docx: another country and an added last paragraph (with
    `exact`, one document: the source scaled)."""
    if exact and times == 1:
        return [open(path, "rb").read()]
    src = zipfile.ZipFile(path)
    parts = [(i, src.read(i.filename)) for i in src.infolist()]
    variants = []
    for v in range(1 if exact else 100):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in parts:
                if info.filename == "word/document.xml":
                    data = scale_docx_body(data, times)
                    if not exact:
                        data = data.replace(b"Uruguay", COUNTRIES[v % 10].encode())
                        data = data.replace(
                            b"</w:body>",
                            ("<w:p><w:r><w:t>Variant %d.</w:t></w:r></w:p></w:body>" % v).encode(),
                        )
                # The source's own timestamps: the same arguments give the same bytes.
                entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(entry, data)
        variants.append(buf.getvalue())
    return variants


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("count", type=int)
    ap.add_argument("kinds", nargs="?", default="docx,txt")
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--exact", action="store_true")
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared", "corpus"))
    ap.add_argument("--fixtures", default=os.path.join(here, "..", "fixtures"))
    a = ap.parse_args()
    kinds = a.kinds.split(",")
    for k in kinds:
        if k not in KINDS:
            sys.exit("corpus.py: unknown kind %r (one of %s)" % (k, ", ".join(KINDS)))
    if a.scale < 1 or (a.scale > 1 and not set(kinds) <= {"docx", "poi"}):
        sys.exit("corpus.py: --scale must be >= 1 and only scales the kinds docx and poi")

    read = lambda *p: open(os.path.join(*p), "rb").read()
    tika = (read(a.fixtures, CRC_TIKA), b"Peru") if {"txt", "tika"} & set(kinds) else None
    poi = None
    if {"txt", "poi"} & set(kinds):
        poi = (scale_text_body(read(a.shared, CERD_POI), a.scale), b"Uruguay")
    texts = {"txt": [tika, poi], "poi": [poi], "tika": [tika]}
    variants = docx_variants(os.path.join(a.shared, CERD_DOCX), a.scale, a.exact) if "docx" in kinds else []

    for i in range(a.count):
        d = os.path.join(a.out, "%03d" % (i // 100))
        os.makedirs(d, exist_ok=True)
        kind, j = kinds[i % len(kinds)], i // len(kinds)
        if kind == "docx":
            name, data = "CERD_C_X_CO_%05d.docx" % i, variants[j % len(variants)]
        else:
            choices = texts[kind]
            text, country = choices[j % len(choices)]
            name = "CO_%05d.txt" % i
            if a.exact:
                data = text
            else:
                data = text.replace(country, COUNTRIES[i % 10].encode())
                data += ("\n99.\tThe Committee adds paragraph %d of this variation.\n" % i).encode()
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
