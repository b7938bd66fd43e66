#!/usr/bin/env python3
"""Generate the synthetic test images in test-images/.

Deterministic (fixed seeds); needs numpy and Pillow only.

    python3 scripts/make-test-images.py [output-dir]

All images are 8-bit grayscale, uncompressed TIFF.
"""
import os
import sys

import numpy as np
from PIL import Image


def smooth_noise(shape, sigma, rng):
    """White noise smoothed by a periodic Gaussian (via FFT), zero mean, unit std."""
    noise = rng.standard_normal(shape)
    ky = np.fft.fftfreq(shape[0])[:, None]
    kx = np.fft.fftfreq(shape[1])[None, :]
    kernel = np.exp(-2.0 * (np.pi * sigma) ** 2 * (kx ** 2 + ky ** 2))
    field = np.real(np.fft.ifft2(np.fft.fft2(noise) * kernel))
    field -= field.mean()
    return field / field.std()


def threshold_fraction(field, fraction):
    """Boolean mask of the `fraction` largest values of `field`."""
    return field > np.quantile(field, 1.0 - fraction)


def blobs_2phase(rng, size=160, fraction=0.35, sigma=2.5):
    mask = threshold_fraction(smooth_noise((size, size), sigma, rng), fraction)
    return np.where(mask, 255, 0).astype(np.uint8)


def three_phase(rng, size=160, fractions=(0.40, 0.35, 0.25), sigma=2.5):
    a = smooth_noise((size, size), sigma, rng)
    b = smooth_noise((size, size), sigma, rng)
    img = np.zeros((size, size), np.uint8)
    top = threshold_fraction(a, fractions[2])            # phase 255
    rest = ~top
    # among the rest, the largest values of b (fraction f1 of the whole image) -> 128
    f1 = fractions[1] / (1.0 - fractions[2])
    cut = np.quantile(b[rest], 1.0 - f1)
    img[rest & (b > cut)] = 128
    img[top] = 255
    return img


def rods_across(rng, size=128, radius=4.0, fraction=0.25, min_gap=1.0):
    """Discs (rod cross-sections), non-overlapping, periodic, until `fraction` is reached."""
    yy, xx = np.mgrid[0:size, 0:size]
    img = np.zeros((size, size), bool)
    centres = []
    tries = 0
    while img.mean() < fraction and tries < 200000:
        tries += 1
        c = rng.uniform(0, size, 2)
        ok = True
        for (py, px) in centres:
            dy = abs(c[0] - py); dy = min(dy, size - dy)
            dx = abs(c[1] - px); dx = min(dx, size - dx)
            if dy * dy + dx * dx < (2 * radius + min_gap) ** 2:
                ok = False
                break
        if not ok:
            continue
        centres.append((c[0], c[1]))
        dy = np.abs(yy - c[0]); dy = np.minimum(dy, size - dy)
        dx = np.abs(xx - c[1]); dx = np.minimum(dx, size - dx)
        img |= (dy * dy + dx * dx) <= radius * radius
    return np.where(img, 255, 0).astype(np.uint8)


def rods_along(rng, size=128, width=8, fraction=0.25, jitter=6):
    """Vertical stripes of `width` px (rods cut along their axis), roughly evenly
    spaced with random jitter, covering `fraction` of the columns."""
    n = int(round(fraction * size / width))
    period = size / n
    cols = np.zeros(size, bool)
    for k in range(n):
        x0 = int(round(k * period + (period - width) / 2 + rng.integers(-jitter, jitter + 1)))
        cols[[(x0 + i) % size for i in range(width)]] = True
    img = np.repeat(cols[None, :], size, axis=0)
    return np.where(img, 255, 0).astype(np.uint8)


def grey_texture(rng, size=128):
    f = 0.7 * smooth_noise((size, size), 3.0, rng) + 0.3 * smooth_noise((size, size), 1.2, rng)
    f = (f - f.min()) / (f.max() - f.min())
    return np.round(20 + 215 * f).astype(np.uint8)


def noisy_unsegmented(rng, size=96, fraction=0.35, noise_sigma=25.0):
    mask = threshold_fraction(smooth_noise((size, size), 2.5, rng), fraction)
    img = np.where(mask, 190.0, 60.0) + noise_sigma * rng.standard_normal((size, size))
    return np.clip(np.round(img), 0, 255).astype(np.uint8)


def save(arr, path):
    Image.fromarray(arr, mode="L").save(path, format="TIFF")  # uncompressed by default
    vals, counts = np.unique(arr, return_counts=True)
    if len(vals) <= 8:
        desc = ", ".join("%d:%.3f" % (v, c / arr.size) for v, c in zip(vals, counts))
    else:
        desc = "%d distinct values, range %d..%d" % (len(vals), vals[0], vals[-1])
    print("%-28s %dx%d  %s" % (os.path.basename(path), arr.shape[1], arr.shape[0], desc))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, os.pardir, "test-images")
    os.makedirs(out, exist_ok=True)
    save(blobs_2phase(np.random.default_rng(1001)), os.path.join(out, "blobs-2phase.tif"))
    save(three_phase(np.random.default_rng(1002)), os.path.join(out, "three-phase.tif"))
    save(rods_across(np.random.default_rng(1003)), os.path.join(out, "rods-across.tif"))
    save(rods_along(np.random.default_rng(1004)), os.path.join(out, "rods-along.tif"))
    save(grey_texture(np.random.default_rng(1005)), os.path.join(out, "grey-texture.tif"))
    save(noisy_unsegmented(np.random.default_rng(1006)), os.path.join(out, "noisy-unsegmented.tif"))


if __name__ == "__main__":
    main()
