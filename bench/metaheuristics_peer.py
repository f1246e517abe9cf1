#!/usr/bin/env python3
"""Peers of `migsim-bench metaheuristics` and `migsim-bench nsga2`.

single SEEDS  SciPy's dual_annealing, differential_evolution and direct on the problems of
              Sources/migsim-bench/MetaheuristicsBench.swift (shifted Rastrigin N = 5, 10; the
              monograph's §3.2 Weber problem; the §4.2 regression maximum as a minimization of −y₃):
              evaluations and seconds until the best value reaches the target (None: missed within
              the budget). Same targets and budgets as the Swift side; the objective is wrapped by a
              counter that stops the run at the target or the budget.
nsga2 SEEDS   pymoo's NSGA-II (population 100, 250 generations, SBX η_c = 20 with probability 0.9,
              polynomial mutation η_m = 20, p_m = 1/n) on ZDT1–4 and ZDT6: the final front's
              hypervolume (reference (1.1, 1.1)) over the exact true front's, run time, and the first
              evaluation count (every 10 generations) whose front reaches 95% of it.

Times are wall ("seconds") and this process's CPU ("cpu_seconds", fairer on a shared machine).

Needs scipy and pymoo (bench/run.sh installs them). Prints one JSON object.
"""
import json
import math
import sys
import time

import numpy as np

# ---- single-objective problems (the Swift definitions, copied) ----
WEBER_CENTRES = [
    (44.1, 56.33), (43.32, 54.93), (45.18, 54.18), (48.37, 54.32), (49.58, 54.23),
    (50.12, 53.18), (56.25, 58.01), (53.21, 56.85), (49.12, 55.79), (55.97, 54.73),
    (43.32, 54.93), (45.17, 53.2), (49.58, 54.23), (47.95, 52.09), (59.78, 58.63),
    (60.08, 57.25), (58.45, 54.8),
]
WEBER_WEIGHTS = [
    1253511, 95388, 318578, 627870, 115253, 1156644, 1053938, 648944, 1251969, 1124226,
    -1667477, -318578, -743123, -1156644, -1053938, -1053938, -1124226,
]


def weber(p):
    z = 0.0
    for (cx, cy), w in zip(WEBER_CENTRES, WEBER_WEIGHTS):
        dx, dy = p[0] - cx, p[1] - cy
        z += w * math.sqrt(dx * dx + dy * dy)
    return z


def funding(x):
    return -(-315317.4 - 0.02542966 * x[1] - 0.6432493 * x[2] - 950912100 / x[0]
             + 981.9057 * math.sqrt(x[2]) + 9314139000 / x[2])


def rastrigin(n):
    s = [2.5 * math.sin(i + 1) for i in range(n)]

    def f(x):
        v = 10.0 * n
        for i in range(n):
            t = x[i] - s[i]
            v += t * t - 10 * math.cos(2 * math.pi * t)
        return v
    return f


PROBLEMS = {
    "rastrigin5": (rastrigin(5), [(-5.12, 5.12)] * 5),
    "rastrigin10": (rastrigin(10), [(-5.12, 5.12)] * 10),
    "weber-volga": (weber, [(40, 65)] * 2),
    "research-funding-regression": (funding, [(48969, 751565), (194177, 2669465), (71717, 710836)]),
}


class Stop(Exception):
    pass


class Counter:
    def __init__(self, f, target, budget):
        self.f, self.target, self.budget = f, target, budget
        self.count, self.best, self.reached = 0, math.inf, None

    def __call__(self, x):
        if self.count >= self.budget:
            raise Stop
        self.count += 1
        v = self.f(x)
        self.best = min(self.best, v)
        if v <= self.target:
            self.reached = self.count
            raise Stop
        return v


def run_scipy(method, f, bounds, target, budget, seed):
    from scipy.optimize import differential_evolution, direct, dual_annealing
    c = Counter(f, target, budget)
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        if method == "dual_annealing":
            dual_annealing(c, bounds, maxfun=budget, maxiter=10 ** 6, seed=seed)
        elif method == "differential_evolution":
            differential_evolution(c, bounds, maxiter=10 ** 6, tol=0, seed=seed)
        else:
            direct(c, bounds, maxfun=budget, maxiter=10 ** 6, eps=1e-4, vol_tol=0, len_tol=0)
    except Stop:
        pass
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    return c.reached, (dt if c.reached else None), (dc if c.reached else None), c.best


def single(seeds, swift):
    out = {}
    for name, spec in swift["problems"].items():
        f, bounds = PROBLEMS[name]
        check = f(spec["check_point"])
        assert abs(check - spec["check_value"]) <= 1e-9 * max(1, abs(check)), (name, check, spec["check_value"])
        entry = {"target": spec["target"], "budget": spec["budget"]}
        for method in ["dual_annealing", "differential_evolution", "direct"]:
            # DIRECT is deterministic: one run stands for every seed.
            seed_list = [1] if method == "direct" else range(1, seeds + 1)
            evals, seconds, cpu, best = [], [], [], []
            for seed in seed_list:
                e, s, c, b = run_scipy(method, f, bounds, spec["target"], spec["budget"], seed)
                evals.append(e), seconds.append(s), cpu.append(c), best.append(b)
            entry[method] = {"evals": evals, "seconds": seconds, "cpu_seconds": cpu, "best": best}
        out[name] = entry
    return {"case": "metaheuristics-scipy", "seeds": seeds, "problems": out}


def nsga2(seeds, swift):
    from pymoo.algorithms.moo.nsga2 import NSGA2
    from pymoo.indicators.hv import HV
    from pymoo.operators.crossover.sbx import SBX
    from pymoo.operators.mutation.pm import PM
    from pymoo.optimize import minimize
    from pymoo.problems import get_problem

    out = {}
    hv = HV(ref_point=np.array([1.1, 1.1]))
    for name, spec in swift["problems"].items():
        true_hv = spec["true_hv"]   # the Swift side's exact true-front hypervolume (zdtTrueHypervolume)
        problem = get_problem(name)
        ratios, seconds, cpu, reach = [], [], [], []
        for seed in range(1, seeds + 1):
            history = []

            def callback(algorithm):
                if algorithm.n_gen % 10 == 1:   # after generation 11, 21, … (the Swift scan's counts)
                    history.append((algorithm.evaluator.n_eval, hv(algorithm.opt.get("F"))))

            algorithm = NSGA2(pop_size=100, crossover=SBX(eta=20, prob=0.9), mutation=PM(eta=20))
            t0, c0 = time.perf_counter(), time.process_time()
            r = minimize(problem, algorithm, ("n_gen", 250), seed=seed, callback=callback, verbose=False)
            seconds.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            ratios.append(hv(r.F) / true_hv)
            reach.append(next((e for e, v in history if e > 100 and v >= 0.95 * true_hv), None))
        out[name] = {"hv_ratio": ratios, "seconds": seconds, "cpu_seconds": cpu, "evals_to_95": reach, "true_hv": true_hv}
    return {"case": "nsga2-pymoo", "seeds": seeds, "problems": out}


def main():
    mode, seeds, swift_json = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(swift_json) as fh:
        swift = json.load(fh)
    print(json.dumps(single(seeds, swift) if mode == "single" else nsga2(seeds, swift), sort_keys=True))


if __name__ == "__main__":
    main()
