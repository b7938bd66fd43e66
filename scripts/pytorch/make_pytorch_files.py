#!/usr/bin/env python3
"""Writes generators in the published SliceGAN's file format, with PyTorch's own outputs, for the Java import tests.

    /usr/bin/python3 scripts/pytorch/make_pytorch_files.py [OUT_DIR]

OUT_DIR (default src/test/resources/pytorch) receives, per case NAME (see CASES):
  NAME_Gen.pt, NAME_params.data   the generator as the published code saves it (torch.save of the state dict; a
                                  pickle of [dk, ds, df, dp, gk, gs, gf, gp])
  NAME-noise.f32                  the latent noise, little-endian float32, C order
  NAME-out.f32                    PyTorch's evaluation-mode output for that noise (probabilities or intensities)
and cases.json describing them, plus files that are NOT importable generators, for the error messages:
  legacy_Gen.pt                   a generator's state dict in PyTorch's legacy (pre-1.6, non-zip) format
  module_Gen.pt                   a whole pickled nn.Module (torch.save(netG)) instead of its state dict
  other_Gen.pt                    the state dict of a network that is not a SliceGAN generator
Weights, batch-norm running statistics and noise are drawn from fixed seeds; the same torch version writes the
same files. Layers: published_layers.py.
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import published_layers as pl  # noqa: E402

# name: network kind, data type, params lists, noise shape. The critic lists are longer than the critic, as in the
# published run_slicegan.py (zip() takes the shortest); the critics reduce the training slices to one score.
CASES = {
    # 3 phases: 4 -> 6 -> 10 -> 16 at the training latent edge 4; the noise is not cubic (5 along z)
    "transposed3": ("transposed", "nphase", dict(dk=[4, 4, 4, 4], ds=[2, 2, 2, 2], df=[3, 6, 8, 1], dp=[1, 1, 0],
                                                 gk=[4, 4, 4], gs=[2, 2, 2], gf=[4, 8, 6, 3], gp=[2, 2, 3]),
                    (1, 4, 5, 4, 4)),
    # the resize convolution: convs 0 and 1 are used, convs.2 / bns.2 exist unused; 4 -> 6 -> 10, up to 18, conv 16
    "rc3": ("rc", "nphase", dict(dk=[4, 4, 4, 4], ds=[2, 2, 2, 2], df=[3, 6, 8, 1], dp=[1, 1, 0],
                                 gk=[4, 4, 4], gs=[2, 2, 2], gf=[4, 8, 6, 3], gp=[2, 2, 3]),
            (1, 4, 4, 4, 4)),
    # grayscale (tanh head): 4 -> 6 -> 8; noise 5 -> 8 -> 12
    "gray1": ("transposed", "grayscale", dict(dk=[4, 4], ds=[2, 2], df=[1, 6, 1], dp=[1, 0],
                                              gk=[4, 4], gs=[2, 2], gf=[4, 6, 1], gp=[2, 3]),
              (1, 4, 5, 5, 5)),
}
SEED = 2024


def fill(G, gen):
    """Weights N(0, 0.25^2) (rcconv's centred per output channel), rcconv bias N(0, 0.1^2), batch norm gamma
    1 + 0.2 N, beta 0.2 N, running mean 0.2 N, running variance U(0.5, 1.5), num_batches_tracked 123: values a
    trained generator could have."""
    with torch.no_grad():
        for c in G.convs:
            c.weight.copy_(0.25 * torch.randn(c.weight.shape, generator=gen))
        for bn in G.bns:
            bn.weight.copy_(1 + 0.2 * torch.randn(bn.weight.shape, generator=gen))
            bn.bias.copy_(0.2 * torch.randn(bn.bias.shape, generator=gen))
            bn.running_mean.copy_(0.2 * torch.randn(bn.running_mean.shape, generator=gen))
            bn.running_var.copy_(0.5 + torch.rand(bn.running_var.shape, generator=gen))
            bn.num_batches_tracked.fill_(123)
        if hasattr(G, "rcconv"):
            w = 0.25 * torch.randn(G.rcconv.weight.shape, generator=gen)
            # zero mean per output channel, else the channel whose weights sum highest wins almost everywhere
            G.rcconv.weight.copy_(w - w.mean(dim=(1, 2, 3, 4), keepdim=True))
            G.rcconv.bias.copy_(0.1 * torch.randn(G.rcconv.bias.shape, generator=gen))


def f32(path, t):
    t.detach().numpy().astype("<f4").tofile(path)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                                              "src", "test", "resources", "pytorch")
    os.makedirs(out, exist_ok=True)
    gen = torch.Generator().manual_seed(SEED)
    described = {}
    for name, (kind, imtype, p, noise_shape) in CASES.items():
        G = pl.KINDS[kind](p["gk"], p["gs"], p["gf"], p["gp"], imtype)
        fill(G, gen)
        G.eval()
        stem = os.path.join(out, name)
        torch.save(G.state_dict(), stem + "_Gen.pt")
        pl.write_params(stem + "_params.data", [p[k] for k in ("dk", "ds", "df", "dp", "gk", "gs", "gf", "gp")])
        noise = torch.randn(noise_shape, generator=gen)
        with torch.no_grad():
            y = G(noise)
        f32(stem + "-noise.f32", noise)
        f32(stem + "-out.f32", y)
        # the files as the published code reads them give the same output
        G2, _ = pl.load_generator(stem, kind, imtype)
        with torch.no_grad():
            assert torch.equal(G2(noise), y)
        described[name] = {"kind": kind, "type": imtype, "noise": list(noise_shape), "out": list(y.shape)}
        print(name, kind, imtype, "noise", tuple(noise_shape), "->", tuple(y.shape),
              "min %.3f max %.3f" % (y.min(), y.max()))
    with open(os.path.join(out, "cases.json"), "w") as f:
        json.dump(described, f, indent=1, sort_keys=True)
        f.write("\n")

    # not importable: the legacy format, a pickled module, another network
    p = CASES["gray1"][2]
    G = pl.TransposedGenerator(p["gk"], p["gs"], p["gf"], p["gp"], "grayscale")
    fill(G, gen)
    torch.save(G.state_dict(), os.path.join(out, "legacy_Gen.pt"), _use_new_zipfile_serialization=False)
    torch.save(G, os.path.join(out, "module_Gen.pt"))
    other = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Conv2d(4, 2, 3))
    torch.save(other.state_dict(), os.path.join(out, "other_Gen.pt"))
    print("wrote", out)


if __name__ == "__main__":
    main()
