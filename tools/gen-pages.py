#!/usr/bin/env python3
"""Random page sets for measuring the automatic make-up (issue 14): each set
is a folder with 4–8 articles of 300–3,000 characters (sentences written for
typeset, tools/sentences/zh-Hans.txt), some with a figure, some sets with a
serial box pinned across the page foot (with --variants: half the articles
with a lead, the figures with no width of their own, so that the make-up
may set the lead across the module and the figure wider), and two
manifests: fill.toml
(`fill = true`) and plain.toml (today's largest-first placement). Then, with
--run BIN, sets each page both ways and prints per set: pages, holes and the
hole share (../shared/tools/pagecheck.py), and the search's summary line.

Usage: tools/gen-pages.py OUT [SETS=20] [--run BIN] [--variants]
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


class Lcg:
    def __init__(self, seed):
        self.x = seed

    def next(self, n):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.x >> 33) % n


def sentences():
    with open(os.path.join(HERE, "sentences", "zh-Hans.txt"), encoding="utf-8") as f:
        return [s for s in f.read().split("\n") if s]


def article(rng, pool, chars, figure, variants=False):
    title = pool[rng.next(len(pool))].rstrip("。！？")[:14]
    lead = ""
    if variants and rng.next(2) == 0:
        lead = "".join(pool[rng.next(len(pool))] for _ in range(2 + rng.next(3)))
        lead = f'lead = """\n{lead}\n"""\n'
    paras, n = [], 0
    while n < chars:
        p = "".join(pool[rng.next(len(pool))] for _ in range(2 + rng.next(4)))
        paras.append(p)
        n += len(p)
    if figure:
        title_opts = "wrap=round" if variants else "wrap=round width=1.2"
        paras.insert(1, f'![示意图](badge.png "{title_opts}")')
    body = "\n\n".join(paras)
    return f'+++\ntitle = "{title}"\nkicker = "本报讯"\n{lead}+++\n\n{body}\n'


def make(out, k, rng, pool, variants=False):
    d = os.path.join(out, f"set{k:02}")
    os.makedirs(d, exist_ok=True)
    shutil.copy(os.path.join(EXAMPLES, "figures", "badge.png"), d)
    n = 4 + rng.next(5)
    entries = []
    for i in range(n):
        chars = 300 + rng.next(2701)
        with open(os.path.join(d, f"a{i}.md"), "w", encoding="utf-8") as f:
            f.write(article(rng, pool, chars, rng.next(4) == 0, variants))
        entries.append(f'[[article]]\nfile = "a{i}.md"\n')
    pinned = rng.next(3) == 0
    if pinned:
        # Copied in: a manifest may name only files inside its folder.
        shutil.copy(os.path.join(EXAMPLES, "changhe", "0789.md"), os.path.join(d, "serial-0789.md"))
        entries.append('[[article]]\nfile = "serial-0789.md"\nbox = true\ncolumn = 1\ncolumns = 8\nrow = 96\n')
    layout = "broadsheet"
    for name, fill in (("fill", "true"), ("plain", "false")):
        with open(os.path.join(d, f"{name}.toml"), "w", encoding="utf-8") as f:
            f.write(f'layout = "{layout}"\n[page]\nnumber = 1\nfill = {fill}\n\n' + "\n".join(entries))
    return d, n, pinned


def run(binary, d):
    out = {}
    for name in ("fill", "plain"):
        pdf, txt = os.path.join(d, f"{name}.pdf"), os.path.join(d, f"{name}.txt")
        t = time.perf_counter()
        p = subprocess.run([binary, os.path.join(d, f"{name}.toml"), "--no-system-fonts", "--pdf", pdf, "--paragraphs", txt],
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
    rng, pool = Lcg(20261130), sentences()
    for k in range(sets):
        d, n, pinned = make(out, k, rng, pool, "--variants" in sys.argv)
        if binary:
            r = run(binary, d)
            print(json.dumps({"set": k, "articles": n, "pinned": pinned, **r}, ensure_ascii=False))


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
    from cli import run

    run(main)
