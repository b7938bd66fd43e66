#!/usr/bin/env python3
"""Write the golden reference files for the Java network/loss tests.

    python3 scripts/pytorch/make_golden.py [output.json.gz [output-rc.json.gz]]

Default outputs: src/test/resources/golden/torch-golden.json.gz (the "golden"
preset: 3 phases, 16^3 volumes, B=2; networks and losses) and
torch-golden-rc.json.gz beside it (the "golden_rc" preset: the
resize-convolution generator alone, for a fixed upstream gradient).
Everything is computed in float64. Each file is re-read and checked at the end
(see self_check, self_check_rc).
"""
import copy
import gzip
import json
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import slicegan_torch as sg  # noqa: E402

PRESET = "golden"
PHASES = 3
B = 2          # generated volumes
NR = 8         # real crops per axis
G_GP = 3       # gradient-penalty samples per axis
LAM = 10.0
WEIGHT_SEED = 1234
DATA_SEED = 5678


def compute():
    torch.set_default_dtype(torch.float64)
    p, G, D = sg.build(PRESET, PHASES, "softmax")
    G.double()
    D.double()
    sg.init_weights(G, D, WEIGHT_SEED)
    G0 = copy.deepcopy(G)  # initial parameters and running stats (0 / 1)

    gen = torch.Generator().manual_seed(DATA_SEED)
    lz, nz, l = p["lz"], p["nz"], p["l"]
    L = sg.gen_out_size(p["G"], lz)
    assert L == l == 16
    z = torch.randn(B, nz, lz, lz, lz, generator=gen)
    reals, gpidxs, epss = [], [], []
    for a in range(3):
        labels = torch.randint(0, PHASES, (NR, l, l), generator=gen)
        reals.append(sg.one_hot(labels, PHASES))
    for a in range(3):
        gpidxs.append(torch.randint(0, B * L, (G_GP,), generator=gen))
        epss.append(torch.rand(G_GP, generator=gen))

    T = {}
    for i, c in enumerate(G.convs):
        T["G.w%d" % i] = c.weight.detach().clone()
    for i, bn in enumerate(G.bns):
        T["G.bn%d.gamma" % i] = bn.weight.detach().clone()
        T["G.bn%d.beta" % i] = bn.bias.detach().clone()
    for i, c in enumerate(D.convs):
        T["D.w%d" % i] = c.weight.detach().clone()
    T["z"] = z
    for a in range(3):
        T["real%d" % a] = reals[a]
        T["gpidx%d" % a] = gpidxs[a]
        T["eps%d" % a] = epss[a]

    # generator forward, train mode (batch statistics; updates running stats once)
    G.train()
    out = G(z)
    T["G.out"] = out.detach().clone()
    for i, bn in enumerate(G.bns):
        T["G.bn%d.runMean" % i] = bn.running_mean.detach().clone()
        T["G.bn%d.runVar" % i] = bn.running_var.detach().clone()
    G.eval()
    with torch.no_grad():
        T["G.evalOut"] = G(z).clone()

    # critic loss and its gradient w.r.t. the critic weights (G.out detached)
    D.zero_grad()
    lossD, det = sg.critic_loss(D, out.detach(), reals, gpidxs, epss, LAM)
    lossD.backward()
    for a in range(3):
        T["D.fake%d" % a] = det["fake"][a].detach().clone()
        T["D.real%d" % a] = det["real"][a].detach().clone()
        T["gp.norm%d" % a] = det["norm"][a].detach().clone()
    T["loss.D"] = lossD.detach().clone()
    for i, c in enumerate(D.convs):
        T["grad.D.w%d" % i] = c.weight.grad.detach().clone()

    # generator loss and its gradient w.r.t. the generator parameters
    G2 = copy.deepcopy(G0)
    G2.train()
    D.zero_grad()
    lossG, out2 = sg.generator_loss(D, G2, z)
    lossG.backward()
    assert torch.allclose(out2, out, rtol=0, atol=1e-14)
    T["loss.G"] = lossG.detach().clone()
    for i, c in enumerate(G2.convs):
        T["grad.G.w%d" % i] = c.weight.grad.detach().clone()
    for i, bn in enumerate(G2.bns):
        T["grad.G.bn%d.gamma" % i] = bn.weight.grad.detach().clone()
        T["grad.G.bn%d.beta" % i] = bn.bias.grad.detach().clone()
    return p, T


def to_json(p, T, digits=None):
    """digits: significant digits of the floating-point values (None: all, shortest round-trip)."""
    tensors = {}
    for name, t in T.items():
        t = t.detach().cpu()
        if t.dtype in (torch.int64, torch.int32):
            data = [int(v) for v in t.reshape(-1).tolist()]
        elif digits:
            data = [float("%.*g" % (digits, v)) for v in t.reshape(-1).tolist()]
        else:
            data = [float(v) for v in t.reshape(-1).tolist()]
        tensors[name] = {"shape": list(t.shape), "data": data}
    return {
        "preset": PRESET, "nz": p["nz"], "lz": p["lz"], "phases": PHASES,
        "head": "softmax", "lambda": LAM,
        "generator": [{"out": c, "k": k, "s": s, "p": pd} for (c, k, s, pd) in p["G"]],
        "critic": [{"out": c, "k": k, "s": s, "p": pd} for (c, k, s, pd) in p["D"]],
        "tensors": tensors,
    }


def load(path):
    with gzip.open(path, "rt") as f:
        return json.load(f)


def tensor(doc, name, dtype=torch.float64):
    e = doc["tensors"][name]
    return torch.tensor(e["data"], dtype=dtype).reshape(e["shape"])


def self_check(path):
    """Rebuild the networks from the stored tensors only and recompute the outputs."""
    doc = load(path)
    torch.set_default_dtype(torch.float64)
    spec_g = [(d["out"], d["k"], d["s"], d["p"]) for d in doc["generator"]]
    spec_d = [(d["out"], d["k"], d["s"], d["p"]) for d in doc["critic"]]
    G = sg.Generator(doc["nz"], spec_g, doc["head"]).double()
    D = sg.Critic(doc["phases"], spec_d).double()
    with torch.no_grad():
        for i, c in enumerate(G.convs):
            c.weight.copy_(tensor(doc, "G.w%d" % i))
        for i, bn in enumerate(G.bns):
            bn.weight.copy_(tensor(doc, "G.bn%d.gamma" % i))
            bn.bias.copy_(tensor(doc, "G.bn%d.beta" % i))
        for i, c in enumerate(D.convs):
            c.weight.copy_(tensor(doc, "D.w%d" % i))
    z = tensor(doc, "z")
    reals = [tensor(doc, "real%d" % a) for a in range(3)]
    gpidxs = [tensor(doc, "gpidx%d" % a, torch.long) for a in range(3)]
    epss = [tensor(doc, "eps%d" % a) for a in range(3)]

    def close(name, value, tol=1e-12):
        ref = tensor(doc, name)
        err = (value.detach() - ref).abs().max().item()
        scale = max(1.0, ref.abs().max().item())
        if not err <= tol * scale:
            raise AssertionError("%s: max abs error %g" % (name, err))
        return err

    G.train()
    out = G(z)
    close("G.out", out)
    for i, bn in enumerate(G.bns):
        close("G.bn%d.runMean" % i, bn.running_mean)
        close("G.bn%d.runVar" % i, bn.running_var)
    G.eval()
    close("G.evalOut", G(z))
    lossD, det = sg.critic_loss(D, tensor(doc, "G.out"), reals, gpidxs, epss, doc["lambda"])
    close("loss.D", lossD)
    # loss.D again, by hand from the stored per-sample critic outputs and GP norms
    byhand = sum(tensor(doc, "D.fake%d" % a).mean() - tensor(doc, "D.real%d" % a).mean()
                 + doc["lambda"] * ((tensor(doc, "gp.norm%d" % a) - 1.0) ** 2).mean()
                 for a in range(3))
    close("loss.D", byhand)
    lossD.backward()
    for i, c in enumerate(D.convs):
        close("grad.D.w%d" % i, c.weight.grad)
    D.zero_grad()
    G.train()
    lossG, _ = sg.generator_loss(D, G, z)
    close("loss.G", lossG)
    lossG.backward()
    for i, c in enumerate(G.convs):
        close("grad.G.w%d" % i, c.weight.grad)
    for i, bn in enumerate(G.bns):
        close("grad.G.bn%d.gamma" % i, bn.weight.grad)
        close("grad.G.bn%d.beta" % i, bn.bias.grad)
    # independent check of one slicing convention: slice b*L+j along axis 1 is V[b,:,:,j,:]
    V = tensor(doc, "G.out")
    S = sg.slice_volume(V, 1)
    assert torch.equal(S[1 * 16 + 5], V[1, :, :, 5, :])
    print("self-check OK: loss.D = %.15g, loss.G = %.15g" % (lossD.item(), lossG.item()))


RC_PRESET = "golden_rc"
RC_LATENT = (2, 4, 3, 3, 4)  # non-cubic: each axis is upsampled to its own 2(n - 1)
RC_SEED = 4321


def compute_rc():
    """The resize-convolution generator: train-mode output, running statistics after that step (from non-trivial
    initial ones), eval-mode output, and every parameter's gradient of sum(R * output) for a fixed R."""
    torch.set_default_dtype(torch.float64)
    p, G, _ = sg.build(RC_PRESET, PHASES, "softmax")
    G.double()
    gen = torch.Generator().manual_seed(RC_SEED)
    std = 0.1
    with torch.no_grad():
        for c in G.convs:
            c.weight.copy_(std * torch.randn(c.weight.shape, generator=gen))
        G.rcconv.weight.copy_(std * torch.randn(G.rcconv.weight.shape, generator=gen))
        G.rcconv.bias.copy_(std * torch.randn(G.rcconv.bias.shape, generator=gen))
        for bn in G.bns:
            bn.weight.copy_(1.0 + std * torch.randn(bn.weight.shape, generator=gen))
            bn.bias.copy_(std * torch.randn(bn.bias.shape, generator=gen))
            bn.running_mean.copy_(std * torch.randn(bn.running_mean.shape, generator=gen))
            bn.running_var.copy_(0.5 + torch.rand(bn.running_var.shape, generator=gen))
        # inputs exactly representable in float32, so that the float32 test starts from the same numbers
        for t in list(rc_parameters(G).values()) + [bn.running_mean for bn in G.bns] + [bn.running_var for bn in G.bns]:
            t.copy_(t.float().double())
    z = torch.randn(RC_LATENT, generator=gen).float().double()
    T = {"z": z}
    for name, t in rc_parameters(G).items():
        T[name] = t.detach().clone()
    for i, bn in enumerate(G.bns):
        T["G.bn%d.runMean.initial" % i] = bn.running_mean.detach().clone()
        T["G.bn%d.runVar.initial" % i] = bn.running_var.detach().clone()
    G.train()
    out = G(z)
    R = torch.randn(out.shape, generator=gen).float().double()
    T["R"] = R
    T["G.out"] = out.detach().clone()
    (R * out).sum().backward()
    for name, t in rc_parameters(G).items():
        T["grad." + name] = t.grad.detach().clone()
    for i, bn in enumerate(G.bns):
        T["G.bn%d.runMean" % i] = bn.running_mean.detach().clone()
        T["G.bn%d.runVar" % i] = bn.running_var.detach().clone()
    G.eval()
    with torch.no_grad():
        T["G.evalOut"] = G(z).clone()
    return p, T


def rc_parameters(G):
    """The parameters by their Java names."""
    P = {}
    for i, c in enumerate(G.convs):
        P["G.w%d" % i] = c.weight
        P["G.bn%d.gamma" % i] = G.bns[i].weight
        P["G.bn%d.beta" % i] = G.bns[i].bias
    P["G.rc.w"] = G.rcconv.weight
    P["G.rc.b"] = G.rcconv.bias
    return P


RC_DIGITS = 10  # ample for a float32 comparison, and a third of the file


def to_json_rc(p, T):
    doc = to_json(p, T, RC_DIGITS)
    doc["preset"] = RC_PRESET
    doc["kind"] = "resize-conv"
    return doc


def self_check_rc(path):
    """Rebuild the generator from the stored tensors only and recompute everything."""
    doc = load(path)
    torch.set_default_dtype(torch.float64)
    spec = [(d["out"], d["k"], d["s"], d["p"]) for d in doc["generator"]]
    G = sg.ResizeConvGenerator(doc["nz"], spec, doc["head"]).double()
    with torch.no_grad():
        for name, t in rc_parameters(G).items():
            t.copy_(tensor(doc, name))
        for i, bn in enumerate(G.bns):
            bn.running_mean.copy_(tensor(doc, "G.bn%d.runMean.initial" % i))
            bn.running_var.copy_(tensor(doc, "G.bn%d.runVar.initial" % i))

    def close(name, value, tol=10 ** (1 - RC_DIGITS)):
        ref = tensor(doc, name)
        err = (value.detach() - ref).abs().max().item()
        if not err <= tol * max(1.0, ref.abs().max().item()):
            raise AssertionError("%s: max abs error %g" % (name, err))

    z = tensor(doc, "z")
    G.train()
    out = G(z)
    close("G.out", out)
    assert list(out.shape) == [2, PHASES, 8, 8, 16], out.shape
    (tensor(doc, "R") * out).sum().backward()
    for name, t in rc_parameters(G).items():
        close("grad." + name, t.grad)
    for i, bn in enumerate(G.bns):
        close("G.bn%d.runMean" % i, bn.running_mean)
        close("G.bn%d.runVar" % i, bn.running_var)
    G.eval()
    close("G.evalOut", G(z))
    # the upsampling by hand along one axis: 6 -> 10 voxels, source (o + 0.5) * 6 / 10 - 0.5 clamped at 0
    x = torch.arange(6.0).reshape(1, 1, 1, 1, 6)
    y = nn.functional.interpolate(x, size=(1, 1, 10), mode="trilinear", align_corners=False).reshape(-1)
    src = [max(0.0, (o + 0.5) * 0.6 - 0.5) for o in range(10)]
    assert torch.allclose(y, torch.tensor([min(v, 5.0) for v in src])), y
    print("self-check OK (resize-convolution generator): output sum %.15g" % out.sum().item())


def write(path, doc):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = json.dumps(doc, separators=(",", ":"))
    # mtime=0 keeps the gzip bytes reproducible
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(text.encode("ascii"))
    print("wrote %s (%d bytes, %d tensors)" % (path, os.path.getsize(path), len(doc["tensors"])))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    folder = os.path.join(here, os.pardir, os.pardir, "src", "test", "resources", "golden")
    path = os.path.normpath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(folder, "torch-golden.json.gz"))
    path_rc = os.path.normpath(sys.argv[2] if len(sys.argv) > 2 else os.path.join(folder, "torch-golden-rc.json.gz"))
    p, T = compute()
    write(path, to_json(p, T))
    self_check(path)
    p, T = compute_rc()
    write(path_rc, to_json_rc(p, T))
    self_check_rc(path_rc)


if __name__ == "__main__":
    main()
