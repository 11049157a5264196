# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json
import os

from ansible_collections.concert.mlops.plugins.filter.k3s_join_problems import k3s_join_problems

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "plugin_utils", "fixtures", "k3s_nodes_v1.30.json")
ALL = ["server-1", "server-2", "server-3", "agent-1"]


def nodes():
    with open(FIXTURE) as handle:
        return json.load(handle)


def test_a_whole_cluster_has_no_problems():
    assert k3s_join_problems(json.dumps(nodes()), ALL, "v1.30.8+k3s1") == []


def test_a_missing_a_not_ready_and_an_old_node_are_each_named():
    cluster = nodes()
    cluster["items"] = [item for item in cluster["items"] if item["metadata"]["name"] != "agent-1"]
    server_2 = [item for item in cluster["items"] if item["metadata"]["name"] == "server-2"][0]
    server_2["status"]["conditions"][-1].update(status="False", reason="KubeletNotReady",
                                                message="container runtime network not ready")
    server_3 = [item for item in cluster["items"] if item["metadata"]["name"] == "server-3"][0]
    server_3["status"]["nodeInfo"]["kubeletVersion"] = "v1.30.7+k3s1"
    assert k3s_join_problems(cluster, ALL, "v1.30.8+k3s1") == [
        "server-2 is not Ready (KubeletNotReady: container runtime network not ready)",
        "server-3 runs v1.30.7+k3s1, not v1.30.8+k3s1",
        "agent-1 has not joined",
    ]


def test_output_that_is_not_a_node_list_is_one_problem():
    assert k3s_join_problems("The connection to the server 127.0.0.1:6443 was refused", ALL, "v1.30.8+k3s1") == [
        "the cluster cannot be read: nodes is not the JSON of `kubectl get nodes -o json`: "
        "Expecting value: line 1 column 1 (char 0)"]
