#!/usr/bin/env python3
"""Side by side with Typst: the same horizontal serial, the same page
(148 × 210 mm, the margins of layouts/book.toml), the same font and size
(Noto Serif SC 10.5 pt on an 18 pt pitch, justified, two-character indent),
built by `typeset` (book PDF, then book PDF + EPUB) and by `typst compile`.
Prints the median wall time of RUNS runs of each and the output sizes.

Not part of CI: it needs typst-cli (`cargo install typst-cli --locked`) and
a release build of typeset.

Usage: tools/compare-typst.py [INSTALLMENTS=90] [RUNS=5]
"""

import sys as _sys

# --help before anything else is imported or done; a missing argument is a
# usage message, not a traceback.
if any(a in ("-h", "--help") for a in _sys.argv[1:]):
    print(__doc__.strip())
    _sys.exit(0)

import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def typst_source(serial):
    out = [
        '#set page(width: 148mm, height: 210mm, '
        'margin: (top: 22mm, bottom: 20mm, x: 14mm))',
        # Line boxes one em tall, so that leading 7.5 pt gives our 18 pt pitch.
        '#set text(font: "Noto Serif SC", size: 10.5pt, lang: "zh", region: "tw", '
        "top-edge: 1em, bottom-edge: 0em)",
        "#set par(justify: true, leading: 7.5pt, spacing: 7.5pt, "
        "first-line-indent: (amount: 2em, all: true))",
        "#show heading: it => { pagebreak(weak: true); it }",
    ]
    for name in sorted(os.listdir(serial)):
        if not name.endswith(".md"):
            continue
        text = open(os.path.join(serial, name), encoding="utf-8").read()
        front, body = text.split("+++", 2)[1:]
        title = next(
            line.split("=", 1)[1].strip().strip('"')
            for line in front.splitlines()
            if line.startswith("title")
        )
        out.append(f"= {title}\n")
        for para in body.strip().split("\n\n"):
            # The generated text has no Typst markup characters but `#`,
            # `*`, `_` and `$` are escaped anyway.
            for ch in "\\#*_$@<`[]":
                para = para.replace(ch, "\\" + ch)
            out.append(para + "\n")
    return "\n".join(out)


def main():
    installments = int(sys.argv[1]) if len(sys.argv) > 1 else 90
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    typst = shutil.which("typst")
    if not typst:
        sys.exit("typst not found: cargo install typst-cli --locked")
    exe = os.path.join(ROOT, "target/release/typeset")
    if not os.path.exists(exe):
        sys.exit("build typeset first: cargo build --release")
    work = os.path.join(ROOT, "target/compare-typst")
    serial = os.path.join(work, f"serial-{installments}")
    if not os.path.exists(os.path.join(serial, "serial.toml")):
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "tools/gen-serial.py"), serial,
             str(installments), "--hant"],
            check=True, stdout=subprocess.DEVNULL,
        )
    src = os.path.join(work, f"serial-{installments}.typ")
    with open(src, "w", encoding="utf-8") as f:
        f.write(typst_source(serial))
    chars = sum(
        len("".join(open(os.path.join(serial, n), encoding="utf-8").read()
                    .split("+++", 2)[2].split()))
        for n in os.listdir(serial) if n.endswith(".md")
    )
    ours_pdf = os.path.join(work, "typeset.pdf")
    ours_epub = os.path.join(work, "typeset.epub")
    theirs = os.path.join(work, "typst.pdf")
    base = [exe, serial, "--no-system-fonts", "--no-cache", "-q"]
    t_pdf = timed(base + ["--pdf", ours_pdf], runs)
    t_both = timed(base + ["--pdf", ours_pdf, "--epub", ours_epub], runs)
    t_typst = timed(
        [typst, "compile", "--ignore-system-fonts", "--font-path",
         os.path.join(ROOT, "fonts"), src, theirs],
        runs,
    )
    size = os.path.getsize
    print(f"{installments} installments, {chars} characters, median of {runs} runs")
    print(f"typeset PDF        {t_pdf:8.3f} s  {size(ours_pdf) / 1024:9.0f} KB")
    print(f"typeset PDF + EPUB {t_both:8.3f} s  (EPUB {size(ours_epub) / 1024:.0f} KB)")
    print(f"typst PDF          {t_typst:8.3f} s  {size(theirs) / 1024:9.0f} KB")
    def pages(pdf):
        try:
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
            return next(l.split()[1] for l in info.splitlines() if l.startswith("Pages:"))
        except (OSError, StopIteration):
            return "?"

    print(f"pages: typeset {pages(ours_pdf)} (with title page, contents and running heads), "
          f"typst {pages(theirs)}")
    print(f"time ratio typst / typeset (PDF only): {t_typst / t_pdf:.1f}")
    print(f"size ratio typst / typeset: {size(theirs) / size(ours_pdf):.2f}")


if __name__ == "__main__":
    main()
