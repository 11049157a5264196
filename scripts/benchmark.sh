#!/usr/bin/env bash
# Prints how long a scenario's converge takes on fresh hosts and again on
# converged hosts (the rerun every stage must keep cheap). A benchmark, not a
# test: it prints figures and judges nothing.
#   scripts/benchmark.sh [scenario ...]     default: every scenario
set -euo pipefail
cd "$(dirname "$0")/.." || exit 2
export PATH=$PWD/.venv/bin:$PATH

scenarios=("$@")
if [[ ${#scenarios[@]} -eq 0 ]]; then
    mapfile -t scenarios < <(find molecule -mindepth 2 -maxdepth 2 -name molecule.yml -printf '%h\n' | xargs -n1 basename | sort)
fi

timed() {
    local start=$SECONDS
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
    echo $((SECONDS - start))
}

printf '%-12s %10s %10s %8s\n' scenario "first (s)" "rerun (s)" "rerun %"
for scenario in "${scenarios[@]}"; do
    molecule destroy -s "$scenario" >/dev/null 2>&1 || true
    molecule create -s "$scenario" >/dev/null 2>&1
    molecule prepare -s "$scenario" >/dev/null 2>&1
    first=$(timed molecule converge -s "$scenario")
    rerun=$(timed molecule converge -s "$scenario")
    printf '%-12s %10d %10d %7d%%\n' "$scenario" "$first" "$rerun" $((rerun * 100 / (first > 0 ? first : 1)))
    molecule destroy -s "$scenario" >/dev/null 2>&1
done
