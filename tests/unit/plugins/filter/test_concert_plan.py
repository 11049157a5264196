# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import copy

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.concert.mlops.plugins.filter.concert_plan import STAGES, concert_plan
from ansible_collections.concert.mlops.plugins.plugin_utils._inventory import role_default

FACTS = {
    "cpus": 2, "memory_mb": 4096, "disk": {}, "kernel": "6.1.0-18-amd64", "cgroup_version": 2,
    "listening_tcp_ports": [22], "kernel_modules": {"overlay": "loaded", "br_netfilter": "available"},
    "distribution": "Debian GNU/Linux", "distribution_id": "debian", "os_family": "Debian",
    "distribution_version": "12", "swap_enabled": False, "swap_mb": 0, "init_system": "systemd",
    "container": False, "container_type": None,
}


def host(address, **variables):
    variables.setdefault("concert_preflight", copy.deepcopy(FACTS))
    return dict(concert_address=address, **variables)


def inventory():
    hostvars = {
        "server": host("10.0.0.1"),
        "agent": host("10.0.0.2"),
        "web1": host("10.0.0.3", ci_runners=[{"name": "w1", "kind": "buildbot", "password": "s3cret"}]),
        "web2": host("10.0.0.4"),
        "store": host("10.0.0.5", registry_port=5443),
    }
    groups = {
        "all": sorted(hostvars), "k3s_servers": ["server"], "k3s_agents": ["agent"],
        "docker_hosts": ["web1", "web2", "store"], "release_targets": ["web1", "web2"], "load_balancer": ["store"],
        "registry": ["store"], "ci": ["store"], "ci_runners": ["web1"], "monitoring": ["server"],
    }
    return hostvars, groups


def fetched(**reachable):
    """uri results as the plan's loop gets them: True for 200, False for a connection failure."""
    return [{"item": {"key": name, "value": "https://example.invalid/" + name},
             "status": 200 if ok else -1, "msg": "OK" if ok else "Name or service not known"}
            for name, ok in reachable.items()]


def part(plan, number, role):
    stage = [item for item in plan["stages"] if item["number"] == number][0]
    return [item for item in stage["parts"] if role in item["roles"]][0]


def test_the_running_order_names_every_stage_in_order_with_hosts_ports_and_versions():
    hostvars, groups = inventory()
    plan = concert_plan(hostvars, groups, fetched(k3s=True, istio=True))
    assert [stage["number"] for stage in plan["stages"]] == list(range(1, 10))
    assert plan["problems"] == []
    registry = part(plan, 5, "registry")
    assert registry["hosts"] == ["store"] and registry["ports"] == [5443]
    k3s = part(plan, 2, "k3s")
    assert k3s["hosts"] == ["server"] and k3s["version"] == role_default("k3s_version") and k3s["skipped"] == []
    assert part(plan, 3, "istio")["hosts"] == ["server"]
    assert part(plan, 8, "prometheus")["version"] == "Debian's package"
    assert part(plan, 1, "foundation")["hosts"] == sorted(hostvars)
    assert plan["lines"][0].startswith("Stage 1, Laying the foundation (playbooks/foundation.yml)")
    assert any("registry, ports 5443" in line and "store" in line for line in plan["lines"])


def test_an_empty_group_is_a_skip_with_its_reason():
    hostvars, groups = inventory()
    plan = concert_plan(hostvars, groups, fetched(k3s=True, istio=True))
    assert part(plan, 8, "grafana")["skipped"] == ["no host in group grafana"]
    assert any("grafana" in line and "SKIPPED: no host in group grafana" in line for line in plan["lines"])


def test_an_unreachable_artifact_and_an_unmet_requirement_are_skips_with_their_reasons():
    hostvars, groups = inventory()
    hostvars["server"]["concert_preflight"]["memory_mb"] = 512
    hostvars["server"]["concert_preflight"]["kernel_modules"]["overlay"] = "missing"
    plan = concert_plan(hostvars, groups, fetched(k3s=False, istio=True))
    reasons = part(plan, 2, "k3s")["skipped"]
    assert "k3s cannot be had: https://example.invalid/k3s: Name or service not known" in reasons
    assert any(reason.startswith("server: ") and "needs at least 1024 MiB of memory, has 512 MiB" in reason
               and "overlay" in reason for reason in reasons)
    # The docker hosts need nothing of k3s: only the supported systems.
    assert part(plan, 2, "docker")["skipped"] == []


def test_a_host_without_preflight_facts_is_named():
    hostvars, groups = inventory()
    del hostvars["web2"]["concert_preflight"]
    plan = concert_plan(hostvars, groups, [])
    assert any(reason.startswith("web2: no preflight facts") for reason in part(plan, 7, "release")["skipped"])


def test_every_inventory_mistake_at_once():
    hostvars, groups = inventory()
    groups["k3s_agents"].append("server")
    groups["release_targets"].append("server")
    groups["registry"] = ["store", "web2"]
    hostvars["store"]["concert_address"] = "127.0.0.1"
    groups["ci"] = []
    hostvars["web2"]["ci_runners"] = [{"name": "bad", "kind": "jenkins"}]
    groups["ci_runners"].append("web2")
    problems = concert_plan(hostvars, groups, [])["problems"]
    assert len(problems) == 6, problems
    assert "server is in both k3s_servers and k3s_agents: a k3s node is a server or an agent" in problems
    assert "release target server is not in docker_hosts: releases run as containers" in problems
    assert "registry has 2 hosts (store, web2): the docker hosts log in to one" in problems
    assert any("127.0.0.1 is its own loopback" in problem and "web1, web2" in problem for problem in problems)
    assert "CI runner(s) w1 of web1 have no master: the ci group is empty" in problems
    assert any("web2" in problem and "jenkins" in problem for problem in problems)
    # A runner's password never reaches the plan.
    assert "s3cret" not in repr(concert_plan(hostvars, groups, []))


def test_agents_without_a_server_are_a_mistake():
    hostvars, groups = inventory()
    groups["k3s_servers"] = []
    problems = concert_plan(hostvars, groups, [])["problems"]
    assert problems == ["k3s_agents has hosts but k3s_servers has none: agents join a server"]


def test_artifact_addresses_follow_the_roles_and_leave_out_local_directories():
    hostvars, groups = inventory()
    urls = concert_plan(hostvars, groups)["artifact_urls"]
    version = role_default("k3s_version")
    assert urls["k3s"].endswith("/%s/sha256sum-amd64.txt" % version.replace("+", "%2B"))
    assert urls["istio"].endswith("istioctl-%s-linux-amd64.tar.gz.sha256" % role_default("istio_version"))
    assert "grafana" not in urls
    hostvars["server"]["k3s_local_dir"] = "/srv/mirror"
    groups["grafana"] = ["server"]
    urls = concert_plan(hostvars, groups)["artifact_urls"]
    assert "k3s" not in urls and urls["grafana"] == role_default("grafana_apt_key_url")
    hostvars["server"]["grafana_install_source"] = "tarball"
    assert "grafana" not in concert_plan(hostvars, groups)["artifact_urls"]


def test_a_runners_release_is_fetched_only_where_runners_of_its_kind_are_declared():
    hostvars, groups = inventory()
    groups["ci"], groups["ci_runners"] = ["server"], ["agent"]
    hostvars["agent"]["ci_runners"] = [{"kind": "buildbot", "name": "b1", "password": "x"}]
    urls = concert_plan(hostvars, groups)["artifact_urls"]
    assert "github_runner" not in urls and "gitlab_runner" not in urls
    hostvars["agent"]["ci_runners"].append({"kind": "github", "name": "g1", "repository": "o/r"})
    urls = concert_plan(hostvars, groups)["artifact_urls"]
    version = role_default("ci_runner_github_version")
    assert urls["github_runner"].endswith("/v%s/actions-runner-linux-x64-%s.tar.gz" % (version, version))
    assert "gitlab_runner" not in urls
    hostvars["agent"]["ci_runner_local_dir"] = "/srv/mirror"
    assert "github_runner" not in concert_plan(hostvars, groups)["artifact_urls"]


def test_an_unreachable_runner_release_is_a_skip_of_the_runners():
    hostvars, groups = inventory()
    groups["ci"], groups["ci_runners"] = ["server"], ["agent"]
    hostvars["agent"]["ci_runners"] = [{"kind": "gitlab", "name": "l1", "project": "g/p"}]
    fetched = [{"item": {"key": "gitlab_runner", "value": "https://mirror/gitlab-runner"}, "status": -1,
                "msg": "Name or service not known"}]
    plan = concert_plan(hostvars, groups, fetched)
    runners = [part for stage in plan["stages"] for part in stage["parts"] if part["group"] == "ci_runners"][0]
    assert runners["skipped"] == ["gitlab_runner cannot be had: https://mirror/gitlab-runner: Name or service not known"]


def test_every_port_and_version_variable_has_a_role_default():
    for _number, _title, _playbook, parts in STAGES:
        for item in parts:
            for variable in list(item.ports) + ([item.version] if item.version else []):
                assert role_default(variable) is not None


@pytest.mark.parametrize("groups, results, message", [
    (["all"], [], "needs the play's groups"),
    ({"all": []}, [{"status": 200}], "results of a uri loop"),
])
def test_bad_input_is_refused(groups, results, message):
    with pytest.raises(AnsibleFilterError, match=message):
        concert_plan({}, groups, results)


def test_missing_kernel_modules_matter_only_on_k3s_nodes():
    hostvars, groups = inventory()
    for name in hostvars:
        hostvars[name]["concert_preflight"]["kernel_modules"] = {"overlay": "missing"}
    plan = concert_plan(hostvars, groups, [])
    assert part(plan, 5, "registry")["skipped"] == []
    assert any("overlay" in reason for reason in part(plan, 2, "k3s")["skipped"])


def test_the_mlflow_host_its_version_and_where_it_keeps_its_data_without_credentials():
    hostvars, groups = inventory()
    hostvars["tracking"] = host("10.0.0.6")
    hostvars["tracking2"] = host("10.0.0.7", mlflow_backend_store_uri="postgresql://mlflow:s3cret@db.example:5432/mlflow",
                                 mlflow_artifacts_destination="s3://models")
    groups["mlflow"] = ["tracking", "tracking2"]
    plan = concert_plan(hostvars, groups, fetched(k3s=True, istio=True))
    mlflow = part(plan, 5, "mlflow")
    assert mlflow["version"] == role_default("mlflow_version")
    assert mlflow["ports"] == [role_default("mlflow_port"), role_default("mlflow_metrics_port")]
    assert mlflow["keeps"] == [
        "store PostgreSQL on tracking, auth PostgreSQL on tracking, artifacts tracking:/var/lib/mlflow/artifacts",
        "store PostgreSQL db.example/mlflow, auth PostgreSQL on tracking2, artifacts s3://models"]
    assert not any("s3cret" in line for line in plan["lines"])
