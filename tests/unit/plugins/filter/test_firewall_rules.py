# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.filter.firewall_rules import firewall_rules

GROUPS = {
    "all": ["mon", "web1", "reg", "outside"],
    "monitoring": ["mon"],
    "docker_hosts": ["web1"],
    "registry": ["reg"],
    "k3s_servers": [],
}
HOSTVARS = {
    "mon": {"ansible_host": "10.0.0.10"},
    "web1": {"ansible_default_ipv4": {"address": "10.0.0.21"}, "ansible_host": "web1.example"},
    "reg": {"concert_address": "2001:db8::5", "ansible_host": "10.0.0.30"},
    "outside": {"ansible_host": "198.51.100.7"},
}
SETTINGS = {
    "admin_networks": ["192.0.2.0/24"],
    "services": [
        {"name": "ssh", "ports": [22], "served_by": ["all"], "from_admin_networks": True},
        {"name": "node_exporter", "ports": [9100], "served_by": ["all"], "from_groups": ["monitoring"]},
        {"name": "registry", "ports": [5000], "served_by": ["registry"], "from_groups": ["docker_hosts", "k3s_servers"]},
        {"name": "alertmanager_cluster", "ports": [9094], "protocol": "udp", "served_by": ["monitoring"], "from_groups": ["monitoring"]},
    ],
}


def rules_by_name(host, hostvars=None, settings=None):
    return {rule["name"]: rule for rule in firewall_rules(host, hostvars or HOSTVARS, GROUPS, settings or SETTINGS)}


def test_the_node_exporter_port_opens_to_the_monitoring_hosts_only():
    rules = rules_by_name("web1")
    assert rules["node_exporter"] == {"name": "node_exporter", "protocol": "tcp", "ports": [9100], "ipv4": ["10.0.0.10/32"], "ipv6": []}
    assert "registry" not in rules  # web1 does not play the registry


def test_ssh_opens_to_the_admin_networks():
    assert rules_by_name("outside")["ssh"]["ipv4"] == ["192.0.2.0/24"]


def test_the_registry_opens_to_docker_hosts_by_their_gathered_address():
    assert rules_by_name("reg")["registry"]["ipv4"] == ["10.0.0.21/32"]


def test_concert_address_wins_and_ipv6_is_kept_apart():
    settings = dict(SETTINGS, services=[{"name": "pull", "ports": [5000], "served_by": ["docker_hosts"], "from_groups": ["registry"]}])
    rule = rules_by_name("web1", settings=settings)["pull"]
    assert rule["ipv6"] == ["2001:db8::5/128"] and rule["ipv4"] == []


def test_a_host_is_not_its_own_source_and_a_service_nobody_may_reach_gets_no_rule():
    # The only Alertmanager is the host itself: no peer, no rule, the default policy drops the port.
    assert "alertmanager_cluster" not in rules_by_name("mon")


def test_a_peer_without_an_ip_is_refused_with_what_to_do():
    hostvars = dict(HOSTVARS, mon={"ansible_host": "mon.example"})
    with pytest.raises(AnsibleFilterError, match="host mon has no IP address.*concert_address"):
        firewall_rules("web1", hostvars, GROUPS, SETTINGS)


@pytest.mark.parametrize("service, message", [
    ({"name": "x", "ports": [0], "served_by": ["all"]}, "not a port number"),
    ({"name": "x", "ports": [True], "served_by": ["all"]}, "not a port number"),
    ({"name": "x", "ports": ["nosuchrole_port"], "served_by": ["all"]}, "belongs to no role"),
    ({"name": "x", "ports": [22], "protocol": "sctp", "served_by": ["all"]}, "tcp or udp"),
    ({"name": "x", "ports": [22]}, "'served_by' names the groups"),
    ({"ports": [22], "served_by": ["all"]}, "needs a name and ports"),
    ({"name": "x", "ports": [22], "served_by": ["all"], "from_networks": ["10.0.0.300/8"]}, "not an IP address or network"),
])
def test_bad_services_are_refused(service, message):
    with pytest.raises(AnsibleFilterError, match=message):
        firewall_rules("web1", HOSTVARS, GROUPS, dict(SETTINGS, services=[service]))


def test_bad_admin_networks_and_settings_are_refused():
    with pytest.raises(AnsibleFilterError, match="admin_networks"):
        firewall_rules("web1", HOSTVARS, GROUPS, dict(SETTINGS, admin_networks=["everyone"]))
    with pytest.raises(AnsibleFilterError, match="list of services"):
        firewall_rules("web1", HOSTVARS, GROUPS, {})


def test_a_port_named_by_its_role_variable_follows_the_host_else_the_role_default():
    settings = dict(SETTINGS, services=[
        {"name": "node_exporter", "ports": ["node_exporter_port"], "served_by": ["all"], "from_groups": ["monitoring"]},
        {"name": "ssh", "ports": ["2222"], "served_by": ["all"], "from_admin_networks": True}])
    # The node_exporter role's own default (roles/node_exporter/defaults/main.yml).
    assert rules_by_name("web1", settings=settings)["node_exporter"]["ports"] == [9100]
    hostvars = dict(HOSTVARS, web1=dict(HOSTVARS["web1"], node_exporter_port=9200))
    rules = rules_by_name("web1", hostvars=hostvars, settings=settings)
    assert rules["node_exporter"]["ports"] == [9200] and rules["ssh"]["ports"] == [2222]


def test_a_bad_port_in_a_role_variable_is_named():
    settings = dict(SETTINGS, services=[
        {"name": "node_exporter", "ports": ["node_exporter_port"], "served_by": ["all"], "from_groups": ["monitoring"]}])
    hostvars = dict(HOSTVARS, web1=dict(HOSTVARS["web1"], node_exporter_port="ninety"))
    with pytest.raises(AnsibleFilterError, match="service node_exporter: node_exporter_port of host web1 must be a port number"):
        firewall_rules("web1", hostvars, GROUPS, settings)
