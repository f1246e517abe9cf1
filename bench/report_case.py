#!/usr/bin/env python3
"""A synthetic pipeline-output folder of n settlements for `migsim report` at scale (issue 18, item 6).

Seeded random places in a US-sized box with log-normal populations, 24 yearly balances, a fit
(series, metrics, holdout, a force curve on a 1/20-year grid), Shapley values of five features
over 23 periods, a scenario that changes every region, and 20 flows per origin: what `migsim fit`,
`explain`, `scenario` and `balance` leave for a country's municipalities.

    python3 bench/report_case.py --n 3100 --seed 7 --output DIR
"""
import argparse, math, os, random

p = argparse.ArgumentParser()
p.add_argument("--n", type=int, required=True)
p.add_argument("--seed", type=int, default=7)
p.add_argument("--output", required=True)
a = p.parse_args()
rng = random.Random(a.seed)
n, out = a.n, a.output
years = list(range(1997, 2021))
features = ["gdp", "unemployment", "density", "wage", "rent"]
for sub in ("fit", "explain", "scenario"):
    os.makedirs(os.path.join(out, sub), exist_ok=True)
ids = [f"S{i:04d}" for i in range(n)]


def table(name, header, rows):
    with open(os.path.join(out, name), "w") as f:
        f.write(header + "\n")
        for r in rows:
            f.write(r + "\n")


table("settlements.csv", "id,name,lat,lon,population",
      (f"{s},Place {i},{30 + 18 * rng.random():.4f},{-120 + 50 * rng.random():.4f},{int(math.exp(rng.gauss(10, 1.2)))}"
       for i, s in enumerate(ids)))
balance = {s: [rng.gauss(0, 5) for _ in years] for s in ids}
table("balance_yearly.csv", "id,period,value", (f"{s},{y},{v:.3f}" for s in ids for y, v in zip(years, balance[s])))
table("simulated.csv", "id,time,balance,velocity", (f"{s},{y},{0.9 * v:.3f},0.1" for s in ids for y, v in zip(years, balance[s])))
table("fit/series.csv", "id,period,time,observed,network,integrated,split",
      (f"{s},{y},{y},{v:.3f},{0.95 * v:.3f},{0.9 * v:.3f},{'train' if k < 21 else 'holdout'}"
       for s in ids for k, (y, v) in enumerate(zip(years, balance[s]))))
table("fit/metrics.csv", "id,r2,rmse,theil_u",
      [f"{s},{rng.random():.3f},{3 * rng.random():.3f},{0.5 * rng.random():.3f}" for s in ids] + ["ALL,0.5,2,0.3"])
table("fit/holdout.csv", "id,method,mae,rmse,mase",
      (f"{s},{m},{rng.random():.3f},{rng.random():.3f},{2 * rng.random():.3f}" for s in ids + ["ALL"] for m in ("pinn", "persistence", "trend")))
table("fit/force_curve.csv", "id,time,force,residual",
      (f"{s},{1997 + k / 20:.3f},{math.sin(1997 + k / 20 + i % 7):.4f},0.01" for i, s in enumerate(ids) for k in range(23 * 20 + 1)))
table("fit/parameters.csv", "name,value,learned", ["alpha,0.5,true", "gamma,1.5,true"])


def shapley_rows():
    for s in ids:
        for y in years[1:]:
            v = [rng.gauss(0, 1) for _ in features]
            yield f"{s},{y},{sum(v):.4f},0,0," + ",".join(f"{x:.4f}" for x in v)


table("explain/shapley_values.csv", "id,period,prediction,base_value,efficiency_gap," + ",".join(features), shapley_rows())
table("explain/target.csv", "id,period,force,fitted," + ",".join(features),
      (f"{s},{y},{rng.gauss(0, 1):.4f},{rng.gauss(0, 1):.4f}," + ",".join(f"{100 * rng.random():.3f}" for _ in features)
       for s in ids for y in years[1:]))
table("explain/shapley_importance.csv", "feature,mean_abs_shap", (f"{x},{rng.random():.3f}" for x in features))
table("scenario/scenario.csv", "id,time,baseline,scenario,difference,force_change,baseline_persons,scenario_persons,persons_difference",
      (f"{s},{t},0.1,0.2,0.1,0.01,10,20,10" for s in ids for t in (2021, 2022, 2023)))
table("scenario/scenario_summary.csv", "id,mean_difference,final_difference,persons_difference",
      (f"{s},{rng.gauss(0, 1):.3f},{rng.gauss(0, 1):.3f},{int(rng.gauss(0, 100))}" for s in ids))
table("flows.csv", "origin,destination,period,migrants",
      (f"{s},{d},2019,{rng.randint(1, 500)}" for s in ids for d in rng.sample(ids, 20) if d != s))
