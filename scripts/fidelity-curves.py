#!/usr/bin/env python3
"""Prints the fidelity curves that scripts/bench-fidelity.sh --eval-every K recorded (curve.csv of each run):
iteration, training time, mean |generated - real| in real sds over the scalar statistics, mean S2 RMSE, and the
columns asked for by substring (e.g. "phase fraction [1]", "S2 RMSE [1] x").

    scripts/fidelity-curves.py RUN_DIR_OR_CURVE_CSV... [--columns "phase fraction [1],D_eff/D0 [0] x"]

The last row of each curve is the final evaluation (with all N volumes); the others use --curve-count volumes.
"""
import argparse
import csv
import os


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("runs", nargs="+")
    ap.add_argument("--columns", default="")
    a = ap.parse_args()
    wanted = [c.strip() for c in a.columns.split(",") if c.strip()]
    for run in a.runs:
        path = run if run.endswith(".csv") else os.path.join(run, "curve.csv")
        if not os.path.exists(path):
            print("%s: no curve.csv" % run)
            continue
        with open(path) as f:
            rows = list(csv.reader(f))
        head, body = rows[0], rows[1:]
        cols = [i for i, h in enumerate(head) if any(w in h for w in wanted)]
        print("== %s" % os.path.dirname(path))
        print("%9s %9s %11s %12s " % ("iteration", "train_s", "mean|d/sd|", "mean S2RMSE") +
              " ".join("%14s" % head[i].replace(" (generated mean)", "")[-14:] for i in cols))
        for r in body:
            print("%9s %9s %11.2f %12.4f " % (r[0], r[1], float(r[3]), float(r[4])) +
                  " ".join("%14.4g" % float(r[i]) for i in cols))


if __name__ == "__main__":
    main()
