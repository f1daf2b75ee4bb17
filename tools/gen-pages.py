#!/usr/bin/env python3
"""Random page sets for measuring the automatic make-up (issue 14): each set
is a folder with 4–8 articles of 300–3,000 characters, some with a figure,
some sets with a serial box pinned across the page foot (with --variants:
half the articles with a lead, the figures with no width of their own, so
that the make-up may set the lead across the module and the figure wider;
with --vertical: the pages set in vertical writing, the serial box pinned
across the page's last two bands; with --tiers: the serial box set
vertically in tiers on the horizontal page, three to five columns wide at
its left, its depth the make-up's, as examples/page-9's),
and two manifests: fill.toml (`fill = true`) and plain.toml (today's
largest-first placement). Then, with --run BIN, sets each page both ways
and prints per set: pages, holes and the hole share
(../shared/tools/pagecheck.py), and the search's summary line.

The text is news as typeset meets it: written afresh by gen-serial.py's
writer (thousands of distinct Han characters, no sentence repeated more
than a few times), one set in three in zh-Hant; headlines of one or two
phrases (6–17 characters), a kicker on one article in three, a deck on one
in five, a byline on most, and 本报讯 opening the first paragraph.

With --prose FILE the text is prose-like instead (for tests of `typeset
clean`, whose rules read the order of a column's lines by its pairs of
characters, which random characters do not give): each run of characters
walks the pairs of characters of FILE (any UTF-8 text: its runs of Han
characters are used; one character in eight, and one with no successor
there, starts afresh from a run's first character), so nearly every pair
of neighbouring characters is one that text has; the sentences, clauses
and marks are the writer's as before, bylines are a surname and a given
name, all sets are zh-Hans, and the sets' articles, figures, heads and
boxes are the same as without it (tests/fixtures/clean/gen-prose was made
from 论语 and 幽梦影, public-domain texts of chinese-poetry/chinese-poetry,
and the zh-Hans examples).

Usage: tools/gen-pages.py OUT [SETS=20] [--run BIN] [--variants] [--vertical] [--tiers] [--prose FILE]
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

import json, os, re, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.normpath(os.path.join(HERE, "..", "examples"))


# The text --prose walks (None: gen-serial.py's random characters).
PROSE = None


class Lcg:
    def __init__(self, seed):
        self.x = seed

    def next(self, n):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.x >> 33) % n


def writer(lang, seed):
    """gen-serial.py's writer (its file name is no module name)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_serial", os.path.join(HERE, "gen-serial.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.Writer(lang, 6000, seed)


# Bylines' names under --prose (prose walked by pairs makes no names).
SURNAMES_GIVEN = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤",
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力鹏飞斌宇浩凯晨欣怡佳琪涵雨轩思远志峰晓舟然海燕春梅",
)


def prose_writer(path, seed):
    """gen-serial.py's writer, its characters walking the pairs of a text."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_serial", os.path.join(HERE, "gen-serial.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)

    class Prose(mod.Writer):
        def __init__(self, text, seed):
            self.rng = Lcg(seed)
            self.hant = False
            self.sentences = __import__("collections").Counter()
            self.next_of, self.starts, prev = {}, [], None
            for c in text:
                if "\u4e00" <= c <= "\u9fff":
                    if prev is None:
                        self.starts.append(c)
                    else:
                        self.next_of.setdefault(prev, []).append(c)
                    prev = c
                else:
                    prev = None
            self.prev = None

        def han(self):
            after = self.next_of.get(self.prev)
            pool = after if after and self.rng.next(8) else self.starts
            self.prev = pool[self.rng.next(len(pool))]
            return self.prev

        def name(self):
            """A surname and a given name of one or two characters."""
            given = SURNAMES_GIVEN[1]
            n = 1 + self.rng.next(2)
            return SURNAMES_GIVEN[0][self.rng.next(len(SURNAMES_GIVEN[0]))] + "".join(
                given[self.rng.next(len(given))] for _ in range(n)
            )

        def words(self, lo, hi):
            self.prev = None  # a clause starts where a run of the text starts
            return "".join(self.han() for _ in range(lo + self.rng.next(hi - lo + 1)))

    with open(path, encoding="utf-8") as f:
        return Prose(f.read(), seed)


def headline(w, rng):
    """One phrase, or two joined by a comma: a headline an editor wrote."""
    if rng.next(2) == 0:
        return w.words(6, 12)
    return w.words(4, 8) + "，" + w.words(4, 8)


def article(rng, w, chars, figure, variants=False):
    hant = w.hant
    front = [f'lang = "{"zh-Hant" if hant else "zh-Hans"}"', f'title = "{headline(w, rng)}"']
    if rng.next(3) == 0:
        front.append(f'kicker = "{w.words(6, 14)}"')
    if rng.next(5) == 0:
        front.append(f'deck = "{w.words(8, 20)}"')
    if rng.next(4) != 0:
        name = w.name() if PROSE else w.words(2, 3)
        front.append(f'byline = "{"本報記者" if hant else "本报记者"} {name}"')
    if variants and rng.next(2) == 0:
        front.append(f'lead = """\n{w.paragraph()}\n"""')
    paras, _ = w.body(chars)
    paras[0] = ("本報訊　" if hant else "本报讯　") + paras[0]
    if figure:
        title_opts = "wrap=round" if variants else "wrap=round width=1.2"
        paras.insert(1, f'![{w.words(6, 14)}](badge.png "{title_opts}")')
    body = "\n\n".join(paras)
    return "+++\n" + "\n".join(front) + "\n+++\n\n" + body + "\n"


# The serial box pinned across the page foot: in horizontal writing the
# last rows of all eight columns; in vertical writing the grid's columns
# are bands (段) down the page and its rows the lines across it, so the
# foot is the last two of the broadsheet's ten bands, every line.
PIN = {False: "column = 1\ncolumns = 8\nrow = \"foot\"\n", True: "column = 9\ncolumns = 2\nrow = 1\n"}


def make(out, k, rng, variants=False, vertical=False, tiers=False):
    d = os.path.join(out, f"set{k:02}")
    os.makedirs(d, exist_ok=True)
    shutil.copy(os.path.join(EXAMPLES, "figures", "badge.png"), d)
    n = 4 + rng.next(5)
    if PROSE:
        w = prose_writer(PROSE, 20261201 + k)
    else:
        w = writer("zh-Hant" if k % 3 == 2 else "zh-Hans", 20261201 + k)
    entries = []
    for i in range(n):
        chars = 300 + rng.next(2701)
        with open(os.path.join(d, f"a{i}.md"), "w", encoding="utf-8") as f:
            f.write(article(rng, w, chars, rng.next(4) == 0, variants))
        entries.append(f'[[article]]\nfile = "a{i}.md"\n')
    pinned = rng.next(3) == 0
    if pinned:
        # Copied in: a manifest may name only files inside its folder.
        shutil.copy(os.path.join(EXAMPLES, "changhe", "0789.md"), os.path.join(d, "serial-0789.md"))
        pin = PIN[vertical]
        if tiers:
            # Set in tiers down a box of three to five columns at the
            # page's left, its depth the search's (examples/page-9's).
            pin = f'column = 1\ncolumns = {3 + rng.next(3)}\nwriting = "vertical"\n'
        entries.append('[[article]]\nfile = "serial-0789.md"\nbox = true\n' + pin)
    layout = "broadsheet"
    for name, fill in (("fill", "true"), ("plain", "false")):
        with open(os.path.join(d, f"{name}.toml"), "w", encoding="utf-8") as f:
            f.write(f'layout = "{layout}"\n[page]\nnumber = 1\nfill = {fill}\n\n' + "\n".join(entries))
    return d, n, pinned


def set_both_ways(binary, d, vertical=False):
    out = {}
    for name in ("fill", "plain"):
        pdf, txt = os.path.join(d, f"{name}.pdf"), os.path.join(d, f"{name}.txt")
        t = time.perf_counter()
        p = subprocess.run([binary, os.path.join(d, f"{name}.toml"), "--no-system-fonts", "--pdf", pdf, "--paragraphs", txt]
                           + (["--writing", "vertical"] if vertical else []),
                           capture_output=True, text=True)
        wall = time.perf_counter() - t
        if p.returncode != 0:
            out[name] = {"error": p.stderr.strip()[:200]}
            continue
        r = json.loads(subprocess.run([sys.executable, os.path.join(HERE, "..", "..", "shared", "tools", "pagecheck.py"), pdf, "--json"],
                                      capture_output=True, text=True).stdout)["figures"]
        summary = next((l for l in p.stderr.splitlines() if "fill:" in l), "")
        m = re.search(r"(\d+)% of the free band", summary)
        out[name] = {"pages": r.get("pages"), "holes": r.get("holes"), "hole_pct": r.get("hole_ratio_max_pct"),
                     "filled": int(m.group(1)) if m else None, "continued": "continued on page" in p.stderr,
                     "search_ms": float(re.search(r"([\d.]+) ms", summary).group(1)) if "ms" in summary else None,
                     "wall_ms": round(wall * 1000)}
    return out


def main():
    out = sys.argv[1]
    sets = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 20
    binary = sys.argv[sys.argv.index("--run") + 1] if "--run" in sys.argv else None
    rng = Lcg(20261130)
    global PROSE
    PROSE = sys.argv[sys.argv.index("--prose") + 1] if "--prose" in sys.argv else None
    for k in range(sets):
        vertical = "--vertical" in sys.argv
        d, n, pinned = make(out, k, rng, "--variants" in sys.argv, vertical, "--tiers" in sys.argv)
        if binary:
            r = set_both_ways(binary, d, vertical)
            print(json.dumps({"set": k, "articles": n, "pinned": pinned, **r}, ensure_ascii=False))


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
    from cli import run

    run(main)
