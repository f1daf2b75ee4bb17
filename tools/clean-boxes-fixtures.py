#!/usr/bin/env python3
"""Regenerates the simulated line-per-box OCR set for `typeset clean`
(tests/fixtures/clean/boxes, scored by tests/clean/heldout.rs beside the
Tesseract set): the same example pages and articles as
tools/clean-ocr-fixtures.sh, typeset to PDF, and each printed line of the
PDF's text layer written as one line, the way a line-per-box OCR tool
(PaddleOCR with layout analysis, or a tool writing Markdown) gives a page:

- no paragraph indents and no blank lines (a box has no leading space);
- boxes read where they stand on the page, as an OCR tool with layout
  analysis reads them (a recursive XY cut: the page parted at the rules
  between modules, then at white bands under a head row, then at the
  gutters): a module's kicker, headline, jump line （上接第M版） and
  byline before the columns under them, its columns one after another,
  modules side by side one after the other, the folio where it stands;
  boxes set on one baseline side by side (a quote mark hung apart)
  joined into one;
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

The example sets (boxes, scan) were made with --layer-order: boxes in
the PDF text layer's order, which is typeset's drawing order (a module
at a time, but a continuation page's head, its 上接 line and the folio
after the page's text). Read by position they score lower (boxes:
paragraphs 98.1 -> 94.7 %, 2 fields wrong; scan: 7 of 9 split right,
83.5 %), partly on lines set round a figure, which the XY cut reads out
of turn: they are kept as made until that is looked at.

With --gen --prose it reads tests/fixtures/clean/gen-prose/src instead:
the same ten sets made again by `tools/gen-pages.py OUT 15 --prose
TEXT` (the same articles, figures, heads and serial boxes; the text
walks the pairs of characters of a prose text, so that a column's
lines in order show in their words; all zh-Hans), written to
gen-prose/boxes and gen-prose/scan.

Usage: tools/clean-boxes-fixtures.py [--scan] [--gen [--prose]] [--layer-order] [NAME...]   (default: every entry)
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
    one baseline that touch joined, in the order an OCR tool with layout
    analysis reads the page (see `reading_order`)."""
    import pymupdf

    pages = []
    for page in pymupdf.open(pdf):
        boxes = []
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
                prev = boxes[-1] if boxes else None
                if prev and abs(prev[0] - base) < size * 0.3 and prev[1] < x0 < prev[2] + size * 1.5:
                    boxes[-1] = (prev[0], prev[1], x1, max(prev[3], size), prev[4] + text)
                else:
                    boxes.append((base, x0, x1, size, text))
        rules = []
        for d in page.get_drawings():
            r = d["rect"]
            if d["type"] == "s" and min(r.width, r.height) < 1 and max(r.width, r.height) > 20:
                rules.append((r.x0, r.y0, r.x1, r.y1))
        # A figure is no text, but the page is parted around it as around
        # a box (lines set beside it are no column of their own): as a box
        # of no text its height high, dropped once the page is read.
        for im in page.get_image_info():
            fx0, fy0, fx1, fy1 = im["bbox"]
            boxes.append((fy0 + 0.88 * (fy1 - fy0), fx0, fx1, fy1 - fy0, ""))
        rank = {id(b): k for k, b in enumerate(boxes)}
        order = boxes if LAYER_ORDER else reading_order(boxes, merge_rules(rules), rank)
        pages.append([b for b in order if b[4]])
    return pages


def merge_rules(rules):
    """Rules drawn in pieces end to end (a module's rule broken where
    another meets it) as one rule."""

    def merge(rules, along):
        # along = 1: vertical rules (same x, joined down); 0: horizontal.
        across = 1 - along
        out = []
        for r in sorted(rules, key=lambda r: (round(r[across]), r[along])):
            prev = out[-1] if out else None
            if prev and abs(prev[across] - r[across]) < 1 and r[along] <= prev[along + 2] + 2:
                end = max(prev[along + 2], r[along + 2])
                out[-1] = (prev[0], prev[1], end, prev[3]) if along == 0 else (prev[0], prev[1], prev[2], end)
            else:
                out.append(r)
        return out

    vertical = [r for r in rules if r[2] - r[0] < 1]
    horizontal = [r for r in rules if r[2] - r[0] >= 1]
    return merge(vertical, 1) + merge(horizontal, 0)


# Marks whose ink stands in one half of their em: a line hangs them into
# the gutter, where a detector sees white beside the ink.
CLOSING = "，。、：；！？）」』”’》"
OPENING = "（「『“‘《"


def em_box(b):
    """A box's extent as a detector sees its ink: its characters' em
    squares on the baseline, less the white half of a mark at either end."""
    base, x0, x1, size, text = b
    text = text.strip()
    if len(text) > 2 and text[:1] in OPENING:
        x0 += 0.6 * size
    if len(text) > 2 and text[-1:] in CLOSING:
        x1 -= 0.6 * size
    return x0, base - 0.88 * size, x1, base + 0.12 * size


def gaps(spans, gap):
    """Where a projection's covered intervals leave a gap of at least
    `gap`: the gaps, (from, to)."""
    out, reach = [], None
    for a, b in sorted(spans):
        if reach is not None and a - reach >= gap:
            out.append((reach, a))
        reach = b if reach is None else max(reach, b)
    return out


def cuts(spans, gap):
    """The middles of the gaps."""
    return [(a + b) / 2 for a, b in gaps(spans, gap)]


def split_at(boxes, at, axis):
    parts = [[] for _ in range(len(at) + 1)]
    for b in boxes:
        e = em_box(b)
        mid = (e[axis] + e[axis + 2]) / 2
        parts[sum(1 for c in at if c < mid)].append(b)
    return [p for p in parts if p]


def reading_order(boxes, rules, rank):
    """The page read as a layout-analysing OCR tool reads it (a recursive
    XY cut, as PaddleOCR's layout recovery does): the page parted first at
    the rules typeset draws between modules (a horizontal rule across the
    region, a vertical one its full height), then at white bands across
    it wider than the leading that no rule crosses, then at the gutters,
    then at any white band; each part read top-down, left to right. So an
    article's head, its jump line （上接第M版） and the byline come before
    the columns under them, the columns one after another, modules side
    by side one after the other, and the folio where it stands."""
    if len(boxes) < 2:
        return list(boxes)
    ems = [em_box(b) for b in boxes]
    x0 = min(e[0] for e in ems)
    y0 = min(e[1] for e in ems)
    x1 = max(e[2] for e in ems)
    y1 = max(e[3] for e in ems)
    body = min((b[3] for b in boxes if b[4]), default=9.0)
    ys = [(e[1], e[3]) for e in ems]
    xs = [(e[0], e[2]) for e in ems]
    h_rules = [r for r in rules if r[3] - r[1] < 1 and r[2] - r[0] >= 0.9 * (x1 - x0) and y0 < r[1] < y1]
    # A module's rule runs its full height; a column rule starts under the
    # head.
    v_rules = [
        r for r in rules if r[2] - r[0] < 1 and r[1] <= y0 + body and r[3] >= y1 - body and x0 < r[0] < x1
    ]
    # A rule parts the region only where no box crosses it.
    at = [r[1] for r in h_rules if not any(a < r[1] < b for a, b in ys)]
    if at:
        return [b for p in split_at(boxes, sorted(set(at)), 1) for b in reading_order(p, rules, rank)]
    at = [r[0] for r in v_rules if not any(a < r[0] < b for a, b in xs)]
    if at:
        return [b for p in split_at(boxes, sorted(set(at)), 0) for b in reading_order(p, rules, rank)]
    # A white band that no rule crosses (the white under a head row, or
    # between modules); then the gutters; then any white band.
    bands = gaps(ys, 0.5 * body)
    crossed = [r for r in rules if r[2] - r[0] < 1 and x0 < r[0] < x1]
    free = [(a + b) / 2 for a, b in bands if not any(r[1] < a and b < r[3] for r in crossed)]
    bands = [(a + b) / 2 for a, b in bands]
    for at, axis in ((free, 1), (cuts(xs, 0.15 * body), 0), (bands, 1)):
        if at:
            return [b for p in split_at(boxes, at, axis) for b in reading_order(p, rules, rank)]
    # Nothing parts the region: one column's lines, or a module's
    # columns with a figure across a gutter or lines set around it, which
    # a layout analysis finds as text blocks and reads as typeset wrote
    # them (the text layer's order).
    return sorted(boxes, key=lambda b: rank[id(b)])


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
# --layer-order: boxes in the PDF text layer's order (see the notes above).
LAYER_ORDER = False
GEN_SETS = ["01", "02", "04", "05", "07", "08", "10", "11", "13", "14"]


def use_gen(folder=GEN):
    """The generated pages instead of the examples (--gen; --gen --prose
    reads gen-prose, the same sets with prose-like text)."""
    global ENTRIES, ACROSS, OUT, SCAN
    rel = os.path.relpath(folder, ROOT)
    ENTRIES = [(f"gq{s}", f"{rel}/src/set{s}/fill.toml") for s in GEN_SETS]
    ACROSS = [name for name, _ in ENTRIES[::2]]
    OUT = os.path.join(folder, "boxes")
    SCAN = os.path.join(folder, "scan")


def main():
    global LAYER_ORDER
    scan = "--scan" in sys.argv[1:]
    LAYER_ORDER = "--layer-order" in sys.argv[1:]
    if "--gen" in sys.argv[1:]:
        use_gen(GEN + "-prose" if "--prose" in sys.argv[1:] else GEN)
    names = [a for a in sys.argv[1:] if a not in ("--scan", "--gen", "--prose", "--layer-order")]
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
