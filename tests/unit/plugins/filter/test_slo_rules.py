# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.filter.slo_rules import slo_rules

API = {"name": "api", "objective": 99.9, "good": 'requests_total{code!~"5.."}', "total": "requests_total"}


def rules_of(group, kind):
    return [rule for rule in group["rules"] if kind in rule]


def test_a_30_day_slo_records_the_workbook_windows():
    (group,) = slo_rules([API])
    assert group["name"] == "slo-api"
    records = [rule["record"] for rule in rules_of(group, "record")]
    assert records == ["slo:sli_error:ratio_rate%s" % w for w in ("5m", "30m", "1h", "2h", "6h", "1d", "3d")]
    five = rules_of(group, "record")[0]
    assert five["expr"] == '1 - (sum(rate(requests_total{code!~"5.."}[5m])) / sum(rate(requests_total[5m])))'
    assert five["labels"] == {"slo": "api"}


def test_burn_rate_thresholds_follow_the_error_budget():
    (group,) = slo_rules([API])
    page, ticket = rules_of(group, "alert")
    assert page["labels"] == {"slo": "api", "severity": "page"}
    assert page["expr"] == (
        '(slo:sli_error:ratio_rate1h{slo="api"} > 0.0144 and slo:sli_error:ratio_rate5m{slo="api"} > 0.0144)'
        ' or (slo:sli_error:ratio_rate6h{slo="api"} > 0.006 and slo:sli_error:ratio_rate30m{slo="api"} > 0.006)')
    assert ticket["labels"]["severity"] == "ticket"
    assert "slo:sli_error:ratio_rate3d{slo=\"api\"} > 0.001" in ticket["expr"]


def test_shorter_windows_scale_the_lookback():
    (group,) = slo_rules([dict(API, window="7d")])
    records = [rule["record"] for rule in rules_of(group, "record")]
    # 7/30 of 1h is 14m; of 3d, 1008m.
    assert "slo:sli_error:ratio_rate14m" in records
    assert "slo:sli_error:ratio_rate1008m" in records


def test_user_labels_reach_records_and_alerts():
    (group,) = slo_rules([dict(API, labels={"team": "ml"})])
    assert all(rule["labels"]["team"] == "ml" for rule in group["rules"])


@pytest.mark.parametrize("slo, message", [
    ({"name": "api", "objective": 99.9, "good": "a"}, "lacks total"),
    (dict(API, objective=100), "percentage between 0 and 100"),
    (dict(API, objective="high"), "percentage between 0 and 100"),
    (dict(API, window="30 days"), "duration like 30d"),
    (dict(API, name="my-api"), "label-safe"),
    ("api", "must be a dict"),
])
def test_bad_definitions_are_refused(slo, message):
    with pytest.raises(AnsibleFilterError, match=message):
        slo_rules([slo])


def test_names_must_be_unique_and_input_a_list():
    with pytest.raises(AnsibleFilterError, match="unique"):
        slo_rules([API, API])
    with pytest.raises(AnsibleFilterError, match="list"):
        slo_rules(API)
