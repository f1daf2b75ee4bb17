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

A second: a line stopped by a figure. Text wrapped around a figure ends
short of the column's measure, a constant gap from the shape, by design
(the line is set to its own measure, never letter-spaced); pdfcheck cannot
tell it from a ragged line. A short line whose end comes within 3 ems of
an image beside it (or of the circle inscribed in it) (across the same lines) is not counted; the raw figure
is printed as short_nonfinal_raw.

Usage: pdfgate.py FILE.pdf PARAGRAPHS.txt [PATH/TO/pdfcheck.py]
"""

import sys as _sys

# --help before anything else is imported or done; a missing argument is a
# usage message, not a traceback.
if any(a in ("-h", "--help") for a in _sys.argv[1:]):
    print(__doc__.strip())
    _sys.exit(0)
if len([a for a in _sys.argv[1:] if not a.startswith("--")]) < 2:
    print(__doc__.strip().splitlines()[0], file=_sys.stderr)
    print("error: missing arguments; see --help", file=_sys.stderr)
    _sys.exit(2)

import json, os, sys


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


def image_rects(page):
    return [tuple(i["bbox"]) for i in page.get_image_info()]


def stopped_by_figure(axis, box, em, images):
    """Whether the line's end comes within 3 ems of an image beside it:
    the gap to the shape (half an em to an em and a half on the character
    grid) and at most one character the line leaves rather than spread
    itself. The image's box counts, and the ellipse inscribed in it (a
    round figure's outline)."""
    import math
    x0, y0, x1, y1 = box
    # Along the line (u) and across it (v), for the line and each image.
    u1, v0, v1 = (x1, y0, y1) if axis == "h" else (y1, -x1, -x0)
    for a0, b0, a1, b1 in images:
        p0, p1, q0, q1 = (a0, a1, b0, b1) if axis == "h" else (b0, b1, -a1, -a0)
        # The gap reaches a line beyond the image, above and below.
        if min(v1, q1 + em) - max(v0, q0 - em) <= 0.3 * em:
            continue
        edges = [p0]
        qc, rq, pc, rp = (q0 + q1) / 2, (q1 - q0) / 2, (p0 + p1) / 2, (p1 - p0) / 2
        near = 0 if v0 <= qc <= v1 else min(abs(v0 - qc), abs(v1 - qc))
        for dv in (near, abs((v0 + v1) / 2 - qc)):
            for grow in (0, em):
                if dv < rq + grow:
                    edges.append(pc - (rp + grow) * math.sqrt(1 - (dv / (rq + grow)) ** 2))
        if any(-0.5 * em <= e - u1 <= 3 * em for e in edges):
            return True
    return False


def short_nonfinal(pc, pdf):
    """pdfcheck's ragged-line count (same frames, same measure), less the
    lines a figure stops."""
    import collections
    import pymupdf
    n = 0
    for page in pymupdf.open(pdf):
        images = image_rects(page)
        boxes = [(a, pc.line_box(gl), gl) for a, gl in pc.split_lines(pc.chars_of(page)) if len(gl) >= 2]

        def ends(axis, b, gl):
            st, en = (b[0], b[2]) if axis == "h" else (b[1], b[3])
            k = b[1] if axis == "h" else -b[2]
            half = en
            em = gl[0]["size"]
            if gl[-1]["c"] in pc.HALF_PUNCT:
                half = (gl[-1]["x0"] if axis == "h" else gl[-1]["y0"]) + 0.5 * em
            if gl[0]["c"] in pc.END_PROHIBITED:
                st = max(st, (gl[0]["x1"] if axis == "h" else gl[0]["y1"]) - 0.5 * em)
            return st, en, k, half

        frames, cur = [], []
        for axis, b, gl in boxes:
            if cur:
                pa, pb, pg = cur[-1]
                em = pg[0]["size"]
                s0, _, k0, _ = ends(pa, pb, pg)
                s1, _, k1, _ = ends(axis, b, gl)
                same_face = gl[0]["font"] == pg[0]["font"] or not (gl[0]["c"] >= "\u3000" and pg[0]["c"] >= "\u3000")
                if axis == pa and same_face and abs(gl[0]["size"] - em) < 0.1 * em and abs(s1 - s0) < 3 * em and 0 < k1 - k0 < 3 * em:
                    cur.append((axis, b, gl))
                    continue
                frames.append(cur)
            cur = [(axis, b, gl)]
        if cur:
            frames.append(cur)
        for fr in frames:
            if len(fr) < 2:
                continue
            em = fr[0][2][0]["size"]
            left = min(round(ends(a, b, g)[0]) for a, b, g in fr)
            right = collections.Counter(round(ends(a, b, g)[1]) for a, b, g in fr
                                        if g[-1]["c"] not in pc.HALF_PUNCT).most_common(1)
            if not right:
                continue
            right = right[0][0]
            for i in range(len(fr) - 1):
                a, b, gl = fr[i]
                _, en, _, half = ends(a, b, gl)
                if abs(en - right) > 0.3 * em and abs(half - right) > 0.3 * em and en < right:
                    a2, b2, g2 = fr[i + 1]
                    if ends(a2, b2, g2)[0] <= left + 0.9 * em and not stopped_by_figure(a, b, em, images):
                        n += 1
    return n


def main():
    pdf, source = sys.argv[1], sys.argv[2]
    for path in (pdf, source):
        if not __import__("os").path.exists(path):
            sys.exit(f"error: {path} does not exist")
    pc = checker.load(sys.argv[3] if len(sys.argv) > 3 else "../shared/tools/pdfcheck.py", "pdfcheck", "as the third argument")
    r = pc.check(pdf, source)["figures"]
    r["overlap"] = real_overlaps(pc, pdf) if r.get("overlap") else 0
    raw = r.get("short_nonfinal", 0)
    if raw:
        r["short_nonfinal"] = short_nonfinal(pc, pdf)
    keys = ("pages", "lines", "axis_h", "axis_v", "chars_missing", "paragraphs", "paragraphs_found_in_order",
            "kinsoku_start", "kinsoku_end", "short_nonfinal", "overlap", "bounds", "lone_char_lines")
    out = {k: r.get(k, 0) for k in keys}
    if raw != r.get("short_nonfinal", 0):
        out["short_nonfinal_raw"] = raw
    print(json.dumps(out, ensure_ascii=False))
    bad = [k for k in ("chars_missing", "kinsoku_start", "kinsoku_end", "short_nonfinal", "overlap", "bounds", "lone_char_lines") if r.get(k, 0)]
    if r.get("paragraphs_found_in_order") != r.get("paragraphs"):
        bad.append("paragraphs_found_in_order")
    if bad:
        print("pdfgate: failed on " + ", ".join(bad))
        sys.exit(1)


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
    from cli import run
    import checker

    run(main)
