#!/usr/bin/env python3
"""Peer benchmark for migsim's RAS/IPF: the Python `ipfn` package on a seeded n×n matrix.

Prior and truth are uniform on [0.1, 10) from numpy's PCG64 with the given seed; the targets are the
truth's row and column sums. With --export PATH the prior, row targets and column targets are
written as raw little-endian float64 (n·n + n + n values) so the Swift balancer can be timed on the
identical problem. Prints one JSON object: seconds, sweeps, the final maximal relative margin error
(recomputed here, in migsim's definition), and whether the tolerance was reached.

    python3 -m pip install --quiet ipfn
    python3 bench/ipf_peer.py --n 3000 --seed 1 --tolerance 1e-10 --export /tmp/ipf3000.bin
"""
import argparse
import contextlib
import io
import json
import time

import numpy as np
from ipfn import ipfn


def problem(n, seed):
    rng = np.random.default_rng(seed)
    prior = rng.uniform(0.1, 10.0, size=(n, n))
    truth = rng.uniform(0.1, 10.0, size=(n, n))
    return prior, truth.sum(axis=1), truth.sum(axis=0)


def max_relative_error(x, rows, cols):
    return float(max(np.max(np.abs(x.sum(axis=1) - rows) / rows), np.max(np.abs(x.sum(axis=0) - cols) / cols)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tolerance", type=float, default=1e-10)
    parser.add_argument("--max-iterations", type=int, default=1000)
    parser.add_argument("--export", default=None, help="write prior and targets as raw float64 here")
    args = parser.parse_args()

    prior, rows, cols = problem(args.n, args.seed)
    if args.export:
        np.concatenate([prior.ravel(), rows, cols]).astype("<f8").tofile(args.export)

    solver = ipfn.ipfn(prior.copy(), [rows.copy(), cols.copy()], [[0], [1]],
                       convergence_rate=args.tolerance, max_iteration=args.max_iterations,
                       verbose=2, rate_tolerance=0.0)
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):  # ipfn prints its stopping reason
        balanced, converged, history = solver.iteration()
    seconds = time.perf_counter() - start
    error = max_relative_error(balanced, rows, cols)
    print(json.dumps({
        "peer": "ipfn", "n": args.n, "seed": args.seed, "tolerance": args.tolerance,
        "seconds": seconds, "sweeps": int(len(history)), "ipfn_converged": bool(converged),
        "max_relative_error": error, "reached_tolerance": error <= args.tolerance,
    }))


if __name__ == "__main__":
    main()
