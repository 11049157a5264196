# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.filter.canary_verdict import canary_verdict


def vector(*values):
    return {"status": "success", "data": {"resultType": "vector", "result": [
        {"metric": {}, "value": [1764770000.0, value]} for value in values]}}


def test_a_rate_within_the_limit_passes():
    verdict = canary_verdict(vector("0.004"), 0.01)
    assert verdict["passed"] is True
    assert verdict["error_rate"] == pytest.approx(0.004)
    assert "0.40%" in verdict["reason"]


def test_the_limit_itself_passes_and_anything_above_fails():
    assert canary_verdict(vector("0.01"), 0.01)["passed"] is True
    verdict = canary_verdict(vector("0.25"), "0.01")
    assert verdict["passed"] is False
    assert verdict["reason"] == "the canary's error rate 25.00% is above the allowed 1.00%"


def test_no_value_fails_unless_data_is_not_required():
    for answer in (vector(), vector("NaN")):
        verdict = canary_verdict(answer, 0.01)
        assert verdict["passed"] is False and verdict["error_rate"] is None
        assert "no requests reached it" in verdict["reason"]
        assert canary_verdict(answer, 0.01, require_data=False)["passed"] is True


def test_a_scalar_answer_is_read():
    answer = {"status": "success", "data": {"resultType": "scalar", "result": [1764770000.0, "0.5"]}}
    assert canary_verdict(answer, 0.1)["error_rate"] == 0.5


@pytest.mark.parametrize("answer, message", [
    ({"status": "error", "errorType": "bad_data", "error": "parse error at char 5"}, "parse error at char 5"),
    ("not json", "did not answer"),
    (vector("0.1", "0.2"), "gave 2 series; aggregate it with sum"),
    ({"status": "success", "data": {"resultType": "matrix", "result": []}}, "not 'matrix'"),
    (vector("many"), "not a number"),
])
def test_answers_that_give_no_verdict_are_errors(answer, message):
    with pytest.raises(AnsibleFilterError, match=message):
        canary_verdict(answer, 0.01)


@pytest.mark.parametrize("limit", [-0.1, 1.5, "lots", None])
def test_the_limit_must_be_a_rate(limit):
    with pytest.raises(AnsibleFilterError, match="max_error_rate"):
        canary_verdict(vector("0"), limit)
