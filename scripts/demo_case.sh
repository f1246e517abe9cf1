#!/usr/bin/env bash
# The pipeline on a case other than the bundled Korean one (run by `make demo CASE=<name>` through
# scripts/demo.sh): derive the case from the data folder, distances, simulate, fit, forecast, backtest,
# explain, report.
# Usage: scripts/demo_case.sh <path-to-migsim-binary> <output-folder> <case-name>
# The case folder models/<case-name> holds model.yaml and what migsim derives; the raw files stay in
# the data folder (../shared/data, or MIGSIM_DATA).
set -euo pipefail
MIGSIM=${1:-.build/release/migsim}
OUT=${2:-out}
NAME=${3:?case name}
CASE=models/$NAME
DATA=${MIGSIM_DATA:-../shared/data}
[ -f "$CASE/model.yaml" ] || { echo "no case folder $CASE with a model.yaml" >&2; exit 1; }
O="$OUT/$NAME"
mkdir -p "$O"
step() { printf '\n\033[1m[%s] %s\033[0m\n' "$1" "$2"; }

step 1/8 "data: derive the case from the raw files of the data folder"
case "$NAME" in
  us-states)
    DATACMD=(data import --flows "$DATA/us-states/flows.csv" --population "$DATA/us-states/population.csv"
             --population-date mid-year --denominator mid --exclude "Puerto Rico"
             --geocode USA --aliases "$CASE/worldpop_aliases.csv" --economy "$DATA/us-states/economy.csv" --output "$O") ;;
  *) DATACMD=() ;;
esac
if [ ${#DATACMD[@]} -gt 0 ] && [ -d "$DATA" ]; then
  "$MIGSIM" "${DATACMD[@]}"
  for f in settlements.csv balance_yearly.csv features.csv; do
    cmp -s "$O/$f" "$CASE/$f" && echo "$f: identical to $CASE/$f" || echo "$f: differs from $CASE/$f"
  done
else
  echo "skipped: no derivation for $NAME or data folder $DATA not found (set MIGSIM_DATA); the committed files of $CASE are used"
fi

BALANCE="$CASE/balance_yearly.csv"
step 2/8 "distances: WGS84 geodesic distances between the region centroids"
"$MIGSIM" distances "$CASE/settlements.csv" --metric wgs84 --neighbours 3 --output "$O/neighbours.csv"

step 3/8 "simulate: integrate the model from the observed first period (free model, f = 0)"
"$MIGSIM" simulate --config "$CASE/model.yaml" --output "$O/simulated.csv"

step 4/8 "fit: physics-informed fit of the force and the parameters (holdout: the last 3 years)"
if [ -f "$CASE/fit.json" ] && [ "${MIGSIM_REFIT:-0}" != 1 ]; then
  "$MIGSIM" fit --config "$CASE/model.yaml" --balance "$BALANCE" --from "$CASE/fit.json" --output "$O/fit"
else
  "$MIGSIM" fit --config "$CASE/model.yaml" --balance "$BALANCE" --output "$O/fit"
fi

step 5/8 "forecast: 3 years from the last observed one, with 80% and 95% intervals"
"$MIGSIM" forecast --fit "$O/fit/fit.json" --config "$CASE/model.yaml" --horizon 3 --output "$O/forecast"

# Rolling origins: the last four periods that leave 3 observed years after them.
ORIGINS=$(tail -n +2 "$BALANCE" | cut -d, -f2 | sort -u | head -n -3 | tail -n 4 | paste -sd, -)
step 6/8 "backtest: fit at origins $ORIGINS, forecast 3 years, against six baselines"
"$MIGSIM" backtest --config "$CASE/model.yaml" --origins "$ORIGINS" --horizon 3 --jobs 2 --output "$O/backtest"
cat "$O/backtest/summary.csv"

step 7/8 "explain: regression of the fitted force on the features"
"$MIGSIM" explain --fit "$O/fit/fit.json" --features "$CASE/features.csv" --output "$O/explain"

step 8/8 "report"
cat > "$O/commands.txt" <<COMMANDS
data: migsim ${DATACMD[*]:-}
simulate: migsim simulate --config $CASE/model.yaml --output $O/simulated.csv
fit: migsim fit --config $CASE/model.yaml --balance $BALANCE --output $O/fit
forecast: migsim forecast --fit $O/fit/fit.json --config $CASE/model.yaml --horizon 3 --output $O/forecast
backtest: migsim backtest --config $CASE/model.yaml --origins $ORIGINS --horizon 3 --jobs 2 --output $O/backtest
explain: migsim explain --fit $O/fit/fit.json --features $CASE/features.csv --output $O/explain
COMMANDS
"$MIGSIM" report --input "$O" --title "migsim demo — $NAME" > /dev/null
echo
echo "report: $O/report.html (notebook: $O/report.ipynb)"
