# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""How close each role's rerun comes to the connection floor. A benchmark, not a
test: it prints figures and judges nothing.

For each scenario: fresh hosts, a first converge (timed), then a rerun of the
converge playbook on the converged hosts with Ansible's JSON callback. From it,
per role: the tasks that reached a host and their wall time. The floor for a
role is a playbook of as many ansible.builtin.ping tasks, each reaching the
hosts its task reached (the others skip it), timed the same way (task start to
last result, so playbook start-up counts on neither side). Ratio = rerun / floor.

    scripts/benchmark.py [scenario ...]     default: every scenario
    scripts/benchmark.py --json FILE ...    also write the figures as JSON
    scripts/benchmark.py --slowest ...      also print each role's slowest rerun tasks
"""

import argparse
import contextlib
import datetime
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

# How many of a role's slowest rerun tasks --slowest prints and the JSON keeps.
SLOWEST_SHOWN = 5
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV_BIN = os.path.join(ROOT, ".venv", "bin")


def env():
    result = dict(os.environ)
    result["PATH"] = VENV_BIN + os.pathsep + result.get("PATH", "")
    result["ANSIBLE_COLLECTIONS_PATH"] = os.path.join(ROOT, ".collections")
    return result


def molecule(step, scenario, check=True):
    completed = subprocess.run([os.path.join(VENV_BIN, "molecule"), step, "-s", scenario], cwd=ROOT, env=env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    if check and completed.returncode != 0:
        raise RuntimeError("molecule %s -s %s failed (run it yourself to see why)" % (step, scenario))


def ephemeral_dir(scenario):
    """Molecule's working directory of a scenario: its inventory and ansible.cfg."""
    found = sorted(glob.glob(os.path.expanduser("~/.ansible/tmp/molecule.*.%s" % scenario)), key=os.path.getmtime)
    if not found:
        raise RuntimeError("no Molecule working directory for %s" % scenario)
    return found[-1]


def playbook_json(scenario, playbook, extra_env=None):
    """Run a playbook as Molecule would, with the JSON callback; returns the parsed output."""
    directory = ephemeral_dir(scenario)
    run_env = env()
    run_env.update({
        "ANSIBLE_CONFIG": os.path.join(directory, "ansible.cfg"),
        "ANSIBLE_STDOUT_CALLBACK": "ansible.posix.json",
        "ANSIBLE_FORCE_COLOR": "false",
        "MOLECULE_EPHEMERAL_DIRECTORY": directory,
        "MOLECULE_SCENARIO_NAME": scenario,
        "MOLECULE_PROJECT_DIRECTORY": ROOT,
        "MOLECULE_SCENARIO_DIRECTORY": os.path.join(ROOT, "molecule", scenario),
    })
    run_env.update(extra_env or {})
    completed = subprocess.run(
        [os.path.join(VENV_BIN, "ansible-playbook"), "-i", os.path.join(directory, "inventory"), playbook],
        cwd=os.path.join(ROOT, "molecule", scenario), env=run_env, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError("%s failed on %s:\n%s" % (playbook, scenario, completed.stdout[-3000:] + completed.stderr[-2000:]))
    # The scenario's own callbacks (profile_tasks) print around the JSON
    # document, which starts on a line of its own.
    text = completed.stdout
    start = 0 if text.startswith("{\n") else text.index("\n{\n") + 1
    return json.JSONDecoder().raw_decode(text[start:])[0]


def seconds(duration):
    parse = datetime.datetime.fromisoformat
    return (parse(duration["end"].replace("Z", "+00:00")) - parse(duration["start"].replace("Z", "+00:00"))).total_seconds()


def tasks_by_role(output):
    """role -> {'tasks': n, 'seconds': wall time, 'hosts': set, 'task_hosts': [the hosts each task reached],
    'slowest': [(seconds, task name)]} over the tasks that reached a host."""
    roles = {}
    for play in output["plays"]:
        for task in play["tasks"]:
            name = task["task"]["name"]
            role = name.split(" : ", 1)[0] if " : " in name else "(playbook)"
            results = task["hosts"].values()
            if not results or all(result.get("skipped") for result in results) or "end" not in task["task"]["duration"]:
                continue
            reached = [host for host, result in task["hosts"].items() if not result.get("skipped")]
            entry = roles.setdefault(role, {"tasks": 0, "seconds": 0.0, "hosts": set(), "task_hosts": [], "slowest": []})
            entry["tasks"] += 1
            entry["seconds"] += seconds(task["task"]["duration"])
            entry["hosts"].update(reached)
            entry["task_hosts"].append(reached)
            entry["slowest"].append((round(seconds(task["task"]["duration"]), 2), name.split(" : ", 1)[-1]))
    return roles


@contextlib.contextmanager
def ping_playbook(task_hosts, directory=None):
    """The floor's playbook: one ansible.builtin.ping task per entry of `task_hosts` (a list of host
    lists), in order, each reaching exactly that entry's hosts (the others skip it, as a real
    task's skipped hosts do: no round trip); yields its path."""
    every = sorted(set().union(*task_hosts))
    with tempfile.NamedTemporaryFile("w", suffix=".yml", dir=directory, delete=False) as handle:
        handle.write("- hosts: %s\n  gather_facts: false\n  tasks:\n" % ":".join(every))
        for hosts in task_hosts:
            handle.write("    - ansible.builtin.ping:\n")
            if sorted(hosts) != every:
                handle.write("      when: inventory_hostname in %s\n" % json.dumps(sorted(hosts)))
    try:
        yield handle.name
    finally:
        os.unlink(handle.name)


def floor(scenario, task_hosts):
    """Wall time of the ping tasks that replay `task_hosts`, timed like the role's tasks."""
    with ping_playbook(task_hosts) as path:
        output = playbook_json(scenario, path)
    return sum(entry["seconds"] for entry in tasks_by_role(output).values())


def scenarios_of(names):
    if names:
        return names
    return sorted(os.path.basename(os.path.dirname(path)) for path in glob.glob(os.path.join(ROOT, "molecule", "*", "molecule.yml")))


def bench(scenario):
    molecule("destroy", scenario, check=False)
    molecule("create", scenario)
    molecule("prepare", scenario)
    try:
        start = time.monotonic()
        molecule("converge", scenario)
        first = time.monotonic() - start
        start = time.monotonic()
        output = playbook_json(scenario, os.path.join(ROOT, "molecule", scenario, "converge.yml"))
        rerun = time.monotonic() - start
        rows = []
        for role, entry in sorted(tasks_by_role(output).items()):
            if not role.startswith("concert.mlops."):
                continue
            floor_seconds = floor(scenario, entry["task_hosts"])
            rows.append({"scenario": scenario, "role": role.split(".")[-1], "tasks": entry["tasks"],
                         "hosts": len(entry["hosts"]), "rerun_s": round(entry["seconds"], 1),
                         "floor_s": round(floor_seconds, 1),
                         "ratio": round(entry["seconds"] / floor_seconds, 2) if floor_seconds else None,
                         # Where a ratio comes from: the role's slowest tasks.
                         "slowest_tasks": sorted(entry["slowest"], reverse=True)[:SLOWEST_SHOWN]})
        return {"scenario": scenario, "first_converge_s": round(first), "rerun_s": round(rerun), "roles": rows}
    finally:
        molecule("destroy", scenario, check=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("scenarios", nargs="*")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--slowest", action="store_true",
                        help="also print each role's %d slowest rerun tasks" % SLOWEST_SHOWN)
    args = parser.parse_args()
    results = []
    print("%-12s %-18s %6s %5s %9s %9s %6s" % ("scenario", "role", "tasks", "hosts", "rerun(s)", "floor(s)", "ratio"))
    for scenario in scenarios_of(args.scenarios):
        try:
            result = bench(scenario)
        except RuntimeError as exc:
            print("%-12s FAILED: %s" % (scenario, exc), file=sys.stderr)
            continue
        results.append(result)
        for row in result["roles"]:
            print("%-12s %-18s %6d %5d %9.1f %9.1f %6s" % (
                scenario, row["role"], row["tasks"], row["hosts"], row["rerun_s"], row["floor_s"], row["ratio"]))
            if args.slowest:
                for task_seconds, task_name in row["slowest_tasks"]:
                    print("%-12s   %6.2fs %s" % ("", task_seconds, task_name))
        print("%-12s %-18s first converge %ds, whole rerun %ds" % (
            scenario, "(all)", result["first_converge_s"], result["rerun_s"]))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(results, handle, indent=2)
    return 0 if len(results) == len(scenarios_of(args.scenarios)) else 1


if __name__ == "__main__":
    sys.exit(main())
