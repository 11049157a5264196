# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.concert.mlops.plugins.filter.setting_problems import setting_problems


@pytest.mark.parametrize("kind, good", [
    ("port", [1, 9100, 65535, "9100"]),
    ("network", ["172.30.0.0/16", "10.0.0.1/8", "fd00::/64"]),
    ("address", ["192.0.2.1", "::1"]),
    ("prefix", [24, "16", 128]),
    ("positive", [1, "30"]),
    ("password", ["x"]),
    ("os_name", ["concert", "_svc", "ci-runner1"]),
    ("duration", ["30s", "5m", "1h30m", 600, "600"]),
])
def test_good_values_pass(kind, good):
    assert setting_problems(dict(("v%d" % i, [kind, value]) for i, value in enumerate(good))) == []


@pytest.mark.parametrize("kind, bad, words", [
    ("port", 70000, "must be a port from 1 to 65535, not 70000"),
    ("port", 0, "must be a port"),
    ("port", True, "must be a port"),
    ("port", "http", "must be a port"),
    ("network", "not-a-network", "must be a network with its prefix length"),
    ("network", "172.30.0.0", "must be a network with its prefix length"),
    ("network", "10.0.0.300/8", "must be a network"),
    ("address", "10.0.0.300", "must be an IP address"),
    ("prefix", 0, "must be a prefix length"),
    ("positive", 0, "must be a whole number above 0"),
    ("password", "", "must not be empty"),
    ("password", None, "must not be empty"),
    ("os_name", "Concert Admin", "must be a name the OS accepts"),
    ("os_name", "a" * 33, "must be a name the OS accepts"),
    ("duration", "forever", "must be a duration"),
])
def test_each_bad_value_is_named_with_its_setting(kind, bad, words):
    (problem,) = setting_problems({"some_setting": [kind, bad]})
    assert problem.startswith("some_setting " + words)


def test_list_elements_are_named_by_their_index_and_all_problems_come_at_once():
    problems = setting_problems({
        "registry_users[].password": ["password", ["s3cret", "", None]],
        "docker_default_address_pools[].base": ["network", ["172.30.0.0/16", "bogus"]],
        "node_exporter_port": ["port", 70000],
    })
    assert problems == [
        "docker_default_address_pools[1].base must be a network with its prefix length (192.0.2.0/24), not 'bogus'",
        "node_exporter_port must be a port from 1 to 65535, not 70000",
        "registry_users[1].password must not be empty",
        "registry_users[2].password must not be empty",
    ]


def test_a_list_setting_that_is_no_list_is_named():
    assert setting_problems({"registry_users[].password": ["password", "s3cret"]}) == ["registry_users must be a list"]


@pytest.mark.parametrize("settings, words", [
    ({"x": ["colour", 1]}, "unknown kind 'colour'"),
    ({"x": "port"}, "expects {name: [kind, value]}"),
    (["x"], "expects {name: [kind, value]}"),
])
def test_misuse_is_refused(settings, words):
    with pytest.raises(AnsibleFilterError, match=words.replace("[", r"\[").replace("{", r"\{")):
        setting_problems(settings)
