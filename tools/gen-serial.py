#!/usr/bin/env python3
"""Benchmark corpus for issue 16: serials whose text behaves like real prose
for the typesetter, written deterministically (seeded) from nothing but
Unicode data and the sentences in tools/sentences/.

Text: every sentence is generated afresh (clauses of 2–12 characters joined
by ，、；：, ended by 。！？ or ……, some dialogue in quotes, some numbers),
with characters drawn from a Zipf distribution over a pool of POOL Han
characters: first the characters of tools/sentences/LANG.txt in order of
frequency (the common words), then ideographs of the CJK Unified
Ideographs block that the script's body font covers, shuffled by the seed.
So a million characters hold thousands of distinct Han characters and no
sentence recurs more than a few times (the generator counts and prints
both). Each installment has its own `lang` (zh-Hans, or zh-Hant, which sets
the centred punctuation scheme by default) and 400–2,000 characters; one in
FIGURE_EVERY carries a figure (examples/figures/ copied into OUT/figures/).

  gen-serial.py OUT --chars 1000000 [--hant] [--vertical]
      a serial folder: OUT/serial.toml and installments until CHARS
  gen-serial.py OUT --installments 10000 --min 80 --max 200
      a serial of exactly N installments (the cache benchmark)
  gen-serial.py OUT --page
      a broadsheet page manifest, OUT/page.toml, with generated articles

Needs fontTools (pip install fonttools) to read the fonts' character maps.
"""
import argparse
import bisect
import collections
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FONT = {
    "zh-Hans": "fonts/NotoSerifSC-Regular.otf",
    "zh-Hant": "fonts/NotoSerifCJKtc-Regular.otf",
}
WORK = {"zh-Hans": "长河灯影", "zh-Hant": "長河燈影"}


class Lcg:
    """Numerical Recipes' LCG, as benches/corpus.rs: the same on every machine."""

    def __init__(self, seed):
        self.x = seed

    def next(self, n):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.x >> 33) % n

    def unit(self):
        return self.next(1 << 30) / float(1 << 30)


def pool(lang, size, rng):
    """Han characters, most frequent first (see the module comment)."""
    with open(os.path.join(HERE, "sentences", f"{lang}.txt"), encoding="utf-8") as f:
        counts = collections.Counter(c for c in f.read() if "\u4e00" <= c <= "\u9fff")
    head = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        sys.exit("gen-serial.py needs fontTools: pip install fonttools")
    cmap = TTFont(os.path.join(ROOT, FONT[lang]), lazy=True).getBestCmap()
    seen = set(head)
    tail = [chr(u) for u in range(0x4E00, 0x9FA6) if u in cmap and chr(u) not in seen]
    for i in range(len(tail) - 1, 0, -1):  # Fisher–Yates with our own generator
        j = rng.next(i + 1)
        tail[i], tail[j] = tail[j], tail[i]
    return (head + tail)[:size]


class Writer:
    """Sentences, paragraphs and titles in one script."""

    def __init__(self, lang, size, seed):
        self.rng = Lcg(seed)
        self.hant = lang == "zh-Hant"
        self.chars = pool(lang, size, self.rng)
        total, self.cum = 0.0, []
        for rank in range(1, len(self.chars) + 1):
            total += rank**-1.1  # Zipf, a little steeper than 1, as characters in prose
            self.cum.append(total)
        self.total = total
        self.sentences = collections.Counter()

    def han(self):
        return self.chars[bisect.bisect_left(self.cum, self.rng.unit() * self.total)]

    def words(self, lo, hi):
        return "".join(self.han() for _ in range(lo + self.rng.next(hi - lo + 1)))

    def number(self):
        r = self.rng.next(3)
        if r == 0:
            return f"{1900 + self.rng.next(126)}年"
        if r == 1:
            return f"{self.rng.next(100)}.{self.rng.next(10)}公里"
        return f"{2 + self.rng.next(98)}个" if not self.hant else f"{2 + self.rng.next(98)}個"

    def sentence(self):
        r = self.rng
        parts = []
        for k in range(1 + r.next(4)):
            # A first clause of 5 or more: a two-character sentence such as
            # 了的。 would recur dozens of times in a million characters.
            clause = self.words(2 if k else 5, 12)
            if r.next(40) == 0:
                clause = clause[: len(clause) // 2] + self.number() + clause[len(clause) // 2 :]
            if k:
                parts.append("，，，，，，，、；："[r.next(10)])
            parts.append(clause)
        end = ["。"] * 16 + ["！", "？", "？", "……"]
        s = "".join(parts) + end[r.next(len(end))]
        if r.next(7) == 0:  # dialogue
            open_, close = ("「", "」") if self.hant else ("“", "”")
            s = self.words(2, 4) + "說：" if self.hant else self.words(2, 4) + "说："
            s += open_ + "".join(parts) + end[r.next(len(end))] + close
        self.sentences[s] += 1
        return s

    def paragraph(self):
        return "".join(self.sentence() for _ in range(1 + self.rng.next(7)))

    def body(self, target):
        paras, count = [], 0
        while count < target:
            p = self.paragraph()
            paras.append(p)
            count += len(p)
        return paras, count


def figure(w, k):
    name = ("route.png", "badge.png")[k % 2]
    return f'![{w.words(6, 20)}](figures/{name} "columns=1")'


def write_serial(args, lang):
    w = Writer(lang, args.pool, args.seed)
    out = args.out
    os.makedirs(out, exist_ok=True)
    shutil.copytree(os.path.join(ROOT, "examples/figures"), os.path.join(out, "figures"),
                    dirs_exist_ok=True)
    work, author = WORK[lang], "沈南星"
    with open(os.path.join(out, "serial.toml"), "w", encoding="utf-8") as f:
        f.write(f'work = "{work}"\nauthor = "{author}"\nlang = "{lang}"\n')
        f.write(f'writing = "{"vertical" if args.vertical else "horizontal"}"\n')
    total, k, figures = 0, 0, 0
    while (total < args.chars) if args.installments is None else (k < args.installments):
        k += 1
        paras, count = w.body(args.min + w.rng.next(args.max - args.min + 1))
        if args.figure_every and k % args.figure_every == 0 and len(paras) > 1:
            paras.insert(len(paras) // 2, figure(w, k))
            figures += 1
        total += count
        with open(os.path.join(out, f"{k:05}.md"), "w", encoding="utf-8") as f:
            f.write(f'+++\nkind = "serial"\nlang = "{lang}"\ntitle = "第{k}回　{w.words(4, 8)}"\n'
                    f'date = 2026-11-27\n\n[serial]\nwork = "{work}"\nauthor = "{author}"\n'
                    f"installment = {k}\n+++\n\n")
            f.write("\n\n".join(paras) + "\n")
    report(w, f"{k} installments ({figures} with a figure), {total} characters", out)


def write_page(args, lang):
    """A broadsheet page: a lead story with a figure, three news items and a
    boxed installment, placed by typeset (largest first)."""
    w = Writer(lang, args.pool, args.seed)
    out = args.out
    os.makedirs(out, exist_ok=True)
    shutil.copytree(os.path.join(ROOT, "examples/figures"), os.path.join(out, "figures"),
                    dirs_exist_ok=True)
    lines = ['layout = "broadsheet"\n', "[page]", 'paper = "typeset 样张"', "date = 2026-11-27",
             "number = 3", 'section = "综合"', 'editor = "林晓舟"', 'proofreader = "周一然"', ""]
    total = 0
    for k, size in enumerate((2600, 1200, 900, 700, 800)):
        paras, count = w.body(size)
        total += count
        if k == 0:
            paras.insert(2, f'![{w.words(8, 16)}](figures/route.png "columns=2")')
        name = f"a{k + 1}.md"
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(f'+++\nlang = "{lang}"\ntitle = "{w.words(6, 12)}"\n+++\n\n')
            f.write("\n\n".join(paras) + "\n")
        lines += ["[[article]]", f'file = "{name}"'] + (["box = true"] if k == 4 else []) + [""]
    with open(os.path.join(out, "page.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    report(w, f"page.toml with 5 articles, {total} characters", out)


def report(w, what, out):
    han = len({c for s in w.sentences for c in s if "\u4e00" <= c <= "\u9fff"})
    most = max(w.sentences.values(), default=0)
    print(f"{what} in {out}: {han} distinct Han characters, "
          f"{len(w.sentences)} distinct sentences, none more than {most}×")


def main():
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Same arguments, same bytes: the text comes from a seeded generator.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", help="folder to write (created)")
    p.add_argument("--chars", type=int, default=1_000_000, help="characters of body text")
    p.add_argument("--installments", type=int, help="exactly this many installments instead")
    p.add_argument("--min", type=int, default=400, help="shortest installment (characters)")
    p.add_argument("--max", type=int, default=2000, help="longest installment (characters)")
    p.add_argument("--hant", action="store_true", help="zh-Hant (centred scheme), not zh-Hans")
    p.add_argument("--vertical", action="store_true", help="vertical writing")
    p.add_argument("--figure-every", type=int, default=25, metavar="K",
                   help="a figure in every K-th installment (0: none)")
    p.add_argument("--pool", type=int, default=5000, help="distinct Han characters to draw from")
    p.add_argument("--seed", type=int, default=16)
    p.add_argument("--page", action="store_true", help="a page manifest instead of a serial")
    args = p.parse_args()
    if args.min < 1 or args.max < args.min:
        p.error("need 1 <= --min <= --max")
    lang = "zh-Hant" if args.hant else "zh-Hans"
    (write_page if args.page else write_serial)(args, lang)


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
    from cli import run

    run(main)
