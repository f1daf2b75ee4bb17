#!/usr/bin/env python3
"""Writes a long serial for measurements: OUT/serial.toml and N installments
of about C characters each, mixed deterministically from sentences written
for typeset, with one ideograph in twenty drawn from the first B
ideographs of the CJK Unified Ideographs block (Unicode data).

Usage: tools/gen-serial.py OUT [N=300] [C=3300] [B=4500] [--hant] [--vertical]
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

import os, sys


def load(lang):
    """The sentences (tools/sentences/LANG.txt, one a line; benches/corpus.rs
    reads the zh-Hans ones too). zh-Hant: the same in traditional characters,
    with corner quotes."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sentences", f"{lang}.txt")
    with open(path, encoding="utf-8") as f:
        return [line for line in f.read().split("\n") if line]


class Lcg:
    def __init__(self, seed):
        self.x = seed

    def next(self):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return self.x >> 33


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = args[0]
    n = int(args[1]) if len(args) > 1 else 300
    chars = int(args[2]) if len(args) > 2 else 3300
    breadth = int(args[3]) if len(args) > 3 else 4500
    hant = "--hant" in sys.argv
    vertical = "--vertical" in sys.argv
    os.makedirs(out, exist_ok=True)
    rng = Lcg(7)
    sentences = load("zh-Hant" if hant else "zh-Hans")
    work, author = ("長河燈影", "沈南星") if hant else ("长河灯影", "沈南星")
    with open(os.path.join(out, "serial.toml"), "w") as f:
        f.write(f'work = "{work}"\nauthor = "{author}"\n')
        f.write(f'lang = "{"zh-Hant" if hant else "zh-Hans"}"\n')
        f.write(f'writing = "{"vertical" if vertical else "horizontal"}"\n')
    total = 0
    for k in range(1, n + 1):
        body, count = [], 0
        while count < chars:
            para = ""
            for _ in range(3 + rng.next() % 6):
                for c in sentences[rng.next() % len(sentences)]:
                    if "\u4e00" <= c <= "\u9fff" and rng.next() % 20 == 0:
                        c = chr(0x4E00 + rng.next() % breadth)
                    para += c
            body.append(para)
            count += len(para)
        total += count
        with open(os.path.join(out, f"{k:04}.md"), "w") as f:
            f.write(f'+++\nkind = "serial"\ntitle = "第{k}回"\ndate = 2026-11-27\n[serial]\nwork = "{work}"\nauthor = "{author}"\ninstallment = {k}\n+++\n\n')
            f.write("\n\n".join(body) + "\n")
    print(f"{n} installments, {total} characters in {out}")


if __name__ == "__main__":
    main()
