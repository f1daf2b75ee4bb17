#!/usr/bin/env python3
"""Where a PDF's bytes go, against what it must carry.

Usage: tools/pdfsize.py OUT.pdf SOURCE...   (SOURCE: .md files or folders of them)

Prints the PDF size, the embedded font programs (as stored and decoded),
the content streams (as stored), and the floor the issue sets: the subset
fonts plus the source text compressed with zlib level 9. The ratio is
PDF size / floor; our target is at most 1.2.
"""

import sys as _sys

# --help before anything else is imported or done; a missing argument is a
# usage message, not a traceback.
if any(a in ("-h", "--help") for a in _sys.argv[1:]):
    print(__doc__.strip())
    _sys.exit(0)
if len([a for a in _sys.argv[1:] if not a.startswith("--")]) < 1:
    print(__doc__.strip().splitlines()[0], file=_sys.stderr)
    print("error: missing arguments; see --help", file=_sys.stderr)
    _sys.exit(2)

import os
import sys
import zlib

import pymupdf


def source_text(paths):
    text = []
    for p in paths:
        files = (
            sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".md"))
            if os.path.isdir(p)
            else [p]
        )
        for f in files:
            s = open(f, encoding="utf-8").read()
            # The body only: front matter is metadata, carried once.
            if s.startswith("+++"):
                s = s.split("+++", 2)[2]
            text.append(s)
    return "".join(text).encode("utf-8")


def main():
    pdf_path, sources = sys.argv[1], sys.argv[2:]
    for path in [pdf_path] + sources:
        if not os.path.exists(path):
            sys.exit(f"error: {path} does not exist")
    doc = pymupdf.open(pdf_path)
    font_stored = font_decoded = content = 0
    for xref in range(1, doc.xref_length()):
        keys = doc.xref_get_keys(xref)
        if "FontFile2" in keys or "FontFile3" in keys:
            for k in ("FontFile2", "FontFile3"):
                t, v = doc.xref_get_key(xref, k)
                if t == "xref":
                    ff = int(v.split()[0])
                    font_stored += len(doc.xref_stream_raw(ff))
                    font_decoded += len(doc.xref_stream(ff))
    for page in doc:
        for c in page.get_contents():
            content += len(doc.xref_stream_raw(c))
    size = os.path.getsize(pdf_path)
    text = zlib.compress(source_text(sources), 9)
    floor = font_decoded + len(text)
    print(f"pdf {size} bytes, {len(doc)} pages")
    print(f"fonts {font_decoded} bytes subset, {font_stored} as stored")
    print(f"content streams {content} bytes as stored")
    print(f"text {len(text)} bytes compressed")
    print(f"ratio {size / floor:.3f} (pdf / (subset fonts + compressed text))")


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
    from cli import run

    run(main)
