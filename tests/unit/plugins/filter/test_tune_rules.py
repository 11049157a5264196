# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import os

import pytest
import yaml

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.filter.tune_rules import tune_rules

RULEBOOK = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "roles", "prometheus", "files", "rules", "concert-rulebook.yml")


@pytest.fixture(name="book")
def fixture_book():
    with open(RULEBOOK) as rulebook:
        return yaml.safe_load(rulebook)


def alert(groups, name):
    return [rule for group in groups for rule in group["rules"] if rule.get("alert") == name]


def test_no_tuning_keeps_the_rulebook(book):
    assert tune_rules(book, {}) == book["groups"]


def test_for_labels_and_annotations_are_changed_on_one_alert_only(book):
    groups = tune_rules(book, {"InstanceDown": {"for": "10s", "labels": {"team": "ops"}}})
    (instance_down,) = alert(groups, "InstanceDown")
    assert instance_down["for"] == "10s"
    assert instance_down["labels"] == {"severity": "critical", "team": "ops"}
    assert alert(groups, "ScrapeFailing")[0]["for"] == "5m"
    # The shipped rulebook itself is left untouched, its nested labels too.
    assert alert(book["groups"], "InstanceDown")[0]["for"] == "2m"
    assert alert(book["groups"], "InstanceDown")[0]["labels"] == {"severity": "critical"}


def test_disabled_alerts_are_dropped(book):
    groups = tune_rules(book, {"ClockSkew": {"enabled": False}})
    assert alert(groups, "ClockSkew") == []
    assert len(alert(groups, "HighLoad")) == 1


def test_unknown_alerts_and_settings_are_refused(book):
    with pytest.raises(AnsibleFilterError, match="no alert named InstanceGone"):
        tune_rules(book, {"InstanceGone": {"for": "1m"}})
    with pytest.raises(AnsibleFilterError, match="may only set"):
        tune_rules(book, {"InstanceDown": {"expr": "vector(1)"}})
    with pytest.raises(AnsibleFilterError, match="list of groups"):
        tune_rules({"rules": []}, {})
