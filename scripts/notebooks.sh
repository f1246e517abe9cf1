#!/usr/bin/env bash
# Regenerates notebooks-export/ (run by `make notebooks`): the pipeline stages the report shows,
# on the bundled Korean case, then `migsim report`. The export is stamped with the hash of its
# inputs (scripts/validate_notebooks.py --stamp), which `make test` compares to detect staleness.
# Usage: scripts/notebooks.sh <path-to-migsim-binary> [work-folder]
set -euo pipefail
cd "$(dirname "$0")/.."
MIGSIM=${1:-.build/release/migsim}
WORK=${2:-out/notebooks}
CASE=models/korea
DATA=${MIGSIM_DATA:-../shared/data}   # the public raw data (KOSIS flows, …), never copied into the repository
YEARLY="$CASE/balance_yearly.csv"   # the fit, explanation, scenario and identification are yearly
K="$WORK/korea"
EXPORT=notebooks-export
# Identification budget per run (trials of the index method): modest, a few minutes on 2 cores.
BUDGET=${NOTEBOOK_IDENTIFY_BUDGET:-200}
rm -rf "$K" && mkdir -p "$K" "$EXPORT"

run() { printf '\033[1m$ %s\033[0m\n' "$*"; "$@"; }

# The same stages as scripts/demo.sh (the fit rescores the committed artifact models/korea/fit.json).
run "$MIGSIM" data korea --input "$DATA/korea" --mapping "$CASE/region_mapping.csv" --output "$K"
run "$MIGSIM" simulate --config "$CASE/model.yaml" --output "$K/simulated.csv"
run "$MIGSIM" fit --config "$CASE/model.yaml" --balance "$YEARLY" --from "$CASE/fit.json" --output "$K/fit"
FIT="$K/fit/fit.json"
run "$MIGSIM" forecast --fit "$FIT" --config "$CASE/model.yaml" --horizon 3 --output "$K/forecast"
cp -r "$CASE/backtest" "$K/backtest"   # the committed rolling-origin backtest (its command is in commands.txt)
run "$MIGSIM" explain --fit "$FIT" --features "$CASE/features.csv" --output "$K/explain"
run "$MIGSIM" scenario --fit "$FIT" --config "$CASE/model.yaml" --balance "$YEARLY" \
    --scenario "$CASE/scenarios/seoul_gdp_plus10.yaml" --output "$K/scenario"
run "$MIGSIM" identify --config "$CASE/model.yaml" --balance "$YEARLY" --force zero --budget "$BUDGET" --output "$K/identify_zero"
run "$MIGSIM" identify --config "$CASE/model.yaml" --balance "$YEARLY" --force "$FIT" --budget "$BUDGET" --output "$K/identify_fit"
{ echo "region,departures,arrivals"
  awk -F, 'NR > 1 && $3 ~ /^2020-/ { dep[$1] += $4; arr[$2] += $4 }
           END { for (r in dep) print r "," dep[r] "," arr[r] }' "$DATA/korea/flows_quarterly.csv" | LC_ALL=C sort
} > "$K/margins_2020.csv"
run "$MIGSIM" balance --method ras --flows "$DATA/korea/flows_quarterly.csv" --period 2019 --margins "$K/margins_2020.csv" \
    --output "$K/flows_2019_balanced_to_2020.csv" --summary "$K/balance_summary.txt" --statistics "$K/flow_statistics"

# The commands as the notebook shows them (paths relative to the repository root).
cat > "$K/commands.txt" <<COMMANDS
data: migsim data korea --input $DATA/korea --mapping $CASE/region_mapping.csv --output $K
simulate: migsim simulate --config $CASE/model.yaml --output $K/simulated.csv
fit: migsim fit --config $CASE/model.yaml --balance $YEARLY --from $CASE/fit.json --output $K/fit
forecast: migsim forecast --fit $FIT --config $CASE/model.yaml --horizon 3 --output $K/forecast
backtest: migsim backtest --config $CASE/model.yaml --origins 2005,2008,2011,2014,2017 --horizon 3 --jobs 2 --output $CASE/backtest
explain: migsim explain --fit $FIT --features $CASE/features.csv --output $K/explain
scenario: migsim scenario --fit $FIT --config $CASE/model.yaml --balance $YEARLY --scenario $CASE/scenarios/seoul_gdp_plus10.yaml --output $K/scenario
identify_zero: migsim identify --config $CASE/model.yaml --balance $YEARLY --force zero --budget $BUDGET --output $K/identify_zero
identify: migsim identify --config $CASE/model.yaml --balance $YEARLY --force $FIT --budget $BUDGET --output $K/identify_fit
balance: migsim balance --method ras --flows $DATA/korea/flows_quarterly.csv --period 2019 --margins $K/margins_2020.csv --output $K/flows_2019_balanced_to_2020.csv --summary $K/balance_summary.txt --statistics $K/flow_statistics
COMMANDS

STAMP=$(python3 scripts/validate_notebooks.py --stamp)
run "$MIGSIM" report --input "$K" --output "$EXPORT" --name korea --title "migsim — South Korea, 16 regions, 1997–2020" \
    --flows "$K/flows_2019_balanced_to_2020.csv" --stamp "$STAMP"
