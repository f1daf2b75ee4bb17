#!/usr/bin/env python3
"""Side by side with Typst on the same text: a serial folder written by
tools/gen-serial.py (horizontal; Typst has no vertical writing), the same
page (148 × 210 mm, the margins of layouts/book.toml), the same font and
size (Noto Serif SC for zh-Hans, Noto Serif CJK TC for zh-Hant, 10.5 pt on
an 18 pt pitch, justified, two-character indent), the same figures.

Typst is the `typst` pip wheel (Python bindings of Typst 0.15), run in a
fresh Python process per compile, as typeset runs in a fresh process.

  compare-typst.py SERIAL [RUNS=5]     typeset (PDF+EPUB, --no-cache) and
                                       Typst, median/min/max and the ratio
  compare-typst.py --source SERIAL     write SERIAL/typst.typ, print its path
  compare-typst.py --compile SRC OUT   one Typst compile (what the timed
                                       process runs; benches/book.rs uses it)

Not part of CI: needs `pip install typst` and a release build of typeset.
"""

import sys as _sys

# --help before anything else is imported or done; a missing argument is a
# usage message, not a traceback.
if any(a in ("-h", "--help") for a in _sys.argv[1:]):
    print(__doc__.strip())
    _sys.exit(0)

import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FONT = {"zh-Hans": ("Noto Serif SC", "cn"), "zh-Hant": ("Noto Serif CJK TC", "tw")}


def escape(text):
    # Generated text holds no Typst markup, but escape it anyway.
    for ch in "\\#*_$@<`[]":
        text = text.replace(ch, "\\" + ch)
    return text


def front(text):
    head, body = text.split("+++", 2)[1:]
    fields = dict(
        (k.strip(), v.strip().strip('"'))
        for k, v in (line.split("=", 1) for line in head.splitlines() if "=" in line)
    )
    return fields, body


def paragraph(para):
    if para.startswith("!["):  # ![caption](path "attrs")
        caption, rest = para[2:].split("](", 1)
        path = rest.split(" ", 1)[0].rstrip(")")
        return (f'#figure(image("{path}", width: 50%), '
                f"caption: [{escape(caption)}])\n")
    return escape(para) + "\n"


def typst_source(serial):
    names = sorted(n for n in os.listdir(serial) if n.endswith(".md"))
    lang = "zh-Hans"
    chapters = []
    for name in names:
        fields, body = front(open(os.path.join(serial, name), encoding="utf-8").read())
        lang = fields.get("lang", lang)
        chapters.append(f"= {escape(fields['title'])}\n")
        chapters += [paragraph(p) for p in body.strip().split("\n\n")]
    font, region = FONT[lang]
    return "\n".join([
        '#set page(width: 148mm, height: 210mm, margin: (top: 22mm, bottom: 20mm, x: 14mm))',
        # Line boxes one em tall, so that leading 7.5 pt gives our 18 pt pitch.
        f'#set text(font: "{font}", size: 10.5pt, lang: "zh", region: "{region}", '
        "top-edge: 1em, bottom-edge: 0em)",
        "#set par(justify: true, leading: 7.5pt, spacing: 7.5pt, "
        "first-line-indent: (amount: 2em, all: true))",
        "#show heading: it => { pagebreak(weak: true); it }",
    ] + chapters)


def write_source(serial):
    path = os.path.join(serial, "typst.typ")
    with open(path, "w", encoding="utf-8") as f:
        f.write(typst_source(serial))
    return path


def compile_once(src, out):
    import typst
    typst.compile(src, output=out, root=os.path.dirname(os.path.abspath(src)),
                  font_paths=[os.path.join(ROOT, "fonts")], ignore_system_fonts=True)


def timed(cmd, runs):
    """Wall and user+sys CPU seconds of each run, in a fresh process."""
    out = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        out.append((wall, cpu))
    return out


def summary(label, runs):
    walls = sorted(w for w, _ in runs)
    cpu = statistics.median(c for _, c in runs)
    print(f"{label:<20} median {statistics.median(walls):7.3f} s  min {walls[0]:7.3f}  "
          f"max {walls[-1]:7.3f}  CPU {cpu:7.3f} s")
    return statistics.median(walls), cpu


def main():
    args = sys.argv[1:]
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        return
    if args[0] == "--source":
        print(write_source(args[1]))
        return
    if args[0] == "--compile":
        compile_once(args[1], args[2])
        return
    serial = args[0]
    runs = int(args[1]) if len(args) > 1 else 5
    exe = os.path.join(ROOT, "target/release/typeset")
    if not os.path.exists(exe):
        sys.exit("build typeset first: cargo build --release")
    src = write_source(serial)
    work = os.path.join(ROOT, "target/compare-typst")
    os.makedirs(work, exist_ok=True)
    ours, epub, theirs = (os.path.join(work, n) for n in ("typeset.pdf", "typeset.epub", "typst.pdf"))
    print(os.popen("uptime").read().strip())
    w_ours, c_ours = summary("typeset PDF+EPUB", timed(
        [exe, serial, "--no-system-fonts", "--no-cache", "-q", "--pdf", ours, "--epub", epub], runs))
    w_typst, c_typst = summary("typst PDF", timed(
        [sys.executable, os.path.abspath(__file__), "--compile", src, theirs], runs))
    print(f"ratio typst / typeset: wall {w_typst / w_ours:.2f}, CPU {c_typst / c_ours:.2f}")


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
    from cli import run

    run(main)
