#!/usr/bin/python3
"""Draws convscope.png, the application icon: a 3x3 kernel (amber) sliding over an input grid
(blue), with the output cell it produces. Needs only NumPy; run from this folder."""
import struct
import zlib

import numpy as np

SIZE = 128


def write_png(path, rgba):
    height, width, _ = rgba.shape
    raw = b"".join(b"\x00" + rgba[y].tobytes() for y in range(height))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


img = np.zeros((SIZE, SIZE, 4), np.uint8)
cell, gap, origin = 18, 3, 10


def fill(row, col, colour, offset=origin):
    y0, x0 = offset + row * (cell + gap), offset + col * (cell + gap)
    img[y0:y0 + cell, x0:x0 + cell] = colour


for r in range(5):
    for c in range(5):
        shade = 70 + 25 * ((r + c) % 3)
        fill(r, c, (40, shade, 150 + shade // 2, 255))
for r in range(3):
    for c in range(3):
        fill(r, c, (245, 170, 40, 255))
write_png("convscope.png", img)
