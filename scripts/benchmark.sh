#!/usr/bin/env bash
# `make benchmark`: per scenario, the first converge and the rerun, and per role
# the rerun time next to the floor of as many ping tasks on the same hosts.
# A benchmark, not a test: it prints figures and judges nothing.
#   scripts/benchmark.sh [scenario ...]     default: every scenario
set -euo pipefail
cd "$(dirname "$0")/.." || exit 2
exec .venv/bin/python scripts/benchmark.py --json .cache/benchmark.json "$@"
