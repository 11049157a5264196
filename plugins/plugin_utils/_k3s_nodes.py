# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A k3s cluster's nodes, read from `kubectl get nodes -o json`: the order of
an upgrade (module k3s_upgrade_plan) and what keeps the cluster from being
whole (filter k3s_join_problems).

Upstream's upgrade rule: servers first, one at a time, then agents; one minor
version at a time; never down. Kept free of Ansible so it is tested on its own.
"""

from __future__ import annotations

import json
import re

# v1.31.4+k3s1, v1.31.4-rc1+k3s1, 1.31.4 (the "v" and the k3s build are optional).
VERSION = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.]+))?(?:\+k3s(\d+))?$")

CONTROL_PLANE_LABELS = ("node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master")


class PlanError(Exception):
    pass


class Version(object):
    """A k3s version; ordered by Kubernetes release, pre-release, then k3s build."""

    def __init__(self, text):
        match = VERSION.match((text or "").strip())
        if not match:
            raise PlanError("%r is not a k3s version like v1.31.4+k3s1" % (text,))
        major, minor, patch, pre, build = match.groups()
        self.text = text.strip()
        self.major, self.minor, self.patch = int(major), int(minor), int(patch)
        # A release sorts after its pre-releases: (1, "") > (0, "rc1").
        self.pre = (0, pre) if pre else (1, "")
        self.build = int(build or 0)

    def key(self):
        return (self.major, self.minor, self.patch, self.pre, self.build)

    def minor_line(self):
        return "v%d.%d" % (self.major, self.minor)

    def __eq__(self, other):
        return self.key() == other.key()

    def __lt__(self, other):
        return self.key() < other.key()

    def __le__(self, other):
        return self.key() <= other.key()

    def __hash__(self):
        return hash(self.key())

    def __str__(self):
        return self.text


def node_list(nodes):
    """The items of a NodeList, given as parsed JSON or as kubectl's text."""
    if isinstance(nodes, (str, bytes)):
        try:
            nodes = json.loads(nodes)
        except ValueError as exc:
            raise PlanError("nodes is not the JSON of `kubectl get nodes -o json`: %s" % exc)
    if not isinstance(nodes, dict) or not isinstance(nodes.get("items"), list):
        raise PlanError("nodes must be the output of `kubectl get nodes -o json` (a NodeList with items)")
    if not nodes["items"]:
        raise PlanError("the cluster reports no nodes")
    return nodes["items"]


def describe(item):
    """Name, role, version and readiness of one Node object."""
    metadata, status = item.get("metadata") or {}, item.get("status") or {}
    labels = metadata.get("labels") or {}
    name = metadata.get("name")
    if not name:
        raise PlanError("a node in the list has no metadata.name")
    kubelet = (status.get("nodeInfo") or {}).get("kubeletVersion")
    try:
        version = Version(kubelet)
    except PlanError:
        raise PlanError("node %s reports kubelet version %r, not a k3s version" % (name, kubelet))
    ready = [c for c in status.get("conditions") or [] if c.get("type") == "Ready"]
    is_ready = bool(ready) and ready[0].get("status") == "True"
    why = ""
    if not is_ready:
        condition = ready[0] if ready else {}
        why = ": ".join(part for part in (condition.get("reason"), condition.get("message")) if part) or "no Ready condition"
    role = "server" if any(labels.get(label) == "true" for label in CONTROL_PLANE_LABELS) else "agent"
    return dict(name=name, role=role, version=version, ready=is_ready, why=why)


def plan(nodes, target_version, order=None, require_ready=True):
    """The upgrade steps towards target_version, or PlanError naming what forbids it.

    Returns dict(plan=[{name, role, from, to}], current=[names], target=str).
    """
    target = Version(target_version)
    described = [describe(item) for item in node_list(nodes)]

    not_ready = [node for node in described if not node["ready"]]
    if require_ready and not_ready:
        raise PlanError("not every node is Ready, so no upgrade starts: %s" % "; ".join(
            "%s (%s)" % (node["name"], node["why"]) for node in not_ready))

    newer = [node for node in described if target < node["version"]]
    if newer:
        raise PlanError("the target %s is older than %s; k3s does not downgrade (restore an etcd snapshot "
                        "taken before the upgrade instead)" % (target, ", ".join(
                            "%s (%s)" % (node["name"], node["version"]) for node in newer)))

    too_far = [node for node in described
               if node["version"].major != target.major or target.minor - node["version"].minor > 1]
    if too_far:
        lines = sorted(set(node["version"].minor_line() for node in too_far))
        raise PlanError("the target %s skips a minor version for %s; upgrade one minor version at a time "
                        "(from %s to the next one first)" % (target, ", ".join(
                            "%s (%s)" % (node["name"], node["version"]) for node in too_far), ", ".join(lines)))

    position = dict((name, index) for index, name in enumerate(order or []))
    unknown = [name for name in position if name not in set(node["name"] for node in described)]
    if unknown:
        raise PlanError("order names nodes the cluster does not have: %s" % ", ".join(unknown))

    def sort_key(node):
        # Servers first; within a role the given order, then by name.
        return (node["role"] != "server", position.get(node["name"], len(position)), node["name"])

    steps, current = [], []
    for node in sorted(described, key=sort_key):
        if node["version"] == target:
            current.append(node["name"])
        else:
            steps.append({"name": node["name"], "role": node["role"], "from": str(node["version"]), "to": str(target)})
    return dict(plan=steps, current=current, target=str(target))


def join_problems(nodes, expected, version):
    """What keeps the cluster from being whole: each expected node that is
    missing, not Ready (with its condition) or at another version. Empty when
    every one is Ready at `version`."""
    try:
        described = dict((node["name"], node) for node in (describe(item) for item in node_list(nodes)))
    except PlanError as exc:
        return ["the cluster cannot be read: %s" % exc]
    wanted = Version(version)
    problems = []
    for name in expected:
        node = described.get(name)
        if node is None:
            problems.append("%s has not joined" % name)
        elif not node["ready"]:
            problems.append("%s is not Ready (%s)" % (name, node["why"]))
        elif node["version"] != wanted:
            problems.append("%s runs %s, not %s" % (name, node["version"], wanted))
    return problems
