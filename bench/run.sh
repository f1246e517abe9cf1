#!/usr/bin/env bash
# `make bench`: migsim against peers measured in the same run on this machine.
# Each line of the summary is a ratio (peer / migsim for times, migsim / peer for counts).
# Times are CPU seconds of the process (getrusage / CLOCK_PROCESS_CPUTIME_ID in Swift,
# time.process_time() in Python, std::clock() in C++) with one thread on each side unless a line
# says otherwise; wall seconds are printed beside them, labelled. On a shared machine CPU time is
# the fairer clock; short timings are medians of several repeats.
set -euo pipefail
# One BLAS / OpenMP thread on both sides (migsim's OpenBLAS and NumPy's, SciPy's, PyTorch's).
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
cd "$(dirname "$0")/.."
BENCH=.build/release/migsim-bench
RESULTS=bench/results
mkdir -p "$RESULTS"

# Peers: Python packages from PyPI, GeographicLib's C++ library from Debian.
python3 -m pip install --quiet --disable-pip-version-check scipy numpy geographiclib ipfn pymoo
if ! dpkg-query -W -f='${Status}' libgeographiclib-dev 2>/dev/null | grep -q "install ok installed"; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libgeographiclib-dev
fi
g++ -O2 -o "$RESULTS/geodesy_peer" bench/geodesy_peer.cpp -lGeographicLib

ratio() { python3 -c "import json,sys; a=json.load(open('$1')); b=json.load(open('$2')); print($3)"; }

echo "== ODE: Dormand–Prince 5(4) vs SciPy solve_ivp(RK45), rtol 1e-6, atol 1e-9; CPU s, one BLAS thread, medians (51 runs at n = 16, 5 at n = 2,000)"
for case in korea dense; do
  if [ "$case" = korea ]; then "$BENCH" ode-korea "$RESULTS/korea" > "$RESULTS/ode-korea.json";
  else "$BENCH" ode-dense 2000 "$RESULTS/dense2000" > "$RESULTS/ode-dense.json"; fi
  prefix=$([ "$case" = korea ] && echo korea || echo dense2000)
  python3 bench/linear_system_peer.py "$RESULTS/$prefix" 1e-6 1e-9 > "$RESULTS/ode-$case-scipy.json"
  ratio "$RESULTS/ode-$case.json" "$RESULTS/ode-$case-scipy.json" \
    "f\"{a['case']}: n={a['n']} nfev migsim {a['nfev']} / scipy {b['nfev']} = {a['nfev']/b['nfev']:.3f}; cpu scipy {b['cpu_seconds']:.4f} s / migsim {a['cpu_seconds']:.4f} s = {b['cpu_seconds']/a['cpu_seconds']:.2f}x (minima {b['min_cpu_seconds']/a['min_cpu_seconds']:.2f}x; wall {b['seconds']/a['seconds']:.2f}x); solver overhead per step = {100*a['overhead_per_step_over_rhs']:.1f}% of one RHS ({a['rhs_cpu_seconds']*1e6:.1f} us cpu)\""
done

echo "== ODE n = 2,000 in 7 rounds alternating the sides (one timed solve each a round, so that both see the same load of the shared machine)"
bash bench/ode_rounds.sh 7 "$BENCH"

echo "== Geodesy: WGS84 inverse throughput per CPU second (one thread each, medians of 5 passes) vs GeographicLib (C++ and Python); sphere all-pairs n = 5,000 (both cores)"
"$BENCH" geodesy 200000 > "$RESULTS/geodesy.json"
"$RESULTS/geodesy_peer" 200000 > "$RESULTS/geodesy-cpp.json"
python3 bench/geodesy_peer.py 20000 > "$RESULTS/geodesy-python.json"
ratio "$RESULTS/geodesy.json" "$RESULTS/geodesy-cpp.json" \
  "f\"wgs84 inverse per cpu second: migsim {a['wgs84_inverse_pairs_per_cpu_second']:.0f}/s, GeographicLib C++ {b['pairs_per_cpu_second']:.0f}/s, ratio {a['wgs84_inverse_pairs_per_cpu_second']/b['pairs_per_cpu_second']:.2f} (wall {a['wgs84_inverse_pairs_per_second']/b['pairs_per_second']:.2f})\""
ratio "$RESULTS/geodesy.json" "$RESULTS/geodesy-python.json" \
  "f\"wgs84 inverse per cpu second vs GeographicLib Python {b['wgs84_inverse_pairs_per_cpu_second']:.0f}/s: ratio {a['wgs84_inverse_pairs_per_cpu_second']/b['wgs84_inverse_pairs_per_cpu_second']:.1f} (wall {a['wgs84_inverse_pairs_per_second']/b['wgs84_inverse_pairs_per_second']:.1f})\""
python3 -c "import json; a=json.load(open('$RESULTS/geodesy.json')); print(f\"sphere all-pairs n=5000 (both cores): cpu {a['sphere_all_pairs_n5000_cpu_seconds']:.3f} s summed over threads, wall {a['sphere_all_pairs_n5000_seconds']:.3f} s (best of 3)\")"

echo "== Scale: n = 50,000 settlements, sparse k = 16, 30 years (CPU s of one run; wall labelled)"
"$BENCH" sparse 50000 16 30 > "$RESULTS/sparse50k.json"
python3 -c "import json; a=json.load(open('$RESULTS/sparse50k.json')); print(f\"{a['layout']}: cpu build {a['build_cpu_seconds']:.2f} s, simulate {a['simulate_cpu_seconds']:.2f} s, total {a['total_cpu_seconds']:.2f} s (wall {a['total_seconds']:.2f} s), nfev {a['nfev']}, peak memory {a['peak_memory_mib']:.0f} MiB\")"

echo "== IPF/RAS: 3,000 × 3,000 to 1e-8 vs the Python ipfn package, a plain NumPy IPF and the memory-bandwidth bound (one BLAS thread each side; CPU s, medians and minima of 7 runs)"
python3 bench/ipf_peer.py --n 3000 --seed 1 --tolerance 1e-8 --repeats 3 --export "$RESULTS/ipf3000.bin" > "$RESULTS/ipf-ipfn.json"
python3 bench/ipf_peer.py --peer numpy --n 3000 --seed 1 --tolerance 1e-8 --repeats 7 > "$RESULTS/ipf-numpy.json"
"$BENCH" ipf "$RESULTS/ipf3000.bin" 3000 1e-8 7 > "$RESULTS/ipf.json"
ratio "$RESULTS/ipf.json" "$RESULTS/ipf-ipfn.json" \
  "f\"ipf n=3000: cpu ipfn {b['median_cpu_seconds']:.3f} s (median of {b['repeats']}) / migsim {a['median_cpu_seconds']:.3f} s (median of {a['repeats']}) = {b['median_cpu_seconds']/a['median_cpu_seconds']:.1f}x, wall {b['median_seconds']/a['median_seconds']:.1f}x (migsim {a['sweeps']} sweeps, error {a['max_relative_error']:.1e}); bandwidth bound of its own traffic ({a['sweeps']} + 1 reads of the matrix, one write of the result) {a['bandwidth_bound_seconds']:.3f} s at {a['copy_gigabytes_per_second']:.1f} GB/s copy, migsim's best wall at {a['seconds']/a['bandwidth_bound_seconds']:.2f}x the bound\""
ratio "$RESULTS/ipf.json" "$RESULTS/ipf-numpy.json" \
  "f\"ipf n=3000 vs NumPy IPF (two scaling vectors, two mat-vecs a sweep): cpu medians {b['median_cpu_seconds']:.4f} s / migsim {a['median_cpu_seconds']:.4f} s = {b['median_cpu_seconds']/a['median_cpu_seconds']:.2f}x, minima {b['cpu_seconds']/a['cpu_seconds']:.2f}x, wall medians {b['median_seconds']/a['median_seconds']:.2f}x (sweeps numpy {b['sweeps']}, migsim {a['sweeps']}; one BLAS thread each; goal 2x by medians and by minima: {'met' if b['median_cpu_seconds'] >= 2 * a['median_cpu_seconds'] and b['cpu_seconds'] >= 2 * a['cpu_seconds'] else 'missed'})\""

echo "== balance through the CLI: a 3,000 × 3,000 flow CSV (9·10⁶ rows) to 1e-10; bar ≤ 5 s and ≤ 500 MB"
python3 bench/balance_csv_case.py --n 3000 --seed 1 --output "$RESULTS/balance3000"
/usr/bin/time -v .build/release/migsim balance --flows "$RESULTS/balance3000/flows.csv" --margins "$RESULTS/balance3000/margins.csv" \
    --output "$RESULTS/balance3000/balanced.csv" --summary "$RESULTS/balance3000/summary.txt" 2> "$RESULTS/balance3000/time.txt"
python3 - "$RESULTS/balance3000/time.txt" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
user = float(re.search(r"User time \(seconds\): ([0-9.]+)", t).group(1))
system = float(re.search(r"System time \(seconds\): ([0-9.]+)", t).group(1))
rss = int(re.search(r"Maximum resident set size \(kbytes\): ([0-9]+)", t).group(1)) * 1024 / 1e6
cpu = user + system
print(f"balance n=3000: cpu {cpu:.2f} s (user {user:.2f}, sys {system:.2f}), peak {rss:.0f} MB; bar 5 s / 500 MB: "
      f"{'met' if cpu <= 5 and rss <= 500 else 'missed'}")
PY

echo "== report at scale: synthetic pipeline outputs of n settlements (bench/report_case.py); bar HTML ≤ 5 MB at n = 3,100"
for n in 256 1024 3100; do
  python3 bench/report_case.py --n $n --seed 7 --output "$RESULTS/report$n"
  /usr/bin/time -v .build/release/migsim report --input "$RESULTS/report$n" --flows "$RESULTS/report$n/flows.csv" \
      2> "$RESULTS/report$n/time.txt" > /dev/null
  python3 - "$RESULTS/report$n" $n <<'PY'
import os, re, sys
d, n = sys.argv[1], int(sys.argv[2])
t = open(os.path.join(d, "time.txt")).read()
cpu = sum(float(re.search(rf"{k} time \(seconds\): ([0-9.]+)", t).group(1)) for k in ("User", "System"))
rss = int(re.search(r"Maximum resident set size \(kbytes\): ([0-9]+)", t).group(1)) * 1024 / 1e6
html, nb = (os.path.getsize(os.path.join(d, f)) / 1e6 for f in ("report.html", "report.ipynb"))
bar = f"; bar 5 MB: {'met' if html <= 5 else 'missed'}" if n == 3100 else ""
print(f"report n={n}: cpu {cpu:.2f} s, peak {rss:.0f} MB, report.html {html:.2f} MB, report.ipynb {nb:.2f} MB{bar}")
PY
done

echo "== scale: fit, identify and simulate on the synthetic cases n = 256, 1,024, 3,100 (bench/scale.sh; one BLAS thread)"
bash bench/scale.sh "$RESULTS"

echo "== PINN: one training step (forward + backward of the full loss) vs PyTorch (CPU, float64, one thread each), Korean case; CPU s per step"
# PyTorch from PyPI (its Linux wheel brings the CUDA runtime packages too: a large download, once).
python3 -m pip install --quiet --disable-pip-version-check torch
"$BENCH" pinn-step "$RESULTS/pinn-problem" 2000 > "$RESULTS/pinn.json"
python3 bench/pinn_peer.py "$RESULTS/pinn-problem" "$RESULTS/pinn.json" 1000 > "$RESULTS/pinn-torch.json"
ratio "$RESULTS/pinn.json" "$RESULTS/pinn-torch.json" \
  "'; '.join(f\"{v}: cpu torch {b[v]['median_cpu_seconds']*1e3:.3f} ms / migsim {a['median_cpu_seconds']*1e3:.3f} ms = {b[v]['median_cpu_seconds']/a['median_cpu_seconds']:.2f}x by medians, {b[v]['min_cpu_seconds']/a['min_cpu_seconds']:.2f}x by minima (wall medians {b[v]['median_seconds']/a['median_seconds']:.2f}x; loss agrees to {b[v]['loss_relative_difference']:.1e}, gradient to {b[v]['gradient_relative_difference']:.1e})\" for v in ['taylor', 'functorch_jvp']) + f\" [{a['regions']} regions, {a['collocation']} collocation points, {a['parameters']} parameters, torch {b['torch_version']} on {b['threads']} thread(s); goal 3x by medians: {'met' if b['taylor']['median_cpu_seconds'] >= 3 * a['median_cpu_seconds'] else 'missed'}]\""

echo "== Kernel SHAP vs shap's KernelExplainer: M = 20, background 100, 10 rows, 2,048 samples (MLP 20-32-32-1 tanh; linear + interaction model); CPU s, medians of 5 runs, one BLAS thread each"
# shap ≥ 0.47 needs numpy ≥ 2, other peers (iOpt) numpy < 2: shap gets its own virtual environment.
[ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
bench/.venv/bin/python -m pip install --quiet --disable-pip-version-check shap
for model in interaction mlp; do
  "$BENCH" shap "$RESULTS/shap-$model-problem" $model 20 100 10 2048 5 > "$RESULTS/shap-$model.json"
  bench/.venv/bin/python bench/shap_peer.py "$RESULTS/shap-$model-problem" > "$RESULTS/shap-$model-peer.json"
  ratio "$RESULTS/shap-$model.json" "$RESULTS/shap-$model-peer.json" \
    "f\"kernel shap {a['model']} M={a['features']} N={a['background']} rows={a['rows']} samples={a['samples']}: cpu shap {b['shap_version']} {b['cpu_seconds']:.3f} s / migsim {a['cpu_seconds']:.3f} s = {b['cpu_seconds']/a['cpu_seconds']:.1f}x by medians, {b['min_cpu_seconds']/a['min_cpu_seconds']:.1f}x by minima (goal 10x: {'met' if b['cpu_seconds'] >= 10 * a['cpu_seconds'] else 'missed'}), wall medians {b['median_seconds']:.3f} s / {a['median_seconds']:.3f} s = {b['median_seconds']/a['median_seconds']:.1f}x; efficiency gap migsim {a['max_abs_efficiency_gap']:.1e}, shap {b['max_abs_efficiency_gap']:.1e}; max |phi_migsim - phi_shap| {max(abs(x-y) for r,s in zip(a['values'],b['values']) for x,y in zip(r,s)):.2e} of max |phi| {max(abs(x) for r in b['values'] for x in r):.2e} (both sampled)\" + (f\"; max error vs exact: migsim {max(abs(x-y) for r,s in zip(a['values'],b['exact_values']) for x,y in zip(r,s)):.2e}, shap {max(abs(x-y) for r,s in zip(b['values'],b['exact_values']) for x,y in zip(r,s)):.2e}\" if b['exact_values'] else '')"
done

echo "== OLS: 100,000 × 20 (pivoted QR + summary) vs statsmodels OLS; CPU s, medians of 5 runs, one BLAS thread each"
python3 -m pip install --quiet --disable-pip-version-check statsmodels
python3 bench/ols_peer.py --n 100000 --p 20 --seed 1 --export "$RESULTS/ols.bin" > "$RESULTS/ols-statsmodels.json"
"$BENCH" ols "$RESULTS/ols.bin" 100000 20 > "$RESULTS/ols.json"
ratio "$RESULTS/ols.json" "$RESULTS/ols-statsmodels.json" \
  "f\"ols n=100000 p=20: cpu statsmodels {b['cpu_seconds']:.3f} s / migsim {a['cpu_seconds']:.3f} s = {b['cpu_seconds']/a['cpu_seconds']:.2f}x (wall {b['seconds']/a['seconds']:.2f}x); max rel. diff params {max(abs(u-v)/abs(v) for u,v in zip(a['params'],b['params'])):.1e}, bse {max(abs(u-v)/abs(v) for u,v in zip(a['bse'],b['bse'])):.1e}; migsim's dgeqrf of [1, X | y] alone {a['householder_qr_cpu_seconds']:.3f} s cpu\""

echo "== Metaheuristics vs SciPy (dual_annealing, differential_evolution, direct), 10 seeds: median evaluations and CPU seconds to the target"
"$BENCH" metaheuristics 10 > "$RESULTS/metaheuristics.json"
python3 bench/metaheuristics_peer.py single 10 "$RESULTS/metaheuristics.json" > "$RESULTS/metaheuristics-scipy.json"
python3 bench/metaheuristics_ratios.py single "$RESULTS/metaheuristics.json" "$RESULTS/metaheuristics-scipy.json"

echo "== NSGA-II vs pymoo NSGA-II, ZDT1–4/6, 100 × 250, 5 seeds: hypervolume over the true front's, CPU time, evaluations to 95%"
"$BENCH" nsga2 5 > "$RESULTS/nsga2.json"
python3 bench/metaheuristics_peer.py nsga2 5 "$RESULTS/nsga2.json" > "$RESULTS/nsga2-pymoo.json"
python3 bench/metaheuristics_ratios.py nsga2 "$RESULTS/nsga2.json" "$RESULTS/nsga2-pymoo.json"

echo "== DTLZ2 (3 objectives) through the CLI: NSGA-II with the archive of every evaluated point, 100,000 evaluations, seeds 1–10; bar: median hypervolume within 1% of the true front's"
for s in 1 2 3 4 5 6 7 8 9 10; do
  .build/release/migsim optimize --builtin dtlz2 --method nsga2 --budget 100000 --seed $s --reference 1.1,1.1,1.1 2>/dev/null
done | python3 -c '
import json, math, re, statistics, sys
ratios = [json.loads(m)["hypervolume"] / (1.1 ** 3 - math.pi / 6) for m in re.findall(r"^\{.*?^\}", sys.stdin.read(), re.S | re.M)]
med = statistics.median(ratios)
print("DTLZ2 hypervolume / true, seeds 1-10: " + ", ".join(f"{r:.5f}" for r in ratios) + f"; median {med:.5f}; bar 0.99: " + ("met" if med >= 0.99 else "missed"))'

echo "== Index method on GKLS classes (a trial within 0.01(b-a) of x* in every coordinate stops the run) vs NLopt AGS and iOpt"
# iOpt 0.5.0 pins numpy < 2, and the nlopt wheel resolved with it ignores AGS parameters, so each peer has its own venv.
# GKLS_CLASSES chooses the classes (CLASS:N:BUDGET[:delta]). The peers run only up to N = GKLS_PEERS_MAX_N
# (default 3): on the 4-D class they did not finish in 20 min when last tried (iOpt is pure Python). The default
# classes are every class with a published figure: 2-D to 5-D, simple and hard, and the Δ-criterion's 4-D and
# 5-D (migsim alone from 4-D on: about half an hour more on 2 cores, 2026-12-04).
for venv in ags:nlopt iopt:iOpt==0.5.0; do
  dir="$RESULTS/venv-${venv%%:*}"
  [ -x "$dir/bin/python" ] || { python3 -m venv "$dir" && "$dir/bin/pip" install --quiet --disable-pip-version-check numpy "${venv#*:}"; }
done
# The defaults of `migsim optimize --method index` per dimension (IndexMethodConfiguration.recommended(dimension:));
# the CLI line runs the command itself on every function with no option but the class and the stop rule.
GKLS_OPTIONS="r=12 alpha=10 freq=2 tuning=1"
gkls_options() {  # the bench options equal to recommended(dimension: N)
  case $1 in 1|2) echo "$GKLS_OPTIONS" ;; 3) echo "r=5 alpha=10 freq=2 ls=0.001 smr=0.15" ;; *) echo "r=6 alpha=10 freq=2 ls=0.001 smr=0.15" ;; esac
}
# A spec may end in :delta (or :FRACTION) for another success box: Sergeyev & Kvasov's Δ-criterion, the
# literature's variant for 4-D and 5-D (e.g. GKLS_CLASSES="hard:5:300000:delta"); the peers then do not run.
for spec in ${GKLS_CLASSES:-simple:2:20000 hard:2:20000 simple:3:50000 hard:3:50000 simple:4:100000 hard:4:200000 simple:5:300000 hard:5:300000 simple:4:100000:delta hard:4:200000:delta simple:5:300000:delta hard:5:300000:delta}; do
  IFS=: read -r cls n budget box <<< "$spec"
  box=${box:-0.01}
  tag="$cls-$n"; [ "$box" = "0.01" ] || tag="$cls-$n-$box"
  bench/gkls_cli.sh "$cls" "$n" "$budget" .build/release/migsim "$box" > "$RESULTS/gkls-$tag-cli.json"
  python3 -c "import json; a=json.load(open('$RESULTS/gkls-$tag-cli.json')); print(f\"{a['case']} (box {a['stop_within']}) through the CLI, defaults: solved {a['solved']}/100, avg {a['average_trials']:.1f}, max {a['max_trials_solved']}\")"
  "$BENCH" gkls "$cls" "$n" "$budget" $(gkls_options "$n") box="$box" > "$RESULTS/gkls-$tag.json"
  rm -f "$RESULTS/gkls-$tag-ags.json" "$RESULTS/gkls-$tag-iopt.json"
  if [ "$n" -le "${GKLS_PEERS_MAX_N:-3}" ] && [ "$box" = "0.01" ]; then
    "$RESULTS/venv-ags/bin/python" bench/gkls_peer.py ags "$cls" "$n" "$budget" > "$RESULTS/gkls-$tag-ags.json"
    "$RESULTS/venv-iopt/bin/python" bench/gkls_peer.py iopt "$cls" "$n" "$budget" r=5 eps=1e-6 > "$RESULTS/gkls-$tag-iopt.json"
  fi
  python3 - "$RESULTS/gkls-$tag" "$cls" "$n" "$box" <<'PY'
import json, os, sys
prefix, cls, n, box = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
runs = {name: json.load(open(prefix + suffix + ".json")) for name, suffix in (("migsim", ""), ("AGS", "-ags"), ("iOpt", "-iopt"))
        if os.path.exists(prefix + suffix + ".json")}
ours = runs["migsim"]
line = [f"{ours['case']} (budget {ours['max_trials']}, box {box})"]
for name, r in runs.items():
    line.append(f"{name} solved {r['solved']}/100, avg {r['average_trials']:.0f}, max {r['max_trials_solved']}")
for name in ("AGS", "iOpt"):
    r = runs.get(name)
    if r is None:
        continue
    if r["solved"]:
        line.append(f"avg trials migsim/{name} = {ours['average_trials'] / r['average_trials']:.2f}")
# The best published average with 100/100 solved (Sovrasov, ags_nlp_solver, experiments/report.csv and the
# classes' JSON files at commit 3558e8a; same criterion: the trials up to the first within the box).
published = {("simple", 2, "0.01"): (189.03, "DIRECT"), ("hard", 2, "0.01"): (487.96, "AGSl"),
             ("simple", 3, "0.01"): (973.64, "DIRECT"), ("hard", 3, "0.01"): (2298.74, "DIRECT"),
             ("simple", 4, "0.01"): (7824.32, "DIRECT"), ("hard", 4, "0.01"): (23167.84, "AGSl"),
             ("simple", 5, "0.01"): (7166.49, "DIRECT"), ("hard", 5, "0.01"): (66327.42, "DIRECT"),
             ("simple", 4, "delta"): (5729.82, "AGS"), ("hard", 4, "delta"): (13113.4, "AGS"),
             ("simple", 5, "delta"): (5821.47, "AGS"), ("hard", 5, "delta"): (17008.61, "AGS")}
best = published.get((cls, n, box))
if best:
    met = ours["solved"] == 100 and ours["average_trials"] < best[0]
    line.append(f"best published {best[0]:.1f} ({best[1]}): {'beaten' if met else 'NOT beaten'}")
print("; ".join(line))
PY
done
echo "== Index method, p = 2 trials per iteration on an expensive objective (GKLS simple 2-D #1-10, 1 ms per trial)"
for cost in cpu sleep; do
  "$BENCH" gkls-parallel simple 2 10 1 $GKLS_OPTIONS cost=$cost > "$RESULTS/gkls-parallel-$cost.json"
  python3 -c "import json; a=json.load(open('$RESULTS/gkls-parallel-$cost.json')); print(f\"cost={a['cost']}: wall p=1 {a['p1_seconds']:.2f} s / p=2 {a['p2_seconds']:.2f} s = {a['speedup']:.2f}x; trials p=2/p=1 = {a['p2_trials']}/{a['p1_trials']} = {a['trial_ratio']:.3f}\")"
done

echo "== Forecast: rolling-origin backtest of the Korean case (origins 2005–2017, horizon 3) against the built-in baselines (--jobs 2; accuracy, not time)"
# The bar (SPEC §11): migsim's mean MASE at most the best baseline's, 80% intervals covering 70–90%,
# interval scores (80% and 95%) lower than every baseline's. `bench/forecast_bars.py` checks each.
.build/release/migsim backtest --config models/korea/model.yaml --origins 2005,2008,2011,2014,2017 --horizon 3 \
    --jobs 2 --output "$RESULTS/backtest-korea"
python3 bench/forecast_bars.py "$RESULTS/backtest-korea/summary.csv"

echo "results (JSON) in $RESULTS/"
