"""The layer structure of the published SliceGAN generators (github.com/stke9/SliceGAN, slicegan/networks.py),
written here from their description so that a state dict saved by one loads into the other with the same keys.

Two kinds, both saved as NAME_Gen.pt (torch.save of the state dict) and NAME_params.data (a pickle of the lists
[dk, ds, df, dp, gk, gs, gf, gp]: kernel sizes, strides, channels and paddings of the critic D and generator G):

* "transposed" (slicegan_nets): layer i is ConvTranspose3d(gf[i], gf[i+1], gk[i], gs[i], gp[i], bias=False),
  followed by BatchNorm3d(gf[i+1]) and ReLU for every layer but the last; the last layer's BatchNorm exists in the
  state dict but is never used. Head: softmax over channels (n-phase), 0.5 (tanh + 1) for grayscale and colour.
* "rc" (slicegan_rc_nets): the same transposed layers and batch norms, but the forward pass uses all of them but
  the last (which again exists only in the state dict), then trilinear upsampling (align_corners=False) to
  2 (n - 1) voxels per axis, then Conv3d(gf[-2], gf[-1], 3, 1, 0) with bias ("rcconv"), then softmax whatever
  the data type. The published forward pass takes the upsampled size of the last axis from the second one's
  (shape[3] twice), which matters only for latent grids that are not cubic; it is kept here.

The number of layers is the length of the shortest of gk, gs, gp (as zip() gives it); gf has one more entry.
"""
import pickle

import torch
import torch.nn as nn
import torch.nn.functional as F


def layer_count(ks, ss, ps):
    return min(len(ks), len(ss), len(ps))


class TransposedGenerator(nn.Module):
    def __init__(self, gk, gs, gf, gp, imtype="nphase"):
        super().__init__()
        self.imtype = imtype
        self.convs = nn.ModuleList()
        self.bns = nn.ModuleList()
        for i in range(layer_count(gk, gs, gp)):
            self.convs.append(nn.ConvTranspose3d(gf[i], gf[i + 1], gk[i], gs[i], gp[i], bias=False))
            self.bns.append(nn.BatchNorm3d(gf[i + 1]))

    def forward(self, x):
        for conv, bn in zip(self.convs[:-1], self.bns[:-1]):
            x = F.relu(bn(conv(x)))
        x = self.convs[-1](x)
        if self.imtype in ("grayscale", "colour"):
            return 0.5 * (torch.tanh(x) + 1)
        return torch.softmax(x, 1)


class ResizeConvGenerator(nn.Module):
    def __init__(self, gk, gs, gf, gp, imtype="nphase"):
        super().__init__()
        self.convs = nn.ModuleList()
        self.bns = nn.ModuleList()
        self.rcconv = nn.Conv3d(gf[-2], gf[-1], 3, 1, 0)
        for i in range(layer_count(gk, gs, gp)):
            self.convs.append(nn.ConvTranspose3d(gf[i], gf[i + 1], gk[i], gs[i], gp[i], bias=False))
            self.bns.append(nn.BatchNorm3d(gf[i + 1]))

    def forward(self, x):
        for conv, bn in zip(self.convs[:-1], self.bns[:-1]):
            x = F.relu(bn(conv(x)))
        size = (2 * (x.shape[2] - 1), 2 * (x.shape[3] - 1), 2 * (x.shape[3] - 1))
        x = F.interpolate(x, size=size, mode="trilinear", align_corners=False)
        return torch.softmax(self.rcconv(x), 1)


KINDS = {"transposed": TransposedGenerator, "rc": ResizeConvGenerator}


def write_params(path, params):
    with open(path, "wb") as f:
        pickle.dump(params, f)


def read_params(path):
    with open(path, "rb") as f:
        dk, ds, df, dp, gk, gs, gf, gp = pickle.load(f)
    return dk, ds, df, dp, gk, gs, gf, gp


def load_generator(stem, kind, imtype="nphase"):
    """As the published test_img loads a generator: its params file, load_state_dict (strict), evaluation mode."""
    dk, ds, df, dp, gk, gs, gf, gp = read_params(stem + "_params.data")
    G = KINDS[kind](gk, gs, gf, gp, imtype)
    G.load_state_dict(torch.load(stem + "_Gen.pt", map_location="cpu"))
    G.eval()
    return G, gf[0]
