#!/usr/bin/env bash
# Identify / simulate at scale (issue 18, item 2): CPU seconds (getrusage, one BLAS thread) per
# identify trial and per 24-year simulation on the synthetic US-box cases with the Korean
# model.yaml settings, DP5 against `solver: auto` (exact modal where it applies and pays).
# Usage: bench/identify_scale.sh [TRIALS_1024] [TRIALS_3100]   (after `swift build -c release --product migsim-bench`)
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=.build/release/migsim-bench
export OPENBLAS_NUM_THREADS=1
T1024=${1:-2000}
T3100=${2:-200}
bar() { python3 -c "import json,sys; a=json.load(sys.stdin); t=a['build_cpu_s']+a['trials']*a['trial_cpu_s_mean']; print(f\"identify n={a['n']} {a['solver']}: {a['trial_cpu_s_mean']:.3f} s/trial (median {a['trial_cpu_s_median']:.3f}, max {a['trial_cpu_s_max']:.3f}); {a['trials']} trials + case {t:.0f} s CPU, bar 600 s: {'met' if t <= 600 else 'missed'}; peak {a['peak_memory_mib']:.0f} MiB\")"; }
echo "== identify trials"
"$BENCH" identify-scale 256 200 auto | bar
"$BENCH" identify-scale 1024 "$T1024" auto | bar
"$BENCH" identify-scale 3100 "$T3100" auto | bar
echo "== one 24-year simulation (ModelAssembly, constant force)"
for n in 256 1024 3100; do
  for s in dp5 auto; do
    "$BENCH" simulate-scale $n $s | python3 -c "import json,sys; a=json.load(sys.stdin); print(f\"simulate n={a['n']} {a['solver']}: {a['simulate_cpu_s']:.3f} s CPU, {a['rhs']} RHS, {a['steps']} steps, {a['layout']}\")"
  done
done
