"""Per-document in-process time of treatydoc and the Python .docx readers, side by side in
one interpreter on one file (default: the CERD concluding observations).

usage: per_doc.py [FILE.docx] [RUNS]

Each tool does what a user calls it for: treatydoc.parse (the whole tree as a dict) and
parse_json (the JSON text); python-docx opens the file and lists the paragraph texts;
mammoth converts to HTML; docx2python extracts the text; markitdown converts to Markdown;
docling converts (DocumentConverter, created once) and exports its document dict. One
warm-up call each, then RUNS timed calls (fewer for the slow ones, so the run stays short);
median and minimum in milliseconds. A tool that is not installed is reported as such.
"""
import statistics
import sys
import time

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/CERD_C_URY_CO_21-23.docx"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 50


def tools():
    import treatydoc

    yield "treatydoc.parse (dict)", treatydoc.__version__, lambda: treatydoc.parse(path)
    yield "treatydoc.parse_json (str)", treatydoc.__version__, lambda: treatydoc.parse_json(path)
    try:
        import docx
        from importlib.metadata import version

        yield "python-docx (paragraph texts)", version("python-docx"), lambda: [
            p.text for p in docx.Document(path).paragraphs
        ]
    except ImportError:
        yield "python-docx", None, None
    try:
        import mammoth
        from importlib.metadata import version

        def run_mammoth():
            with open(path, "rb") as f:
                return mammoth.convert_to_html(f).value

        yield "mammoth (HTML)", version("mammoth"), run_mammoth
    except ImportError:
        yield "mammoth", None, None
    try:
        from docx2python import docx2python
        from importlib.metadata import version

        def run_d2p():
            with docx2python(path) as d:
                return d.text

        yield "docx2python (text)", version("docx2python"), run_d2p
    except ImportError:
        yield "docx2python", None, None
    try:
        from markitdown import MarkItDown
        from importlib.metadata import version

        md = MarkItDown()
        yield "markitdown (Markdown)", version("markitdown"), lambda: md.convert(path).text_content
    except ImportError:
        yield "markitdown", None, None
    try:
        from docling.document_converter import DocumentConverter
        from importlib.metadata import version

        conv = DocumentConverter()
        yield "docling (document dict)", version("docling"), lambda: conv.convert(path).document.export_to_dict()
    except ImportError:
        yield "docling", None, None


print(f"file: {path}; python {sys.version.split()[0]}")
print("| tool | version | median ms/doc | min ms/doc | runs |")
print("|---|---|---:|---:|---:|")
for name, version, fn in tools():
    if fn is None:
        print(f"| {name} | not installed | | | |")
        continue
    fn()  # warm-up (imports, caches)
    t0 = time.perf_counter()
    fn()
    once = time.perf_counter() - t0
    n = max(5, min(runs, int(5.0 / max(once, 1e-6))))  # about 5 s per tool at most
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"| {name} | {version} | {statistics.median(times):.2f} | {min(times):.2f} | {n} |", flush=True)
