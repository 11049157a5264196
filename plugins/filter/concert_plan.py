# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Stage 4, scripting the story: the concert's running order and every inventory mistake, from the inventory and
the hosts' preflight facts, before anything changes."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.filter.ci_runners import ci_runners
from ansible_collections.concert.mlops.plugins.module_utils._preflight import unmet_requirements
from ansible_collections.concert.mlops.plugins.plugin_utils._inventory import (
    host_address, hostvars_once, is_ip, role_value, service_port)


class Part(object):
    """Roles that one stage plays on one group. first_only: on the group's first host alone."""

    def __init__(self, group, roles, ports=(), version=None, first_only=False, artifact=None, describe=None):
        self.group, self.roles, self.ports, self.version = group, roles, ports, version
        # A function (hostvars, host) -> what the plan says of where the part keeps its data.
        self.describe = describe
        # The names of the ARTIFACTS the part fetches: one, several (a tuple) or none.
        self.first_only = first_only
        self.artifacts = artifact if isinstance(artifact, tuple) else (artifact,) if artifact else ()


def _database(uri, host):
    """Where a store URI points, without its credentials: the host's own PostgreSQL when empty."""
    if not uri:
        return "PostgreSQL on %s" % host
    parts = urlsplit(uri)
    return "PostgreSQL %s%s" % (parts.hostname or "on its socket", parts.path or "")


def mlflow_stores(hostvars, host):
    artifacts = str(role_value(hostvars, host, "mlflow_artifacts_destination"))
    return "store %s, auth %s, artifacts %s" % (
        _database(role_value(hostvars, host, "mlflow_backend_store_uri"), host),
        _database(role_value(hostvars, host, "mlflow_auth_database_uri"), host),
        artifacts if "://" in artifacts else "%s:%s" % (host, artifacts))


# The stage map (docs/docsite/rst/design.rst), with the groups each stage playbook plays by default.
STAGES = (
    (1, "Laying the foundation", "foundation.yml", (Part("all", ["foundation"]),)),
    (2, "Orchestration", "orchestration.yml", (
        Part("docker_hosts", ["docker"], version="docker_install_source"),
        Part("k3s_servers", ["k3s"], ports=["k3s_api_port"], version="k3s_version", artifact="k3s"),
        Part("k3s_agents", ["k3s"], version="k3s_version", artifact="k3s"),
    )),
    (3, "The assistants", "service_mesh.yml", (
        Part("k3s_servers", ["istio"], version="istio_version", first_only=True, artifact="istio"),
    )),
    (4, "Scripting the story", "plan.yml", ()),
    (5, "Crafting the tunes", "build.yml", (
        Part("registry", ["registry"], ports=["registry_port"]),
        Part("mlflow", ["mlflow"], ports=["mlflow_port", "mlflow_metrics_port"], version="mlflow_version",
             describe=mlflow_stores),
        Part("docker_hosts", ["docker (registry login)"]),
    )),
    (6, "Rehearsing the act", "rehearsal.yml", (
        Part("ci", ["buildbot"], ports=["buildbot_port", "buildbot_worker_port"], version="buildbot_version"),
        Part("ci_runners", ["ci_runner"], version="ci_runner_buildbot_version",
             artifact=("github_runner", "gitlab_runner")),
    )),
    (7, "Opening night", "opening_night.yml", (
        Part("load_balancer", ["release (load balancer)"], ports=["release_lb_port"]),
        Part("release_targets", ["release"], ports=["release_port"]),
        Part("k3s_servers", ["release (canary)"], first_only=True),
    )),
    (8, "The critic's review", "critics_review.yml", (
        Part("all", ["node_exporter"], ports=["node_exporter_port"], version="node_exporter_install_source"),
        Part("monitoring", ["blackbox_exporter"], ports=["blackbox_exporter_port"],
             version="blackbox_exporter_install_source"),
        Part("monitoring", ["alertmanager"], ports=["alertmanager_port"], version="alertmanager_install_source"),
        Part("monitoring", ["prometheus"], ports=["prometheus_port"], version="prometheus_install_source"),
        Part("grafana", ["grafana"], ports=["grafana_port"], version="grafana_version", artifact="grafana"),
    )),
    (9, "Security", "security.yml", (Part("all", ["hardening"], ports=["hardening_ssh_port"]),)),
)

# What the controller fetches from upstream for a stage, as the roles build the address: the first file
# each role fetches. An artifact with its local directory set is not fetched.
ARTIFACTS = {
    "k3s": {"url": "k3s_release_url", "version": "k3s_version", "file": "sha256sum-amd64.txt",
            "local_dir": "k3s_local_dir"},
    "istio": {"url": "istio_release_url", "version": "istio_version",
              "file": "istioctl-{version}-linux-amd64.tar.gz.sha256", "local_dir": "istio_local_dir"},
    "grafana": {"url": "grafana_apt_key_url", "only_if": ("grafana_install_source", "apt_repository")},
    # The runners' releases, fetched only for hosts that declare runners of that kind; the URL is the file's.
    "github_runner": {"url": "ci_runner_github_download_url", "version": "ci_runner_github_version",
                      "local_dir": "ci_runner_local_dir", "runner_kind": "github"},
    "gitlab_runner": {"url": "ci_runner_gitlab_download_url", "version": "ci_runner_gitlab_version",
                      "local_dir": "ci_runner_local_dir", "runner_kind": "gitlab"},
}

# Groups no host may share, and why.
EXCLUSIVE_GROUPS = (
    ("k3s_servers", "k3s_agents", "a k3s node is a server or an agent"),
)

# The k3s role's own requirements, by the option of the preflight module each variable feeds.
K3S_REQUIREMENTS = (
    ("min_cpus", "k3s_preflight_min_cpus"),
    ("min_memory_mb", "k3s_preflight_min_memory_mb"),
    ("swap", "k3s_preflight_swap"),
    ("cgroup_version", "k3s_preflight_cgroup_version"),
)


def artifact_urls(hostvars, groups):
    """The address of each artifact a stage of this inventory will fetch, by name."""
    urls = {}
    for name, artifact in sorted(ARTIFACTS.items()):
        hosts = [host for _number, _title, _playbook, parts in STAGES for part in parts
                 if name in part.artifacts for host in _hosts(groups, part)]
        if artifact.get("runner_kind"):
            hosts = [host for host in hosts if _runner_kinds(hostvars, host) & {artifact["runner_kind"]}]
        if not hosts:
            continue
        host = hosts[0]
        if artifact.get("local_dir") and role_value(hostvars, host, artifact["local_dir"]):
            continue
        only_if = artifact.get("only_if")
        if only_if and role_value(hostvars, host, only_if[0]) != only_if[1]:
            continue
        url = str(role_value(hostvars, host, artifact["url"]))
        if artifact.get("version"):
            version = str(role_value(hostvars, host, artifact["version"]))
            url = url.format(version=quote(version, safe=""))
            if artifact.get("file"):
                url += "/" + artifact["file"].format(version=version)
        urls[name] = url
    return urls


def _runner_kinds(hostvars, host):
    """The kinds of a host's present CI runners (a host whose runners are wrong has none: that is a problem)."""
    try:
        runners = ci_runners((hostvars.get(host) or {}).get("ci_runners") or [], host)
    except AnsibleFilterError:
        return set()
    return set(runner["kind"] for runner in runners if runner["state"] == "present")


def _fetch_results(results):
    """uri results (looped over artifact_urls' dict2items) as {name: {reachable, reason}}."""
    artifacts = {}
    for result in results or []:
        if not isinstance(result, dict) or not isinstance(result.get("item"), dict) or "key" not in result["item"]:
            raise AnsibleFilterError("concert_plan's fetched must be the results of a uri loop over artifact_urls")
        status = result.get("status", -1)
        reachable = isinstance(status, int) and 200 <= status < 400
        reason = "" if reachable else "%s: %s" % (result["item"].get("value"), result.get("msg") or "HTTP %s" % status)
        artifacts[result["item"]["key"]] = {"reachable": reachable, "reason": reason}
    return artifacts


def _hosts(groups, part):
    hosts = list(groups.get(part.group) or [])
    return hosts[:1] if part.first_only else hosts


def _version(hostvars, host, variable):
    if variable is None:
        return ""
    value = role_value(hostvars, host, variable)
    if variable.endswith("_install_source"):
        return {"package": "Debian's package", "distribution": "Debian's package"}.get(value, value)
    return str(value)


def _unmet(hostvars, host, requirements, with_modules):
    facts = (hostvars.get(host) or {}).get("concert_preflight")
    if not facts:
        return ["no preflight facts (plan.yml's first play did not reach it)"]
    if not with_modules:
        # The checker names every missing module it was asked about; only k3s nodes need them.
        facts = dict(facts, kernel_modules={})
    return unmet_requirements(facts, requirements)


def _requirements(hostvars, host, part):
    """What a host must offer for a part; the k3s role's checks for k3s nodes."""
    requirements = {"supported_os": role_value(hostvars, host, "foundation_preflight_supported_os")}
    if "k3s" in part.roles:
        requirements.update((option, role_value(hostvars, host, variable)) for option, variable in K3S_REQUIREMENTS)
        requirements["init_system"] = "systemd"
    return requirements


def _skips(hostvars, groups, part, hosts, artifacts):
    if not hosts:
        return ["no host in group %s" % part.group]
    reasons = []
    for name in part.artifacts:
        artifact = artifacts.get(name) or {}
        if not artifact.get("reachable", True):
            reasons.append("%s cannot be had: %s" % (name, artifact.get("reason") or "unreachable"))
    for host in hosts:
        unmet = _unmet(hostvars, host, _requirements(hostvars, host, part), "k3s" in part.roles)
        if unmet:
            reasons.append("%s: %s" % (host, "; ".join(unmet)))
    return reasons


def _inventory_problems(hostvars, groups):
    """Every inventory mistake at once, each a sentence that says what to change."""
    problems = []
    for first, second, why in EXCLUSIVE_GROUPS:
        for host in sorted(set(groups.get(first) or []) & set(groups.get(second) or [])):
            problems.append("%s is in both %s and %s: %s" % (host, first, second, why))
    if groups.get("k3s_agents") and not groups.get("k3s_servers"):
        problems.append("k3s_agents has hosts but k3s_servers has none: agents join a server")
    docker_hosts = set(groups.get("docker_hosts") or [])
    for host in groups.get("release_targets") or []:
        if host not in docker_hosts:
            problems.append("release target %s is not in docker_hosts: releases run as containers" % host)
    registries = list(groups.get("registry") or [])
    if len(registries) > 1:
        problems.append("registry has %d hosts (%s): the docker hosts log in to one" % (
            len(registries), ", ".join(registries)))
    if registries:
        address = host_address(hostvars, registries[0])
        local = address == "localhost" or (is_ip(address) and address.startswith("127."))
        others = sorted(docker_hosts - {registries[0]})
        if local and others:
            problems.append("the registry's address %s is its own loopback, which the docker hosts %s cannot reach: "
                            "set concert_address of %s" % (address, ", ".join(others), registries[0]))
    problems.extend(_runner_problems(hostvars, groups))
    return problems


def _runner_problems(hostvars, groups):
    problems = []
    for host in groups.get("ci_runners") or []:
        try:
            runners = ci_runners((hostvars.get(host) or {}).get("ci_runners") or [], host)
        except AnsibleFilterError as exc:
            problems.append(str(exc))
            continue
        present = [runner["name"] for runner in runners if runner["kind"] == "buildbot" and runner["state"] == "present"]
        if present and not groups.get("ci"):
            problems.append("CI runner(s) %s of %s have no master: the ci group is empty" % (", ".join(present), host))
    return problems


def concert_plan(hostvars, groups, fetched=None):
    """The running order, what each stage will skip and why, and every inventory mistake.

    fetched: the results of asking for each of artifact_urls (a uri loop), or None for the addresses alone.
    """
    if not isinstance(groups, dict):
        raise AnsibleFilterError("concert_plan needs the play's groups, got %r" % type(groups).__name__)
    hostvars = hostvars_once(hostvars)
    groups = dict(groups)
    if fetched is None:
        return {"artifact_urls": artifact_urls(hostvars, groups)}
    artifacts = _fetch_results(fetched)
    stages = []
    for number, title, playbook, parts in STAGES:
        stage = {"number": number, "title": title, "playbook": "playbooks/" + playbook, "parts": []}
        for part in parts:
            hosts = _hosts(groups, part)
            first = hosts[0] if hosts else None
            stage["parts"].append({
                "group": part.group,
                "hosts": hosts,
                "roles": list(part.roles),
                "version": _version(hostvars, first, part.version) if first else "",
                "ports": [service_port(hostvars, first, port) for port in part.ports] if first else [],
                "skipped": _skips(hostvars, groups, part, hosts, artifacts),
                "keeps": [part.describe(hostvars, host) for host in hosts] if part.describe else [],
            })
        stages.append(stage)
    return {"stages": stages, "problems": _inventory_problems(hostvars, groups), "lines": _lines(stages)}


def _lines(stages):
    """The running order as lines to print: a stage, then a line per part."""
    lines = []
    for stage in stages:
        lines.append("Stage %d, %s (%s)" % (stage["number"], stage["title"], stage["playbook"]))
        if not stage["parts"]:
            lines.append("  this plan: changes nothing")
        for part in stage["parts"]:
            what = ", ".join(part["roles"])
            if part["version"]:
                what += " " + part["version"]
            if part["ports"]:
                what += ", ports " + ", ".join(str(port) for port in part["ports"])
            where = ", ".join(part["hosts"]) or "-"
            line = "  %-26s on %s: %s" % (what, part["group"], where)
            if part["skipped"]:
                line += "  SKIPPED: " + " | ".join(part["skipped"])
            lines.append(line)
            lines.extend("    " + keeps for keeps in part["keeps"])
    return lines


class FilterModule(object):

    def filters(self):
        return {"concert_plan": concert_plan}
