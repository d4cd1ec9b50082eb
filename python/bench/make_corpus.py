"""Writes N concluding-observation-sized documents into OUT (half .docx, half .txt), the
same recipe as benches/batch.sh: variations of the CERD .docx (document.xml with another
country and an added paragraph) and of the CERD POI and CRC Tika text exports.

usage: make_corpus.py OUT N SHARED_CORPUS FIXTURES
"""
import io
import os
import sys
import zipfile

out, total, shared, fixtures = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
countries = ["Uruguay", "Peru", "Chile", "Norway", "Kenya", "Japan", "Ghana", "Nepal", "Fiji", "Oman"]
texts = [
    (open(os.path.join(fixtures, "CRC_C_OPSC_PER_CO_1.txt"), "rb").read(), b"Peru"),
    (open(os.path.join(shared, "CERD_C_URY_CO_21-23.poi.txt"), "rb").read(), b"Uruguay"),
]
src = zipfile.ZipFile(os.path.join(shared, "CERD_C_URY_CO_21-23.docx"))
parts = [(i, src.read(i.filename)) for i in src.infolist()]
variants = []
for v in range(100):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename == "word/document.xml":
                data = data.replace(b"Uruguay", countries[v % 10].encode())
                data = data.replace(
                    b"</w:body>", ("<w:p><w:r><w:t>Variant %d.</w:t></w:r></w:p></w:body>" % v).encode()
                )
            z.writestr(info.filename, data)
    variants.append(buf.getvalue())
for i in range(total):
    d = os.path.join(out, "%03d" % (i // 100))
    os.makedirs(d, exist_ok=True)
    if i % 2 == 0:
        name = "CERD_C_X_CO_%05d.docx" % i
        data = variants[(i // 2) % 100]
    else:
        text, country = texts[(i // 2) % 2]
        data = text.replace(country, countries[i % 10].encode())
        data += ("\n99.\tThe Committee adds paragraph %d of this variation.\n" % i).encode()
        name = "CO_%05d.txt" % i
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
