#!/usr/bin/env bash
# The dense ODE comparison (n = 2,000, DP5 against SciPy's solve_ivp RK45, rtol 1e-6, atol 1e-9) in
# ROUNDS that alternate the two sides, one timed solve each a round (after each process's warm-up
# solve), so that both see the same load of the shared machine: its last-level cache holds migsim's
# 16 MB upper triangle of K when the other tenants leave it alone, so a burst of their load slows one
# side's solves more than the other's when the sides run minutes apart.
#
# Usage: bench/ode_rounds.sh [ROUNDS] [migsim-bench binary]   (one BLAS thread each side)
# Prints one line a round and the medians over the rounds: CPU seconds a solve and their ratio.
set -euo pipefail
rounds="${1:-7}"
bench="${2:-.build/release/migsim-bench}"
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
"$bench" ode-dense 2000 "$dir/dense2000" 1 > /dev/null   # writes the problem for the peer
for r in $(seq 1 "$rounds"); do
  "$bench" ode-dense 2000 "$dir/dense2000" 1 > "$dir/migsim-$r.json"
  python3 bench/linear_system_peer.py "$dir/dense2000" 1e-6 1e-9 1 > "$dir/scipy-$r.json"
done
python3 - "$dir" "$rounds" <<'PY'
import json, statistics, sys
d, rounds = sys.argv[1], int(sys.argv[2])
m = [json.load(open(f"{d}/migsim-{r}.json")) for r in range(1, rounds + 1)]
s = [json.load(open(f"{d}/scipy-{r}.json")) for r in range(1, rounds + 1)]
for r, (a, b) in enumerate(zip(m, s), 1):
    assert a["nfev"] == b["nfev"], (a["nfev"], b["nfev"])
    print(f"round {r}: migsim {a['cpu_seconds']:.3f} s (first-order form {a['first_order_cpu_seconds']:.3f} s), "
          f"SciPy {b['cpu_seconds']:.3f} s: {b['cpu_seconds'] / a['cpu_seconds']:.2f}x; nfev {a['nfev']} both")
mm, ms = statistics.median(a["cpu_seconds"] for a in m), statistics.median(b["cpu_seconds"] for b in s)
ratios = [b["cpu_seconds"] / a["cpu_seconds"] for a, b in zip(m, s)]
print(f"ode dense-2000, {rounds} alternating rounds: median migsim {mm:.3f} s, SciPy {ms:.3f} s: {ms / mm:.2f}x; "
      f"per-round ratios {min(ratios):.2f}-{max(ratios):.2f}x (median {statistics.median(ratios):.2f}x); "
      f"goal 2x: {'met' if ms >= 2 * mm else 'missed'}")
PY
