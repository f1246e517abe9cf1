#!/usr/bin/env bash
# The whole migsim pipeline on the bundled Korean case (run by `make demo`).
# Usage: scripts/demo.sh <path-to-migsim-binary> <output-folder>
set -euo pipefail
MIGSIM=${1:-.build/release/migsim}
OUT=${2:-out}
CASE=models/korea
mkdir -p "$OUT/korea"
step() { printf '\n\033[1m[%s] %s\033[0m\n' "$1" "$2"; }

step 1/5 "data: derive net-migration balances from the raw KOSIS flows"
"$MIGSIM" data korea --input "$CASE" --output "$OUT/korea"

step 2/5 "distances: WGS84 geodesic distances between the region centroids"
"$MIGSIM" distances "$CASE/settlements.csv" --metric wgs84 --output "$OUT/korea/distances.csv"
"$MIGSIM" distances "$CASE/settlements.csv" --metric wgs84 --neighbours 3 --output "$OUT/korea/neighbours.csv"

step 3/5 "simulate: integrate the Lagrangian model from the observed 2015 state"
"$MIGSIM" simulate --config "$CASE/model.yaml" --output "$OUT/korea/simulated.csv"

step 4/5 "balance: age-split / balanced flow matrix (FlowBalancing)"
if "$MIGSIM" help balance >/dev/null 2>&1; then
  "$MIGSIM" balance --help | head -n 5
else
  echo "not built yet: migsim balance"
fi

step 5/5 "later stages"
for stage in fit explain scenario identify report; do
  if "$MIGSIM" help "$stage" >/dev/null 2>&1; then echo "available: migsim $stage"; else echo "not built yet: migsim $stage"; fi
done

echo
echo "demo outputs are in $OUT/korea/"
ls -1 "$OUT/korea"
