#!/usr/bin/env python3
"""CI gate over ../shared/tools/pagecheck.py for newspaper pages (page
manifests): fails when a rule or box edge runs through type
(rules_through_text), a heading is left at a column's foot (heads_at_foot),
a heading breaks inside a phrase (head_breaks), or a vertical line is taller
than a tier (段) may be.

The tier limit is the most characters a vertical line of a tier holds:
30 by default (newspaper-page.md: typically 13-30 a tier), or --tier N. A
line of N characters may show one or two more glyphs where punctuation is
set at half width, so the limit allows two.

One documented exception: tate-chu-yoko in a vertical heading. A number
of 2-3 digits in vertical text is set across one em (纵中横), its digits
half an em wide side by side. pagecheck rebuilds lines from glyph centres:
the first digit continues the vertical line (its centre a quarter em off
the line's axis), the next lies half an em across from it, past the 0.35 em
the checker allows, and starts a line of its own, which, alone, it calls
horizontal; at a heading's size and with no horizontal text under it (a
vertical page has none) it counts it as a heading at a column's foot.
The PDF cannot say otherwise without lying: the digits' positions, sizes
and order are the set ones. Such a "line" (digits only, following in
content order a vertical line that ends in a digit, within an em of that
digit) is not counted; the raw figure is printed as heads_at_foot_raw.

Usage: pagegate.py PAGE.pdf PARAGRAPHS.txt [PATH/TO/pagecheck.py] [--tier N]
"""

import sys as _sys

# --help before anything else is imported or done; a missing argument is a
# usage message, not a traceback.
if any(a in ("-h", "--help") for a in _sys.argv[1:]):
    print(__doc__.strip())
    _sys.exit(0)

import argparse, json, os, sys


def tcy_heads(pc, pdf):
    """The heads at a column's foot pagecheck counts that are the digits
    of a tate-chu-yoko number after the first (see the module's notes)."""
    import pymupdf
    import pdfcheck
    n = 0
    for page in pymupdf.open(pdf):
        clip = page.trimbox if page.trimbox else page.rect
        glyphs = [g for g in pdfcheck.chars_of(page) if clip.contains(pymupdf.Point(g["cx"], g["cy"]))]
        if not glyphs:
            continue
        em = pc.body_size(glyphs)
        lines = pdfcheck.split_lines(glyphs)
        heads = {id(gl) for _, gl in pc.heading_lines(lines, em)}
        for (pa, prev), (a, gl) in zip(lines, lines[1:]):
            if id(gl) not in heads or a != "h" or pa != "v" or len(gl) > 2:
                continue
            last = prev[-1]
            digits = all(g["c"].isdigit() for g in gl) and last["c"].isdigit()
            size = last["size"]
            near = all(abs(g["cx"] - last["cx"]) < size and abs(g["cy"] - last["cy"]) < 0.5 * size for g in gl)
            n += digits and near
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf")
    ap.add_argument("source")
    ap.add_argument("checker", nargs="?", default="../shared/tools/pagecheck.py")
    ap.add_argument("--tier", type=int, default=30)
    ap.add_argument("--holes", type=int, default=None, help="fail on more holes than this (the filled examples: 0)")
    a = ap.parse_args()
    for path in (a.pdf, a.source):
        if not os.path.exists(path):
            sys.exit(f"error: {path} does not exist")
    pc = checker.load(a.checker, "pagecheck", "as the third argument")
    r = pc.check(a.pdf, a.source, 4)["figures"]
    raw = r.get("heads_at_foot", 0)
    if raw:
        r["heads_at_foot"] = raw - tcy_heads(pc, a.pdf)
        r["heads_at_foot_raw"] = raw
    keys = ("rules_through_text", "heads_at_foot", "heads_at_foot_raw", "head_breaks", "vertical_line_max", "holes", "hole_ratio_max_pct")
    print(json.dumps({k: r.get(k, 0) for k in keys}, ensure_ascii=False))
    bad = [k for k in ("rules_through_text", "heads_at_foot", "head_breaks") if r.get(k, 0)]
    if a.holes is not None and r.get("holes", 0) > a.holes:
        bad.append(f"holes over {a.holes}")
    if r.get("vertical_line_max", 0) > a.tier + 2:
        bad.append(f"vertical_line_max over {a.tier}")
    if bad:
        print("pagegate: failed on " + ", ".join(bad))
        sys.exit(1)


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
    from cli import run
    import checker

    run(main)
