#!/usr/bin/env python3
"""CI gate: no body text printed twice. pdfcheck.py finds characters the
PDF lacks, not characters it has once too often; a continuation that took
its text up a line early set that line twice (two of 160 generated pages,
a column ended beside a figure). Every run of eight characters of a body
paragraph (the --paragraphs file's lines over 40 characters; headings are
shorter, and a continuation head repeats its headline) is counted in the
PDF's lines (pdftotext -raw) and in the source: the gate fails where the
PDF has one more often than the source.

Usage: dupgate.py PAGE.pdf PARAGRAPHS.txt
"""

import sys as _sys

if len(_sys.argv) != 3 or _sys.argv[1] in ("-h", "--help"):
    print(__doc__.strip())
    _sys.exit(0 if _sys.argv[1:2] in (["-h"], ["--help"]) else 2)

import collections
import subprocess

N = 8


def grams(lines):
    counts = collections.Counter()
    for line in lines:
        s = "".join(line.split())
        for i in range(len(s) - N + 1):
            counts[s[i:i + N]] += 1
    return counts


def main(pdf, source):
    paras = open(source, encoding="utf-8").read().split("\n")
    body = grams(p for p in paras if len("".join(p.split())) > 40)
    heads = grams(p for p in paras if len("".join(p.split())) <= 40)
    text = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True, check=True).stdout
    printed = grams(text.split("\n"))
    twice = sorted(g for g, n in printed.items() if n > body.get(g, n) and g not in heads)
    if twice:
        print(f"dupgate: {pdf}: {len(twice)} run(s) of {N} body characters printed more often than written, e.g. {twice[:3]}")
        return 1
    print(f"dupgate: {pdf}: no body text printed twice ({len(body)} runs of {N})")
    return 0


_sys.exit(main(_sys.argv[1], _sys.argv[2]))
