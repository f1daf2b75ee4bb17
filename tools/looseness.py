#!/usr/bin/env python3
"""English looseness against Typst on the same text and measure: the share
of lines whose word spaces pass half an em, for examples/licence-note.md set
by typeset and by Typst in one column of 130 pt (13 ems of 10 pt Noto Serif
SC, justified, hyphenated, two-em indent). Word spaces are read from the PDFs
alike: gaps over 0.15 em between neighbouring glyph boxes on a line.

Not part of CI: needs PyMuPDF and Typst's Python binding (`pip install
typst`) and a release build of typeset.

Usage: tools/looseness.py [BIN=target/release/typeset] [OUT=/tmp/looseness] [TEXT]
TEXT: a plain English text (paragraphs between blank lines, lines within a
paragraph joined) to set instead of licence-note, e.g.
/usr/share/common-licenses/GPL-3 for a longer one.
"""
import collections, os, statistics, subprocess, sys

if any(a in ("-h", "--help") for a in sys.argv[1:]):
    print(__doc__.strip())
    sys.exit(0)
try:
    import pymupdf
except ImportError:
    sys.exit("error: PyMuPDF is missing; pip install pymupdf")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZE = 10.0


def loose_share(path):
    rows = collections.defaultdict(list)
    for pno, page in enumerate(pymupdf.open(path)):
        for b in page.get_text("rawdict")["blocks"]:
            for l in b.get("lines", []):
                for s in l["spans"]:
                    if abs(s["size"] - SIZE) > 0.2:
                        continue
                    for c in s["chars"]:
                        if c["c"].strip():
                            rows[(pno, round(c["origin"][1]))].append(c)
    lines = loose = 0
    for cs in rows.values():
        cs.sort(key=lambda c: c["bbox"][0])
        gaps = [(b["bbox"][0] - a["bbox"][2]) / SIZE for a, b in zip(cs, cs[1:])]
        words = [g for g in gaps if g > 0.15]
        if words:
            lines += 1
            loose += statistics.median(words) > 0.5 + 1e-3
    return loose, lines


def main():
    try:
        import typst
    except ImportError:
        sys.exit("error: Typst's Python binding is missing; pip install typst")
    bin_ = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/typeset")
    out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/looseness"
    os.makedirs(out, exist_ok=True)
    src = os.path.join(ROOT, "examples/licence-note.md")
    if len(sys.argv) > 3:
        raw = open(sys.argv[3], encoding="utf-8").read()
        paras = [" ".join(p.split()) for p in raw.split("\n\n") if p.strip()]
        paras = [p for p in paras if len(p) > 60]  # headings and short lines left out
        paras = [p.translate({ord(c): None for c in "<>[]*_#`\\"}) for p in paras]
        # A leading "3." or "-" would read as a list item.
        paras = [p.split(" ", 1)[1] if p.split(" ", 1)[0].rstrip(".)").isalnum()
                 and p.split(" ", 1)[0][-1] in ".)" else p for p in paras]
        paras = [p.lstrip("-+ ") for p in paras]
        src = os.path.join(out, "text.md")
        with open(src, "w", encoding="utf-8") as f:
            f.write('+++\nkind = "feature"\nlang = "en"\ntitle = "Text"\n+++\n\n')
            f.write("\n\n".join(paras) + "\n")
    layout = os.path.join(out, "one13.toml")
    with open(layout, "w") as f:
        f.write('extends = "feature"\nname = "one13"\n\n[grid]\ncolumns = 1\nchars = 13\n')
    ours = os.path.join(out, "typeset.pdf")
    subprocess.run([bin_, src, "--no-system-fonts", "--layout", layout, "--pdf", ours],
                   check=True, stdout=subprocess.DEVNULL)
    body = open(src, encoding="utf-8").read().split("+++")[2].strip()
    paras = [p.strip() for p in body.split("\n\n") if p.strip()]
    doc = ["#set page(width: 200pt, height: 800pt, margin: 20pt)",
           '#set text(font: "Noto Serif SC", size: 10pt, lang: "en", hyphenate: true)',
           "#set par(justify: true, first-line-indent: (amount: 2em, all: true))",
           "#block(width: 130pt)["]
    doc += [p.replace("#", "\\#").replace("*", "\\*").replace("_", "\\_") + "\n" for p in paras]
    doc.append("]")
    typ = os.path.join(out, "licence.typ")
    with open(typ, "w", encoding="utf-8") as f:
        f.write("\n".join(doc))
    theirs = os.path.join(out, "typst.pdf")
    typst.compile(typ, output=theirs, font_paths=[os.path.join(ROOT, "fonts")])
    for name, pdf in [("typeset", ours), ("typst", theirs)]:
        loose, lines = loose_share(pdf)
        print(f"{name}: {loose} of {lines} lines with word spaces over 1/2 em ({100 * loose / max(1, lines):.0f}%)")


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
    from cli import run

    run(main)
