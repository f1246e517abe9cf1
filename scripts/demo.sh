#!/usr/bin/env bash
# The whole migsim pipeline on the bundled Korean case (run by `make demo`).
# Usage: scripts/demo.sh <path-to-migsim-binary> <output-folder>
set -euo pipefail
MIGSIM=${1:-.build/release/migsim}
OUT=${2:-out}
CASE=models/korea
mkdir -p "$OUT/korea"
step() { printf '\n\033[1m[%s] %s\033[0m\n' "$1" "$2"; }

step 1/6 "data: derive net-migration balances from the raw KOSIS flows"
"$MIGSIM" data korea --input "$CASE" --output "$OUT/korea"

step 2/6 "distances: WGS84 geodesic distances between the region centroids"
"$MIGSIM" distances "$CASE/settlements.csv" --metric wgs84 --output "$OUT/korea/distances.csv"
"$MIGSIM" distances "$CASE/settlements.csv" --metric wgs84 --neighbours 3 --output "$OUT/korea/neighbours.csv"

step 3/6 "simulate: integrate the Lagrangian model from the observed 1997-Q1 state (free model, f = 0)"
"$MIGSIM" simulate --config "$CASE/model.yaml" --output "$OUT/korea/simulated.csv"

step 4/6 "balance: update the 2019 flow matrix to the 2020 departures and arrivals (RAS; margins include moves inside regions)"
awk -F, 'NR > 1 && $3 ~ /^2020-/ { dep[$1] += $4; arr[$2] += $4 }
         END { print "region,departures,arrivals"; for (r in dep) print r "," dep[r] "," arr[r] }' \
    "$CASE/flows_quarterly.csv" > "$OUT/korea/margins_2020.csv"
"$MIGSIM" balance --method ras --flows "$CASE/flows_quarterly.csv" --period 2019 \
    --margins "$OUT/korea/margins_2020.csv" --output "$OUT/korea/flows_2019_balanced_to_2020.csv" \
    --summary "$OUT/korea/balance_summary.txt" --statistics "$OUT/korea/flow_statistics"
sed -n '1,12p' "$OUT/korea/balance_summary.txt"

step 5/6 "optimize: the monograph's Weber problem (Volga district, negative weights) by pattern search"
"$MIGSIM" optimize --builtin weber --method ps-gps2n --seed 1 --budget 5000 \
    --output "$OUT/korea/weber_result.json" --trace "$OUT/korea/weber_trace.csv"
head -n 9 "$OUT/korea/weber_result.json"

step 6/6 "later stages"
for stage in fit explain scenario identify report; do
  if "$MIGSIM" --help | grep -qE "^  $stage "; then echo "available: migsim $stage"; else echo "not built yet: migsim $stage"; fi
done

echo
echo "demo outputs are in $OUT/korea/"
ls -1 "$OUT/korea"

step report "report: HTML report and Jupyter notebook of whatever the stages above wrote"
# The commands shown with each result (stages that did not run are simply absent from the report).
cat > "$OUT/korea/commands.txt" <<COMMANDS
data: migsim data korea --input $CASE --output $OUT/korea
simulate: migsim simulate --config $CASE/model.yaml --output $OUT/korea/simulated.csv
balance: migsim balance --method ras --flows $CASE/flows_quarterly.csv --period 2019 --margins $OUT/korea/margins_2020.csv --output $OUT/korea/flows_2019_balanced_to_2020.csv --summary $OUT/korea/balance_summary.txt --statistics $OUT/korea/flow_statistics
COMMANDS
FLOWS=()
[ -f "$OUT/korea/flows_2019_balanced_to_2020.csv" ] && FLOWS=(--flows "$OUT/korea/flows_2019_balanced_to_2020.csv")
"$MIGSIM" report --input "$OUT/korea" --title "migsim demo — South Korea, 16 regions" "${FLOWS[@]}" > /dev/null
echo "report: $OUT/korea/report.html (notebook: $OUT/korea/report.ipynb)"
