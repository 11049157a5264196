# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.concert.mlops.plugins.filter.firewall_rules import firewall_rules
from ansible_collections.concert.mlops.plugins.filter.scrape_configs import scrape_configs
from ansible_collections.concert.mlops.plugins.plugin_utils._inventory import HostvarsOnce, hostvars_once


class CountingHostvars(dict):
    """Counts lookups per host, as ansible-core's hostvars works each one out anew."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lookups = {}

    def get(self, host, default=None):
        self.lookups[host] = self.lookups.get(host, 0) + 1
        return super().get(host, default)


HOSTVARS = {
    "mon": {"concert_address": "10.0.0.1", "node_exporter_port": 9100},
    "web": {"concert_address": "10.0.0.2"},
}
GROUPS = {"all": ["mon", "web"], "monitoring": ["mon"], "docker_hosts": ["web"]}


def test_each_host_is_looked_up_once():
    counting = CountingHostvars(HOSTVARS)
    once = HostvarsOnce(counting)
    for _round in range(3):
        assert once.get("mon")["concert_address"] == "10.0.0.1"
        assert once["web"]["concert_address"] == "10.0.0.2"
    assert counting.lookups == {"mon": 1, "web": 1}


def test_missing_hosts_behave_like_a_dict():
    once = HostvarsOnce(CountingHostvars(HOSTVARS))
    assert once.get("nowhere") is None
    assert once.get("nowhere", {}) == {}
    assert "mon" in once and "nowhere" not in once
    assert sorted(once) == ["mon", "web"]
    with pytest.raises(KeyError):
        once["nowhere"]  # pylint: disable=pointless-statement


def test_wrapping_twice_keeps_one_cache():
    once = hostvars_once(HOSTVARS)
    assert hostvars_once(once) is once


def test_the_filters_read_each_host_once():
    counting = CountingHostvars(HOSTVARS)
    scrape_configs(counting, GROUPS, {"groups": {"node": "all"}, "ports": {}, "config_dir": "."})
    assert max(counting.lookups.values()) == 1
    counting = CountingHostvars(HOSTVARS)
    services = [{"name": "node", "ports": ["node_exporter_port"], "served_by": ["all"], "from_groups": ["monitoring"]}]
    firewall_rules("web", counting, GROUPS, {"services": services})
    assert max(counting.lookups.values()) == 1
