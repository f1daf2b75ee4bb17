#!/usr/bin/env bash
# Regenerates the held-out OCR set for `typeset clean` (tests/clean/heldout.rs):
# example pages and articles typeset to PDF, rasterised by pdftoppm at 300 dpi
# (grey), read by Tesseract 5 (chi_sim or chi_tra, its default page
# segmentation), the text of each PDF's pages joined in page order as
# tests/fixtures/clean/ocr/NAME.txt. Tesseract is slow (a minute or more a
# broadsheet page), so the text is committed and only this script reruns it.
# The default segmentation at 300 dpi drops some bold section heads whole
# (read at 200 dpi or with --psm 4/6, which read columns across instead);
# that is what a user running Tesseract gets, so it is kept, and the
# scorer counts such losses apart. Other readings, scored with
# CLEAN_OCR_SET=DIR (heldout.rs) when this set was 300 dpi, --psm 3:
# 90.4 % paragraphs, 82.5 % heads (9 not in the text), 23 fields wrong (22
# since a source beside a column line is taken) —
#   400 dpi: 82.0 %, 70.2 %, 54 fields, 2 of 9 inputs split wrong;
#   300 dpi, -c preserve_interword_spaces=1: 87.0 %, 82.5 %, 27 fields;
#   200 dpi: 75.5 %, 82.5 % (3 not in the text: the bold heads are read,
#   but more columns are read across), 47 fields, 2 split wrong.
# The bold heads are lost in Tesseract's binarisation (its default Otsu):
# one alone, cropped at 300 dpi, reads as nothing even with --psm 7, and
# whole with -c thresholding_method=1 or =2; but over the whole set those
# read worse (300 dpi, this build: 79.8 % / 77.6 % paragraphs, 80.7 /
# 82.5 % heads, 48 / 50 fields, 3 of 9 split wrong), so the default stays.
# tools/clean-boxes-fixtures.py makes the line-per-box reading of the same
# pages, which loses nothing (and, with --scan, a scan's reading).
#
# With --typeset, each page is read through `typeset clean PAGE.png`
# instead (the text it writes as PAGE.ocr.txt): Tesseract at full size and
# again on the page scaled to half, the lines only the second reading has
# put in (src/clean/ocr_lines.rs); the set goes to
# tests/fixtures/clean/ocr-typeset.
#
#   tools/clean-ocr-fixtures.sh [--typeset] [NAME…]    (default: every entry listed in this script)
#
# Needs: a release build (cargo build --release), poppler-utils, and
#   apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra
set -euo pipefail
if [ "${1:-}" = -h ] || [ "${1:-}" = --help ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit 0
fi
cd "$(dirname "$0")/.."
bin=./target/release/typeset
[ -x "$bin" ] || { echo "error: $bin is missing; run cargo build --release first" >&2; exit 1; }
for tool in pdftoppm tesseract; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed (see --help)" >&2; exit 1; }
done
out=tests/fixtures/clean/ocr
own=
if [ "${1:-}" = --typeset ]; then own=1; out=tests/fixtures/clean/ocr-typeset; shift; fi
mkdir -p "$out"
# NAME  SOURCE  OCR-LANGUAGE
entries=(
  "page-7 examples/page-7.toml chi_sim"
  "page-9 examples/page-9.toml chi_sim"
  "page-12 examples/page-12.toml chi_sim"
  "edition-12 examples/edition-12.toml chi_sim"
  "elder-canteen examples/elder-canteen.md chi_sim"
  "market-renewal examples/market-renewal.md chi_sim"
  "essay-lamp examples/essay-lamp.md chi_sim"
  "hant-harbour examples/hant-harbour.md chi_tra"
  "hant-note examples/hant-note.md chi_tra"
)
known=" $(printf '%s\n' "${entries[@]}" | cut -d' ' -f1 | tr '\n' ' ')"
for name in "$@"; do
  [[ "$known" == *" $name "* ]] || { echo "error: no entry named $name; the entries are:$known" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for e in "${entries[@]}"; do
  read -r name src lang <<<"$e"
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  echo "== $name ($src, $lang)"
  # Tesseract reads horizontal lines only: articles are set horizontally
  # (a page's vertical boxes stay as they are and are not scored).
  writing=(); [ "${src##*.}" = md ] && writing=(--writing horizontal)
  "$bin" "$src" "${writing[@]}" --no-system-fonts --pdf "$tmp/$name.pdf" 2>/dev/null
  pdftoppm -r 300 -gray -png "$tmp/$name.pdf" "$tmp/$name"
  : >"$tmp/$name.txt"
  for png in $(ls "$tmp/$name"-*.png | sort -V); do
    if [ -n "$own" ]; then
      stem=$(basename "$png" .png)
      "$bin" clean "$png" --ocr-lang "$lang" -o "$tmp/out-$stem/" 2>/dev/null
      cat "$tmp/out-$stem/$stem.ocr.txt" >>"$tmp/$name.txt"
    else
      tesseract "$png" stdout -l "$lang" 2>/dev/null >>"$tmp/$name.txt"
    fi
  done
  cp "$tmp/$name.txt" "$out/$name.txt"
  echo "$src" >"$out/$name.source"
done
