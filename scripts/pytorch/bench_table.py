#!/usr/bin/env python3
"""Prints the table of scripts/bench-cpu.sh from the JSON lines of TrainingBenchmark and bench_torch.py (stdin).

Per row and implementation: min and median over the timed iterations of the time per iteration, per critic step
and per generator step; the best 192^3 generation; peak RSS; threads configured and threads that did a real share
of the work; the other load on the machine during the timed iterations (cores); the convolution FLOPs of one
iteration and the rate reached. Uses no third-party module.
"""
import json
import os
import statistics
import sys

# (out channels, k, s, p) as in slicegan_torch.PRESETS; "n" = phases
PRESETS = {
    "table1": {"nz": 64, "lz": 4, "l": 64,
               "G": [(512, 4, 2, 2), (256, 4, 2, 2), (128, 4, 2, 2), (64, 4, 2, 2), ("n", 4, 2, 3)],
               "D": [(64, 4, 2, 1), (128, 4, 2, 1), (256, 4, 2, 1), (512, 4, 2, 1), (1, 4, 2, 0)]},
    "small": {"nz": 16, "lz": 4, "l": 32,
              "G": [(64, 4, 2, 2), (32, 4, 2, 2), (16, 4, 2, 2), ("n", 4, 2, 3)],
              "D": [(16, 4, 2, 1), (32, 4, 2, 1), (64, 4, 2, 1), (1, 4, 2, 0)]},
    "small-rc": {"nz": 16, "lz": 4, "l": 32, "kind": "rc",
                 "G": [(64, 4, 2, 2), (32, 4, 2, 2), (16, 4, 2, 2), ("n", 3, 1, 0)],
                 "D": [(16, 4, 2, 1), (32, 4, 2, 1), (64, 4, 2, 1), (1, 4, 2, 0)]},
    "small-rc-wide": {"nz": 16, "lz": 4, "l": 32, "kind": "rc",
                      "G": [(128, 4, 2, 2), (64, 4, 2, 2), (32, 4, 2, 2), ("n", 3, 1, 0)],
                      "D": [(32, 4, 2, 1), (64, 4, 2, 1), (128, 4, 2, 1), (1, 4, 2, 0)]},
}


def critic_macs(p, phases):
    """Multiply-adds of one critic forward per slice, in total and of its first and last layers."""
    edge, cin, macs = p["l"], phases, []
    for (cout, k, s, pad) in p["D"]:
        edge = (edge + 2 * pad - k) // s + 1
        macs.append(edge * edge * cout * cin * k * k)
        cin = cout
    return sum(macs), macs[0], macs[-1]


def generator_macs(p, phases):
    """Multiply-adds of one generator forward per volume (taps that land: (k/s)^3 per output voxel and channel
    pair), in total and of its first layer. The resize-convolution kind ends with an upsampling to 2(n - 1) and a
    convolution (k^3 taps per output voxel and channel pair)."""
    edge, cin, macs = p["lz"], p["nz"], []
    rc = p.get("kind") == "rc"
    for i, (cout, k, s, pad) in enumerate(p["G"]):
        cout = phases if cout == "n" else cout
        if rc and i == len(p["G"]) - 1:
            edge = (2 * (edge - 1) + 2 * pad - k) // s + 1
            macs.append(edge ** 3 * cout * cin * k ** 3)
        else:
            edge = (edge - 1) * s - 2 * pad + k
            macs.append(edge ** 3 * cout * cin * (k // s) ** 3)
        cin = cout
    return sum(macs), macs[0]


def iteration_flops(r, phases=2):
    """Convolution FLOPs (2 per multiply-add) of one training iteration: n_D critic steps (generator forward;
    fake and real slices forward, filter gradients and data gradients except at the input; the gradient penalty's
    forward, input gradient, adjoint pass and filter gradients) and one generator step (forward and backward of
    the generator, critic forward and data gradients on every slice)."""
    p = PRESETS[r["preset"]]
    f, f1, fl = critic_macs(p, phases)
    g, g1 = generator_macs(p, phases)
    md, mg, nd, l = r["md"], r["mg"], r.get("nd", 5), p["l"]
    real = r.get("real_per_axis") or md * l
    critic = md * g + 3 * md * l * (3 * f - f1) + 3 * real * (3 * f - f1) + 3 * md * (4 * f - fl)
    generator = 3 * mg * g - mg * g1 + 3 * mg * l * 2 * f
    return 2 * (nd * critic + generator), 2 * critic


def fmt(values, scale=1.0):
    if not values:
        return "-"
    return "%.0f / %.0f" % (min(values) * scale, statistics.median(values) * scale)


def main():
    rows = [json.loads(line) for line in sys.stdin if line.strip()]
    peak = float(os.environ.get("PEAK_GFLOPS") or 0)
    head = ("impl", "preset", "thr", "ms/iter min / med", "critic step", "G step", "gen 192^3", "peak RSS",
            "GFLOP/s", "other")
    form = "%-16s %-13s %-5s %-17s %-13s %-13s %-9s %-8s %-10s %-5s"
    print(form % head)
    builds, flops = {}, {}
    for r in rows:
        if "preset" not in r:
            print(r["impl"])
            continue
        total, critic = iteration_flops(r)
        flops[r["preset"]] = (total, critic)
        builds.setdefault(r["impl"], r.get("build", "?"))
        best = min(r["iter_ms"]) if r["iter_ms"] else float("nan")
        gen = "%.1f s" % (min(r["gen_ms"]) / 1000) if r.get("gen_ms") else "-"
        rate = total / best / 1e6
        share = " (%.0f%%)" % (100 * rate / peak) if peak else ""
        print(form % (r["impl"], r["preset"], "%d/%d" % (r["threads_configured"], r["threads_busy"]),
                      fmt(r["iter_ms"]), fmt(r["critic_ms"]), fmt(r["gen_step_ms"]), gen,
                      "%.0f MB" % r["peak_rss_mb"], "%.0f%s" % (rate, share), "%.2f" % r["others_cores"]))
    print()
    print("thr: threads configured / threads that did at least a fifth of the work; other: cores used by other "
          "processes during the timed iterations (should be ~0); GFLOP/s: convolution FLOPs per iteration over the "
          "fastest iteration" + (", share of the %.0f GFLOP/s peak" % peak if peak else ""))
    for preset, (total, critic) in flops.items():
        print("%s: %.1f GFLOP of convolutions per iteration (%.1f per critic step)" % (preset, total / 1e9,
                                                                                    critic / 1e9))
    for impl, build in builds.items():
        print("%s: %s" % (impl, build))


if __name__ == "__main__":
    main()
