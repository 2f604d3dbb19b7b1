#!/usr/bin/python3
"""Makes ConvScope's synthetic resources (run from resources/; needs only NumPy):
samples/: the lecture's 4x4 and 7x7 diagonal patterns and its 3x3 kernel, a 5x5 binary cross,
a checkerboard, and a handwritten-style digit 3 drawn with a soft round brush (the .npy files
hold the exact values; the PNGs show them, patterns scaled 0..3 -> 0..255);
icons/: a 3x3 kernel (amber) sliding over an input grid (blue), as convscope.png (the window's),
hicolor/NxN/convscope.png at every size a desktop asks for, and convscope.svg."""
import os
import struct
import zlib

import numpy as np


def write_png(path, pixels):
    """8-bit grayscale (H, W) or RGBA (H, W, 4)."""
    pixels = np.asarray(pixels, dtype=np.uint8)
    height, width = pixels.shape[:2]
    colour_type = 6 if pixels.ndim == 3 else 0
    raw = b"".join(b"\x00" + pixels[y].tobytes() for y in range(height))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def diagonal(size):
    pattern = [1, 2, 3, 0]
    return np.array([[pattern[(x - y) % 4] for x in range(size)] for y in range(size)], np.float32)


for size in (4, 7):
    values = diagonal(size)
    np.save("samples/pattern-%dx%d.npy" % (size, size), values)
    write_png("samples/pattern-%dx%d.png" % (size, size), values * 85)

with open("samples/lecture-kernel.txt", "w") as f:
    f.write("# the lecture's 3x3 kernel: pattern-4x4 with it gives [[15, 16], [6, 15]]\n")
    f.write("2 0 1\n0 1 2\n1 0 2\n")

cross = np.zeros((5, 5), np.float32)
cross[2, :] = 1
cross[:, 2] = 1
np.save("samples/binary-5x5.npy", cross)
write_png("samples/binary-5x5.png", cross * 255)

y, x = np.mgrid[0:64, 0:64]
write_png("samples/checkerboard.png", (((y // 8) + (x // 8)) % 2) * 255)

# A "3" as a pen writes it: two bowls open to the left, stamped along with a soft round brush.
def bowl(cy, cx, ry, rx, start, stop):
    theta = np.radians(np.linspace(start, stop, 300))
    return np.stack([cy + ry * np.sin(theta), cx + rx * np.cos(theta)], 1)


points = np.concatenate([bowl(9, 13.5, 4.5, 5.5, -160, 90), bowl(18, 13.5, 5, 6.5, -90, 155)])
canvas = np.zeros((28, 28))
gy, gx = np.mgrid[0:28, 0:28]
for py, px in points:
    canvas = np.maximum(canvas, np.exp(-((gy - py) ** 2 + (gx - px) ** 2) / (2 * 0.9 ** 2)))
write_png("samples/digit-3.png", np.clip(canvas * 1.3, 0, 1) * 255)

# The icon: a 5x5 input grid (blue) under a 3x3 kernel (amber), drawn on a 128-unit square and
# written at every size a desktop asks for, and as SVG.
CELL, GAP, ORIGIN = 18, 3, 10
KERNEL = (245, 170, 40)


def icon_cells():
    """(row, col, rgb) of every square, the kernel's over the grid's."""
    cells = []
    for r in range(5):
        for c in range(5):
            shade = 70 + 25 * ((r + c) % 3)
            cells.append((r, c, (40, shade, 150 + shade // 2)))
    cells += [(r, c, KERNEL) for r in range(3) for c in range(3)]
    return cells


def icon_png(size):
    scale = size / 128.0
    img = np.zeros((size, size, 4), np.uint8)
    for r, c, rgb in icon_cells():
        y0 = int(round((ORIGIN + r * (CELL + GAP)) * scale))
        x0 = int(round((ORIGIN + c * (CELL + GAP)) * scale))
        y1 = max(y0 + 1, int(round((ORIGIN + r * (CELL + GAP) + CELL) * scale)))
        x1 = max(x0 + 1, int(round((ORIGIN + c * (CELL + GAP) + CELL) * scale)))
        img[y0:y1, x0:x1] = rgb + (255,)
    return img


def icon_svg():
    rects = "\n".join(
        '  <rect x="%d" y="%d" width="%d" height="%d" fill="#%02x%02x%02x"/>'
        % ((ORIGIN + c * (CELL + GAP), ORIGIN + r * (CELL + GAP), CELL, CELL) + rgb)
        for r, c, rgb in icon_cells())
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" '
            'viewBox="0 0 128 128">\n<title>ConvScope</title>\n' + rects + "\n</svg>\n")


write_png("icons/convscope.png", icon_png(128))
for size in (16, 24, 32, 48, 64, 128, 256):
    os.makedirs("icons/hicolor/%dx%d" % (size, size), exist_ok=True)
    write_png("icons/hicolor/%dx%d/convscope.png" % (size, size), icon_png(size))
with open("icons/convscope.svg", "w") as f:
    f.write(icon_svg())
