# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""CI runners as Concert describes them (a host's ci_runners): checked, with
their defaults, and a Buildbot master's workers gathered from the inventory."""

from __future__ import annotations

import re

from ansible.errors import AnsibleFilterError

KINDS = ("buildbot", "github", "gitlab")
EXECUTORS = ("shell", "docker")
# A runner's name becomes a user (ci-<name>) and a systemd unit: short and plain.
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,24}$")
DEFAULTS = {"labels": [], "executor": "shell", "concurrency": 1, "ephemeral": False, "state": "present"}


SECRETS = ("password", "token")
# Where a forge's runner belongs; each falls back to the role's own variable.
SCOPES = {"github": ("repository", "organization"), "gitlab": ("project", "group")}


def ci_runners(runners, host="this host", secrets=False):
    """The runners with their defaults, without their secrets; every mistake at once in one error.

    With secrets=True, only each runner's secrets by its name: tasks loop over
    the runners without them, so no secret rides along in a loop's items.
    """
    if not isinstance(runners, list):
        raise AnsibleFilterError("ci_runners of %s must be a list of runners, got %r" % (host, type(runners).__name__))
    problems, normalized, seen = [], [], set()
    for index, runner in enumerate(runners):
        if not isinstance(runner, dict):
            problems.append("runner %d is not a mapping" % (index + 1))
            continue
        spec = dict(DEFAULTS, **runner)
        name = str(spec.get("name") or "")
        where = "runner %s" % (name or index + 1)
        if not NAME.match(name):
            problems.append("%s: name must be lower-case letters, digits and dashes, at most 25, got %r" % (where, name))
        if name in seen:
            problems.append("%s: the name is used twice" % where)
        seen.add(name)
        if spec.get("kind") not in KINDS:
            problems.append("%s: kind must be one of %s, got %r" % (where, ", ".join(KINDS), spec.get("kind")))
        if spec["executor"] not in EXECUTORS:
            problems.append("%s: executor must be shell or docker, got %r" % (where, spec["executor"]))
        if spec["state"] not in ("present", "absent"):
            problems.append("%s: state must be present or absent, got %r" % (where, spec["state"]))
        if not isinstance(spec["concurrency"], int) or isinstance(spec["concurrency"], bool) or spec["concurrency"] < 1:
            problems.append("%s: concurrency must be a whole number from 1, got %r" % (where, spec["concurrency"]))
        if not isinstance(spec["labels"], list):
            problems.append("%s: labels must be a list" % where)
        if spec.get("kind") == "buildbot" and spec["state"] == "present" and not spec.get("password"):
            problems.append("%s: a buildbot worker needs a password (keep it in a vault)" % where)
        for kind, scopes in SCOPES.items():
            given = [key for key in scopes if spec.get(key)]
            if given and spec.get("kind") != kind:
                problems.append("%s: %s belongs to %s runners only" % (where, " and ".join(given), kind))
            elif len(given) > 1:
                problems.append("%s: a %s runner belongs to %s, not both" % (where, kind, " or ".join(scopes)))
        for key in SCOPES.get(spec.get("kind"), ()):
            spec.setdefault(key, "")
        normalized.append(spec)
    if problems:
        raise AnsibleFilterError("ci_runners of %s: %s" % (host, "; ".join(problems)))
    if secrets:
        return dict((spec["name"], dict((key, spec[key]) for key in SECRETS if spec.get(key))) for spec in normalized)
    return [dict((key, value) for key, value in spec.items() if key not in SECRETS) for spec in normalized]


def buildbot_workers(hostvars, groups, group, passwords=False):
    """The workers a Buildbot master knows: the present buildbot runners of the group's hosts.

    A list of {name, max_builds, host}; with passwords=True, only each
    worker's password by its name, kept apart so the two never share a file.
    """
    workers, owners = [], {}
    for host in groups.get(group) or []:
        declared = (hostvars.get(host) or {}).get("ci_runners") or []
        runner_secrets = ci_runners(declared, host, secrets=True)
        for runner in ci_runners(declared, host):
            if runner["kind"] != "buildbot" or runner["state"] != "present":
                continue
            runner["password"] = runner_secrets[runner["name"]]["password"]
            if runner["name"] in owners:
                raise AnsibleFilterError("worker %s is on both %s and %s; names must be unique across the hosts"
                                         % (runner["name"], owners[runner["name"]], host))
            owners[runner["name"]] = host
            workers.append({"name": runner["name"], "password": runner["password"],
                            "max_builds": runner["concurrency"], "host": host})
    if passwords:
        return dict((worker["name"], worker["password"]) for worker in workers)
    return [dict((key, value) for key, value in worker.items() if key != "password") for worker in workers]


def buildbot_builders(builders, worker_names):
    """Builders with their defaults (every worker, branch main, steps as {name, command}); every mistake at once."""
    problems, normalized, seen = [], [], set()
    for index, builder in enumerate(builders or []):
        if not isinstance(builder, dict):
            problems.append("builder %d is not a mapping" % (index + 1))
            continue
        name = str(builder.get("name") or "")
        where = "builder %s" % (name or index + 1)
        if not name or name in seen:
            problems.append("%s: needs a name of its own" % where)
        seen.add(name)
        if not builder.get("repository"):
            problems.append("%s: needs the git repository it builds" % where)
        workers = builder.get("workers") or list(worker_names)
        unknown = sorted(set(workers) - set(worker_names))
        if unknown:
            problems.append("%s: no buildbot runner is named %s" % (where, ", ".join(unknown)))
        if not workers:
            problems.append("%s: no worker could run it" % where)
        steps = []
        for step in builder.get("steps") or []:
            step = {"command": step} if isinstance(step, (str, list)) else step
            if not isinstance(step, dict) or not step.get("command"):
                problems.append("%s: each step is a command, or a mapping with one" % where)
                continue
            steps.append(step)
        if not steps:
            problems.append("%s: needs at least one step" % where)
        schedule = builder.get("schedule") or {}
        if set(schedule) - {"cron", "poll"}:
            problems.append("%s: a schedule has cron and/or poll, got %s" % (where, ", ".join(sorted(schedule))))
        if schedule.get("cron") and not re.match(r"^(\*|[0-9,]+)( (\*|[0-9,]+)){4}$", str(schedule["cron"])):
            problems.append("%s: cron must be five fields of '*' or numbers, got %r" % (where, schedule["cron"]))
        if "poll" in schedule and (not isinstance(schedule["poll"], int) or schedule["poll"] < 10):
            problems.append("%s: poll is seconds between looks at the repository, at least 10" % where)
        normalized.append({"name": name, "repository": builder.get("repository"), "branch": builder.get("branch") or "main",
                           "workers": workers, "steps": steps, "schedule": schedule, "tags": builder.get("tags") or []})
    if problems:
        raise AnsibleFilterError("buildbot_builders: %s" % "; ".join(problems))
    return normalized


class FilterModule(object):

    def filters(self):
        return {"ci_runners": ci_runners, "buildbot_workers": buildbot_workers, "buildbot_builders": buildbot_builders}
