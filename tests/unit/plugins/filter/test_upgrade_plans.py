# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The filters istio_plan and k3s_upgrade_plan: the decisions of plugin_utils, refusals as filter errors."""

from __future__ import annotations

import json
import os

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.concert.mlops.plugins.filter.istio_plan import istio_plan
from ansible_collections.concert.mlops.plugins.filter.k3s_upgrade_plan import k3s_upgrade_plan

CLIENT_ONLY = json.dumps({"clientVersion": {"version": "1.24.2", "revision": "0" * 40, "golang_version": "go1.23.4",
                                            "status": "Clean", "tag": "1.24.2"}})
NODES = os.path.join(os.path.dirname(__file__), "..", "plugin_utils", "fixtures", "k3s_nodes_v1.30.json")


def kubectl_output():
    with open(NODES) as handle:
        return handle.read()


def test_istio_without_a_control_plane_is_installed_at_its_revision():
    decided = istio_plan(CLIENT_ONLY, "1.24.2")
    assert decided["action"] == "install" and decided["revision"] == "1-24-2"


def test_an_istioctl_of_another_version_is_refused_unless_told():
    with pytest.raises(AnsibleFilterError, match="istioctl is 1.24.2"):
        istio_plan(CLIENT_ONLY, "1.25.0")
    assert istio_plan(CLIENT_ONLY, "1.25.0", require_client_match=False)["action"] == "install"


def test_k3s_servers_come_first_in_the_order_given_then_agents():
    decided = k3s_upgrade_plan(kubectl_output(), "v1.31.4+k3s1", ["server-3", "server-1"])
    assert [step["name"] for step in decided["plan"]] == ["server-3", "server-1", "server-2", "agent-1"]
    assert decided["target"] == "v1.31.4+k3s1"


def test_a_k3s_downgrade_is_refused_with_the_reason():
    with pytest.raises(AnsibleFilterError, match="does not downgrade"):
        k3s_upgrade_plan(json.loads(kubectl_output()), "v1.29.0+k3s1")
