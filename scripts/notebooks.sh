#!/usr/bin/env bash
# Regenerates notebooks-export/ (run by `make notebooks`): the pipeline stages the report shows,
# on the bundled Korean case, then `migsim report`. The export is stamped with the hash of its
# inputs (scripts/validate_notebooks.py --stamp), which `make test` compares to detect staleness.
# Usage: scripts/notebooks.sh <path-to-migsim-binary> [work-folder]
set -euo pipefail
cd "$(dirname "$0")/.."
MIGSIM=${1:-.build/release/migsim}
# The binary for the fit step (default: the same one; set MIGSIM_FIT to use another build).
MIGSIM_FIT=${MIGSIM_FIT:-$MIGSIM}
WORK=${2:-out/notebooks}
CASE=models/korea
K="$WORK/korea"
EXPORT=notebooks-export
# Fit budget: enough for a readable fit in a few minutes on 2 cores.
ADAM=${NOTEBOOK_ADAM_ITERATIONS:-300}
LBFGS=${NOTEBOOK_LBFGS_ITERATIONS:-100}
rm -rf "$K" && mkdir -p "$K" "$EXPORT"

run() { printf '\033[1m$ %s\033[0m\n' "$*"; "$@"; }

run "$MIGSIM" data korea --input "$CASE" --output "$K"
run "$MIGSIM" simulate --config "$CASE/model.yaml" --output "$K/simulated.csv"
{ echo "region,departures,arrivals"
  awk -F, 'NR > 1 && $3 ~ /^2020-/ { dep[$1] += $4; arr[$2] += $4 }
           END { for (r in dep) print r "," dep[r] "," arr[r] }' "$CASE/flows_quarterly.csv" | LC_ALL=C sort
} > "$K/margins_2020.csv"
run "$MIGSIM" balance --method ras --flows "$CASE/flows_quarterly.csv" --period 2019 --margins "$K/margins_2020.csv" \
    --output "$K/flows_2019_balanced_to_2020.csv" --summary "$K/balance_summary.txt" --statistics "$K/flow_statistics"
run "$MIGSIM_FIT" fit --config "$CASE/model.yaml" --output "$K/fit" --adam-iterations "$ADAM" --lbfgs-iterations "$LBFGS"

# The commands as the notebook shows them (paths relative to the repository root).
cat > "$K/commands.txt" <<COMMANDS
data: migsim data korea --input $CASE --output $K
simulate: migsim simulate --config $CASE/model.yaml --output $K/simulated.csv
balance: migsim balance --method ras --flows $CASE/flows_quarterly.csv --period 2019 --margins $K/margins_2020.csv --output $K/flows_2019_balanced_to_2020.csv --summary $K/balance_summary.txt --statistics $K/flow_statistics
fit: migsim fit --config $CASE/model.yaml --output $K/fit --adam-iterations $ADAM --lbfgs-iterations $LBFGS
COMMANDS

STAMP=$(python3 scripts/validate_notebooks.py --stamp)
run "$MIGSIM" report --input "$K" --output "$EXPORT" --name korea --title "migsim — South Korea, 16 regions, 1997–2020" \
    --flows "$K/flows_2019_balanced_to_2020.csv" --stamp "$STAMP"
