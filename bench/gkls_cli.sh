#!/usr/bin/env bash
# The GKLS figures through the command line with its defaults: for each of the 100 functions of a class,
# `migsim optimize --builtin gkls --gkls-class CLASS --dimension N --gkls-number K --method index
# --stop-at-known --budget BUDGET` (no other option), success = termination "target value reached"
# (a trial within 0.01·(b − a) of x* in every coordinate; with STOP_WITHIN, `--stop-within STOP_WITHIN`:
# another fraction, or `delta` for Sergeyev & Kvasov's Δ-criterion). Prints one JSON line: solved, average
# and maximum trials over the solved functions.
# Usage: bench/gkls_cli.sh CLASS N BUDGET [migsim binary] [STOP_WITHIN]
set -euo pipefail
CLASS=$1; N=$2; BUDGET=$3
BIN=${4:-.build/release/migsim}
STOP_WITHIN=${5:-0.01}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for k in $(seq 1 100); do
  "$BIN" optimize --builtin gkls --gkls-class "$CLASS" --dimension "$N" --gkls-number "$k" --method index \
    --stop-at-known --stop-within "$STOP_WITHIN" --budget "$BUDGET" --output "$TMP/$k.json"
done
python3 - "$TMP" "$CLASS" "$N" "$BUDGET" "$STOP_WITHIN" <<'PY'
import json, sys
d, cls, n, budget, box = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
runs = [json.load(open(f"{d}/{k}.json")) for k in range(1, 101)]
solved = [r["trials"] for r in runs if r["termination"] == "target value reached"]
print(json.dumps({"case": f"gkls-{cls}-{n}", "method": "migsim optimize --method index (defaults)", "max_trials": budget,
                  "stop_within": box,
                  "solved": len(solved), "average_trials": sum(solved) / len(solved) if solved else 0,
                  "max_trials_solved": max(solved, default=0),
                  "trials": [r["trials"] if r["termination"] == "target value reached" else -1 for r in runs]}))
PY
