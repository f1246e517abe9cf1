#!/usr/bin/env bash
# libFuzzer over the input parsers: builds the targets of Fuzz/Targets with clang's libFuzzer and
# AddressSanitizer (swiftc -sanitize=fuzzer,address) into .build/libfuzzer, then runs each for
# SECONDS (default 600) over its committed corpus in Fuzz/corpus/<target> (with the dictionary
# Fuzz/<target>.dict when there is one: json); new corpus entries go
# to .build/libfuzzer/corpus/<target> (copy the ones worth keeping into Fuzz/corpus).
#
#   bash scripts/libfuzzer.sh [SECONDS] [TARGET…]      targets: formula csv yaml json (default: all)
#
# The targets are compiled from the sources they test (no SwiftPM product, so `swift build` never
# links a main-less executable): Formula from Sources/GlobalOptimization/Formula, the CSV reader
# from Sources/DataIO/CSVTable.swift over the CSV.swift checkout, YAML input from
# Sources/DataIO/YAMLNodes.swift over the Yams checkout (libyaml included), the JSON artifacts from
# Sources/DataIO/JSONArtifact.swift with the modules of the fitted and identified models
# (LinearAlgebra … PhysicsInformed, GlobalOptimization, Identification; each a static library in
# .build/libfuzzer/json-modules, linked with OpenBLAS and LAPACKE). Run `swift build` once
# first so that .build/checkouts exists. A crash leaves crash-<sha1> in the current folder, and the
# script exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN_SECONDS=${1:-600}
shift || true
TARGETS=${*:-formula csv yaml json}
OUT=.build/libfuzzer
CHECKOUTS=.build/checkouts
SAN=(-sanitize=fuzzer,address -O -g)
mkdir -p "$OUT"

build_formula() {
  swiftc "${SAN[@]}" -parse-as-library -module-name FormulaFuzz \
    Sources/GlobalOptimization/Formula/*.swift Fuzz/Targets/FormulaTarget.swift -o "$OUT/formula"
}

build_csv() {
  swiftc -sanitize=fuzzer,address -O -g -parse-as-library -emit-library -static -emit-module -module-name CSV \
    -emit-module-path "$OUT/CSV.swiftmodule" $CHECKOUTS/CSV.swift/Sources/CSV/*.swift -o "$OUT/libCSV.a"
  swiftc "${SAN[@]}" -parse-as-library -module-name CSVFuzz -I "$OUT" \
    Sources/DataIO/CSVTable.swift Sources/DataIO/CSVProblem.swift Sources/DataIO/DataError.swift Sources/DataIO/Period.swift \
    Fuzz/Targets/CSVTarget.swift "$OUT/libCSV.a" -o "$OUT/csv"
}

build_yaml() {
  local cyaml=$CHECKOUTS/Yams/Sources/CYaml
  mkdir -p "$OUT/cyaml"
  for c in "$cyaml"/src/*.c; do
    clang -c -O1 -g -fsanitize=fuzzer-no-link,address -I "$cyaml/include" -I "$cyaml/src" \
      -DYAML_VERSION_MAJOR=0 -DYAML_VERSION_MINOR=2 -DYAML_VERSION_PATCH=5 -DYAML_VERSION_STRING='"0.2.5"' \
      "$c" -o "$OUT/cyaml/$(basename "$c" .c).o"
  done
  rm -f "$OUT/libCYaml.a"; ar rcs "$OUT/libCYaml.a" "$OUT"/cyaml/*.o
  swiftc -sanitize=fuzzer,address -O -g -parse-as-library -emit-library -static -emit-module -module-name Yams -DSWIFT_PACKAGE \
    -emit-module-path "$OUT/Yams.swiftmodule" -Xcc -fmodule-map-file="$cyaml/include/module.modulemap" -I "$cyaml/include" \
    $CHECKOUTS/Yams/Sources/Yams/*.swift -o "$OUT/libYams.a"
  swiftc "${SAN[@]}" -parse-as-library -module-name YAMLFuzz -I "$OUT" \
    -Xcc -fmodule-map-file="$cyaml/include/module.modulemap" -I "$cyaml/include" \
    Sources/DataIO/YAMLNodes.swift Sources/DataIO/DataError.swift Fuzz/Targets/YAMLTarget.swift \
    "$OUT/libYams.a" "$OUT/libCYaml.a" -o "$OUT/yaml"
}

# A static library of one module, compiled with the sanitizers: lib_module NAME FILES…
lib_module() {
  local name=$1; shift
  swiftc -sanitize=fuzzer,address -O -g -parse-as-library -emit-library -static -emit-module -module-name "$name" \
    -emit-module-path "$OUT/json-modules/$name.swiftmodule" -I "$OUT/json-modules" \
    -Xcc -fmodule-map-file=Sources/CLinearAlgebra/module.modulemap -I Sources/CLinearAlgebra \
    "$@" -o "$OUT/json-modules/lib$name.a"
}

build_json() {
  mkdir -p "$OUT/json-modules"
  lib_module LinearAlgebra Sources/LinearAlgebra/*.swift
  lib_module Geodesy Sources/Geodesy/*.swift
  lib_module ODE Sources/ODE/*.swift
  lib_module MigrationModel Sources/MigrationModel/*.swift
  lib_module Autodiff Sources/Autodiff/*.swift
  lib_module PhysicsInformed Sources/PhysicsInformed/*.swift
  lib_module GlobalOptimization $(find Sources/GlobalOptimization -name '*.swift' | sort)
  lib_module Identification Sources/Identification/*.swift
  # DataIO's artifact reader alone (the module name its users import).
  lib_module DataIO Sources/DataIO/JSONArtifact.swift Sources/DataIO/DataError.swift Sources/DataIO/AtomicFile.swift
  swiftc "${SAN[@]}" -parse-as-library -module-name JSONFuzz -I "$OUT/json-modules" \
    -Xcc -fmodule-map-file=Sources/CLinearAlgebra/module.modulemap -I Sources/CLinearAlgebra \
    Sources/Pipeline/Identify/IdentifiedModel.swift Sources/Pipeline/Identify/IdentifyCheckpoint.swift \
    Sources/Pipeline/PipelineError.swift Fuzz/Targets/JSONTarget.swift \
    "$OUT"/json-modules/libIdentification.a "$OUT"/json-modules/libGlobalOptimization.a "$OUT"/json-modules/libPhysicsInformed.a \
    "$OUT"/json-modules/libAutodiff.a "$OUT"/json-modules/libMigrationModel.a "$OUT"/json-modules/libODE.a "$OUT"/json-modules/libGeodesy.a \
    "$OUT"/json-modules/libLinearAlgebra.a "$OUT"/json-modules/libDataIO.a -lopenblas -llapacke -o "$OUT/json"
}

status=0
for t in $TARGETS; do
  echo "== $t: building"
  "build_$t" 2> >(grep -v "Cannot export local symbol" >&2)
  mkdir -p "$OUT/corpus/$t"
  echo "== $t: fuzzing for $RUN_SECONDS s (corpus Fuzz/corpus/$t)"
  start=$(date +%s)
  dict=(); [ -f "Fuzz/$t.dict" ] && dict=(-dict="Fuzz/$t.dict")   # a libFuzzer dictionary of the target's tokens
  if ASAN_OPTIONS=detect_leaks=0 "$OUT/$t" -max_total_time="$RUN_SECONDS" -rss_limit_mb=2048 -timeout=10 \
       -max_len=65536 "${dict[@]}" "$OUT/corpus/$t" "Fuzz/corpus/$t" 2> "$OUT/$t.log"; then
    echo "== $t: no crash in $(( $(date +%s) - start )) s; $(grep -E '^#[0-9]+' "$OUT/$t.log" | tail -1)"
  else
    status=1
    echo "== $t: FAILED after $(( $(date +%s) - start )) s; see $OUT/$t.log"; tail -30 "$OUT/$t.log"
  fi
done
exit $status
