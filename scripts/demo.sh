#!/usr/bin/env bash
# The whole migsim pipeline on the bundled Korean case (run by `make demo`).
# Usage: scripts/demo.sh <path-to-migsim-binary> <output-folder>
# MIGSIM_REFIT=1 fits the physics-informed model again (a few minutes) instead of rescoring the
# committed artifact models/korea/fit.json.
set -euo pipefail
MIGSIM=${1:-.build/release/migsim}
OUT=${2:-out}
# `make demo CASE=us-states` (or any models/<case> with a model.yaml) runs scripts/demo_case.sh instead.
if [ "${CASE:-korea}" != korea ]; then exec bash "$(dirname "$0")/demo_case.sh" "$MIGSIM" "$OUT" "$CASE"; fi
CASE=models/korea
# The public raw data (KOSIS flows, population, …) stay in the data folder, never in the repository.
DATA=${MIGSIM_DATA:-../shared/data}
YEARLY="$CASE/balance_yearly.csv"   # the fit, explanation, scenario and identification are yearly
mkdir -p "$OUT/korea"
step() { printf '\n\033[1m[%s] %s\033[0m\n' "$1" "$2"; }

step 1/10 "data: derive net-migration balances from the raw KOSIS flows"
if [ -d "$DATA/korea" ]; then
  "$MIGSIM" data korea --input "$DATA/korea" --mapping "$CASE/region_mapping.csv" --output "$OUT/korea"
else
  echo "skipped: data folder $DATA not found (set MIGSIM_DATA); the derived files of $CASE are used as committed"
fi

step 2/10 "distances: WGS84 geodesic distances between the region centroids"
"$MIGSIM" distances "$CASE/settlements.csv" --metric wgs84 --output "$OUT/korea/distances.csv"
"$MIGSIM" distances "$CASE/settlements.csv" --metric wgs84 --neighbours 3 --output "$OUT/korea/neighbours.csv"

step 3/10 "simulate: integrate the Lagrangian model from the observed 1997-Q1 state (free model, f = 0)"
"$MIGSIM" simulate --config "$CASE/model.yaml" --output "$OUT/korea/simulated.csv"

if [ "${MIGSIM_REFIT:-0}" = 1 ]; then
  step 4/10 "fit: physics-informed fit of the force and the parameters to the yearly balances 1997–2017 (holdout 2018–2020)"
  "$MIGSIM" fit --config "$CASE/model.yaml" --balance "$YEARLY" --output "$OUT/korea/fit"
else
  step 4/10 "fit: rescore the committed fitted artifact $CASE/fit.json (MIGSIM_REFIT=1 fits again)"
  "$MIGSIM" fit --config "$CASE/model.yaml" --balance "$YEARLY" --from "$CASE/fit.json" --output "$OUT/korea/fit"
fi
FIT="$OUT/korea/fit/fit.json"

step 4b/10 "forecast: 2021–2023 from the last observed year, with 80% and 95% intervals and persons"
"$MIGSIM" forecast --fit "$FIT" --config "$CASE/model.yaml" --horizon 3 --output "$OUT/korea/forecast"
grep -E '^(id|Seoul|Gyeonggi-do),' "$OUT/korea/forecast/forecast.csv"

BACKTEST="migsim backtest --config $CASE/model.yaml --origins 2005,2008,2011,2014,2017 --horizon 3 --jobs 2 --output $CASE/backtest"
if [ "${MIGSIM_REFIT:-0}" = 1 ]; then
  step 4c/10 "backtest: fit at origins 2005–2017, forecast 3 years, against six baselines (a few minutes)"
  "$MIGSIM" backtest --config "$CASE/model.yaml" --origins 2005,2008,2011,2014,2017 --horizon 3 --jobs 2 --output "$OUT/korea/backtest"
else
  step 4c/10 "backtest: the committed rolling-origin backtest $CASE/backtest (MIGSIM_REFIT=1 runs it again: $BACKTEST)"
  rm -rf "$OUT/korea/backtest"; cp -r "$CASE/backtest" "$OUT/korea/backtest"
fi
cat "$OUT/korea/backtest/summary.csv"

step 5/10 "explain: regression of the fitted force on the economic features, 200 splits, permutation test, Shapley values"
"$MIGSIM" explain --fit "$FIT" --features "$CASE/features.csv" --output "$OUT/korea/explain"
cat "$OUT/korea/explain/coefficients.csv"

step 6/10 "scenario: Seoul's GDP per capita ×1.10 from 2018"
"$MIGSIM" scenario --fit "$FIT" --config "$CASE/model.yaml" --balance "$YEARLY" \
    --scenario "$CASE/scenarios/seoul_gdp_plus10.yaml" --output "$OUT/korea/scenario"
grep -E '^(id|Seoul|Gyeonggi-do|Incheon),' "$OUT/korea/scenario/scenario_summary.csv"

step 7/10 "identify: alpha, gamma, beta, delta, c by the index method on Theil's U (free model, then under the fitted force)"
"$MIGSIM" identify --config "$CASE/model.yaml" --balance "$YEARLY" --force zero --budget 500 --output "$OUT/korea/identify_zero"
"$MIGSIM" identify --config "$CASE/model.yaml" --balance "$YEARLY" --force "$FIT" --budget 2000 --output "$OUT/korea/identify_fit"
sed -n '1,12p' "$OUT/korea/identify_fit/parameters.csv"

step 8/10 "balance: update the 2019 flow matrix to the 2020 departures and arrivals (RAS; margins include moves inside regions)"
FLOWS="$DATA/korea/flows_quarterly.csv"
if [ -f "$FLOWS" ]; then
awk -F, 'NR > 1 && $3 ~ /^2020-/ { dep[$1] += $4; arr[$2] += $4 }
         END { print "region,departures,arrivals"; for (r in dep) print r "," dep[r] "," arr[r] }' \
    "$FLOWS" > "$OUT/korea/margins_2020.csv"
"$MIGSIM" balance --method ras --flows "$FLOWS" --period 2019 \
    --margins "$OUT/korea/margins_2020.csv" --output "$OUT/korea/flows_2019_balanced_to_2020.csv" \
    --summary "$OUT/korea/balance_summary.txt" --statistics "$OUT/korea/flow_statistics"
sed -n '1,12p' "$OUT/korea/balance_summary.txt"
else
  echo "skipped: $FLOWS not found (set MIGSIM_DATA to the data folder)"
fi

step 9/10 "optimize: the monograph's Weber problem (Volga district, negative weights) by pattern search"
"$MIGSIM" optimize --builtin weber --method ps-gps2n --seed 1 --budget 5000 \
    --output "$OUT/korea/weber_result.json" --trace "$OUT/korea/weber_trace.csv"
head -n 9 "$OUT/korea/weber_result.json"


step 10/10 "report: HTML report and Jupyter notebook of the stages above"
# The commands shown with each result.
FITCMD="migsim fit --config $CASE/model.yaml --balance $YEARLY --from $CASE/fit.json --output $OUT/korea/fit"
[ "${MIGSIM_REFIT:-0}" = 1 ] && FITCMD="migsim fit --config $CASE/model.yaml --balance $YEARLY --output $OUT/korea/fit"
cat > "$OUT/korea/commands.txt" <<COMMANDS
data: migsim data korea --input $DATA/korea --mapping $CASE/region_mapping.csv --output $OUT/korea
simulate: migsim simulate --config $CASE/model.yaml --output $OUT/korea/simulated.csv
fit: $FITCMD
forecast: migsim forecast --fit $FIT --config $CASE/model.yaml --horizon 3 --output $OUT/korea/forecast
backtest: $BACKTEST
explain: migsim explain --fit $FIT --features $CASE/features.csv --output $OUT/korea/explain
scenario: migsim scenario --fit $FIT --config $CASE/model.yaml --balance $YEARLY --scenario $CASE/scenarios/seoul_gdp_plus10.yaml --output $OUT/korea/scenario
identify_zero: migsim identify --config $CASE/model.yaml --balance $YEARLY --force zero --budget 500 --output $OUT/korea/identify_zero
identify: migsim identify --config $CASE/model.yaml --balance $YEARLY --force $FIT --budget 2000 --output $OUT/korea/identify_fit
balance: migsim balance --method ras --flows $DATA/korea/flows_quarterly.csv --period 2019 --margins $OUT/korea/margins_2020.csv --output $OUT/korea/flows_2019_balanced_to_2020.csv --summary $OUT/korea/balance_summary.txt --statistics $OUT/korea/flow_statistics
COMMANDS
REPORT_FLOWS=()
[ -f "$OUT/korea/flows_2019_balanced_to_2020.csv" ] && REPORT_FLOWS=(--flows "$OUT/korea/flows_2019_balanced_to_2020.csv")
"$MIGSIM" report --input "$OUT/korea" --title "migsim demo — South Korea, 16 regions" "${REPORT_FLOWS[@]}" > /dev/null
echo
echo "demo outputs are in $OUT/korea/"
echo "report: $OUT/korea/report.html (notebook: $OUT/korea/report.ipynb)"
