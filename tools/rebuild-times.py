#!/usr/bin/env python3
"""Incremental rebuild times of `typeset watch` and `typeset serve`: on a
copy of examples/, saves one article of a manifest ten times (each save a
new file renamed over the old, as editors do) and reports

  watch: the median, least and most of the "rebuilt in" times the watch
         loop prints, and its last report (what was reused);
  serve: the median time from a save to the new text in the served SVG of
         the article's page, and the median of the server's rebuild times.

Figures on a busy machine vary: interleave runs of the binaries compared.
Not part of CI (a measurement, not a test).

Usage: tools/rebuild-times.py watch|serve BIN MANIFEST ARTICLE [PAGE TEXT]
  MANIFEST, ARTICLE: as in examples/ (e.g. edition-12.toml old-lift.md);
  serve: PAGE, the 1-based page that shows the article, and TEXT, words of
  the article to add the new text after (e.g. 2 梧桐巷十七号楼).
"""
import os, re, shutil, statistics, subprocess, sys, tempfile, threading, time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAVES = 10


def usage(message=None):
    if message:
        print(f"error: {message}", file=sys.stderr)
    print(__doc__.strip(), file=sys.stderr if message else sys.stdout)
    sys.exit(2 if message else 0)


def save(path, text):
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.rename(path + ".tmp", path)


def start(args, copy):
    """The process and a list its stderr lines are appended to."""
    p = subprocess.Popen(args, stderr=subprocess.PIPE, text=True, cwd=copy)
    lines = []

    def read():
        for line in p.stderr:
            lines.append(line)

    threading.Thread(target=read, daemon=True).start()
    return p, lines


def wait_for(lines, pattern, count, limit=60):
    started = time.time()
    while sum(1 for l in lines if re.search(pattern, l)) < count:
        if time.time() - started > limit:
            sys.exit(f"error: no `{pattern}` after {limit} s:\n{''.join(lines[-5:])}")
        time.sleep(0.01)


def rebuilds(lines, name):
    return [float(m.group(1)) for l in lines
            if (m := re.search(rf"{name}: rebuilt in ([0-9.]+) s", l))]


def watch(binary, copy, manifest, article):
    p, lines = start([binary, "watch", manifest, "--pdf", "out.pdf",
                      "--no-system-fonts", "--no-cache"], copy)
    wait_for(lines, "watch: built", 1)
    text = open(os.path.join(copy, article)).read()
    for k in range(SAVES):
        save(os.path.join(copy, article), f"{text}\n补记第{k}次。\n")
        wait_for(lines, "watch: (rebuilt|build failed)", k + 1)
    p.terminate()
    p.wait()
    times = rebuilds(lines, "watch")
    last = [l for l in lines if "watch: rebuilt" in l][-1].split("; watching")[0]
    print(f"watch {manifest} {article}: rebuild median of {len(times)}: "
          f"{1000 * statistics.median(times):.1f} ms (min {1000 * min(times):.1f}, "
          f"max {1000 * max(times):.1f})\n  {last.strip()}")


def serve(binary, copy, manifest, article, page, anchor):
    p, lines = start([binary, "serve", manifest, "--port", "0",
                      "--no-system-fonts", "--no-cache"], copy)
    wait_for(lines, r"http://127\.0\.0\.1:\d+/", 1)
    port = re.search(r"127\.0\.0\.1:(\d+)/", "".join(lines)).group(1)

    def svg():
        try:
            url = f"http://127.0.0.1:{port}/page/{page}.svg"
            with urllib.request.urlopen(url) as r:
                return re.sub(r"\s", "", r.read().decode())
        except OSError:
            return ""

    wait_for(lines, "serve: built", 1)
    text = open(os.path.join(copy, article)).read()
    if anchor not in text:
        sys.exit(f"error: {article} has no `{anchor}`")
    took = []
    for k in range(SAVES):
        new = f"夜深第{k}次补记"
        started = time.time()
        save(os.path.join(copy, article), text.replace(anchor, anchor + new, 1))
        while new not in svg():
            if time.time() - started > 60:
                sys.exit(f"error: page {page} never showed `{new}`")
            time.sleep(0.02)
        took.append(time.time() - started)
        time.sleep(0.3)
    p.terminate()
    p.wait()
    times = rebuilds(lines, "serve")
    print(f"serve {manifest} {article}: save -> new SVG served, median of {SAVES}: "
          f"{1000 * statistics.median(took):.0f} ms (min {1000 * min(took):.0f}, "
          f"max {1000 * max(took):.0f}); rebuild median {1000 * statistics.median(times):.1f} ms")


def main(argv):
    if any(a in ("-h", "--help") for a in argv):
        usage()
    if len(argv) < 4 or argv[0] not in ("watch", "serve"):
        usage("give watch|serve BIN MANIFEST ARTICLE")
    mode, binary, manifest, article = argv[:4]
    binary = os.path.abspath(binary)
    if not os.access(binary, os.X_OK):
        usage(f"{binary} is not a program")
    with tempfile.TemporaryDirectory() as copy:
        shutil.copytree(os.path.join(ROOT, "examples"), copy, dirs_exist_ok=True)
        for f in (manifest, article):
            if not os.path.isfile(os.path.join(copy, f)):
                usage(f"examples/{f} does not exist")
        if mode == "watch":
            watch(binary, copy, manifest, article)
        elif len(argv) < 6:
            usage("serve needs PAGE and TEXT")
        else:
            serve(binary, copy, manifest, article, argv[4], argv[5])


if __name__ == "__main__":
    main(sys.argv[1:])
