#!/usr/bin/env python3
"""A seeded n×n flow CSV and matching margins for timing `migsim balance` on large inputs.

Writes DIR/flows.csv (origin,destination,migrants: all n² pairs, row-major, names R00001…) and
DIR/margins.csv (region,departures,arrivals: the row and column sums of the prior scaled by a
random positive factor per cell, so the margins are reachable and the totals agree).
With --decimals the migrants are full-precision decimals (17 significant digits, as `balance`
itself writes them); otherwise whole numbers of persons 1…1000.

    python3 bench/balance_csv_case.py --n 3000 --seed 1 --output /tmp/balance3000
    /usr/bin/time -v .build/release/migsim balance --flows /tmp/balance3000/flows.csv \
        --margins /tmp/balance3000/margins.csv --output /tmp/balance3000/out.csv
"""
import argparse
import os

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--decimals", action="store_true", help="full-precision decimal migrants")
    parser.add_argument("--output", required=True, help="directory for flows.csv and margins.csv")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    n = args.n
    if args.decimals:
        prior = rng.uniform(0.1, 1000.0, size=(n, n))
    else:
        prior = rng.integers(1, 1001, size=(n, n)).astype(float)
    truth = prior * rng.uniform(0.5, 1.5, size=(n, n))
    names = [f"R{i + 1:05d}" for i in range(n)]
    os.makedirs(args.output, exist_ok=True)
    with open(os.path.join(args.output, "flows.csv"), "w") as f:
        f.write("origin,destination,migrants\n")
        for i in range(n):
            o = names[i]
            if args.decimals:
                cells = [repr(float(v)) for v in prior[i]]
            else:
                cells = [str(int(v)) for v in prior[i]]
            f.write("".join(f"{o},{names[j]},{cells[j]}\n" for j in range(n)))
    rows, cols = truth.sum(axis=1), truth.sum(axis=0)
    cols *= rows.sum() / cols.sum()
    with open(os.path.join(args.output, "margins.csv"), "w") as f:
        f.write("region,departures,arrivals\n")
        for i in range(n):
            f.write(f"{names[i]},{repr(float(rows[i]))},{repr(float(cols[i]))}\n")


if __name__ == "__main__":
    main()
