#!/usr/bin/env python3
"""Draws examples/figures/route.png: a schematic route line with stops,
pure Python (zlib only), so the example's figure is ours and reproducible.

Usage: tools/make-figure.py [ROUTE.png [BADGE.png]]
  ROUTE.png  where the route goes (default: examples/figures/route.png of
             this repository, wherever the script is run from)
  BADGE.png  also draw the round badge of the round-wrap example there"""

import sys as _sys

# --help before anything else is imported or done; a missing argument is a
# usage message, not a traceback.
if any(a in ("-h", "--help") for a in _sys.argv[1:]):
    print(__doc__.strip())
    _sys.exit(0)

import math, struct, sys, zlib

W, H = 600, 360


def png(path, pixels):
    raw = b"".join(b"\x00" + bytes(row) for row in pixels)
    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    try:
        with open(path, "wb") as f:
            f.write(data)
    except OSError as e:
        sys.exit(f"error: cannot write {path}: {e.strerror}")


img = [[255] * (W * 3) for _ in range(H)]


def dot(x, y, r, rgb):
    for yy in range(int(y - r), int(y + r) + 1):
        for xx in range(int(x - r), int(x + r) + 1):
            if 0 <= xx < W and 0 <= yy < H and (xx - x) ** 2 + (yy - y) ** 2 <= r * r:
                img[yy][xx * 3:xx * 3 + 3] = rgb


# A river band across the map.
for x in range(W):
    yc = 250 + 25 * math.sin(x / 90.0)
    for y in range(int(yc - 14), int(yc + 14)):
        if 0 <= y < H:
            img[y][x * 3:x * 3 + 3] = [205, 225, 240]
# The route: a smooth path from east (right) to west (left).
pts = []
for i in range(400):
    t = i / 399
    x = 560 - 520 * t
    y = 120 + 60 * math.sin(t * math.pi * 1.6) + 40 * t
    pts.append((x, y))
for x, y in pts:
    dot(x, y, 4, [40, 40, 40])
# 41 stops, terminals larger.
for k in range(41):
    x, y = pts[round(k * 399 / 40)]
    big = k in (0, 40)
    dot(x, y, 9 if big else 6, [40, 40, 40])
    dot(x, y, 5 if big else 3, [255, 255, 255])
DEFAULT = __import__("os").path.join(
    __import__("os").path.dirname(__import__("os").path.abspath(__file__)),
    "..", "examples", "figures", "route.png")
png(sys.argv[1] if len(sys.argv) > 1 else DEFAULT, img)


def badge(path, size=400):
    """A round badge: a dark disc with a light ring and a lamp-like shape,
    for the round text wrap example."""
    global W, H, img
    W = H = size
    img = [[255] * (W * 3) for _ in range(H)]
    c = size / 2
    dot(c, c, c - 2, [60, 60, 60])
    dot(c, c, c - 22, [235, 225, 200])
    dot(c, c, c - 34, [60, 60, 60])
    # a flame
    for k in range(60):
        dot(c, c - 40 + k, 30 - k * 0.45, [240, 200, 90])
    png(path, img)


if len(sys.argv) > 2:
    badge(sys.argv[2])
