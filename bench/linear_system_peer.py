#!/usr/bin/env python3
"""Peer for the ODE benchmark: SciPy's solve_ivp(RK45) on a linear second-order system
M q'' + c q' + S q = f written by `migsim-bench export-system`.

Input: PREFIX.json (n, inertia, damping, t0, t1, q0, v0, f) and PREFIX.bin (S, n*n float64,
row-major, little-endian). After one warm-up solve, times REPEATS solves (default: 51 for n < 100,
else 5): CPU seconds of the process (time.process_time; bench/run.sh exports OPENBLAS_NUM_THREADS=1,
so one BLAS thread) and wall seconds, medians and minima. Prints JSON: nfev, nsteps (accepted),
times, and the first entries of the final state so the two solvers can be compared.

Usage: python3 bench/linear_system_peer.py PREFIX [RTOL ATOL [REPEATS]]
"""
import json, statistics, sys, time
import numpy as np
from scipy.integrate import solve_ivp

def main(prefix, rtol, atol, repeats=None):
    meta = json.load(open(prefix + ".json"))
    n = meta["n"]
    S = np.fromfile(prefix + ".bin", dtype="<f8").reshape(n, n)
    m = np.asarray(meta["inertia"], dtype=float)
    c = float(meta["damping"])
    f = np.asarray(meta["forcing"], dtype=float)
    y0 = np.concatenate([meta["q0"], meta["v0"]])

    def rhs(t, y):
        q, v = y[:n], y[n:]
        return np.concatenate([v, (f - c * v - S @ q) / m])

    run = lambda: solve_ivp(rhs, (meta["t0"], meta["t1"]), y0, method="RK45", rtol=rtol, atol=atol)
    run()  # warm-up
    repeats = repeats or (51 if n < 100 else 5)
    cpu, wall = [], []
    for _ in range(repeats):
        start, c0 = time.perf_counter(), time.process_time()
        sol = run()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - start)
    print(json.dumps({"peer": "scipy.solve_ivp RK45", "n": n, "nfev": int(sol.nfev),
                      "accepted_steps": int(len(sol.t) - 1), "repeats": repeats,
                      "cpu_seconds": statistics.median(cpu), "min_cpu_seconds": min(cpu),
                      "seconds": statistics.median(wall), "min_seconds": min(wall),
                      "status": int(sol.status), "final": sol.y[:, -1].tolist()[:4]}))

if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 1e-6,
         float(sys.argv[3]) if len(sys.argv) > 3 else 1e-9,
         int(sys.argv[4]) if len(sys.argv) > 4 else None)
