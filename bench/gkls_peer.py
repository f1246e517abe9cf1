#!/usr/bin/env python3
"""Trials NLopt's GN_AGS needs on the GKLS classes (success: a trial within 0.01·(b−a) = 0.02 of the
global minimizer in every coordinate, the literature's criterion).

GKLS functions come from the port of the original C generator shipped in iOpt 0.5.0 (downloaded with
`pip download --no-deps`, as in scripts/make_gkls_fixture.py); our Swift GKLSFunction reproduces it bit
for bit (Tests/GlobalOptimizationTests/GKLSTests.swift).

Usage: python3 -m pip install nlopt numpy
       python3 bench/gkls_peer.py [simple|hard] [N] [max trials] [name=value AGS parameters, e.g. r=5 eps=1e-6]
"""
import pathlib
import sys
import tempfile

import nlopt
import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "scripts"))
from make_gkls_fixture import load_port  # noqa: E402


class Solved(Exception):
    pass


def run_ags(f, n, max_trials, params):
    target = np.array(f.GetOptimumPoint(), dtype=float)
    count = [0]

    def objective(x, grad):
        count[0] += 1
        if np.all(np.abs(x - target) <= 0.02):
            raise nlopt.ForcedStop
        return float(f.Calculate(np.array(x)))

    opt = nlopt.opt(nlopt.GN_AGS, n)
    opt.set_lower_bounds([-1.0] * n)
    opt.set_upper_bounds([1.0] * n)
    opt.set_min_objective(objective)
    opt.set_maxeval(max_trials)
    for name, value in params.items():
        opt.set_param(name, value)
    try:
        opt.optimize([0.0] * n)
    except nlopt.ForcedStop:
        return count[0]
    return None


def main():
    cls = sys.argv[1] if len(sys.argv) > 1 else "simple"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    max_trials = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    params = {k: float(v) for k, v in (a.split("=") for a in sys.argv[4:])}
    with tempfile.TemporaryDirectory() as tmp:
        GKLSClass, GKLSFunction = load_port(tmp)
        counts = []
        for nf in range(1, 101):
            f = GKLSFunction()
            f.GKLS_global_value = -1.0
            f.SetDimension(n)
            f.SetFunctionClass(GKLSClass.Simple if cls == "simple" else GKLSClass.Hard, n)
            f.SetFunctionNumber(nf)
            counts.append(run_ags(f, n, max_trials, params))
    solved = [c for c in counts if c is not None]
    print(f"AGS (nlopt {nlopt.__version__}, {params or 'defaults'}) GKLS {cls} N={n}: solved {len(solved)}/100 "
          f"within {max_trials} trials; average {np.mean(solved):.1f}, max {max(solved)} trials over solved")
    for k in (100, 200, 500, 1000, 2000, 5000, 10000, 20000):
        if k <= max_trials:
            print(f"  trials <= {k}: {sum(1 for c in solved if c <= k)} solved")


if __name__ == "__main__":
    main()
