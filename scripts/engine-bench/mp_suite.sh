#!/usr/bin/env bash
# Runs CPython's multiprocessing suite per start method with and without proctutor's tracer (one after the
# other, never in parallel) and prints tests run, result line and wall time. Usage (from the project root):
#   scripts/engine-bench/mp_suite.sh PROCTUTOR PYTHON [METHOD…]
set -u
PT=$(realpath "$1"); PY=$2; shift 2
methods=${*:-fork spawn forkserver}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
for m in $methods; do
  s=$(date +%s.%N)
  (cd "$out" && timeout 3600 "$PY" -u "$here/mp_suite.py" "$m" >"$out/plain-$m.log" 2>&1)
  e=$(date +%s.%N); plain=$(echo "$e - $s" | bc)
  s=$(date +%s.%N)
  (cd "$out" && "$PT" run --plain --timeout 3600 --python "$PY" "$here/mp_suite.py" -- "$m" >"$out/traced-$m.log" 2>&1)
  e=$(date +%s.%N); traced=$(echo "$e - $s" | bc)
  pr=$(grep -a -E "^Ran [0-9]+ tests" "$out/plain-$m.log" | tail -1)
  pres=$(grep -a -E "^(OK|FAILED)" "$out/plain-$m.log" | tail -1)
  tr=$(grep -a -oE "Ran [0-9]+ tests in [0-9.]+s" "$out/traced-$m.log" | tail -1)
  tres=$(grep -a -oE "  (OK|FAILED).*$" "$out/traced-$m.log" | tail -1)
  printf '%s\tplain:  %s | %s | wall %.1f s\n' "$m" "$pr" "$pres" "$plain"
  printf '%s\ttraced: %s | %s | wall %.1f s | ratio %.3f\n' "$m" "$tr" "$tres" "$traced" "$(echo "$traced / $plain" | bc -l)"
done
echo "logs: $out"
