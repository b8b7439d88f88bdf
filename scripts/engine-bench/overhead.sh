#!/usr/bin/env bash
# Wall time under `proctutor run` vs plain `python3 -u`, side by side with hyperfine.
# Usage (from the project root): scripts/engine-bench/overhead.sh PROCTUTOR PYTHON [RUNS]
set -eu
PT=$(realpath "$1"); PY=$2; RUNS=${3:-15}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export PYTHONPATH="$here/scale"
progs=("$root/lessons/01-fork/demo.py" "$root/lessons/02-process/demo.py" "$root/lessons/03-subclass/demo.py"
       "$root/lessons/04-pool/demo.py" "$root/lessons/05-broken-pool/original.py" "$root/lessons/05-broken-pool/fixed.py"
       "$here/busy_pool.py" "$here/many_forks.py")
for p in "${progs[@]}"; do
  name=$(basename "$(dirname "$p")")/$(basename "$p")
  json=$(mktemp)
  hyperfine -N --warmup 2 --runs "$RUNS" --style none --export-json "$json" \
    -n traced "$PT run --python $PY --timeout 300 $p" -n plain "$PY -u $p" >/dev/null
  python3 - "$json" "$name" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
t, p = r["traced"], r["plain"]
print("%-28s plain %.3f ± %.3f s   traced %.3f ± %.3f s   ratio %.3f (median %.3f)" % (
    sys.argv[2], p["mean"], p["stddev"], t["mean"], t["stddev"], t["mean"] / p["mean"], t["median"] / p["median"]))
PY
  rm -f "$json"
done
