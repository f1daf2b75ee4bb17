#!/usr/bin/env bash
# Rebuilds layouts/icc/FOGRA39L-typeset.icc, the CMYK output profile of the
# print edition's PDF/X output intent: ArgyllCMS's colprof on the FOGRA39L
# characterization data shipped in Debian's icc-profiles-free (zlib licence).
#   apt-get install argyll && apt-get download icc-profiles-free
set -euo pipefail
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  sed -n '2,5s/^# \{0,1\}//p' "$0"
  exit 0
fi
command -v colprof >/dev/null || { echo "error: colprof is not installed" >&2; echo "  hint: apt-get install argyll" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
deb=$(ls icc-profiles-free_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { cd "$work" && apt-get download icc-profiles-free && deb="$work/$(ls icc-profiles-free_*.deb)"; cd - >/dev/null; }
dpkg-deb -x "$deb" "$work/x"
cp "$work/x/usr/share/color/icc/FOGRA39L.ti3" "$work/"
(cd "$work" && colprof -ql -D "Coated FOGRA39 (ISO 12647-2:2004), built by typeset from FOGRA39L characterization data" \
  -C "No copyright; characterization data: Kai-Uwe Behrmann, zlib license" FOGRA39L)
cp "$work/FOGRA39L.icc" layouts/icc/FOGRA39L-typeset.icc
