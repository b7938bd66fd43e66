#!/usr/bin/env python3
"""Time the SliceGAN training loop (PyTorch reference) on the CPU or a GPU.

    python3 scripts/pytorch/bench_torch.py --preset small --md 4 --mg 8 --iters 3 --json

One iteration = n_D critic steps (each: m_D fake volumes generated without grad,
real crops per axis, gradient penalty, one Adam step on the three-axis sum) and one
generator step with m_G volumes. Also times the eval-mode generation of one volume
of edge --gen-edge (argmax, cropped).
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import slicegan_torch as sg  # noqa: E402


def sync(device):
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preset", default="small", choices=["table1", "small", "golden", "rc"])
    ap.add_argument("--phases", type=int, default=2)
    ap.add_argument("--md", type=int, default=8, help="fake volumes per critic step")
    ap.add_argument("--mg", type=int, default=16, help="fake volumes per generator step")
    ap.add_argument("--nd", type=int, default=5, help="critic steps per iteration")
    ap.add_argument("--iters", type=int, default=3, help="timed iterations")
    ap.add_argument("--warmup", type=int, default=1, help="untimed iterations first")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--real-per-axis", type=int, default=0, help="real crops per axis (default m_D*l)")
    ap.add_argument("--image", default=os.path.join(here, os.pardir, os.pardir, "test-images",
                                                     "blobs-2phase.tif"))
    ap.add_argument("--gen-edge", type=int, default=192)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print one JSON line only")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    img = np.array(Image.open(a.image).convert("L"))
    labels = sg.image_to_labels(img, a.phases)
    onehot = sg.one_hot(labels, a.phases)
    tr = sg.Trainer(a.preset, a.phases, onehot, a.md, a.mg, a.nd,
                    real_per_axis=a.real_per_axis or None, device=a.device)

    def log(msg):
        if not a.json:
            print(msg, flush=True)

    log("preset %s: nz=%d lz=%d l=%d, volume edge %d, G params %d, D params %d, threads %d"
        % (a.preset, tr.p["nz"], tr.p["lz"], tr.l, sg.gen_out_size(tr.p["G"], tr.p["lz"], tr.p.get("kind", "transposed")),
           sum(p.numel() for p in tr.G.parameters()), sum(p.numel() for p in tr.D.parameters()),
           torch.get_num_threads()))
    t_critic = t_gen = 0.0
    n_iter = 0
    for it in range(a.warmup + a.iters):
        timed = it >= a.warmup
        sync(a.device)
        t0 = time.perf_counter()
        for _ in range(a.nd):
            ld = tr.critic_step()
        sync(a.device)
        t1 = time.perf_counter()
        lg = tr.gen_step()
        sync(a.device)
        t2 = time.perf_counter()
        if timed:
            t_critic += t1 - t0
            t_gen += t2 - t1
            n_iter += 1
        log("iter %d%s: critic %.1f ms/step, gen %.1f ms, loss D %.4f G %.4f"
            % (it, "" if timed else " (warm-up)", 1000 * (t1 - t0) / a.nd, 1000 * (t2 - t1), ld, lg))

    gen_ms = None
    if a.gen_edge > 0:
        sync(a.device)
        t0 = time.perf_counter()
        vol = tr.generate(a.gen_edge)
        sync(a.device)
        gen_ms = 1000 * (time.perf_counter() - t0)
        lz = sg.latent_for_edge(tr.p["G"], a.gen_edge, kind=tr.p.get("kind", "transposed"))
        log("generated %s (latent %d -> %d, cropped) in %.0f ms, phase fractions %s"
            % (list(vol.shape), lz, sg.gen_out_size(tr.p["G"], lz, tr.p.get("kind", "transposed")), gen_ms,
               [round(float((vol == k).float().mean()), 3) for k in range(a.phases)]))

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux
    res = {
        "impl": "pytorch", "preset": a.preset, "md": a.md, "mg": a.mg,
        "ms_per_iter": round(1000 * (t_critic + t_gen) / max(n_iter, 1), 2),
        "ms_per_critic_step": round(1000 * t_critic / max(n_iter * a.nd, 1), 2),
        "ms_per_gen_step": round(1000 * t_gen / max(n_iter, 1), 2),
        "gen_ms": None if gen_ms is None else round(gen_ms, 2),
        "gen_edge": a.gen_edge,
        "peak_rss_mb": round(peak, 1),
    }
    if not a.json:
        res.update({"device": a.device, "threads": torch.get_num_threads(), "nd": a.nd,
                    "iters": n_iter, "torch": torch.__version__})
    print(json.dumps(res))


if __name__ == "__main__":
    main()
