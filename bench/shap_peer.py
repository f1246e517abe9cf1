#!/usr/bin/env python3
"""Peer benchmark for migsim's Kernel SHAP: the `shap` package's KernelExplainer on the problem
written by `migsim-bench shap PREFIX MODEL` (PREFIX.json: the model, background, rows to explain,
number of samples).

Models: `mlp` is evaluated in numpy exactly as migsim's `MLP.evaluate` (per layer z = a·Wᵀ + b,
W out×in row-major, tanh on hidden layers, linear output); `interaction` is
f(x) = β₀ + βᵀx + Σ_p c_p x[a_p] x[b_p], vectorized over rows. KernelExplainer gets the same background (all rows,
no k-means summary), the same nsamples and l1_reg=False, i.e. the same estimator migsim computes
(constrained weighted least squares, no feature selection). Times: best of `repeats` runs of
shap_values on all rows, after a one-row warm-up; CPU seconds (process_time, all threads; bench/run.sh
runs one BLAS thread): the median and minimum over the runs. Prints one JSON object.

    python3 -m venv bench/.venv && bench/.venv/bin/python -m pip install --quiet shap
    bench/.venv/bin/python bench/shap_peer.py bench/results/shap-problem
"""
import json
import statistics
import sys
import time
import warnings

import numpy as np
import shap


def mlp(layer_sizes, theta):
    layers, offset = [], 0
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        w = theta[offset:offset + n_in * n_out].reshape(n_out, n_in)
        offset += n_in * n_out
        b = theta[offset:offset + n_out]
        offset += n_out
        layers.append((w, b))

    def f(x):
        a = np.asarray(x, dtype=np.float64)
        for i, (w, b) in enumerate(layers):
            a = a @ w.T + b
            if i < len(layers) - 1:
                a = np.tanh(a)
        return a[:, 0]
    return f


def interaction(intercept, beta, pairs, coefficients):
    a = np.array([p[0] for p in pairs], dtype=np.int64)
    b = np.array([p[1] for p in pairs], dtype=np.int64)
    c = np.array(coefficients)

    def f(x):
        x = np.asarray(x, dtype=np.float64)
        return intercept + x @ beta + (x[:, a] * x[:, b]) @ c
    return f


def interaction_shapley(p, background, rows):
    """Exact interventional Shapley values of the interaction model (Shapley values add over the
    terms): βⱼ(xⱼ − mean bⱼ) for the linear part; for c·x_a·x_b (a ≠ b) the two-player game
    v(∅) = c·mean(b_a b_b), v(a) = c·x_a mean(b_b), v(b) = c·mean(b_a) x_b, v(ab) = c·x_a x_b gives
    φ_a = ½[(v(a) − v(∅)) + (v(ab) − v(b))] and symmetrically φ_b; c·x_a² gives c(x_a² − mean b_a²)."""
    mean = background.mean(axis=0)
    phi = (rows - mean) * np.array(p["beta"])
    for (a, b), c in zip(p["pairs"], p["pair_coefficients"]):
        if a == b:
            phi[:, a] += c * (rows[:, a] ** 2 - np.mean(background[:, a] ** 2))
            continue
        v0 = c * np.mean(background[:, a] * background[:, b])
        va, vb, vab = c * rows[:, a] * mean[b], c * mean[a] * rows[:, b], c * rows[:, a] * rows[:, b]
        phi[:, a] += 0.5 * ((va - v0) + (vab - vb))
        phi[:, b] += 0.5 * ((vb - v0) + (vab - va))
    return phi


def main():
    prefix = sys.argv[1]
    with open(prefix + ".json") as fh:
        p = json.load(fh)
    if p["model"] == "mlp":
        f = mlp(p["layer_sizes"], np.array(p["parameters"]))
    else:
        f = interaction(p["intercept"], np.array(p["beta"]), p["pairs"], p["pair_coefficients"])
    background = np.array(p["background"])
    rows = np.array(p["rows"])
    nsamples = int(p["samples"])
    repeats = int(p.get("repeats", 3))
    warnings.filterwarnings("ignore")
    explainer = shap.KernelExplainer(f, background)
    explainer.shap_values(rows[:1], nsamples=nsamples, l1_reg=False, silent=True)   # warm-up
    walls, cpus, values = [], [], None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        values = explainer.shap_values(rows, nsamples=nsamples, l1_reg=False, silent=True)
        cpus.append(time.process_time() - c0)
        walls.append(time.perf_counter() - t0)
    best, cpu = min(walls), statistics.median(cpus)
    values = np.asarray(values)
    fx = f(rows)
    gaps = values.sum(axis=1) - (fx - explainer.expected_value)
    exact = interaction_shapley(p, background, rows).tolist() if p["model"] == "interaction" else None
    print(json.dumps({
        "case": "shap-kernel-explainer-" + p["model"], "model": p["model"], "shap_version": shap.__version__, "features": int(rows.shape[1]),
        "background": int(background.shape[0]), "rows": int(rows.shape[0]), "samples": nsamples,
        "seconds": best, "seconds_per_row": best / rows.shape[0], "cpu_seconds": cpu, "min_cpu_seconds": min(cpus),
        "median_seconds": statistics.median(walls), "base_value": float(explainer.expected_value),
        "max_abs_efficiency_gap": float(np.max(np.abs(gaps))), "values": values.tolist(), "exact_values": exact,
    }))


if __name__ == "__main__":
    main()
