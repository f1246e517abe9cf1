#!/usr/bin/env python3
"""Checks a `migsim backtest` summary.csv against the forecasting bars of SPEC §11 and prints one
line per bar: migsim's mean MASE against the best baseline's, 80% coverage in 70–90%, and the
interval scores against every baseline's (rows migsim-* are the model and its ablations)."""
import csv
import sys

rows = {r["method"]: r for r in csv.DictReader(open(sys.argv[1]))}
model = rows["migsim"]
baselines = {m: r for m, r in rows.items() if not m.startswith("migsim")}
best = min(baselines, key=lambda m: float(baselines[m]["mase"]))
ratio = float(model["mase"]) / float(baselines[best]["mase"])
print(f"MASE migsim {float(model['mase']):.3f} / best baseline {best} {float(baselines[best]['mase']):.3f} = {ratio:.3f}: "
      + ("meets" if ratio <= 1 else "misses") + " (≤ 1; < 1 is the goal)")
c80 = float(model["coverage80"])
print(f"80% coverage {c80:.3f}: " + ("meets" if 0.7 <= c80 <= 0.9 else "misses") + " (0.70–0.90)")
for level in ("80", "95"):
    key = f"interval_score{level}"
    worse = [m for m, r in baselines.items() if float(r[key]) <= float(model[key])]
    print(f"interval score {level}%: migsim {float(model[key]):.3f}, best baseline "
          + f"{min(float(r[key]) for r in baselines.values()):.3f}: "
          + ("meets" if not worse else "misses (not lower than " + ", ".join(sorted(worse)) + ")"))
for m in sorted(rows):
    if m.startswith("migsim-"):
        print(f"ablation {m}: MASE {float(rows[m]['mase']):.3f} (migsim {float(model['mase']):.3f})")
