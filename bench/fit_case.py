#!/usr/bin/env python3
"""A synthetic case folder for `migsim fit` at scale (issue 18): n settlements at random points of a
US-sized box (25-49 N, 124-67 W), yearly balances 1997-2021 (per 1,000, an AR(1) around a common
shock, as in `migsim-bench fit-scale`) and three positive features (log random walks), written as
settlements.csv, balance.csv and features.csv; then `migsim init DIR` writes model.yaml.

Usage: bench/fit_case.py --n 3100 --seed 7 --output DIR
"""
import argparse
import csv
import math
import os
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--output", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.output, exist_ok=True)
    ids = [f"u{i}" for i in range(a.n)]
    with open(os.path.join(a.output, "settlements.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "lat", "lon", "population"])
        for i in ids:
            w.writerow([i, i, f"{25 + 24 * rng.random():.5f}", f"{-124 + 57 * rng.random():.5f}", int(10 ** (3 + 3 * rng.random()))])
    years = range(1997, 2022)
    q = [3 * rng.gauss(0, 1) for _ in ids]
    rows = []
    for y in years:
        common = rng.gauss(0, 1)
        q = [0.8 * v + 0.5 * common + rng.gauss(0, 1) for v in q]
        rows.append((y, list(q)))
    with open(os.path.join(a.output, "balance.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "period", "value"])
        for k, i in enumerate(ids):
            for y, values in rows:
                w.writerow([i, y, f"{values[k]:.4f}"])
    level = [[rng.gauss(0, 1) for _ in range(3)] for _ in ids]
    with open(os.path.join(a.output, "features.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "period", "f1", "f2", "f3"])
        table = []
        for y in range(1996, 2022):
            level = [[v + 0.1 * rng.gauss(0, 1) for v in row] for row in level]
            table.append((y, [[math.exp(v) for v in row] for row in level]))
        for k, i in enumerate(ids):
            for y, values in table:
                w.writerow([i, y] + [f"{v:.6g}" for v in values[k]])


if __name__ == "__main__":
    main()
