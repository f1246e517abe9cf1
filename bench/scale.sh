#!/usr/bin/env bash
# The `scale` section of `make bench` (issue 18): fit, identify and simulate on the synthetic
# scale cases (n random settlements in a US-sized box, 24 yearly periods 1997–2021, the Korean
# model.yaml settings: dense_limit 3000 and k = 16, so n = 3,100 runs in the sparse layout;
# fixed seeds; `migsim-bench` ScaleCase). Per stage: CPU seconds (getrusage, user + system),
# peak memory and the bar met or missed. One BLAS thread.
# Usage: bench/scale.sh [RESULTS_DIR]   (after `swift build -c release --product migsim-bench`)
# SCALE_QUICK=1 runs 200 identify trials at n = 1,024 instead of 2,000 and skips the full fit.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=.build/release/migsim-bench
RESULTS=${1:-bench/results}
mkdir -p "$RESULTS"
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
QUICK=${SCALE_QUICK:-0}

echo "-- fit (PINN, default networks, 4 collocation points per interval, linear force of 3 features): CPU per Adam iteration"
for n in 256 1024 3100; do
  if [ "$n" = 3100 ] && [ "$QUICK" = 0 ]; then extra=full; else extra=; fi
  "$BENCH" fit-scale $n 40 4 $extra > "$RESULTS/scale-fit-$n.json"
  python3 - "$RESULTS/scale-fit-$n.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
line = (f"fit n={a['n']} ({a['layout']}, {a['collocation']} collocation points): "
        f"{1000 * a['iteration_cpu_s_median']:.1f} ms/iteration CPU (mean {1000 * a['iteration_cpu_s_mean']:.1f}), "
        f"problem {a['build_cpu_s']:.2f} s, peak {a['peak_memory_mib']:.0f} MiB")
if a["n"] == 3100:
    line += f"; bar 50 ms: {'met' if a['iteration_cpu_s_median'] <= 0.05 else 'missed'}"
if "full_fit_cpu_s" in a:
    line += (f"; full default training ({a['full_fit_iterations']} iterations, "
             f"{a.get('full_fit_lbfgs_evaluations', 0)} L-BFGS loss evaluations) {a['full_fit_cpu_s']:.0f} s CPU, "
             f"bar 600 s: {'met' if a['full_fit_cpu_s'] <= 600 else 'missed'}")
print(line)
PY
done

echo "-- identify (solver auto: exact modal where it applies and pays): CPU per trial at uniform points of the default box"
if [ "$QUICK" = 0 ]; then T1024=2000; else T1024=200; fi
for spec in 256:200 1024:$T1024 3100:200; do
  IFS=: read -r n trials <<< "$spec"
  "$BENCH" identify-scale "$n" "$trials" auto > "$RESULTS/scale-identify-$n.json"
  python3 - "$RESULTS/scale-identify-$n.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
total = a["build_cpu_s"] + a["trials"] * a["trial_cpu_s_mean"]
bars = {1024: (2000, 600), 3100: (200, 600)}
line = (f"identify n={a['n']} {a['solver']}: {a['trial_cpu_s_mean']:.3f} s/trial (median {a['trial_cpu_s_median']:.3f}, "
        f"max {a['trial_cpu_s_max']:.3f}); {a['trials']} trials + case {total:.0f} s CPU; peak {a['peak_memory_mib']:.0f} MiB")
if a["n"] in bars:
    want, limit = bars[a["n"]]
    if a["trials"] == want:
        line += f"; bar {limit} s for {want} trials: {'met' if total <= limit else 'missed'}"
    else:
        est = a["build_cpu_s"] + want * a["trial_cpu_s_mean"]
        line += f"; {want} trials estimated {est:.0f} s (bar {limit} s, quick run: not a measurement of the bar)"
print(line)
PY
done

echo "-- simulate: one 24-year run of the assembled model (the migsim simulate path), constant random force"
for n in 256 1024 3100; do
  for s in dp5 auto; do
    "$BENCH" simulate-scale $n $s > "$RESULTS/scale-simulate-$n-$s.json"
    python3 -c "import json,sys; a=json.load(open(sys.argv[1])); print(f\"simulate n={a['n']} {a['solver']}: {a['simulate_cpu_s']:.3f} s CPU (assembly {a['build_cpu_s']:.2f} s), {a['rhs']} RHS, {a['steps']} steps, {a['layout']}, peak {a['peak_memory_mib']:.0f} MiB\")" "$RESULTS/scale-simulate-$n-$s.json"
  done
done
