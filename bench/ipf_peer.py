#!/usr/bin/env python3
"""Peer benchmarks for migsim's RAS/IPF on a seeded n×n matrix: the Python `ipfn` package, or a
plain NumPy IPF (--peer numpy).

Prior and truth are uniform on [0.1, 10) from numpy's PCG64 with the given seed; the targets are the
truth's row and column sums. With --export PATH the prior, row targets and column targets are
written as raw little-endian float64 (n·n + n + n values) so the Swift balancer can be timed on the
identical problem. Prints one JSON object: seconds (wall) and cpu_seconds (process CPU time) of the
best of --repeats runs, sweeps, the final maximal relative margin error (recomputed here, in
migsim's definition), and whether the tolerance was reached.

The NumPy peer is IPF with two scaling vectors and two matrix-vector products a sweep, stopped by
migsim's rule (after a sweep the columns are exact; stop when the maximal relative row error is at
most the tolerance, or after --max-iterations sweeps), and it forms the balanced matrix and its
margins as migsim's balancer does:

    u = A s;  r = R / u;  v = Aᵀ r;  s = C / v;  u = A s;  error = max |r∘u − R| / R;  X = diag(r) A diag(s)

Run both sides with one BLAS thread for a CPU-time comparison:

    python3 -m pip install --quiet ipfn
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 python3 bench/ipf_peer.py --n 3000 --seed 1 --tolerance 1e-8 --export /tmp/ipf3000.bin
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 python3 bench/ipf_peer.py --peer numpy --n 3000 --seed 1 --tolerance 1e-8
"""
import argparse
import contextlib
import io
import json
import os
import statistics
import time

import numpy as np


def problem(n, seed):
    rng = np.random.default_rng(seed)
    prior = rng.uniform(0.1, 10.0, size=(n, n))
    truth = rng.uniform(0.1, 10.0, size=(n, n))
    return prior, truth.sum(axis=1), truth.sum(axis=0)


def numpy_ipf(prior, rows, cols, tolerance, max_iterations):
    """Two scaling vectors, two mat-vecs a sweep; returns the balanced matrix, its margins and the sweeps."""
    r = np.ones(prior.shape[0])
    s = np.ones(prior.shape[1])
    u = prior @ s
    v = r @ prior
    error = max(np.max(np.abs(u - rows) / rows), np.max(np.abs(v - cols) / cols))
    sweeps = 0
    while error > tolerance and sweeps < max_iterations:
        sweeps += 1
        r = rows / u
        v = r @ prior
        s = cols / v
        u = prior @ s
        error = np.max(np.abs(r * u - rows) / rows)
    balanced = r[:, None] * prior * s[None, :]
    return balanced, balanced.sum(axis=1), balanced.sum(axis=0), sweeps


def max_relative_error(x, rows, cols):
    return float(max(np.max(np.abs(x.sum(axis=1) - rows) / rows), np.max(np.abs(x.sum(axis=0) - cols) / cols)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tolerance", type=float, default=1e-10)
    parser.add_argument("--max-iterations", type=int, default=1000)
    parser.add_argument("--export", default=None, help="write prior and targets as raw float64 here")
    parser.add_argument("--peer", choices=["ipfn", "numpy"], default="ipfn")
    parser.add_argument("--repeats", type=int, default=7, help="runs; the best and median wall and CPU times are printed")
    args = parser.parse_args()

    prior, rows, cols = problem(args.n, args.seed)
    if args.export:
        np.concatenate([prior.ravel(), rows, cols]).astype("<f8").tofile(args.export)

    walls, cpus = [], []
    for _ in range(max(1, args.repeats)):
        if args.peer == "numpy":
            start, cpu = time.perf_counter(), time.process_time()
            balanced, _, _, sweeps = numpy_ipf(prior, rows, cols, args.tolerance, args.max_iterations)
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
            converged = None
        else:
            from ipfn import ipfn  # only this peer needs the package
            solver = ipfn.ipfn(prior.copy(), [rows.copy(), cols.copy()], [[0], [1]],
                               convergence_rate=args.tolerance, max_iteration=args.max_iterations,
                               verbose=2, rate_tolerance=0.0)
            start, cpu = time.perf_counter(), time.process_time()
            with contextlib.redirect_stdout(io.StringIO()):  # ipfn prints its stopping reason
                balanced, converged, history = solver.iteration()
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
            sweeps, converged = int(len(history)), bool(converged)
    error = max_relative_error(balanced, rows, cols)
    print(json.dumps({
        "peer": args.peer, "n": args.n, "seed": args.seed, "tolerance": args.tolerance,
        "seconds": min(walls), "cpu_seconds": min(cpus), "median_seconds": statistics.median(walls),
        "median_cpu_seconds": statistics.median(cpus), "repeats": len(cpus), "sweeps": sweeps, "ipfn_converged": converged,
        "max_relative_error": error, "reached_tolerance": error <= args.tolerance,
        "blas_threads": {k: os.environ.get(k) for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")},
    }))


if __name__ == "__main__":
    main()
