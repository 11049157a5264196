#!/usr/bin/env bash
# Everything CI runs, part by part, with the time each part took.
#   scripts/test.sh                 all parts
#   scripts/test.sh unit lint ...   only the named parts
# Parts: unit example rules plan sanity lint build molecule
set -uo pipefail

cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD
VENV=$ROOT/.venv
export PATH=$VENV/bin:$PATH
export ANSIBLE_COLLECTIONS_PATH=$ROOT/.collections
export PYTHONPATH=$ROOT/.collections
WORK=$(mktemp -d /tmp/concert-test-XXXX)
trap 'rm -rf "$WORK"' EXIT

declare -a SUMMARY=()
FAILED=0

log() { printf '\n[test] %s\n' "$*"; }

# The collection as a user would get it: the files git knows, under an
# ansible_collections/concert/mlops path (what ansible-test requires).
collection_copy() {
    local dest=$WORK/tree/ansible_collections/concert/mlops
    if [[ ! -d $dest ]]; then
        mkdir -p "$dest"
        git ls-files --cached --others --exclude-standard -z | xargs -0 tar -c | tar -x -C "$dest"
    fi
    echo "$dest"
}

part_unit() {
    python -m pytest -p no:cacheprovider tests/unit
}

# The example model project's tests (examples/model) in its own venv: the
# gate alone, training on scikit-learn's data, and the whole pipeline against
# MLflow's stores in a temporary directory.
part_example() {
    local python=$ROOT/.cache/example-venv/bin/python
    [[ -x $python ]] || { echo "the example project's venv is missing: run make setup"; return 1; }
    (cd examples/model && "$python" -m pytest -p no:cacheprovider -q)
}

# Alerting rules under promtool: the shipped rulebook with its shipped tests,
# and SLO rules generated from an example definition by the slo_rules filter.
part_rules() {
    local promtool=$ROOT/.cache/tools/bin/promtool
    [[ -x $promtool ]] || { echo "promtool is missing: run make setup"; return 1; }
    (cd roles/prometheus/files/rules/tests && "$promtool" test rules ./*.test.yml) || return 1
    mkdir -p "$WORK/slo"
    python scripts/render_slo_rules.py tests/rules/slo-example.yml >"$WORK/slo/slo-example.rules.yml" || return 1
    cp tests/rules/slo-example.test.yml "$WORK/slo/"
    "$promtool" check rules "$WORK/slo/slo-example.rules.yml" &&
        (cd "$WORK/slo" && "$promtool" test rules slo-example.test.yml)
}

# Stage 4's plan on the example inventory (every host played by the
# controller itself, so that preflight has facts to read) must find no
# mistake; on tests/plan/mistakes.yml it must fail and name all four.
part_plan() {
    local local_hosts=(-e ansible_connection=local -e ansible_python_interpreter=/usr/bin/python3)
    ansible-playbook -i inventories/example playbooks/plan.yml "${local_hosts[@]}" >"$WORK/plan.txt" 2>&1 ||
        { cat "$WORK/plan.txt"; echo "plan.yml refused the example inventory"; return 1; }
    grep -cE "^ +- '?Stage [0-9]," "$WORK/plan.txt" | xargs printf 'plan.yml on inventories/example: %s stages in the running order, no mistake\n'
    if ansible-playbook -i tests/plan/mistakes.yml playbooks/plan.yml "${local_hosts[@]}" >"$WORK/plan.txt" 2>&1; then
        cat "$WORK/plan.txt"; echo "plan.yml accepted tests/plan/mistakes.yml"; return 1
    fi
    grep -o -m1 "The inventory has 4 mistake(s)[^\"]*" "$WORK/plan.txt" | head -n1 | grep . ||
        { cat "$WORK/plan.txt"; echo "plan.yml did not name the four mistakes of tests/plan/mistakes.yml"; return 1; }
}

part_sanity() {
    local tree
    tree=$(collection_copy)
    # An ignore file must stay empty: every finding is fixed, not silenced.
    if [[ -s tests/sanity/ignore-2.19.txt ]]; then
        echo "tests/sanity/ignore-2.19.txt is not empty"
        return 1
    fi
    (cd "$tree" && ansible-test sanity --local --requirements --python 3.11 --color no)
}

part_lint() {
    ansible-lint --profile production --offline
}

# Runs a command against the installed tarball only: away from the checkout's
# ansible.cfg and without the link to the checkout on any search path.
from_install() {
    (cd "$WORK" && env -u PYTHONPATH ANSIBLE_COLLECTIONS_PATH="$WORK/installed" ANSIBLE_NOCOLOR=1 "$@")
}

part_build() {
    local tree failed=0 module filter callback role
    tree=$(collection_copy)
    ansible-galaxy collection build --output-path "$WORK/dist" "$tree" || return 1
    # Dependencies come from the venv's `ansible` package, so install offline.
    from_install ansible-galaxy collection install --offline --no-deps -p "$WORK/installed" \
        "$WORK"/dist/concert-mlops-*.tar.gz || return 1
    local modules roles filters callbacks
    modules=$(basename -s .py plugins/modules/*.py)
    # One documentation file per filter; a plugin file may hold several.
    filters=$(basename -s .yml plugins/filter/*.yml)
    callbacks=$(basename -s .py plugins/callback/*.py)
    roles=$(basename -a roles/*/)
    for module in $modules; do
        check_doc module "$module" || failed=1
    done
    for filter in $filters; do
        check_doc filter "$filter" || failed=1
    done
    for callback in $callbacks; do
        check_doc callback "$callback" || failed=1
    done
    for role in $roles; do
        check_doc role "$role" || failed=1
    done
    echo "ansible-doc from the built tarball: modules: ${modules//$'\n'/ } / filters: ${filters//$'\n'/ } /" \
        "callbacks: ${callbacks//$'\n'/ } / roles: ${roles//$'\n'/ }"
    return $failed
}

# ansible-doc of one plugin or role must come from the installed tarball.
check_doc() {
    local type=$1 name=$2
    if from_install ansible-doc -t "$type" "concert.mlops.$name" >"$WORK/doc.txt" 2>&1 &&
        grep -q "$WORK/installed/ansible_collections/concert/mlops" "$WORK/doc.txt"; then
        return 0
    fi
    echo "ansible-doc -t $type concert.mlops.$name failed or did not come from the tarball:"
    cat "$WORK/doc.txt"
    return 1
}

# Scenarios run in CONCERT_TEST_JOBS lanes at once (default 2), longest first
# so that the lanes end together. Two lanes pay on a 2-core machine because a
# lane alone left a third of the CPU idle (33% sampled every 10 s over the
# concert and monitoring scenarios): verify steps wait for scrapes, alerts,
# bans and timers. Each scenario's output goes to its own log; a failed
# scenario's log is printed in full at the end, a passed one's only its last lines.
# The order is by each lane item's time in make test's summary (k3s's item
# carries its HA variant, so it counts twice); a long item picked up last
# would leave one lane, and so a core, idle at the end.
SCENARIO_ORDER=(concert hardening monitoring release ci_runner mlflow k3s foundation registry docker istio default)
# Variants run a scenario again with CONCERT_LAYOUT set, which picks the
# scenario's inventory/<layout>.yml: k3s@ha is the cluster's HA variant.
SCENARIO_VARIANTS=(k3s@ha)

# CONCERT_SCENARIOS="docker k3s@ha" runs only the named runs (a scenario, or a
# variant as scenario@layout), in the same lanes and order as the whole set.
part_molecule() {
    local scenarios=() ordered=() lanes=() chosen=() scenario failed=0 jobs=${CONCERT_TEST_JOBS:-2}
    mapfile -t scenarios < <(find molecule -mindepth 2 -maxdepth 2 -name molecule.yml -printf '%h\n' | xargs -n1 basename | sort)
    [[ ${#scenarios[@]} -gt 0 ]] || { echo "no Molecule scenarios found"; return 1; }
    read -r -a chosen <<<"${CONCERT_SCENARIOS:-${scenarios[*]} ${SCENARIO_VARIANTS[*]}}"
    for scenario in "${chosen[@]}"; do
        if [[ " ${scenarios[*]} ${SCENARIO_VARIANTS[*]} " != *" $scenario "* ]]; then
            echo "CONCERT_SCENARIOS names $scenario, which is neither a scenario nor a variant;" \
                "they are: ${scenarios[*]} ${SCENARIO_VARIANTS[*]}"
            return 1
        fi
    done
    for scenario in "${SCENARIO_ORDER[@]}"; do
        [[ " ${scenarios[*]} " == *" $scenario "* ]] && ordered+=("$scenario")
    done
    for scenario in "${scenarios[@]}"; do
        [[ " ${ordered[*]} " == *" $scenario "* ]] || ordered+=("$scenario")
    done
    # A variant uses its scenario's host names, so it runs right after its
    # scenario in the same lane, never beside it: one lane item is "k3s k3s@ha".
    for scenario in "${ordered[@]}"; do
        local item=() run
        for run in "$scenario" "${SCENARIO_VARIANTS[@]}"; do
            [[ ${run%@*} == "$scenario" && " ${chosen[*]} " == *" $run "* ]] && item+=("$run")
        done
        [[ ${#item[@]} -gt 0 ]] && lanes+=("${item[*]}")
    done
    mkdir -p "$WORK/molecule"
    log "molecule test of ${lanes[*]}, $jobs at a time (logs in $WORK/molecule, printed at the end)"
    # $1 and $2 expand in the inner shell, from xargs' arguments.
    # shellcheck disable=SC2016
    printf '%s\n' "${lanes[@]}" | xargs -P "$jobs" -I{} bash -c '
        for run in $1; do
            start=$SECONDS
            layout=hosts
            [[ $run == *@* ]] && layout=${run#*@}
            if CONCERT_LAYOUT=$layout molecule test -s "${run%@*}" >"$2/$run.log" 2>&1; then result=passed; else result=FAILED; fi
            printf "%s %s %d\n" "$run" "$result" $((SECONDS - start)) >"$2/$run.result"
            printf "[test] molecule %s %s after %ds\n" "$run" "$result" $((SECONDS - start))
        done
    ' _ {} "$WORK/molecule"
    local runs=()
    read -r -a runs <<<"${lanes[*]}"
    for scenario in "${runs[@]}"; do
        local name=$scenario result=FAILED seconds=0
        [[ -f $WORK/molecule/$scenario.result ]] && read -r name result seconds <"$WORK/molecule/$scenario.result"
        if [[ $result == passed ]]; then
            log "molecule $scenario passed; its last lines:"
            tail -n 15 "$WORK/molecule/$scenario.log"
        else
            log "molecule $scenario FAILED; its whole log:"
            cat "$WORK/molecule/$scenario.log"
            failed=1
        fi
        SUMMARY+=("$(printf '  molecule %-14s %s  %4ds' "$scenario" "$result" "$seconds")")
    done
    return $failed
}

run_part() {
    local part=$1 start=$SECONDS
    log "part: $part"
    if "part_$part"; then
        SUMMARY+=("$(printf '%-24s passed  %4ds' "$part" $((SECONDS - start)))")
    else
        SUMMARY+=("$(printf '%-24s FAILED  %4ds' "$part" $((SECONDS - start)))")
        FAILED=$((FAILED + 1))
    fi
}

# lint, the longest static part, is single-threaded, and so are most of the
# others: it runs beside them on the second core and is waited for before
# Molecule, which wants both cores. Its output is printed when it ends.
BESIDE=lint
BESIDE_PID=

start_beside() {
    (
        run_part "$BESIDE" >"$WORK/beside.log" 2>&1
        printf '%s\n' "${SUMMARY[-1]}" >"$WORK/beside.summary"
        echo "$FAILED" >"$WORK/beside.failed"
    ) &
    BESIDE_PID=$!
    log "part $BESIDE runs beside the others; its output follows when it ends"
}

finish_beside() {
    [[ -n $BESIDE_PID ]] || return 0
    wait "$BESIDE_PID"
    BESIDE_PID=
    cat "$WORK/beside.log"
    SUMMARY+=("$(cat "$WORK/beside.summary")")
    FAILED=$((FAILED + $(cat "$WORK/beside.failed")))
}

PARTS=("$@")
[[ ${#PARTS[@]} -gt 0 ]] || PARTS=(unit example rules plan sanity lint build molecule)
TOTAL_START=$SECONDS
PASSED=0
for part in "${PARTS[@]}"; do
    declare -F "part_$part" >/dev/null || { echo "unknown part: $part"; exit 2; }
done
if [[ ${#PARTS[@]} -gt 1 && " ${PARTS[*]} " == *" $BESIDE "* ]]; then
    start_beside
fi
for part in "${PARTS[@]}"; do
    if [[ $part == "$BESIDE" && -n $BESIDE_PID ]]; then
        continue
    fi
    [[ $part == molecule ]] && finish_beside
    run_part "$part"
done
finish_beside
PASSED=$((${#PARTS[@]} - FAILED))

log "summary (seconds per part)"
printf '%s\n' "${SUMMARY[@]}"
printf 'total %ds\n' $((SECONDS - TOTAL_START))
echo "parts: $PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
