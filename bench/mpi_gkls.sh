#!/usr/bin/env bash
# GKLS simple 2-D functions solved by the index method in 1 process and under mpirun with 2 and 3
# processes (seed 002 §5.2, asynchronous scheme). Usage: bench/mpi_gkls.sh [migsim binary] [first] [last]
# Prints one row per (function, processes, stop rule): trials per rank, total trials, best value,
# termination and wall seconds (including mpirun's start-up).
set -euo pipefail
BIN=${1:-.build/release/migsim}
FIRST=${2:-1}
LAST=${3:-10}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "function,processes,stop,trials_per_rank,total_trials,best_value,termination,wall_s"
for f in $(seq "$FIRST" "$LAST"); do
  for p in 1 2 3; do
    for stop in known accuracy; do
      args=(optimize --builtin gkls --gkls-number "$f" --method index --reliability 4 --tolerance 0.005 --budget 20000 --output "$TMP/r.json")
      [ "$stop" = known ] && args+=(--stop-at-known)
      t0=$(date +%s.%N)
      if [ "$p" = 1 ]; then "$BIN" "${args[@]}" 2>"$TMP/err"
      else mpirun -n "$p" --oversubscribe --allow-run-as-root "$BIN" "${args[@]}" 2>"$TMP/err"; fi
      t1=$(date +%s.%N)
      python3 - "$TMP/r.json" "$TMP/err" "$f" "$p" "$stop" "$t0" "$t1" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1])); err = open(sys.argv[2]).read()
m = re.search(r"trials per rank \[([0-9, ]*)\]", err)
per = m.group(1).replace(", ", " ") if m else str(r["trials"])
print(f'{sys.argv[3]},{sys.argv[4]},{sys.argv[5]},{per},{r["trials"]},{float(r["bestValue"]):.6f},{r["termination"]},{float(sys.argv[7]) - float(sys.argv[6]):.2f}')
PY
    done
  done
done
