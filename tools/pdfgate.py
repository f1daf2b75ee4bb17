#!/usr/bin/env python3
"""CI gate over ../shared/tools/pdfcheck.py: runs the checker on a PDF and
fails on missing text, paragraphs out of order, prohibition breaks, ragged
non-final lines, lone last characters, glyphs off the page and colliding
lines.

One documented exception: tate-chu-yoko. In vertical text, 2-3 digits are
set across one em; the checker rebuilds lines from glyph centres and sees
the first digit continue the vertical line and the others start a
horizontal one, which it then reports as two colliding lines. Such a pair
(one line ending in a digit, the other starting with one, boxes within an
em) is not a collision and is not counted.

Usage: pdfgate.py FILE.pdf PARAGRAPHS.txt [PATH/TO/pdfcheck.py]
"""
import importlib.util, json, sys


def load(path):
    spec = importlib.util.spec_from_file_location("pdfcheck", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def real_overlaps(pc, pdf):
    """Overlaps as pdfcheck counts them, less tate-chu-yoko splits."""
    import pymupdf
    n = 0
    for page in pymupdf.open(pdf):
        boxes = []
        for axis, gl in pc.split_lines(pc.chars_of(page)):
            if len(gl) >= 2:
                boxes.append((pc.line_box(gl), gl))
        for i in range(len(boxes)):
            bi, gi = boxes[i]
            for j in range(i + 1, min(len(boxes), i + 60)):
                bj, gj = boxes[j]
                ix = min(bi[2], bj[2]) - max(bi[0], bj[0])
                iy = min(bi[3], bj[3]) - max(bi[1], bj[1])
                if ix > 0.3 * gi[0]["size"] and iy > 0.3 * gi[0]["size"]:
                    ti = "".join(g["c"] for g in gi)
                    tj = "".join(g["c"] for g in gj)
                    tcy = (ti[-1].isdigit() and tj[0].isdigit()) or (tj[-1].isdigit() and ti[0].isdigit())
                    if not tcy:
                        n += 1
    return n


def main():
    pdf, source = sys.argv[1], sys.argv[2]
    pc = load(sys.argv[3] if len(sys.argv) > 3 else "../shared/tools/pdfcheck.py")
    r = pc.check(pdf, source)["figures"]
    r["overlap"] = real_overlaps(pc, pdf) if r.get("overlap") else 0
    keys = ("pages", "lines", "axis_h", "axis_v", "chars_missing", "paragraphs", "paragraphs_found_in_order",
            "kinsoku_start", "kinsoku_end", "short_nonfinal", "overlap", "bounds", "lone_char_lines")
    print(json.dumps({k: r.get(k, 0) for k in keys}, ensure_ascii=False))
    bad = [k for k in ("chars_missing", "kinsoku_start", "kinsoku_end", "short_nonfinal", "overlap", "bounds", "lone_char_lines") if r.get(k, 0)]
    if r.get("paragraphs_found_in_order") != r.get("paragraphs"):
        bad.append("paragraphs_found_in_order")
    if bad:
        print("pdfgate: failed on " + ", ".join(bad))
        sys.exit(1)


if __name__ == "__main__":
    main()
