#!/usr/bin/env python3
"""Draws real vs generated slices of segmented volumes into one PNG: one row per volume, columns xy, xz and yz
(the middle plane normal to z, y and x). A 2D real image (a training image) fills its row's first column.

    scripts/draw-slices.py OUT.png REAL.tif GENERATED.tif [MORE.tif ...] [--labels "real,generated,..."]
                           [--size 256] [--title TEXT]

Every panel has the same scale (nearest neighbour; the largest extent of any input is --size pixels), so a
feature of n voxels is as large in every row; phases get fixed colours in order of their grey values. Needs Pillow (Debian: apt-get install python3-pil).
"""
import argparse
import sys

from PIL import Image, ImageDraw, ImageSequence

COLOURS = [(25, 25, 25), (235, 200, 60), (60, 130, 210), (210, 70, 70), (90, 180, 90), (170, 90, 200),
           (240, 140, 40), (120, 200, 220), (200, 200, 200), (120, 80, 40)]


def read_stack(path):
    im = Image.open(path)
    # the stored values, not a colour table's greys: a stack with a label LUT opens as a palette image
    planes = [frame.copy() if frame.mode in ("L", "P") else frame.convert("L") for frame in ImageSequence.Iterator(im)]
    w, h = planes[0].size
    return w, h, [list(p.getdata()) for p in planes]


def mid_planes(w, h, planes):
    """(name, width, height, values) of the middle xy, xz and yz planes; only xy for a 2D image."""
    d = len(planes)
    xy = planes[d // 2]
    out = [("xy", w, h, xy)]
    if d > 1:
        y0, x0 = h // 2, w // 2
        out.append(("xz", w, d, [planes[z][y0 * w + x] for z in range(d) for x in range(w)]))
        out.append(("yz", h, d, [planes[z][y * w + x0] for z in range(d) for y in range(h)]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("volumes", nargs="+")
    ap.add_argument("--labels", default=None, help="row labels, comma-separated (default: real, generated, ...)")
    ap.add_argument("--size", type=int, default=256, help="panel size in pixels")
    ap.add_argument("--title", default=None)
    a = ap.parse_args()
    labels = a.labels.split(",") if a.labels else ["real"] + ["generated"] * (len(a.volumes) - 1)
    if len(labels) != len(a.volumes):
        sys.exit("one label per volume")
    stacks = [read_stack(p) for p in a.volumes]
    values = sorted({v for _, _, planes in stacks for p in planes for v in set(p)})
    if len(values) > len(COLOURS):
        sys.exit("more than %d grey values: not a segmented volume" % len(COLOURS))
    colour = {v: COLOURS[i] for i, v in enumerate(values)}
    size, pad, left = a.size, 8, 110
    top = 28 + (22 if a.title else 0)
    # one scale for every panel, so that a feature of n voxels is as large in each row
    scale = size / max(max(w, h, len(planes)) for w, h, planes in stacks)
    rows = [mid_planes(w, h, planes) for w, h, planes in stacks]
    heights = [max(48, max(round(ph * scale) for _, _, ph, _ in r)) for r in rows]
    widths = [max([round(r[c][1] * scale) for r in rows if c < len(r)] + [130]) for c in range(3)]
    columns = [left + sum(widths[:c]) + c * pad for c in range(3)]
    width = max(columns[2] + widths[2] + pad, 2 * pad + 6 * len(a.title or ""))  # the default font: 6 px a letter
    sheet = Image.new("RGB", (width, top + sum(heights) + pad * len(rows)), (255, 255, 255))
    draw = ImageDraw.Draw(sheet)
    if a.title:
        draw.text((pad, 6), a.title, fill=(0, 0, 0))
    for c, name in enumerate(["xy (normal to z)", "xz (normal to y)", "yz (normal to x)"]):
        draw.text((columns[c], top - 18), name, fill=(0, 0, 0))
    y = top
    for (w, h, planes), label, panels, height in zip(stacks, labels, rows, heights):
        dims = "%dx%d" % (w, h) + ("x%d" % len(planes) if len(planes) > 1 else "")
        draw.text((pad, y + height // 2 - 12), label, fill=(0, 0, 0))
        draw.text((pad, y + height // 2 + 2), dims, fill=(90, 90, 90))
        for c, (_, pw, ph, vals) in enumerate(panels):
            panel = Image.new("RGB", (pw, ph))
            panel.putdata([colour[v] for v in vals])
            panel = panel.resize((max(1, round(pw * scale)), max(1, round(ph * scale))), Image.NEAREST)
            sheet.paste(panel, (columns[c], y))
        y += height + pad
    x = pad
    draw.text((x, top - 18), "phase", fill=(0, 0, 0))
    for i, v in enumerate(values):
        y = top + 4 + 16 * i
        draw.rectangle([x, y, x + 10, y + 10], fill=colour[v], outline=(0, 0, 0))
        draw.text((x + 16, y), str(v), fill=(0, 0, 0))
    legend = "phases: " + ", ".join("%d" % v for v in values)
    sheet = sheet.convert("P", palette=Image.ADAPTIVE, colors=64)
    sheet.save(a.out, optimize=True)
    print("%s: %dx%d, %s" % (a.out, sheet.width, sheet.height, legend))


if __name__ == "__main__":
    main()
