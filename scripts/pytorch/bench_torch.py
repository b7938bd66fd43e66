#!/usr/bin/env python3
"""Time the SliceGAN training loop (PyTorch reference) on the CPU or a GPU.

    python3 scripts/pytorch/bench_torch.py --preset small --md 4 --mg 8 --iters 3 --json

One iteration = n_D critic steps (each: m_D fake volumes generated without grad,
real crops per axis, gradient penalty, one Adam step on the three-axis sum) and one
generator step with m_G volumes. Also times the eval-mode generation of one volume
of edge --gen-edge (argmax, cropped). With --json it prints one line with the times
of every timed iteration, the library build, the threads that did the work and the
other load on the machine over the timed iterations (read from /proc, as the Java
side's CpuUsage does).
"""
import argparse
import json
import os
import re
import resource
import subprocess
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


TICK_MS = 1000.0 / os.sysconf("SC_CLK_TCK")


def cpu_snapshot():
    """(wall s, machine busy ms, {thread: cpu ms}) from /proc; empty where /proc is missing."""
    busy, threads = float("nan"), {}
    try:
        with open("/proc/stat") as f:
            v = f.readline().split()
        busy = sum(int(v[i]) for i in (1, 2, 3, 6, 7, 8)) * TICK_MS
        for t in os.listdir("/proc/self/task"):
            try:
                with open("/proc/self/task/%s/stat" % t) as f:
                    st = f.read()
                fields = st[st.rindex(")") + 2:].split()
                threads[t] = (int(fields[11]) + int(fields[12])) * TICK_MS
            except OSError:
                pass
    except OSError:
        pass
    return time.perf_counter(), busy, threads


def cpu_interval(a, b):
    """Threads that worked a fifth of the window or more, own cores used, other work in cores."""
    wall = (b[0] - a[0]) * 1000
    own, busy = 0.0, 0
    for t, ms in b[2].items():
        d = ms - a[2].get(t, 0.0)
        own += d
        if d >= 0.2 * wall:
            busy += 1
    return busy, own / wall, max(0.0, (b[1] - a[1] - own) / wall)


def build_info():
    """PyTorch version, its oneDNN version and the instruction set oneDNN picks here, BLAS, threading."""
    cfg = torch.__config__.show()
    dnnl = re.search(r"MKL-DNN v([0-9.]+)", cfg) or re.search(r"oneDNN v([0-9.]+)", cfg)
    blas = re.search(r"BLAS_INFO=([^,\s]+)", cfg)
    isa = "?"
    try:
        out = subprocess.run([sys.executable, "-c", "import torch; torch.nn.functional.conv2d("
                              "torch.ones(2, 16, 32, 32), torch.ones(16, 16, 3, 3))"],
                             env=dict(os.environ, ONEDNN_VERBOSE="1", DNNL_VERBOSE="1"),
                             capture_output=True, text=True, timeout=60).stdout
        m = re.search(r"info,cpu,isa:([^\n]+)", out)
        isa = m.group(1).strip() if m else "?"
    except (OSError, subprocess.SubprocessError):
        pass
    return "PyTorch %s, oneDNN %s (%s), BLAS %s%s: %s, %s" % (
        torch.__version__, dnnl.group(1) if dnnl else "?", isa, blas.group(1) if blas else "?",
        " + MKL" if torch.backends.mkl.is_available() else "", loaded_blas(),
        "OpenMP" if "OpenMP" in torch.__config__.parallel_info() else "native threads")


def loaded_blas():
    """The BLAS library this process really loaded (Debian's libblas.so.3 is whatever the alternatives select)."""
    try:
        with open("/proc/self/maps") as f:
            paths = sorted({ln.split()[-1] for ln in f if "blas" in ln and ".so" in ln})
    except OSError:
        return "?"
    names = []
    for p in paths:
        real = os.path.realpath(p)
        name = os.path.basename(real)
        if "openblas" in real:
            names.append("OpenBLAS " + name)
        elif "/blas/" in real:
            names.append("netlib reference " + name)
        else:
            names.append(name)
    return ", ".join(names) or "none"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preset", default="small", choices=["table1", "small", "small-rc", "small-rc-wide", "golden", "rc"])
    ap.add_argument("--phases", type=int, default=2)
    ap.add_argument("--md", type=int, default=8, help="fake volumes per critic step")
    ap.add_argument("--mg", type=int, default=16, help="fake volumes per generator step")
    ap.add_argument("--nd", type=int, default=5, help="critic steps per iteration")
    ap.add_argument("--iters", type=int, default=3, help="timed iterations")
    ap.add_argument("--warmup", type=int, default=1, help="untimed iterations first")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--flush-denormal", action="store_true", help="flush denormal floats to zero")
    ap.add_argument("--real-per-axis", type=int, default=0, help="real crops per axis (default m_D*l)")
    ap.add_argument("--image", default=os.path.join(here, os.pardir, os.pardir, "test-images",
                                                     "blobs-2phase.tif"))
    ap.add_argument("--gen-edge", type=int, default=192)
    ap.add_argument("--gen-runs", type=int, default=2, help="generations, each timed")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print one JSON line only")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    if a.flush_denormal:
        torch.set_flush_denormal(True)
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
    critic_ms, gen_step_ms = [], []
    window = [None, None]
    for it in range(a.warmup + a.iters):
        timed = it >= a.warmup
        sync(a.device)
        if it == a.warmup:
            window[0] = cpu_snapshot()
        t0 = time.perf_counter()
        for _ in range(a.nd):
            ld = tr.critic_step()
        sync(a.device)
        t1 = time.perf_counter()
        lg = tr.gen_step()
        sync(a.device)
        t2 = time.perf_counter()
        if timed:
            critic_ms.append(1000 * (t1 - t0) / a.nd)
            gen_step_ms.append(1000 * (t2 - t1))
            window[1] = cpu_snapshot()
        log("iter %d%s: critic %.1f ms/step, gen %.1f ms, loss D %.4f G %.4f"
            % (it, "" if timed else " (warm-up)", 1000 * (t1 - t0) / a.nd, 1000 * (t2 - t1), ld, lg))

    busy, used, others = cpu_interval(*window) if window[1] else (0, float("nan"), float("nan"))
    gen_ms = []
    for r in range(a.gen_runs if a.gen_edge > 0 else 0):
        sync(a.device)
        t0 = time.perf_counter()
        vol = tr.generate(a.gen_edge)
        sync(a.device)
        gen_ms.append(1000 * (time.perf_counter() - t0))
        lz = sg.latent_for_edge(tr.p["G"], a.gen_edge, kind=tr.p.get("kind", "transposed"))
        log("generated %s (latent %d -> %d, cropped) in %.0f ms, phase fractions %s"
            % (list(vol.shape), lz, sg.gen_out_size(tr.p["G"], lz, tr.p.get("kind", "transposed")), gen_ms[-1],
               [round(float((vol == k).float().mean()), 3) for k in range(a.phases)]))

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux
    res = {
        "impl": "pytorch", "build": build_info() if a.device == "cpu" else torch.__version__,
        "preset": a.preset, "md": a.md, "mg": a.mg, "nd": a.nd, "real_per_axis": tr.real_per_axis,
        "iter_ms": [round(c * a.nd + g, 1) for c, g in zip(critic_ms, gen_step_ms)],
        "critic_ms": [round(c, 1) for c in critic_ms],
        "gen_step_ms": [round(g, 1) for g in gen_step_ms],
        "gen_ms": [round(g, 1) for g in gen_ms], "gen_edge": a.gen_edge,
        "threads_configured": torch.get_num_threads(), "interop_threads": torch.get_num_interop_threads(),
        "threads_busy": busy, "parallelism": round(used, 2), "others_cores": round(others, 2),
        "flush_denormal": bool(a.flush_denormal),
        "peak_rss_mb": round(peak, 1),
    }
    print(json.dumps(res))


if __name__ == "__main__":
    main()
