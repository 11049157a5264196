# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.concert.mlops.plugins.module_utils import _docker_daemon as dd


def test_deep_merge_keeps_unrelated_keys_and_merges_nested_objects():
    before = {"data-root": "/srv/docker", "log-opts": {"max-size": "50m", "labels": "app"}}
    after = dd.deep_merge(before, {"log-opts": {"max-size": "10m", "max-file": "3"}, "live-restore": True})
    assert after == {
        "data-root": "/srv/docker",
        "log-opts": {"max-size": "10m", "max-file": "3", "labels": "app"},
        "live-restore": True,
    }
    assert before["log-opts"]["max-size"] == "50m", "the input must not be modified"


def test_deep_merge_replaces_lists():
    assert dd.deep_merge({"dns": ["1.1.1.1"]}, {"dns": ["9.9.9.9"]}) == {"dns": ["9.9.9.9"]}


def test_render_is_stable_and_sorted():
    assert dd.render({"b": 1, "a": {"d": 2, "c": 3}}) == dd.render({"a": {"c": 3, "d": 2}, "b": 1})
    assert dd.render({"b": 1, "a": 2}).index('"a"') < dd.render({"b": 1, "a": 2}).index('"b"')


@pytest.mark.parametrize("text, expected", [("", {}), ("  \n", {}), ('{"debug": true}', {"debug": True})])
def test_parse(text, expected):
    assert dd.parse(text) == expected


@pytest.mark.parametrize("text", ['{"debug": true', "[1, 2]", "not json"])
def test_parse_rejects_invalid_files(text):
    with pytest.raises(ValueError):
        dd.parse(text)


@pytest.mark.parametrize("settings, message", [
    ({"log-opts": {"max-file": 3}}, "every item of log-opts must be a str"),
    ({"live-restore": "yes"}, "live-restore must be a bool, got str"),
    ({"max-concurrent-downloads": True}, "max-concurrent-downloads must be a int, got bool"),
    ({"registry-mirrors": "https://mirror"}, "registry-mirrors must be a list"),
    ({"default-address-pools": [{"base": "10.0.0.0/8", "size": 24}, "10.1.0.0/16"]},
     "every item of default-address-pools must be a dict"),
    ({"log-level": "verbose"}, "log-level must be one of"),
])
def test_type_errors(settings, message):
    errors = dd.type_errors(settings)
    assert len(errors) == 1 and message in errors[0]


def test_type_errors_accepts_good_and_unknown_keys():
    assert dd.type_errors({
        "log-opts": {"max-file": "3"}, "live-restore": True, "mtu": 1450,
        "default-address-pools": [{"base": "10.0.0.0/8", "size": 24}], "some-future-key": 1,
    }) == []


def test_type_errors_lists_every_problem():
    assert len(dd.type_errors({"debug": 1, "mtu": "1450", "dns": [1]})) == 3


@pytest.mark.parametrize("keys, action", [
    ([], "none"),
    (["registry-mirrors", "insecure-registries", "debug"], "reload"),
    (["registry-mirrors", "log-opts"], "restart"),
    (["data-root"], "restart"),
])
def test_needed_action(keys, action):
    assert dd.needed_action(keys) == action


def test_changed_keys_sees_additions_removals_and_changes():
    assert dd.changed_keys({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 5, "d": 4}) == ["b", "c", "d"]
