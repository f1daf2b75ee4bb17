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

With --scan it writes a third set, tests/fixtures/clean/scan: the same
pages as a line-per-box tool reads a real scan of them, with the damage
the tidy text layer lacks:

- columns read across: a line-per-box tool without layout analysis sorts
  its boxes top to bottom and then left to right (PaddleOCR's
  sorted_boxes), so where two neighbouring columns share baselines their
  lines alternate; on the entries in ACROSS the longest such stretch of
  each page is read that way;
- a box split in two at a gap (about one line in 100);
- specks read as a box of their own (`.` `'` `·` `|` `,`, about one line
  in 150);
- the misread marks and characters above, twice as often (no character
  is dropped: the scorer could not tell a lost character from a wrong
  structure).

With --gen it reads the pages of tests/fixtures/clean/gen/src instead
(ten broadsheet pages tools/gen-pages.py made, sets 01 02 04 05 07 08 10
11 13 14 of its 20, four of them zh-Hant; their bylines' names replaced
by surname-and-given names, since the generator's random words are no
names): text clean was not tuned on, written to gen/boxes (and, with
--scan, gen/scan, every second page read across). The generator's text
is random characters, so the order of a column's lines shows in no
pair of characters: clean's rules that read columns by their words
(columns.rs, interleave.rs, stacked.rs) find noise there.

Usage: tools/clean-boxes-fixtures.py [--scan] [--gen] [NAME...]   (default: every entry)
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
SCAN = os.path.join(ROOT, "tests/fixtures/clean/scan")

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


def damage(text, rng, rate=1):
    out = []
    for k, c in enumerate(text):
        last = k == len(text) - 1
        if c in HALF and rng.random() < HALF_P[c]:
            c = HALF[c]
        elif c == "。" and last and rng.random() < 0.05 * rate:
            c = rng.choice("o.")
        elif c in LOOKALIKE and rng.random() < 0.03 * rate:
            c = LOOKALIKE[c]
        elif "\u4e00" <= c <= "\u9fff" and rng.random() < 0.0015 * rate:
            c = rng.choice("己已未末人入日曰土士")
        out.append(c)
    return "".join(out)


# Entries whose scan is read with columns across (--scan).
ACROSS = ["page-9", "edition-12", "elder-canteen", "market-renewal"]
SPECKS = [".", "'", "·", "|", ","]


def column_starts(page, body):
    """The left edges of the page's body columns: x0 of body-size lines met
    five times or more, an indented first line (two characters in) taken
    with its column."""
    xs = {}
    for _, x0, _, size, _ in page:
        if abs(size - body) < 0.2:
            xs[round(x0)] = xs.get(round(x0), 0) + 1
    starts = []
    for x in sorted(x for x, n in xs.items() if n >= 5):
        if not starts or x - starts[-1] > body * 2.5:
            starts.append(x)
    return starts


def read_across(page, body):
    """The page's lines as a tool sorting boxes by baseline reads them where
    two neighbouring columns share baselines: the longest stretch of two
    such columns merged line by line (their lines sorted by baseline, then
    left to right). Returns the lines and how many were
    read across (their tuples)."""
    starts = column_starts(page, body)

    def col(line):
        # Any line inside one column (a section head too, which the tool
        # sorts in by its height like the rest); not one across columns.
        _, x0, x1, _, _ = line
        near = [k for k, x in enumerate(starts) if x - 1 <= x0]
        if not near or len(starts) < 2 or x1 - x0 > starts[1] - starts[0]:
            return None
        return near[-1]

    best = None
    for k in range(len(starts) - 1):
        a = [i for i, l in enumerate(page) if col(l) == k]
        b = [i for i, l in enumerate(page) if col(l) == k + 1]
        if not a or not b:
            continue
        lo = max(page[a[0]][0], page[b[0]][0])
        hi = min(page[a[-1]][0], page[b[-1]][0])
        band = [i for i in a + b if lo <= page[i][0] <= hi]
        if hi > lo and (best is None or len(band) > len(best)):
            best = band
    if not best or len(best) < 12:
        return page, set()
    merged = sorted(best, key=lambda i: (round(page[i][0]), page[i][1]))
    first = min(best)
    out = [l for i, l in enumerate(page) if i not in best or i == first]
    at = out.index(page[first])
    out[at : at + 1] = [page[i] for i in merged]
    return out, {id(page[i]) for i in best}


def scan_boxes(text, size, body, rng):
    """A body box split at a gap now and then, and specks read as boxes."""
    out = [text]
    if abs(size - body) < 0.2 and len(text) > 8 and rng.random() < 0.01:
        cut = rng.randrange(3, len(text) - 3)
        out = [text[:cut], text[cut:]]
    if rng.random() < 1 / 150:
        out.append(rng.choice(SPECKS))
    return out


def make(name, src, tmp, scan=False):
    pdf = os.path.join(tmp, name + ".pdf")
    args = [BIN, src, "--no-system-fonts", "--pdf", pdf]
    if src.endswith(".md"):
        args += ["--writing", "horizontal"]
    subprocess.run(args, cwd=ROOT, check=True, capture_output=True)
    pages = lines_of(pdf)
    body = body_size(pages)
    rng = random.Random(zlib.crc32(name.encode()))
    marked = ENTRIES.index((name, src)) % 2 == 1
    out = SCAN if scan else OUT
    lines = []
    across = []
    for page in pages:
        merged = set()
        if scan and name in ACROSS:
            page, merged = read_across(page, body)
        stretch = []
        for line in page:
            _, _, _, size, text = line
            if id(line) in merged:
                stretch.append(len(lines) + 1)
            text = damage(text.strip(), rng, 2 if scan else 1)
            if marked and size >= body * 2:
                text = "# " + text
            elif marked and size >= body * 1.15:
                text = "## " + text
            lines.extend(scan_boxes(text, size, body, rng) if scan else [text])
        if stretch:
            across.append((stretch[0], stretch[-1]))
    with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, name + ".source"), "w", encoding="utf-8") as f:
        f.write(src + "\n")
    if across:
        # Each page's stretch read across, its first and last line (the
        # report's line numbers), for the scorer to ask for a warning.
        with open(os.path.join(out, name + ".across"), "w", encoding="utf-8") as f:
            f.writelines(f"{a} {b}\n" for a, b in across)
    print(f"== {name} ({src}): {len(lines)} lines, body {body} pt, marked: {marked}, read across: {across}")


GEN = os.path.join(ROOT, "tests/fixtures/clean/gen")
GEN_SETS = ["01", "02", "04", "05", "07", "08", "10", "11", "13", "14"]


def use_gen():
    """The generated pages instead of the examples (--gen)."""
    global ENTRIES, ACROSS, OUT, SCAN
    ENTRIES = [(f"gq{s}", f"tests/fixtures/clean/gen/src/set{s}/fill.toml") for s in GEN_SETS]
    ACROSS = [name for name, _ in ENTRIES[::2]]
    OUT = os.path.join(GEN, "boxes")
    SCAN = os.path.join(GEN, "scan")


def main():
    scan = "--scan" in sys.argv[1:]
    if "--gen" in sys.argv[1:]:
        use_gen()
    names = [a for a in sys.argv[1:] if a not in ("--scan", "--gen")]
    known = [n for n, _ in ENTRIES]
    for n in names:
        if n not in known:
            sys.exit(f"error: no entry named {n}; the entries are: {' '.join(known)}")
    if not os.access(BIN, os.X_OK):
        sys.exit(f"error: {BIN} is missing; run cargo build --release first")
    os.makedirs(SCAN if scan else OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, src in ENTRIES:
            if not names or name in names:
                make(name, src, tmp, scan)


if __name__ == "__main__":
    main()
