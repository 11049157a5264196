#!/usr/bin/env bash
# `make concert`: the platform on a local stage of containers (the Molecule
# scenario molecule/concert with the shared Debian 12 and 13 hosts), left
# running, followed by a summary. `make concert-down` removes the stage.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PWD/.venv/bin:$PATH

case "${1:-up}" in
up)
    molecule converge -s concert
    mkdir -p .cache
    molecule side-effect -s concert >.cache/concert-summary.log 2>&1 ||
        { cat .cache/concert-summary.log; exit 1; }
    echo
    cat .cache/concert-summary.txt
    ;;
down)
    molecule destroy -s concert
    ;;
*)
    echo "usage: $0 up|down" >&2
    exit 2
    ;;
esac
