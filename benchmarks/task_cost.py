# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What one Ansible task costs on one stage host, in time and in CPU. A
benchmark, not a test: it prints figures and judges nothing; it is not part of
`make test`. Run it on an otherwise idle machine: CPU is read machine-wide.

Two stage containers (the platforms of .config/molecule/config.yml, Debian 12
and 13) are started, then, each measured as wall time, CPU of the whole
machine (/proc/stat) and CPU inside the two hosts (their cgroups):

  play      a playbook of --tasks ansible.builtin.ping tasks on both hosts over
            the docker connection, less the same playbook with one task (the
            start-up of ansible-playbook), per task and host
  exec      `docker exec <host> true`, the connection's own round trip
  python    `docker exec <host> python3 -c pass`, an interpreter started

Every Molecule step (check, converge, idempotence, verify) is made of such
task runs, so the play's CPU per task and host, times the task runs of a
scenario, over the machine's cores, is the least that scenario can take.

    benchmarks/task_cost.py [--tasks 30] [--rounds 3]
"""

import argparse
import glob
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from concert import NETWORK, ROOT, docker, platforms, playbook, remove_hosts, start_host  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "scripts"))

from benchmark import ping_playbook  # noqa: E402  (scripts/benchmark.py: the floor's play of ping tasks)

HOSTS = ["task-cost-debian12", "task-cost-debian13"]


def machine_cpu_seconds():
    """CPU seconds the whole machine has spent busy (user, nice, system, irq, softirq)."""
    with open("/proc/stat") as handle:
        fields = [int(value) for value in handle.readline().split()[1:8]]
    busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6]
    return busy / os.sysconf("SC_CLK_TCK")


def cpu_accounting_file(name):
    """The cgroup file that counts a container's CPU time (cgroup v1 or v2)."""
    container = subprocess.run(["docker", "inspect", "--format", "{{.Id}}", name],
                               check=True, capture_output=True, text=True).stdout.strip()
    found = (glob.glob("/sys/fs/cgroup/cpuacct/docker/%s/cpuacct.usage" % container)
             + glob.glob("/sys/fs/cgroup/system.slice/docker-%s.scope/cpu.stat" % container))
    if not found:
        raise RuntimeError("no cgroup CPU accounting found for %s" % name)
    return found[0]


def hosts_cpu_seconds(accounting_files):
    """CPU seconds used inside the containers whose cgroup files are given."""
    total = 0.0
    for path in accounting_files:
        with open(path) as handle:
            if path.endswith("cpuacct.usage"):
                total += int(handle.read()) / 1e9
            else:
                total += int(dict(line.split() for line in handle)["usage_usec"]) / 1e6
    return total


def measure(action, accounting_files):
    """(wall, machine CPU, CPU inside the hosts) seconds of action()."""
    before = (time.monotonic(), machine_cpu_seconds(), hosts_cpu_seconds(accounting_files))
    action()
    after = (time.monotonic(), machine_cpu_seconds(), hosts_cpu_seconds(accounting_files))
    return [end - start for start, end in zip(before, after)]


def write_inventory(workdir):
    with open(os.path.join(workdir, "hosts.yml"), "w") as handle:
        handle.write("all:\n  hosts:\n" + "".join(
            "    %s: {ansible_connection: community.docker.docker}\n" % name for name in HOSTS))
    with open(os.path.join(workdir, "ansible.cfg"), "w") as handle:
        handle.write("[defaults]\ninterpreter_python = /usr/bin/python3\ngathering = explicit\n"
                     "[connection]\npipelining = True\n")


def execs(command, count):
    def run():
        for name in HOSTS * count:
            docker("exec", name, *command)
    return run


def best_of(rounds, action, accounting_files):
    """measure(action) `rounds` times; the round with the least machine CPU, the one least
    disturbed by anything else."""
    return min((measure(action, accounting_files) for attempt in range(rounds)), key=lambda figures: figures[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--tasks", type=int, default=30, help="ping tasks in the measured play (default 30)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each measurement; the least disturbed is kept")
    args = parser.parse_args()
    if args.tasks < 2 or args.rounds < 1:
        parser.error("--tasks must be at least 2 and --rounds at least 1")
    remove_hosts(HOSTS)
    docker("network", "create", NETWORK)
    try:
        for name, platform in zip(HOSTS, platforms()):
            start_host(name, platform)
        accounting = [cpu_accounting_file(name) for name in HOSTS]
        with tempfile.TemporaryDirectory() as workdir:
            write_inventory(workdir)
            with ping_playbook([HOSTS] * args.tasks, workdir) as long_play, ping_playbook([HOSTS], workdir) as short_play:
                playbook(workdir, short_play, json_output=False)  # the first run builds Ansible's module cache
                long_run = best_of(args.rounds, lambda: playbook(workdir, long_play, json_output=False), accounting)
                short_run = best_of(args.rounds, lambda: playbook(workdir, short_play, json_output=False), accounting)
        task_runs = (args.tasks - 1) * len(HOSTS)
        rows = [("a task on a host, in a play", [(long - short) / task_runs for long, short in zip(long_run, short_run)])]
        for label, command in (("docker exec true", ["true"]), ("docker exec python3 -c pass", ["python3", "-c", "pass"])):
            figures = best_of(args.rounds, execs(command, args.tasks), accounting)
            rows.append((label, [value / (args.tasks * len(HOSTS)) for value in figures]))
    finally:
        remove_hosts(HOSTS)
    print("%-30s %9s %16s %18s" % ("each", "wall (ms)", "CPU, all (ms)", "CPU, in host (ms)"))
    for label, (wall, machine, inside) in rows:
        print("%-30s %9.0f %16.0f %18.0f" % (label, wall * 1000, machine * 1000, inside * 1000))
    cores = os.cpu_count()
    per_task_cpu = rows[0][1][1]
    print("at most %.1f task runs a second on this machine's %d cores (CPU, all), whatever the lanes"
          % (cores / per_task_cpu, cores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
