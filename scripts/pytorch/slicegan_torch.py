"""Reference PyTorch implementation of the SliceGAN networks and losses.

Used to produce the golden file for the Java tests (make_golden.py) and as a
timing baseline (bench_torch.py). Conventions (shared with the Java code):

* Generator: a stack of ConvTranspose3d(cin, cout, k, s, p, bias=False) layers
  applied to a latent z of shape [B, nz, lz, lz, lz]. Every layer except the
  last is followed by BatchNorm3d(cout) (eps 1e-5, momentum 0.1, affine) and
  ReLU. Head: softmax over channels ("softmax", n-phase) or
  0.5 * (tanh(x) + 1) ("tanh", grayscale).
* Resize-convolution generator (kind "rc", the published code's default
  slicegan_rc_nets): the same transposed layers, every one followed by
  BatchNorm3d and ReLU, then trilinear upsampling (align_corners=False) of
  n voxels to 2(n - 1) along each axis (each axis its own size), then
  Conv3d(cin, cout, k, stride 1, padding 0, bias=True), then the head. Its
  layer list ends with that convolution's (cout, k, 1, 0).
* Critic: a stack of Conv2d(cin, cout, k, s, p, bias=False) layers with ReLU
  after every layer except the last; the last layer gives [N, 1, 1, 1],
  flattened to one score per slice [N].
* Slicing a volume batch V [B, C, L, L, L] along axis a gives [B*L, C, L, L]
  with slice index b*L + j (see slice_volume).
* Critic loss (isotropic, one critic for the three axes, one step on the sum):
      L_D = sum_a [ mean D(fake_a) - mean D(real_a)
                    + lam * mean_i (||grad_x D(xhat_i)||_2 - 1)^2 ]
  with xhat_i = eps_i * real_a[i] + (1 - eps_i) * fake_a[gpidx_a[i]].
* Generator loss: L_G = - sum_a mean D(slices of G(z) along a), G in train mode.
"""
import math

import numpy as np
import torch
import torch.nn as nn

# (out_channels, k, s, p); "n" in the last generator layer = number of phases
PRESETS = {
    "table1": {
        "nz": 64, "lz": 4, "l": 64,
        "G": [(512, 4, 2, 2), (256, 4, 2, 2), (128, 4, 2, 2), (64, 4, 2, 2), ("n", 4, 2, 3)],
        "D": [(64, 4, 2, 1), (128, 4, 2, 1), (256, 4, 2, 1), (512, 4, 2, 1), (1, 4, 2, 0)],
    },
    "small": {
        "nz": 16, "lz": 4, "l": 32,
        "G": [(64, 4, 2, 2), (32, 4, 2, 2), (16, 4, 2, 2), ("n", 4, 2, 3)],
        "D": [(16, 4, 2, 1), (32, 4, 2, 1), (64, 4, 2, 1), (1, 4, 2, 0)],
    },
    # the small generator's first three layers, then upsampling and a 3x3x3 convolution (NetSpec.smallRc)
    "small-rc": {
        "nz": 16, "lz": 4, "l": 32, "kind": "rc",
        "G": [(64, 4, 2, 2), (32, 4, 2, 2), (16, 4, 2, 2), ("n", 3, 1, 0)],
        "D": [(16, 4, 2, 1), (32, 4, 2, 1), (64, 4, 2, 1), (1, 4, 2, 0)],
    },
    # small-rc at twice the width, the CPU preset (NetSpec.smallRcWide)
    "small-rc-wide": {
        "nz": 16, "lz": 4, "l": 32, "kind": "rc",
        "G": [(128, 4, 2, 2), (64, 4, 2, 2), (32, 4, 2, 2), ("n", 3, 1, 0)],
        "D": [(32, 4, 2, 1), (64, 4, 2, 1), (128, 4, 2, 1), (1, 4, 2, 0)],
    },
    "golden": {
        "nz": 4, "lz": 4, "l": 16,
        "G": [(8, 4, 2, 2), (6, 4, 2, 2), ("n", 4, 2, 3)],
        "D": [(6, 4, 2, 1), (8, 4, 2, 1), (1, 4, 2, 0)],
    },
    # the published run_slicegan.py: gf = [32, 1024, 512, 128, 32, n], 4 -> 6 -> 10 -> 18 -> 34, up to 66, conv to 64
    "rc": {
        "nz": 32, "lz": 4, "l": 64, "kind": "rc",
        "G": [(1024, 4, 2, 2), (512, 4, 2, 2), (128, 4, 2, 2), (32, 4, 2, 2), ("n", 3, 1, 0)],
        "D": [(64, 4, 2, 1), (128, 4, 2, 1), (256, 4, 2, 1), (512, 4, 2, 1), (1, 4, 2, 0)],
    },
    "golden_rc": {
        "nz": 4, "lz": 4, "l": 16, "kind": "rc",
        "G": [(8, 4, 2, 2), (6, 4, 2, 2), ("n", 3, 1, 0)],
        "D": [(6, 4, 2, 1), (8, 4, 2, 1), (1, 4, 2, 0)],
    },
}


def resolve(preset, phases):
    """Preset dict with the phase count substituted into the layer specs."""
    p = dict(PRESETS[preset])
    p["G"] = [(phases if c == "n" else c, k, s, pad) for (c, k, s, pad) in p["G"]]
    p["D"] = list(p["D"])
    p["phases"] = phases
    return p


def gen_out_size(spec, lz, kind="transposed"):
    """Edge of the generated volume for a latent edge lz."""
    n = lz
    layers = spec[:-1] if kind == "rc" else spec
    for (_, k, s, p) in layers:
        n = (n - 1) * s - 2 * p + k
    if kind == "rc":
        n = 2 * (n - 1) - spec[-1][1] + 1
    return n


def latent_for_edge(spec, edge, lz_min=1, kind="transposed"):
    """Smallest latent edge whose output covers `edge`."""
    lz = lz_min
    while gen_out_size(spec, lz, kind) < edge:
        lz += 1
    return lz


class Generator(nn.Module):
    def __init__(self, nz, spec, head="softmax"):
        super().__init__()
        self.convs = nn.ModuleList()
        self.bns = nn.ModuleList()
        cin = nz
        for i, (cout, k, s, p) in enumerate(spec):
            self.convs.append(nn.ConvTranspose3d(cin, cout, k, s, p, bias=False))
            if i < len(spec) - 1:
                self.bns.append(nn.BatchNorm3d(cout, eps=1e-5, momentum=0.1, affine=True))
            cin = cout
        if head not in ("softmax", "tanh"):
            raise ValueError("head must be softmax or tanh")
        self.head = head

    def forward(self, z):
        x = z
        n = len(self.convs)
        for i in range(n):
            x = self.convs[i](x)
            if i < n - 1:
                x = torch.relu(self.bns[i](x))
        if self.head == "softmax":
            return torch.softmax(x, dim=1)
        return 0.5 * (torch.tanh(x) + 1.0)


class ResizeConvGenerator(nn.Module):
    """spec: the transposed layers' (cout, k, s, p), then the convolution's (cout, k, 1, 0)."""

    def __init__(self, nz, spec, head="softmax"):
        super().__init__()
        self.convs = nn.ModuleList()
        self.bns = nn.ModuleList()
        cin = nz
        for (cout, k, s, p) in spec[:-1]:
            self.convs.append(nn.ConvTranspose3d(cin, cout, k, s, p, bias=False))
            self.bns.append(nn.BatchNorm3d(cout, eps=1e-5, momentum=0.1, affine=True))
            cin = cout
        cout, k, s, p = spec[-1]
        if (s, p) != (1, 0):
            raise ValueError("the resize convolution has stride 1 and no padding")
        self.rcconv = nn.Conv3d(cin, cout, k, 1, 0, bias=True)
        if head not in ("softmax", "tanh"):
            raise ValueError("head must be softmax or tanh")
        self.head = head

    def forward(self, z):
        x = z
        for conv, bn in zip(self.convs, self.bns):
            x = torch.relu(bn(conv(x)))
        size = tuple(2 * (n - 1) for n in x.shape[2:])
        x = self.rcconv(nn.functional.interpolate(x, size=size, mode="trilinear", align_corners=False))
        if self.head == "softmax":
            return torch.softmax(x, dim=1)
        return 0.5 * (torch.tanh(x) + 1.0)


class Critic(nn.Module):
    def __init__(self, channels, spec):
        super().__init__()
        self.convs = nn.ModuleList()
        cin = channels
        for (cout, k, s, p) in spec:
            self.convs.append(nn.Conv2d(cin, cout, k, s, p, bias=False))
            cin = cout

    def forward(self, x):
        n = len(self.convs)
        for i in range(n):
            x = self.convs[i](x)
            if i < n - 1:
                x = torch.relu(x)
        return x.reshape(x.shape[0])


def build(preset, phases, head="softmax"):
    p = resolve(preset, phases)
    G = (ResizeConvGenerator if p.get("kind") == "rc" else Generator)(p["nz"], p["G"], head)
    D = Critic(phases, p["D"])
    return p, G, D


def init_weights(G, D, seed, std=0.1):
    """Deterministic, non-trivial initialisation (used for the golden file):
    conv weights ~ N(0, std^2); BN gamma = 1 + std*N(0,1), beta = std*N(0,1).
    Draw order: G conv weights, G BN (gamma, beta) per layer, D conv weights."""
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for c in G.convs:
            c.weight.copy_(std * torch.randn(c.weight.shape, generator=gen, dtype=torch.float64))
        for bn in G.bns:
            bn.weight.copy_(1.0 + std * torch.randn(bn.weight.shape, generator=gen, dtype=torch.float64))
            bn.bias.copy_(std * torch.randn(bn.bias.shape, generator=gen, dtype=torch.float64))
        for c in D.convs:
            c.weight.copy_(std * torch.randn(c.weight.shape, generator=gen, dtype=torch.float64))


def slice_volume(V, axis):
    """[B, C, L, L, L] -> [B*L, C, L, L]; slice index b*L + j along `axis`."""
    perm = {0: (0, 2, 1, 3, 4), 1: (0, 3, 1, 2, 4), 2: (0, 4, 1, 2, 3)}[axis]
    S = V.permute(*perm)
    return S.reshape(S.shape[0] * S.shape[1], S.shape[2], S.shape[3], S.shape[4])


def gradient_penalty(D, real, fake, gpidx, eps, lam):
    """Returns (lam * mean (||grad||-1)^2, per-sample gradient norms)."""
    g = len(gpidx)
    e = eps.reshape(g, 1, 1, 1).to(real.dtype)
    xhat = e * real[:g] + (1.0 - e) * fake[gpidx]
    xhat = xhat.detach().requires_grad_(True)
    out = D(xhat)
    grad, = torch.autograd.grad(out.sum(), xhat, create_graph=True)
    norms = grad.reshape(g, -1).norm(2, dim=1)
    return lam * ((norms - 1.0) ** 2).mean(), norms


def critic_loss(D, fake_vol, reals, gpidxs, epss, lam=10.0, critics=None):
    """Isotropic critic loss summed over the three axes.

    fake_vol: generated batch [B, C, L, L, L] (detached by this function);
    reals[a]: real crops [Nr, C, l, l]; gpidxs[a]: LongTensor [g]; epss[a]: [g].
    critics: optional list of three critics (anisotropic); default D for all.
    Returns (loss, details) with per-axis critic outputs and GP norms."""
    fake_vol = fake_vol.detach()
    total = 0.0
    det = {"fake": [], "real": [], "norm": []}
    for a in range(3):
        Da = D if critics is None else critics[a]
        fake = slice_volume(fake_vol, a)
        out_f = Da(fake)
        out_r = Da(reals[a])
        gp, norms = gradient_penalty(Da, reals[a], fake, gpidxs[a], epss[a], lam)
        total = total + out_f.mean() - out_r.mean() + gp
        det["fake"].append(out_f)
        det["real"].append(out_r)
        det["norm"].append(norms)
    return total, det


def generator_loss(D, G, z, critics=None):
    out = G(z)
    total = 0.0
    for a in range(3):
        Da = D if critics is None else critics[a]
        total = total - Da(slice_volume(out, a)).mean()
    return total, out


def one_hot(labels, n):
    """Integer label map [..., H, W] -> one-hot [..., n, H, W] (float)."""
    t = torch.as_tensor(labels, dtype=torch.long)
    oh = torch.nn.functional.one_hot(t, n)  # [..., H, W, n]
    return oh.movedim(-1, -3).to(torch.get_default_dtype())


def image_to_labels(img, phases):
    """Map the distinct grey values of a segmented image (sorted) to labels 0..n-1."""
    vals = np.unique(img)
    if len(vals) != phases:
        raise ValueError("image has %d distinct values, expected %d phases" % (len(vals), phases))
    return np.searchsorted(vals, img)


def random_crops(onehot_img, count, l, gen=None):
    """count random l x l crops of a one-hot image [C, H, W] -> [count, C, l, l]."""
    C, H, W = onehot_img.shape
    ys = torch.randint(0, H - l + 1, (count,), generator=gen)
    xs = torch.randint(0, W - l + 1, (count,), generator=gen)
    return torch.stack([onehot_img[:, y:y + l, x:x + l] for y, x in zip(ys.tolist(), xs.tolist())])


class Trainer:
    """The SliceGAN training loop (isotropic: one image feeds all three axes)."""

    def __init__(self, preset, phases, image_onehot, md, mg, nd=5, real_per_axis=None,
                 lam=10.0, lr=1e-4, betas=(0.9, 0.99), device="cpu", head="softmax"):
        self.p, self.G, self.D = build(preset, phases, head)
        self.G.to(device)
        self.D.to(device)
        self.img = image_onehot.to(device)
        self.md, self.mg, self.nd, self.lam = md, mg, nd, lam
        self.l = self.p["l"]
        self.real_per_axis = real_per_axis if real_per_axis else md * self.l
        self.device = device
        self.optG = torch.optim.Adam(self.G.parameters(), lr=lr, betas=betas)
        self.optD = torch.optim.Adam(self.D.parameters(), lr=lr, betas=betas)

    def z(self, m):
        lz = self.p["lz"]
        return torch.randn(m, self.p["nz"], lz, lz, lz, device=self.device)

    def critic_step(self):
        with torch.no_grad():
            fake = self.G(self.z(self.md))
        nf = self.md * self.l
        g = self.md
        reals, gpidxs, epss = [], [], []
        for a in range(3):
            reals.append(random_crops(self.img, self.real_per_axis, self.l))
            gpidxs.append(torch.randint(0, nf, (g,), device=self.device))
            epss.append(torch.rand(g, device=self.device))
        self.optD.zero_grad(set_to_none=True)
        loss, _ = critic_loss(self.D, fake, reals, gpidxs, epss, self.lam)
        loss.backward()
        self.optD.step()
        return loss.item()

    def gen_step(self):
        self.optG.zero_grad(set_to_none=True)
        loss, _ = generator_loss(self.D, self.G, self.z(self.mg))
        loss.backward()
        self.optG.step()
        return loss.item()

    def generate(self, edge):
        """Eval-mode generation of one volume of at least `edge`, argmax, cropped."""
        lz = latent_for_edge(self.p["G"], edge, kind=self.p.get("kind", "transposed"))
        self.G.eval()
        with torch.no_grad():
            out = self.G(torch.randn(1, self.p["nz"], lz, lz, lz, device=self.device))
            vol = out.argmax(dim=1)[0, :edge, :edge, :edge]
        self.G.train()
        return vol
