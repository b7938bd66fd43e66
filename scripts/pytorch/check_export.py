#!/usr/bin/env python3
"""Loads a generator exported by SliceGAN for Fiji (export-pytorch) in PyTorch and checks that it makes our volume.

    /usr/bin/python3 scripts/pytorch/check_export.py NAME --noise NOISE.f32 --volume OURS.f32 \
        [--type nphase|grayscale|colour] [--net auto|transposed|rc] [--published SLICEGAN_DIR] [--tolerance 1e-4]

NAME_Gen.pt and NAME_params.data are loaded as the published code's test_img loads them (its params file, then
load_state_dict, strict, evaluation mode), with the layer structure of published_layers.py; the network kind is
recognised from the keys unless --net says it. NOISE.f32 is the latent noise [1, nz, lf, lf, lf] and OURS.f32 the
output SliceGAN for Fiji computed from it (probabilities or intensities, [C, lf·…]), both little-endian float32.
Prints one JSON line (largest difference, labels that differ and how many of them are near-ties) and exits 1 when the
outputs differ by more than the tolerance or a label differs away from a near-tie.

With --published, the directory of a checkout of github.com/stke9/SliceGAN, the generator is also loaded and run by
the published code itself: networks.slicegan_nets / slicegan_rc_nets and util.test_img (on the CPU; test_img's
noise is replaced by NOISE, and tifffile or matplotlib, if not installed, by stand-ins that keep the image).
"""
import argparse
import json
import os
import sys
import types

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import published_layers as pl  # noqa: E402


def compare(ours, theirs, imtype, tolerance):
    diff = float(np.abs(ours - theirs).max())
    result = {"values": int(ours.size), "max_abs_diff": diff}
    if imtype == "nphase":
        a, b = ours.argmax(0), theirs.argmax(0)
        differ = a != b
        s = np.sort(theirs, axis=0)
        near_tie = (s[-1] - s[-2]) < tolerance
        result.update(voxels=int(a.size), labels_differ=int(differ.sum()),
                      labels_differ_not_near_tie=int((differ & ~near_tie).sum()))
    ok = diff <= tolerance and result.get("labels_differ_not_near_tie", 0) == 0
    return result, ok


def published(directory, stem, kind, imtype, noise):
    """The published code's own load and run: networks.<function> with Training=0, util.test_img."""
    for name in ("tifffile", "matplotlib", "matplotlib.pyplot"):
        try:
            __import__(name)
        except ImportError:
            stub = types.ModuleType(name)
            stub.imwrite = lambda path, data: np.save(path + ".npy", data)
            sys.modules[name] = stub
    if "matplotlib" in sys.modules and not hasattr(sys.modules["matplotlib"], "pyplot"):
        sys.modules["matplotlib"].pyplot = sys.modules["matplotlib.pyplot"]
    sys.path.insert(0, directory)
    from slicegan import networks, util  # noqa: E402
    # test_img moves the generator and its noise to CUDA; here they stay on the CPU
    torch.Tensor.cuda = lambda self, *a, **k: self
    torch.nn.Module.cuda = lambda self, *a, **k: self
    function = networks.slicegan_rc_nets if kind == "rc" else networks.slicegan_nets
    _, netG = function(stem, 0, imtype, *([None] * 8))
    randn = torch.randn
    torch.randn = lambda *shape, **k: noise.clone()
    try:
        _, raw, _ = util.test_img(stem, imtype, netG(), noise.shape[1], lf=noise.shape[2])
    finally:
        torch.randn = randn
    return raw[0].detach().numpy()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("name")
    ap.add_argument("--noise", required=True)
    ap.add_argument("--volume", required=True)
    ap.add_argument("--type", default="nphase", choices=["nphase", "grayscale", "colour"])
    ap.add_argument("--net", default="auto", choices=["auto", "transposed", "rc"])
    ap.add_argument("--published")
    ap.add_argument("--tolerance", type=float, default=1e-4)
    a = ap.parse_args()
    kind = a.net
    if kind == "auto":
        keys = torch.load(a.name + "_Gen.pt", map_location="cpu").keys()
        kind = "rc" if "rcconv.weight" in keys else "transposed"
    G, nz = pl.load_generator(a.name, kind, a.type)
    noise = torch.from_numpy(np.fromfile(a.noise, "<f4"))
    lf = round((noise.numel() / nz) ** (1 / 3))
    noise = noise.reshape(1, nz, lf, lf, lf)
    with torch.no_grad():
        theirs = G(noise)[0].numpy()
    ours = np.fromfile(a.volume, "<f4").reshape(theirs.shape)
    result, ok = compare(ours, theirs, a.type, a.tolerance)
    result.update(name=os.path.basename(a.name), net=kind, type=a.type, torch=torch.__version__,
                  shape=list(theirs.shape))
    if a.published:
        raw = published(os.path.abspath(a.published), a.name, kind, a.type, noise)
        r2, ok2 = compare(ours, raw, a.type, a.tolerance)
        result["published_test_img"] = r2
        ok = ok and ok2
    result["ok"] = ok
    print(json.dumps(result))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
