#!/usr/bin/env python3
"""Regenerates the simulated line-per-box OCR set for `typeset clean`
(tests/fixtures/clean/boxes, scored by tests/clean/heldout.rs beside the
Tesseract set): the same example pages and articles as
tools/clean-ocr-fixtures.sh, typeset to PDF, and each printed line of the
PDF's text layer written as one line, the way a line-per-box OCR tool
(PaddleOCR with layout analysis, or a tool writing Markdown) gives a page:

- no paragraph indents and no blank lines (a box has no leading space);
- boxes in the text layer's reading order, column by column; boxes set on
  one baseline side by side (a quote mark hung apart) joined into one;
- a scan's damage, drawn from a generator seeded by the entry's name (the
  same bytes every run): full-width marks read half-width (，： ； （）
  “”), a sentence's 。 at a box end read as `o` or `.`, one Han character
  in about 400 read as a look-alike (己/已, 未/末 …);
- on every second entry, text larger than the body marked as Markdown
  heads the way OCR tools writing Markdown mark it: `# ` from twice the
  body size up (headlines, decks), `## ` below that (section heads,
  kickers);
- vertical text left out (the set scores horizontal articles, as the
  Tesseract set does).

What it does not simulate: columns read across in rows, lost or split
boxes (the Tesseract set has those).

Usage: tools/clean-boxes-fixtures.py [NAME...]   (default: every entry)
Needs: a release build (cargo build --release) and PyMuPDF (pip install
pymupdf).
"""

import sys

if any(a in ("-h", "--help") for a in sys.argv[1:]):
    print(__doc__.strip())
    sys.exit(0)

import os
import random
import subprocess
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target/release/typeset")
OUT = os.path.join(ROOT, "tests/fixtures/clean/boxes")

# NAME  SOURCE  (as in tools/clean-ocr-fixtures.sh)
ENTRIES = [
    ("page-7", "examples/page-7.toml"),
    ("page-9", "examples/page-9.toml"),
    ("page-12", "examples/page-12.toml"),
    ("edition-12", "examples/edition-12.toml"),
    ("elder-canteen", "examples/elder-canteen.md"),
    ("market-renewal", "examples/market-renewal.md"),
    ("essay-lamp", "examples/essay-lamp.md"),
    ("hant-harbour", "examples/hant-harbour.md"),
    ("hant-note", "examples/hant-note.md"),
]

HALF = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "“": '"', "”": '"'}
# How often each mark is read half-width.
HALF_P = {"，": 0.3, "：": 0.5, "；": 0.3, "（": 0.5, "）": 0.5, "“": 0.15, "”": 0.15}
LOOKALIKE = {
    "己": "已", "已": "己", "未": "末", "末": "未", "人": "入", "入": "人",
    "日": "曰", "土": "士", "士": "土", "千": "干", "天": "夭", "大": "太",
    "夫": "天", "刀": "力", "力": "刀", "田": "由", "由": "田", "王": "玉",
    "问": "间", "间": "问", "历": "厉", "处": "外", "析": "折", "候": "侯",
    "徒": "従", "鸟": "乌", "乌": "鸟", "夭": "天", "戌": "戍", "贝": "见",
    "見": "貝", "間": "問", "問": "間", "書": "晝", "鳥": "烏",
}


def lines_of(pdf):
    """Each page's horizontal text lines: (y, x0, x1, size, text), boxes on
    one baseline that touch joined, in the text layer's order."""
    import pymupdf

    pages = []
    for page in pymupdf.open(pdf):
        out = []
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                if abs(line["dir"][0] - 1) > 1e-3:
                    continue  # vertical text
                text = "".join(s["text"] for s in line["spans"])
                if not text.strip():
                    continue
                size = max(s["size"] for s in line["spans"])
                x0, _, x1, _ = line["bbox"]
                base = line["spans"][0]["origin"][1]
                prev = out[-1] if out else None
                if prev and abs(prev[0] - base) < size * 0.3 and prev[1] < x0 < prev[2] + size * 1.5:
                    out[-1] = (prev[0], prev[1], x1, max(prev[3], size), prev[4] + text)
                else:
                    out.append((base, x0, x1, size, text))
        pages.append(out)
    return pages


def body_size(pages):
    sizes = {}
    for page in pages:
        for _, _, _, size, text in page:
            sizes[round(size, 1)] = sizes.get(round(size, 1), 0) + len(text)
    return max(sizes, key=sizes.get)


def damage(text, rng):
    out = []
    for k, c in enumerate(text):
        last = k == len(text) - 1
        if c in HALF and rng.random() < HALF_P[c]:
            c = HALF[c]
        elif c == "。" and last and rng.random() < 0.05:
            c = rng.choice("o.")
        elif c in LOOKALIKE and rng.random() < 0.03:
            c = LOOKALIKE[c]
        elif "\u4e00" <= c <= "\u9fff" and rng.random() < 0.0015:
            c = rng.choice("己已未末人入日曰土士")
        out.append(c)
    return "".join(out)


def make(name, src, tmp):
    pdf = os.path.join(tmp, name + ".pdf")
    args = [BIN, src, "--no-system-fonts", "--pdf", pdf]
    if src.endswith(".md"):
        args += ["--writing", "horizontal"]
    subprocess.run(args, cwd=ROOT, check=True, capture_output=True)
    pages = lines_of(pdf)
    body = body_size(pages)
    rng = random.Random(zlib.crc32(name.encode()))
    marked = ENTRIES.index((name, src)) % 2 == 1
    lines = []
    for page in pages:
        for _, _, _, size, text in page:
            text = damage(text.strip(), rng)
            if marked and size >= body * 2:
                text = "# " + text
            elif marked and size >= body * 1.15:
                text = "## " + text
            lines.append(text)
    with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(OUT, name + ".source"), "w", encoding="utf-8") as f:
        f.write(src + "\n")
    print(f"== {name} ({src}): {len(lines)} lines, body {body} pt, marked: {marked}")


def main():
    names = sys.argv[1:]
    known = [n for n, _ in ENTRIES]
    for n in names:
        if n not in known:
            sys.exit(f"error: no entry named {n}; the entries are: {' '.join(known)}")
    if not os.access(BIN, os.X_OK):
        sys.exit(f"error: {BIN} is missing; run cargo build --release first")
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, src in ENTRIES:
            if not names or name in names:
                make(name, src, tmp)


if __name__ == "__main__":
    main()
