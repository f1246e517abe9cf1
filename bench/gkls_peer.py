#!/usr/bin/env python3
"""Trials NLopt's GN_AGS and iOpt need on the GKLS classes (success: a trial within 0.01·(b−a) = 0.02 of
the global minimizer in every coordinate, the literature's criterion; the run stops at that trial).

GKLS functions come from the port of the original C generator shipped in iOpt 0.5.0 (downloaded with
`pip download --no-deps`, as in scripts/make_gkls_fixture.py); our Swift GKLSFunction reproduces it bit
for bit (Tests/GlobalOptimizationTests/GKLSTests.swift).

iOpt pins numpy < 2 and the nlopt wheel that resolves with it is built against numpy 1.x, so run the peers
in their own environment:
       python3 -m venv /tmp/gkls-venv && /tmp/gkls-venv/bin/pip install "iOpt==0.5.0" nlopt
       /tmp/gkls-venv/bin/python bench/gkls_peer.py ags|iopt simple|hard N MAXTRIALS [name=value ...]
AGS parameters are NLopt's (r, eps, evolvent_density, ...); iOpt's are SolverParameters fields
(r, eps, evolvent_density, proportion_of_global_iterations, ...). Prints one JSON object.
"""
import json
import pathlib
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "scripts"))
from make_gkls_fixture import load_port  # noqa: E402


class Solved(BaseException):  # iOpt catches Exception around trials
    pass


def run_ags(f, n, max_trials, params):
    import nlopt
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


def run_iopt(f, n, max_trials, params):
    from iOpt.problem import Problem
    from iOpt.solver import Solver
    from iOpt.solver_parametrs import SolverParameters
    target = np.array(f.GetOptimumPoint(), dtype=float)
    count = [0]

    class Wrapped(Problem):
        def __init__(self):
            super().__init__()
            self.name = "GKLS"
            self.number_of_float_variables = n
            self.number_of_discrete_variables = 0
            self.number_of_objectives = 1
            self.number_of_constraints = 0
            self.float_variable_names = [str(i) for i in range(n)]
            self.lower_bound_of_float_variables = n * [-1.0]
            self.upper_bound_of_float_variables = n * [1.0]

        def calculate(self, point, function_value):
            count[0] += 1
            x = np.array(point.float_variables, dtype=float)
            if np.all(np.abs(x - target) <= 0.02):
                raise Solved
            function_value.value = float(f.Calculate(x))
            return function_value

    kwargs = {k: (int(v) if k in ("evolvent_density", "number_of_parallel_points") else v) for k, v in params.items()}
    solver = Solver(Wrapped(), parameters=SolverParameters(iters_limit=max_trials, **kwargs))
    try:
        solver.solve()
    except Solved:
        return count[0]
    return None


def main():
    method, cls, n, max_trials = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    params = {k: float(v) for k, v in (a.split("=") for a in sys.argv[5:])}
    run = {"ags": run_ags, "iopt": run_iopt}[method]
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        GKLSClass, GKLSFunction = load_port(tmp)
        counts = []
        for nf in range(1, 101):
            f = GKLSFunction()
            f.GKLS_global_value = -1.0
            f.NumberOfLocalMinima = 10
            f.SetDimension(n)
            f.SetFunctionClass(GKLSClass.Simple if cls == "simple" else GKLSClass.Hard, n)
            f.SetFunctionNumber(nf)
            counts.append(run(f, n, max_trials, params))
    solved = [c for c in counts if c is not None]
    thresholds = [100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000, 1000000]
    print(json.dumps({"case": f"gkls-{cls}-{n}", "method": method, "options": params, "max_trials": max_trials,
                      "solved": len(solved), "average_trials": float(np.mean(solved)) if solved else 0,
                      "max_trials_solved": max(solved) if solved else 0, "seconds": time.time() - t0,
                      "trials": [c if c is not None else -1 for c in counts],
                      "operational": [[k, sum(1 for c in solved if c <= k)] for k in thresholds if k <= max_trials]},
                     sort_keys=True))


if __name__ == "__main__":
    main()
