# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import copy
import json
import os

import pytest

from ansible_collections.concert.mlops.plugins.plugin_utils._k3s_nodes import PlanError, Version, plan

# A NodeList of three servers (embedded etcd) and one agent, in the shape of the
# Kubernetes v1 Node API as `kubectl get nodes -o json` prints it for k3s
# (written to that shape here: this machine cannot run k3s to record one).
FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "k3s_nodes_v1.30.json")


@pytest.fixture
def nodes():
    with open(FIXTURE) as handle:
        return json.load(handle)


def node(nodes, name):
    return [item for item in nodes["items"] if item["metadata"]["name"] == name][0]


def set_version(nodes, name, version):
    node(nodes, name)["status"]["nodeInfo"]["kubeletVersion"] = version


def test_servers_one_at_a_time_then_agents(nodes):
    decided = plan(nodes, "v1.31.4+k3s1")
    assert [(step["name"], step["role"]) for step in decided["plan"]] == [
        ("server-1", "server"), ("server-2", "server"), ("server-3", "server"), ("agent-1", "agent")]
    assert decided["plan"][0]["from"] == "v1.30.8+k3s1" and decided["plan"][0]["to"] == "v1.31.4+k3s1"
    assert decided["current"] == []


def test_the_given_order_is_kept_within_each_role(nodes):
    decided = plan(nodes, "v1.31.4+k3s1", order=["agent-1", "server-3", "server-1"])
    assert [step["name"] for step in decided["plan"]] == ["server-3", "server-1", "server-2", "agent-1"]


def test_kubectl_text_is_read_as_well(nodes):
    assert plan(json.dumps(nodes), "v1.31.4+k3s1")["plan"][0]["name"] == "server-1"


def test_nodes_at_the_target_are_left_out_after_an_interrupted_upgrade(nodes):
    set_version(nodes, "server-1", "v1.31.4+k3s1")
    decided = plan(nodes, "v1.31.4+k3s1")
    assert [step["name"] for step in decided["plan"]] == ["server-2", "server-3", "agent-1"]
    assert decided["current"] == ["server-1"]


def test_nothing_to_do_when_every_node_is_there(nodes):
    for item in nodes["items"]:
        item["status"]["nodeInfo"]["kubeletVersion"] = "v1.30.8+k3s1"
    assert plan(nodes, "v1.30.8+k3s1")["plan"] == []


def test_a_new_k3s_build_of_the_same_kubernetes_release_is_an_upgrade(nodes):
    assert len(plan(nodes, "v1.30.8+k3s2")["plan"]) == 4


def test_a_skipped_minor_version_is_refused_naming_the_nodes(nodes):
    with pytest.raises(PlanError) as caught:
        plan(nodes, "v1.32.0+k3s1")
    message = str(caught.value)
    assert "skips a minor version" in message
    assert "server-1 (v1.30.8+k3s1)" in message and "agent-1 (v1.30.8+k3s1)" in message
    assert "from v1.30 to the next one first" in message


def test_a_downgrade_is_refused(nodes):
    set_version(nodes, "agent-1", "v1.30.9+k3s1")
    with pytest.raises(PlanError) as caught:
        plan(nodes, "v1.30.8+k3s1")
    assert "older than agent-1 (v1.30.9+k3s1)" in str(caught.value)
    assert "does not downgrade" in str(caught.value)


def test_a_node_that_is_not_ready_stops_the_plan_with_its_condition(nodes):
    ready = node(nodes, "agent-1")["status"]["conditions"][-1]
    ready.update(status="Unknown", reason="NodeStatusUnknown", message="Kubelet stopped posting node status.")
    with pytest.raises(PlanError) as caught:
        plan(nodes, "v1.31.4+k3s1")
    assert "agent-1 (NodeStatusUnknown: Kubelet stopped posting node status.)" in str(caught.value)
    assert len(plan(nodes, "v1.31.4+k3s1", require_ready=False)["plan"]) == 4


def test_a_node_without_conditions_is_not_ready(nodes):
    node(nodes, "server-2")["status"]["conditions"] = []
    with pytest.raises(PlanError) as caught:
        plan(nodes, "v1.31.4+k3s1")
    assert "server-2 (no Ready condition)" in str(caught.value)


@pytest.mark.parametrize("bad", ["1.31", "latest", "v1.31.4+rke2r1", ""])
def test_an_unreadable_target_is_refused(nodes, bad):
    with pytest.raises(PlanError) as caught:
        plan(nodes, bad)
    assert "is not a k3s version" in str(caught.value)


def test_an_unreadable_node_version_names_the_node(nodes):
    set_version(nodes, "server-3", "unknown")
    with pytest.raises(PlanError) as caught:
        plan(nodes, "v1.31.4+k3s1")
    assert "node server-3 reports kubelet version 'unknown'" in str(caught.value)


@pytest.mark.parametrize("given, says", [
    ("not json", "is not the JSON"),
    ({"kind": "Status"}, "a NodeList with items"),
    ({"items": []}, "no nodes"),
])
def test_input_that_is_not_a_node_list_is_refused(given, says):
    with pytest.raises(PlanError) as caught:
        plan(given, "v1.31.4+k3s1")
    assert says in str(caught.value)


def test_an_order_naming_a_stranger_is_refused(nodes):
    with pytest.raises(PlanError) as caught:
        plan(nodes, "v1.31.4+k3s1", order=["server-9"])
    assert "server-9" in str(caught.value)


def test_a_node_without_a_name_is_refused(nodes):
    broken = copy.deepcopy(nodes)
    del broken["items"][0]["metadata"]["name"]
    with pytest.raises(PlanError):
        plan(broken, "v1.31.4+k3s1")


def test_versions_order_like_kubernetes_releases():
    assert Version("v1.31.0-rc1+k3s1") < Version("v1.31.0+k3s1") < Version("v1.31.0+k3s2") < Version("v1.31.1+k3s1")
    assert Version("1.31.4") == Version("v1.31.4")
    assert Version("v1.31.4+k3s1").minor_line() == "v1.31"
