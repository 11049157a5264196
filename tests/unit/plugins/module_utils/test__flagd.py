# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.concert.mlops.plugins.module_utils._flagd import (
    FlagdError, change_flag, document_problems, flag_problems, parse, render,
)

# A flag set as flagd's documentation shapes them: a boolean flag with a
# fractional rollout, a string flag, a shared evaluator.
FLAGS = {
    "$schema": "https://flagd.dev/schema/v0/flags.json",
    "flags": {
        "new-model": {
            "state": "ENABLED",
            "variants": {"on": True, "off": False},
            "defaultVariant": "off",
            "targeting": {"fractional": [["on", 10], ["off", 90]]},
        },
        "model-name": {
            "state": "DISABLED",
            "variants": {"stable": "iris-v1", "next": "iris-v2"},
            "defaultVariant": "stable",
            "metadata": {"owner": "ml-team", "ticket": 42},
        },
    },
    "$evaluators": {"staff": {"ends_with": [{"var": "email"}, "@concert.test"]}},
}


def test_a_valid_flag_set_has_no_problems():
    assert document_problems(FLAGS) == []


@pytest.mark.parametrize("flag, says", [
    ({"variants": {"on": True}, "defaultVariant": "on"}, "state must be ENABLED or DISABLED"),
    ({"state": "ON", "variants": {"on": True}, "defaultVariant": "on"}, "not 'ON'"),
    ({"state": "ENABLED", "variants": {"on": True, "off": "no"}, "defaultVariant": "on"}, "must all be booleans"),
    ({"state": "ENABLED", "variants": {"a": [1]}, "defaultVariant": "a"}, "must all be booleans"),
    ({"state": "ENABLED", "variants": {"on": True}, "defaultVariant": "maybe"}, "'maybe' is not one of its variants (on)"),
    ({"state": "ENABLED", "variants": {"on": True}, "defaultVariant": 1}, "defaultVariant must be a variant's name or null"),
    ({"state": "ENABLED", "variants": [True], "defaultVariant": None}, "variants must be an object"),
    ({"state": "ENABLED", "variants": {"on": True}, "targeting": "on"}, "targeting must be a JSON Logic object"),
    ({"state": "ENABLED", "variants": {"on": True}, "metadata": {"tags": ["a"]}}, "metadata 'tags'"),
    ("ENABLED", "must be an object"),
])
def test_each_broken_rule_is_named(flag, says):
    problems = flag_problems("f", flag)
    assert any(says in problem for problem in problems), problems


def test_numbers_and_booleans_are_different_types():
    # bool is an int in Python; the schema does not mix them.
    assert flag_problems("f", {"state": "ENABLED", "variants": {"a": 1, "b": True}})
    assert flag_problems("f", {"state": "ENABLED", "variants": {"a": 1, "b": 2.5}}) == []


def test_a_null_default_variant_is_allowed():
    assert flag_problems("f", {"state": "ENABLED", "variants": {"on": True}, "defaultVariant": None}) == []


@pytest.mark.parametrize("document, says", [
    ([], "must be a JSON object"),
    ({"flags": []}, "flags must be an object"),
    ({"flags": {}, "$evaluators": {"x": 1}}, "$evaluators"),
    ({"flags": {}, "metadata": {"version": {"major": 1}}}, "the flag set: metadata 'version'"),
])
def test_document_level_problems(document, says):
    assert any(says in problem for problem in document_problems(document))


def test_switching_off_changes_only_the_state_of_that_flag():
    after = change_flag(FLAGS, "new-model", enabled=False)
    assert after["flags"]["new-model"] == dict(FLAGS["flags"]["new-model"], state="DISABLED")
    assert after["flags"]["model-name"] == FLAGS["flags"]["model-name"]
    assert after["$evaluators"] == FLAGS["$evaluators"]
    # The input is left alone.
    assert FLAGS["flags"]["new-model"]["state"] == "ENABLED"


def test_an_empty_targeting_removes_the_rule():
    after = change_flag(FLAGS, "new-model", targeting={})
    assert "targeting" not in after["flags"]["new-model"]


def test_a_new_flag_needs_variants_and_a_default():
    with pytest.raises(FlagdError, match="give its variants and default_variant"):
        change_flag(FLAGS, "shadow", enabled=True)
    after = change_flag(FLAGS, "shadow", variants={"on": True, "off": False}, default_variant="on")
    assert after["flags"]["shadow"] == {"state": "ENABLED", "variants": {"on": True, "off": False}, "defaultVariant": "on"}


def test_a_change_that_breaks_the_flag_is_refused_naming_the_problem():
    with pytest.raises(FlagdError, match="'maybe' is not one of its variants"):
        change_flag(FLAGS, "new-model", default_variant="maybe")


def test_a_broken_flag_elsewhere_in_the_file_is_named_too():
    broken = dict(FLAGS, flags=dict(FLAGS["flags"], legacy={"state": "YES"}))
    with pytest.raises(FlagdError, match="flag 'legacy': state"):
        change_flag(broken, "new-model", enabled=False)


def test_removing_a_flag_keeps_the_others():
    after = change_flag(FLAGS, "new-model", state="absent")
    assert list(after["flags"]) == ["model-name"]
    assert change_flag(after, "new-model", state="absent") == after


def test_parse_and_render():
    assert parse("") == {"$schema": "https://flagd.dev/schema/v0/flags.json", "flags": {}}
    assert parse(render(FLAGS)) == FLAGS
    with pytest.raises(FlagdError, match="not valid JSON"):
        parse("{flags:")
    # Stable: the same data renders the same text whatever the key order.
    assert render({"b": 1, "a": 2}) == render({"a": 2, "b": 1})
