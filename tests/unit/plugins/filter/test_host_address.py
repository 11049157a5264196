# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.concert.mlops.plugins.filter.host_address import host_address
from ansible_collections.concert.mlops.plugins.plugin_utils._inventory import role_default, role_of

HOSTVARS = {
    "explicit": {"concert_address": "10.0.0.5", "foundation_address": "10.0.0.6",
                 "ansible_default_ipv4": {"address": "10.0.0.7"}, "ansible_host": "10.0.0.8"},
    "old_name": {"foundation_address": "10.0.0.6", "ansible_default_ipv4": {"address": "10.0.0.7"}},
    "gathered": {"ansible_default_ipv4": {"address": "10.0.0.7"}, "ansible_host": "gathered.example"},
    "named": {"ansible_host": "named.example"},
    "bare": {},
}


@pytest.mark.parametrize("host, expected", [
    ("explicit", "10.0.0.5"), ("old_name", "10.0.0.6"), ("gathered", "10.0.0.7"),
    ("named", "named.example"), ("bare", "bare"),
])
def test_the_one_rule_in_order(host, expected):
    assert host_address(host, HOSTVARS) == expected


def test_ip_only_skips_names_and_fails_with_what_to_set():
    assert host_address("gathered", HOSTVARS, ip=True) == "10.0.0.7"
    with pytest.raises(AnsibleFilterError, match="named has no IP address: set concert_address"):
        host_address("named", HOSTVARS, ip=True)
    assert host_address("named", HOSTVARS, ip=True, default="") == ""


def test_role_defaults_are_read_from_the_role_itself():
    assert role_of("registry_metrics_port") == "registry"
    assert role_of("docker_registry_port") == "docker"
    assert role_default("node_exporter_port") == 9100
    with pytest.raises(AnsibleFilterError, match="belongs to no role"):
        role_default("nosuchrole_port")
