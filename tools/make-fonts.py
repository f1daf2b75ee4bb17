#!/usr/bin/env python3
"""Rebuild the bundled fonts in fonts/ from their published OFL sources.

Sources (all SIL Open Font License 1.1, no reserved font names):
  * NotoSerifSC-Regular.otf and NotoSansSC-Regular.otf, unchanged, from the
    PyPI wheel pylopdf-fonts-zh-cn 0.1.1 (the region-specific SC OTFs).
  * Noto Sans CJK SC Bold: face 2 (SC) of NotoSansCJK-Bold.ttc from Debian's
    fonts-noto-cjk (1:20220127+repack1-1), subset with fontTools to the
    characters of NotoSansSC-Regular (GB 2312, GB 18030 level 1, the
    traditional characters, kana, punctuation, Latin), keeping every
    OpenType layout feature and the vertical tables (vhea/vmtx/VORG), so
    that vertical writing and punctuation adjustment still work.
  * Noto Serif CJK SC Bold (the bold Song a headline takes beside another
    of its size): face 2 of NotoSerifCJK-Bold.ttc, subset the same way.
  * Noto Serif CJK TC Regular and Bold, Noto Sans CJK TC Regular and Bold:
    face 3 (TC) of NotoSerifCJK-Regular.ttc, NotoSerifCJK-Bold.ttc,
    NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc from the same Debian
    package, for zh-Hant text
    (their marks ，。、：；！？ are drawn centred in the em, the Taiwan and
    Hong Kong form). Subset the same way to what a Traditional text needs:
    every character of Big5 and the HKSCS characters of the BMP (the
    HKSCS ones beyond it are rare and fall back to the SC fonts), plus every
    character of NotoSansSC-Regular outside the ideographs (punctuation,
    kana, Latin, symbols).

The TC faces keep only the language systems of Taiwan and Hong Kong
(TC_LANGUAGES below), so that `locl` and `aalt` do not pull in the other
regions' glyphs.

Usage:  pip download pylopdf-fonts-zh-cn==0.1.1 --no-deps -d SRC
        (cd SRC && apt-get download fonts-noto-cjk)
        python3 tools/make-fonts.py SRC fonts/
Needs:  pip install fonttools
"""

import sys as _sys

# --help before anything else is imported or done; a missing argument is a
# usage message, not a traceback.
if any(a in ("-h", "--help") for a in _sys.argv[1:]):
    print(__doc__.strip())
    _sys.exit(0)
if len([a for a in _sys.argv[1:] if not a.startswith("--")]) < 2:
    print(__doc__.strip().splitlines()[0], file=_sys.stderr)
    print("error: missing arguments; see --help", file=_sys.stderr)
    _sys.exit(2)

import glob, os, shutil, subprocess, sys, zipfile

from fontTools.ttLib import TTCollection, TTFont
from fontTools import subset


def main(src, out):
    wheels = glob.glob(os.path.join(src, "pylopdf_fonts_zh_cn-0.1.1-*.whl"))
    if not wheels:
        sys.exit(f"error: no pylopdf_fonts_zh_cn-0.1.1-*.whl in {src}; see --help for the downloads")
    wheel = wheels[0]
    os.makedirs(out, exist_ok=True)
    with zipfile.ZipFile(wheel) as z:
        for name in ("NotoSerifSC-Regular.otf", "NotoSansSC-Regular.otf"):
            with z.open("pylopdf_fonts_zh_cn/" + name) as f, open(os.path.join(out, name), "wb") as g:
                shutil.copyfileobj(f, g)
        with z.open("pylopdf_fonts_zh_cn-0.1.1.dist-info/licenses/LICENSE") as f, open(os.path.join(out, "OFL.txt"), "wb") as g:
            shutil.copyfileobj(f, g)

    deb = glob.glob(os.path.join(src, "fonts-noto-cjk_*.deb"))[0]
    tmp = os.path.join(src, "deb")
    subprocess.run(["dpkg-deb", "-x", deb, tmp], check=True)
    sc_chars = set(TTFont(os.path.join(out, "NotoSansSC-Regular.otf"))["cmap"].getBestCmap())
    fonts = os.path.join(tmp, "usr/share/fonts/opentype/noto")
    subset_face(os.path.join(fonts, "NotoSansCJK-Bold.ttc"), 2, "SC", sc_chars,
                os.path.join(out, "NotoSansCJKsc-Bold.otf"), None)
    # The bold Song only sets headlines: the Simplified Chinese language
    # system alone (the Japanese and Korean ones' `locl` forms would make
    # it 20 MB instead of 12).
    subset_face(os.path.join(fonts, "NotoSerifCJK-Bold.ttc"), 2, "SC", sc_chars,
                os.path.join(out, "NotoSerifCJKsc-Bold.otf"), ("ZHS ",))
    tc_chars = traditional_chars(sc_chars)
    for ttc, name in (("NotoSerifCJK-Regular.ttc", "NotoSerifCJKtc-Regular.otf"),
                      ("NotoSansCJK-Regular.ttc", "NotoSansCJKtc-Regular.otf"),
                      ("NotoSansCJK-Bold.ttc", "NotoSansCJKtc-Bold.otf"),
                      ("NotoSerifCJK-Bold.ttc", "NotoSerifCJKtc-Bold.otf")):
        subset_face(os.path.join(fonts, ttc), 3, "TC", tc_chars, os.path.join(out, name),
                    TC_LANGUAGES)


# The OpenType language systems a TC face keeps: Traditional Chinese
# (Taiwan) and Hong Kong. The Japanese, Korean and Simplified ones only
# reach, through `locl` and `aalt`, the other regions' forms of thousands of
# ideographs: kept, they made the subset 14 MB instead of 8.
TC_LANGUAGES = ("ZHT ", "ZHH ")


def is_ideograph(c):
    return 0x3400 <= c <= 0x4DBF or 0x4E00 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF or c >= 0x20000


def traditional_chars(sc_chars):
    """Big5 and the BMP characters of HKSCS, with the SC font's non-ideographs."""
    chars = {c for c in sc_chars if not is_ideograph(c)}
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                text = bytes([lead, trail]).decode("big5hkscs")
            except UnicodeDecodeError:
                continue
            chars.update(ord(c) for c in text if ord(c) <= 0xFFFF)
    return chars


def subset_face(ttc_path, index, region, keep, out_path, languages):
    """One face of a collection, subset to `keep`, every layout feature and
    the vertical tables kept; `languages`: the language systems to keep
    besides the default (None: all)."""
    face = TTCollection(ttc_path).fonts[index]
    # The source's date, not the build's: the same sources give the same bytes.
    face.recalcTimestamp = False
    assert region in face["name"].getDebugName(4), face["name"].getDebugName(4)
    if languages is not None:
        for tag in ("GSUB", "GPOS"):
            for rec in face[tag].table.ScriptList.ScriptRecord:
                script = rec.Script
                script.LangSysRecord = [l for l in script.LangSysRecord if l.LangSysTag in languages]
                script.LangSysCount = len(script.LangSysRecord)
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.hinting = True
    opts.legacy_kern = True
    opts.drop_tables = []
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=keep)
    sub.subset(face)
    for t in ("vhea", "vmtx", "VORG", "GSUB", "GPOS"):
        assert t in face, t
    face.save(out_path)


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
    from cli import run

    run(main, sys.argv[1], sys.argv[2])
