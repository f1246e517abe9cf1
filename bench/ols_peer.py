#!/usr/bin/env python3
"""OLS peer for `make bench`: statsmodels OLS on a synthetic n × p design (seeded), timed over
five runs (medians of CPU seconds, time.process_time, and of wall seconds; bench/run.sh runs one BLAS
thread) of the fit + the summary statistics migsim computes: params, bse, t, p, R², adj. R², F, its p value,
condition number. Exports X (row-major float64) then y to --export for migsim-bench `ols`."""
import argparse, json, statistics, time
import numpy as np
import statsmodels.api as sm

ap = argparse.ArgumentParser()
ap.add_argument("--n", type=int, default=100_000)
ap.add_argument("--p", type=int, default=20)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--export", required=True)
a = ap.parse_args()

rng = np.random.default_rng(a.seed)
# Correlated features with different scales, a known signal and noise.
z = rng.standard_normal((a.n, a.p))
x = z + 0.5 * np.roll(z, 1, axis=1)
x = x * np.linspace(1, 1000, a.p) + np.linspace(-50, 50, a.p)
beta = rng.uniform(-2, 2, a.p)
y = 3.0 + x @ (beta / np.linspace(1, 1000, a.p)) + rng.standard_normal(a.n)
with open(a.export, "wb") as f:
    f.write(np.ascontiguousarray(x, dtype=np.float64).tobytes())
    f.write(np.ascontiguousarray(y, dtype=np.float64).tobytes())

design = sm.add_constant(x)
walls, cpus = [], []
for _ in range(5):
    t0, c0 = time.perf_counter(), time.process_time()
    r = sm.OLS(y, design).fit()
    stats = (r.params, r.bse, r.tvalues, r.pvalues, r.rsquared, r.rsquared_adj, r.fvalue, r.f_pvalue, r.condition_number)
    cpus.append(time.process_time() - c0)
    walls.append(time.perf_counter() - t0)
print(json.dumps({"case": f"ols-{a.n}x{a.p}", "seconds": statistics.median(walls), "cpu_seconds": statistics.median(cpus), "params": r.params.tolist(), "bse": r.bse.tolist(),
                  "rsquared": r.rsquared, "fvalue": r.fvalue, "condition_number": r.condition_number,
                  "statsmodels": sm.__version__ if hasattr(sm, "__version__") else __import__("statsmodels").__version__}))
