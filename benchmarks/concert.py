# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The whole concert on N local hosts, stage by stage. A benchmark, not a test:
it prints figures and judges nothing; it is not part of `make test`.

For each N (default 1, 4 and 8): N fresh stage containers (as
molecule/shared/vars/host.yml describes them, Debian 12 and 13 in turn), an inventory laid out
for N hosts, the concert scenario's prepare, then its converge (stage 4's plan
and playbooks/site.yml) timed, and the same converge again (the idempotent
rerun). Per stage, from Ansible's JSON callback:

  first   the stage's plays, first converge (seconds)
  rerun   the same, second converge
  tasks   tasks of the rerun that reached a host (skipped ones cost no round trip)
  floor   a play of as many ansible.builtin.ping tasks, each reaching the hosts
          its task reached, timed the same way: the least Ansible needs for
          those round trips in that order

and what the connection allows as hosts are added: 30 pings on one host, and
on all N hosts at once.

    benchmarks/concert.py [--hosts 1 4 8] [--json FILE] [--keep]

The layout: one host serves everything when N is 1; otherwise the first host
monitors, runs the Buildbot master and HAProxy, the second the registry, and
the others are docker hosts, release targets and CI workers.
"""

import argparse
import copy
import json
import os
import subprocess
import sys
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV_BIN = os.path.join(ROOT, ".venv", "bin")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, ".collections"))

from benchmark import ping_playbook, seconds  # noqa: E402  (scripts/benchmark.py, make benchmark's per-role figures)
from ansible_collections.concert.mlops.plugins.callback.programme import stage_of  # noqa: E402

NETWORK = "concert-bench"
SCALING_PINGS = 30
EVERY_GROUP = ["monitoring", "ci", "load_balancer", "registry", "docker_hosts", "release_targets", "ci_runners"]


def layout(count):
    """host -> (platform index, groups) for `count` hosts."""
    names = ["bench-%d" % number for number in range(1, count + 1)]
    if count == 1:
        return {names[0]: (0, EVERY_GROUP)}
    if count < 3:
        raise SystemExit("the layout needs 1 host, or at least 3")
    hosts = {names[0]: (0, ["monitoring", "ci", "load_balancer"]), names[1]: (1, ["registry"])}
    for index, name in enumerate(names[2:]):
        hosts[name] = (index % 2, ["docker_hosts", "release_targets", "ci_runners"])
    return hosts


def platforms():
    """The stage's hosts as every scenario makes them (molecule/shared/vars/host.yml), Debian 12 and Debian 13."""
    with open(os.path.join(ROOT, "molecule", "shared", "vars", "host.yml")) as handle:
        host = yaml.safe_load(handle)["stage_host"]
    images = [os.environ.get("CONCERT_IMAGE_DEBIAN12", "concert/debian:12"),
              os.environ.get("CONCERT_IMAGE_DEBIAN13", "concert/debian:13")]
    return [dict(host, image=image) for image in images]


def docker(*args, check=True):
    return subprocess.run(["docker"] + list(args), check=check, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def start_host(name, platform):
    """A stage container as molecule/shared/create.yml makes it."""
    args = ["run", "--detach", "--name", name, "--hostname", name, "--network", NETWORK,
            "--cgroupns", platform.get("cgroupns_mode", "host")]
    args += ["--cap-add=%s" % capability for capability in platform.get("capabilities", [])]
    args += ["--security-opt=%s" % option for option in platform.get("security_opts", [])]
    args += ["--volume=%s" % volume for volume in platform.get("volumes", [])]
    args += ["--tmpfs=%s" % mount for mount in platform.get("tmpfs", [])]
    docker(*(args + [platform["image"], platform["command"]]))


def remove_hosts(names):
    for name in names:
        docker("rm", "--force", "--volumes", name, check=False)
    docker("network", "rm", NETWORK, check=False)


def concert_vars():
    """The concert scenario's own inventory variables: the builders, the release, the SLO, a runner."""
    with open(os.path.join(ROOT, "molecule", "concert", "inventory", "hosts.yml")) as handle:
        score = yaml.safe_load(handle)
    runner = next(iter(score["ci_runners"]["hosts"].values()))["ci_runners"][0]
    builders = copy.deepcopy(score["ci"]["vars"]["buildbot_builders"])
    for builder in builders:
        builder["workers"] = []  # every host's runner may build
    return score["all"]["vars"], builders, runner


def write_inventory(workdir, hosts):
    all_vars, builders, runner = concert_vars()
    inventory = {"all": {"vars": all_vars, "hosts": {}}}
    for name, (platform, groups) in hosts.items():
        inventory["all"]["hosts"][name] = {"ansible_connection": "community.docker.docker"}
        for group in groups + ["debian", ("debian12", "debian13")[platform]]:
            inventory.setdefault(group, {"hosts": {}})["hosts"][name] = {}
        if "ci_runners" in groups:
            inventory["ci_runners"]["hosts"][name] = {"ci_runners": [dict(runner, name=name)]}
    inventory["ci"]["vars"] = {"buildbot_builders": builders}
    with open(os.path.join(workdir, "hosts.yml"), "w") as handle:
        yaml.safe_dump(inventory, handle, sort_keys=False)
    link = os.path.join(workdir, "group_vars")
    if not os.path.islink(link):
        os.symlink(os.path.join(ROOT, "molecule", "shared", "inventory", "group_vars"), link)
    with open(os.path.join(workdir, "ansible.cfg"), "w") as handle:
        handle.write("[defaults]\nforks = 50\ninterpreter_python = /usr/bin/python3\ngathering = explicit\n"
                     "host_key_checking = False\nretry_files_enabled = False\ntimeout = 30\n"
                     "collections_path = %s\n[connection]\npipelining = True\n" % os.path.join(ROOT, ".collections"))


def playbook(workdir, path, json_output=True):
    """Run a playbook on the bench's inventory; the JSON callback's document, or None."""
    run_env = dict(os.environ)
    run_env.update({
        "PATH": VENV_BIN + os.pathsep + run_env.get("PATH", ""),
        "ANSIBLE_CONFIG": os.path.join(workdir, "ansible.cfg"),
        "MOLECULE_EPHEMERAL_DIRECTORY": workdir,
        "MOLECULE_PROJECT_DIRECTORY": ROOT,
        "ANSIBLE_FORCE_COLOR": "false",
    })
    if json_output:
        run_env["ANSIBLE_STDOUT_CALLBACK"] = "ansible.posix.json"
    completed = subprocess.run([os.path.join(VENV_BIN, "ansible-playbook"), "-i", os.path.join(workdir, "hosts.yml"), path],
                               cwd=os.path.dirname(path), env=run_env, capture_output=True, text=True, check=False)
    with open(os.path.join(workdir, os.path.basename(path) + ".log"), "a") as log:
        log.write(completed.stdout + completed.stderr)
    if completed.returncode != 0:
        raise RuntimeError("%s failed (see %s/%s.log):\n%s" % (path, workdir, os.path.basename(path), completed.stdout[-2000:]))
    return json.loads(completed.stdout) if json_output else None


def by_stage(output):
    """stage -> {'seconds': its plays' wall time, 'tasks': tasks that reached a host, 'hosts': set,
    'task_hosts': the hosts each of those tasks reached}, in order."""
    stages = {}
    for play in output["plays"]:
        stage = stages.setdefault(stage_of(play["play"]["name"]), {"seconds": 0.0, "tasks": 0, "hosts": set(), "task_hosts": []})
        # A play that matched no host (the canary without k3s) has no end.
        if "end" in play["play"]["duration"]:
            stage["seconds"] += seconds(play["play"]["duration"])
        for task in play["tasks"]:
            reached = [host for host, result in task["hosts"].items() if not result.get("skipped")]
            if reached:
                stage["tasks"] += 1
                stage["hosts"].update(reached)
                stage["task_hosts"].append(reached)
    return stages


def floor(workdir, task_hosts):
    """Wall time of the ping tasks that replay `task_hosts` (the hosts each task reached)."""
    with ping_playbook(task_hosts, directory=workdir) as path:
        return sum(stage["seconds"] for stage in by_stage(playbook(workdir, path)).values())


def bench(count, keep):
    workdir = os.path.join(ROOT, ".cache", "bench", "hosts-%d" % count)
    hosts = layout(count)
    remove_hosts(hosts)
    subprocess.run(["rm", "-rf", workdir], check=True)
    os.makedirs(workdir)
    docker("network", "create", NETWORK)
    try:
        shared = platforms()
        for name, (platform, _groups) in hosts.items():
            start_host(name, shared[platform])
        write_inventory(workdir, hosts)
        scenario = os.path.join(ROOT, "molecule", "concert")
        playbook(workdir, os.path.join(scenario, "prepare.yml"), json_output=False)
        started = time.monotonic()
        first = by_stage(playbook(workdir, os.path.join(scenario, "converge.yml")))
        first_total = time.monotonic() - started
        started = time.monotonic()
        rerun = by_stage(playbook(workdir, os.path.join(scenario, "converge.yml")))
        rerun_total = time.monotonic() - started
        rows = []
        for stage, figures in rerun.items():
            floor_seconds = floor(workdir, figures["task_hosts"]) if figures["tasks"] else 0.0
            rows.append({"stage": stage, "hosts": len(figures["hosts"]), "tasks": figures["tasks"],
                         "first_s": round(first.get(stage, {}).get("seconds", 0.0), 1),
                         "rerun_s": round(figures["seconds"], 1), "floor_s": round(floor_seconds, 1),
                         "ratio": round(figures["seconds"] / floor_seconds, 2) if floor_seconds else None})
        floor_total = sum(row["floor_s"] for row in rows)
        # What the connection alone allows: the same pings on one host and on
        # every host at once (on a small machine the hosts share its cores).
        ping_one = floor(workdir, [[sorted(hosts)[0]]] * SCALING_PINGS)
        ping_all = floor(workdir, [sorted(hosts)] * SCALING_PINGS)
        return {"hosts": count, "first_s": round(first_total), "rerun_s": round(rerun_total),
                "stages_first_s": round(sum(row["first_s"] for row in rows), 1),
                "stages_rerun_s": round(sum(row["rerun_s"] for row in rows), 1), "floor_s": round(floor_total, 1),
                "ratio": round(sum(row["rerun_s"] for row in rows) / floor_total, 2) if floor_total else None,
                "pings_on_one_host_s": round(ping_one, 1), "pings_on_every_host_s": round(ping_all, 1),
                "stages": rows}
    finally:
        if not keep:
            remove_hosts(hosts)


def print_result(result):
    print("%5s  %-34s %5s %6s %9s %9s %9s %6s" % ("hosts", "stage", "on", "tasks", "first(s)", "rerun(s)", "floor(s)", "ratio"))
    for row in result["stages"]:
        print("%5d  %-34s %5d %6d %9.1f %9.1f %9.1f %6s" % (
            result["hosts"], row["stage"][:34], row["hosts"], row["tasks"], row["first_s"], row["rerun_s"], row["floor_s"],
            row["ratio"]))
    print("%5d  %-34s %5s %6s %9.1f %9.1f %9.1f %6s" % (
        result["hosts"], "whole concert (stages)", "", "", result["stages_first_s"], result["stages_rerun_s"], result["floor_s"],
        result["ratio"]))
    print("%5d  whole converge with start-up: first %d s, rerun %d s" % (result["hosts"], result["first_s"], result["rerun_s"]))
    print("%5d  %d pings: on one host %.1f s, on all %d hosts at once %.1f s (%.2f times)\n" % (
        result["hosts"], SCALING_PINGS, result["pings_on_one_host_s"], result["hosts"], result["pings_on_every_host_s"],
        result["pings_on_every_host_s"] / result["pings_on_one_host_s"]))
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--hosts", type=int, nargs="+", default=[1, 4, 8], help="host counts (default 1 4 8)")
    parser.add_argument("--json", default=os.path.join(ROOT, ".cache", "benchmark-concert.json"),
                        help="also write the figures here (default .cache/benchmark-concert.json)")
    parser.add_argument("--keep", action="store_true", help="leave the last stage's containers running")
    args = parser.parse_args()
    results = []
    for count in args.hosts:
        try:
            results.append(bench(count, args.keep and count == args.hosts[-1]))
        except (RuntimeError, KeyError, ValueError, subprocess.CalledProcessError) as exc:
            print("%d hosts: FAILED: %s" % (count, exc), file=sys.stderr)
            continue
        print_result(results[-1])
    by_count = dict((result["hosts"], result["stages_rerun_s"]) for result in results)
    if 1 in by_count and len(by_count) > 1:
        for count in sorted(by_count):
            if count != 1:
                print("rerun of %d hosts / rerun of 1 host: %.2f" % (count, by_count[count] / by_count[1]))
    with open(args.json, "w") as handle:
        json.dump(results, handle, indent=2)
    print("figures written to %s" % args.json)
    return 0 if len(results) == len(args.hosts) else 1


if __name__ == "__main__":
    sys.exit(main())
