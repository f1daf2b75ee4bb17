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

Usage:  pip download pylopdf-fonts-zh-cn==0.1.1 --no-deps -d SRC
        (cd SRC && apt-get download fonts-noto-cjk)
        python3 tools/make-fonts.py SRC fonts/
Needs:  pip install fonttools
"""
import glob, os, shutil, subprocess, sys, zipfile

from fontTools.ttLib import TTCollection, TTFont
from fontTools import subset


def main(src, out):
    os.makedirs(out, exist_ok=True)
    wheel = glob.glob(os.path.join(src, "pylopdf_fonts_zh_cn-0.1.1-*.whl"))[0]
    with zipfile.ZipFile(wheel) as z:
        for name in ("NotoSerifSC-Regular.otf", "NotoSansSC-Regular.otf"):
            with z.open("pylopdf_fonts_zh_cn/" + name) as f, open(os.path.join(out, name), "wb") as g:
                shutil.copyfileobj(f, g)
        with z.open("pylopdf_fonts_zh_cn-0.1.1.dist-info/licenses/LICENSE") as f, open(os.path.join(out, "OFL.txt"), "wb") as g:
            shutil.copyfileobj(f, g)

    deb = glob.glob(os.path.join(src, "fonts-noto-cjk_*.deb"))[0]
    tmp = os.path.join(src, "deb")
    subprocess.run(["dpkg-deb", "-x", deb, tmp], check=True)
    ttc = TTCollection(os.path.join(tmp, "usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"))
    bold = ttc.fonts[2]
    assert "SC" in bold["name"].getDebugName(4), bold["name"].getDebugName(4)

    keep = set(TTFont(os.path.join(out, "NotoSansSC-Regular.otf"))["cmap"].getBestCmap())
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
    sub.subset(bold)
    for t in ("vhea", "vmtx", "VORG", "GSUB", "GPOS"):
        assert t in bold, t
    bold.save(os.path.join(out, "NotoSansCJKsc-Bold.otf"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
