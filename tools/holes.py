#!/usr/bin/env python3
"""Holes on made-up pages as ../shared/tools/pagecheck.py counts them
(white areas of at least 4 x 4 body ems inside the type area), per page,
with the boxes of vertical glyphs corrected: PyMuPDF boxes a glyph set in
vertical writing (Identity-V) some 0.88 em below its ink, so that on a
vertical page pagecheck finds white at the head of a large vertical
headline that is not there and misses white at its foot. With
--vertical-boxes every glyph of a vertical line is moved 0.88 em up onto
its ink before the holes are counted (checked on the generated vertical
pages by the ink under each box); the README's counts "vertical glyph
boxes corrected" are this tool's.

Usage: tools/holes.py PAGE.pdf... [--vertical-boxes] [--hole EMS] [--checker PATH/TO/pagecheck.py]
Prints one line a PDF: its name, the holes in all, and per page with
holes: pN:count(width x height of the largest, in ems).
"""

import sys as _sys

# --help before anything else is imported or done; a missing argument is a
# usage message, not a traceback.
if any(a in ("-h", "--help") for a in _sys.argv[1:]):
    print(__doc__.strip())
    _sys.exit(0)

import argparse, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
# How far below its ink PyMuPDF boxes a vertical glyph, in its size.
VERTICAL_DROP = 0.88


def glyphs(page, vertical_boxes):
    """The page's glyphs as pdfcheck.chars_of gives them, vertical ones
    moved onto their ink when asked."""
    import pymupdf
    raw = page.get_text("rawdict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE)
    out = []
    for b in raw["blocks"]:
        for line in b.get("lines", []):
            vertical = vertical_boxes and line.get("wmode", 0) == 1
            for s in line["spans"]:
                size = s["size"] or 10.0
                for ch in s["chars"]:
                    if not ch["c"].strip():
                        continue
                    x0, y0, x1, y1 = ch["bbox"]
                    if vertical:
                        y0, y1 = y0 - VERTICAL_DROP * size, y1 - VERTICAL_DROP * size
                    out.append(dict(c=ch["c"], x0=x0, y0=y0, x1=x1, y1=y1, cx=(x0 + x1) / 2, cy=(y0 + y1) / 2,
                                    size=size, font=s.get("font", ""), wmode=line.get("wmode", 0)))
    return out


def count(pc, path, vertical_boxes, hole):
    import pymupdf
    try:
        doc = pymupdf.open(path)
    except Exception as e:  # PyMuPDF's own errors for a missing or damaged file
        sys.exit(f"error: {path}: {e}\n  hint: give the PDF typeset wrote for a page manifest")
    pages = []
    for pno, page in enumerate(doc):
        clip = page.trimbox if page.trimbox else page.rect
        gl = [g for g in glyphs(page, vertical_boxes) if clip.contains(pymupdf.Point(g["cx"], g["cy"]))]
        if not gl:
            continue
        n, _, big = pc.holes(page, gl, pc.body_size(gl), clip, hole)
        if n:
            pages.append((pno + 1, n, big))
    return pages


def main():
    ap = argparse.ArgumentParser(description="holes per page, vertical glyph boxes corrected on request")
    ap.add_argument("pdf", nargs="+")
    ap.add_argument("--vertical-boxes", action="store_true", help="move vertical glyphs' boxes onto their ink")
    ap.add_argument("--hole", type=int, default=4, help="smallest hole that counts, in body ems (default 4)")
    ap.add_argument("--checker", default=os.path.join(HERE, "..", "..", "shared", "tools", "pagecheck.py"))
    a = ap.parse_args()
    pc = checker.load(a.checker, "pagecheck", "with --checker")
    for path in a.pdf:
        pages = count(pc, path, a.vertical_boxes, a.hole)
        detail = " ".join(f"p{p}:{n}({w}x{h})" for p, n, (w, h) in pages)
        print(os.path.basename(path), sum(n for _, n, _ in pages), detail)


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(HERE, "lib"))
    from cli import run
    import checker

    run(main)
