#!/usr/bin/env python3
"""SciPy peer for the ODE benchmark: solve_ivp(method="RK45") at rtol=1e-6, atol=1e-9 on a
synthetic damped, driven oscillator network

    q'' + c q' + K q = F cos(omega t),   K = L(W) + diag(p),   state y = [q; q'],

with L(W) the graph Laplacian of a dense random symmetric weight matrix W.

The network is generated from a documented seed so that any language can rebuild it:
  * uniforms u_k, k = 1, 2, ...: SplitMix64 with state_k = seed + k * 0x9E3779B97F4A7C15 (mod 2^64),
    z = state_k; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
    z ^= z >> 31; u_k = (z >> 11) * 2^-53;
  * draw order: W[i, j] = u / n for i < j in row-major order of the upper triangle; then
    p[i] = 0.5 + u for i = 0..n-1; then F, q0, v0 (n normals each, in this order), each normal from
    two consecutive uniforms (u1, u2) by Box-Muller: sqrt(-2 ln(1 - u1)) * cos(2 pi u2);
  * c = 0.1, omega = 1.3, time span [0, 20].
With --write PATH the problem is also written as little-endian float64 values:
n, K (n*n, row-major), q0 (n), v0 (n), F (n), c, omega, t0, t1.

Prints one JSON object {n, nfev, njev, nsteps, seconds, ...} on stdout.

With --reference it instead prints SciPy's counts and final states on two small classic problems
(the Arenstorf orbit and van der Pol with mu = 10), with RK45 and DOP853: the reference values of
Tests/ODETests/SciPyReferenceTests.swift and DormandPrince853Tests.swift.
"""
import argparse
import json
import time

import numpy as np
from scipy.integrate import solve_ivp

GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def splitmix_uniforms(seed, start, count):
    """Uniforms u_k for k = start+1 .. start+count."""
    k = np.arange(start + 1, start + count + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + k * GOLDEN
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def network(n, seed):
    pairs = n * (n - 1) // 2
    draws = splitmix_uniforms(seed, 0, pairs + n + 6 * n)
    w = np.zeros((n, n))
    iu = np.triu_indices(n, 1)  # row-major order of the upper triangle
    w[iu] = draws[:pairs] / n
    w = w + w.T
    p = 0.5 + draws[pairs:pairs + n]
    k = np.diag(w.sum(axis=1)) - w + np.diag(p)
    u = draws[pairs + n:].reshape(3, n, 2)
    normals = np.sqrt(-2.0 * np.log(1.0 - u[..., 0])) * np.cos(2.0 * np.pi * u[..., 1])
    force, q0, v0 = normals
    return k, q0, v0, force


def reference():
    mu, mup = 0.012277471, 1 - 0.012277471

    def arenstorf(t, y):
        y1, y2, y3, y4 = y
        d1 = ((y1 + mu) ** 2 + y2 ** 2) ** 1.5
        d2 = ((y1 - mup) ** 2 + y2 ** 2) ** 1.5
        return [y3, y4, y1 + 2 * y4 - mup * (y1 + mu) / d1 - mu * (y1 - mup) / d2,
                y2 - 2 * y3 - mup * y2 / d1 - mu * y2 / d2]

    def van_der_pol(t, y):
        return [y[1], 10 * (1 - y[0] ** 2) * y[1] - y[0]]

    cases = {
        "arenstorf": (arenstorf, (0.0, 17.0652165601579625588917206249), [0.994, 0.0, 0.0, -2.00158510637908252240537862224]),
        "vanDerPol10": (van_der_pol, (0.0, 20.0), [2.0, 0.0]),
    }
    out = {}
    for method, tolerances in [("RK45", [(1e-6, 1e-9)]), ("DOP853", [(1e-6, 1e-9), (1e-10, 1e-12)])]:
        for rtol, atol in tolerances:
            for name, (fun, span, y0) in cases.items():
                s = solve_ivp(fun, span, y0, method=method, rtol=rtol, atol=atol)
                out[f"{method} {name} rtol={rtol:g}"] = {
                    "nfev": int(s.nfev), "accepted": int(len(s.t) - 1),
                    "final": [repr(float(v)) for v in s.y[:, -1]]}
    print(json.dumps(out, indent=1))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--rtol", type=float, default=1e-6)
    parser.add_argument("--atol", type=float, default=1e-9)
    parser.add_argument("--write", help="write the problem as float64 binary to this path")
    parser.add_argument("--reference", action="store_true", help="print the small reference problems instead")
    args = parser.parse_args()
    if args.reference:
        reference()
        return

    c, omega, t0, t1 = 0.1, 1.3, 0.0, 20.0
    k, q0, v0, force = network(args.n, args.seed)
    n = args.n
    if args.write:
        np.concatenate([[float(n)], k.ravel(), q0, v0, force, [c, omega, t0, t1]]).astype("<f8").tofile(args.write)

    def rhs(t, y):
        q, v = y[:n], y[n:]
        return np.concatenate([v, force * np.cos(omega * t) - c * v - k @ q])

    y0 = np.concatenate([q0, v0])
    start = time.perf_counter()
    solution = solve_ivp(rhs, (t0, t1), y0, method="RK45", rtol=args.rtol, atol=args.atol)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "peer": "scipy.integrate.solve_ivp RK45",
        "n": n, "rtol": args.rtol, "atol": args.atol, "status": int(solution.status),
        "nfev": int(solution.nfev), "njev": int(solution.njev), "nsteps": int(len(solution.t) - 1),
        "seconds": seconds,
    }))


if __name__ == "__main__":
    main()
