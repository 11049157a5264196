# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json
import os
import stat

import pytest

from ansible.module_utils.testing import patch_module_args
from ansible_collections.concert.mlops.plugins.modules import feature_flag

FLAGS = {
    "$schema": "https://flagd.dev/schema/v0/flags.json",
    "flags": {
        "new-model": {"state": "ENABLED", "variants": {"on": True, "off": False}, "defaultVariant": "off"},
        "model-name": {"state": "ENABLED", "variants": {"stable": "iris-v1"}, "defaultVariant": "stable"},
    },
}


def run_module(capsys, args, check=False, diff=False):
    args = dict(args, _ansible_check_mode=check, _ansible_diff=diff)
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            feature_flag.main()
    return exit_info.value.code, json.loads(capsys.readouterr().out)


@pytest.fixture
def flags_file(tmp_path):
    path = tmp_path / "flags.json"
    path.write_text(json.dumps(FLAGS, indent=2, sort_keys=True) + "\n")
    os.chmod(path, 0o644)
    return path


def test_switching_a_flag_off_writes_it_and_a_second_run_changes_nothing(capsys, flags_file):
    code, result = run_module(capsys, dict(path=str(flags_file), name="new-model", enabled=False))
    assert code == 0 and result["changed"]
    written = json.loads(flags_file.read_text())
    assert written["flags"]["new-model"]["state"] == "DISABLED"
    assert written["flags"]["model-name"] == FLAGS["flags"]["model-name"]
    assert result["flag"]["state"] == "DISABLED"

    code, result = run_module(capsys, dict(path=str(flags_file), name="new-model", enabled=False))
    assert code == 0 and not result["changed"]


def test_check_mode_says_what_would_change_and_writes_nothing(capsys, flags_file):
    before = flags_file.read_text()
    code, result = run_module(capsys, dict(path=str(flags_file), name="new-model", default_variant="on"),
                              check=True, diff=True)
    assert code == 0 and result["changed"]
    assert flags_file.read_text() == before
    assert '"defaultVariant": "off"' in result["diff"]["before"]
    assert '"defaultVariant": "on"' in result["diff"]["after"]
    assert result["diff"]["after_header"].endswith("flags.json#new-model")


def test_a_targeting_rule_is_set_and_removed(capsys, flags_file):
    rule = {"fractional": [["on", 10], ["off", 90]]}
    run_module(capsys, dict(path=str(flags_file), name="new-model", targeting=rule))
    assert json.loads(flags_file.read_text())["flags"]["new-model"]["targeting"] == rule
    code, result = run_module(capsys, dict(path=str(flags_file), name="new-model", targeting={}))
    assert result["changed"] and "targeting" not in json.loads(flags_file.read_text())["flags"]["new-model"]


def test_a_missing_file_is_made_with_the_new_flag(capsys, tmp_path):
    path = tmp_path / "flags.json"
    code, result = run_module(capsys, dict(path=str(path), name="shadow", variants={"on": True, "off": False},
                                           default_variant="off"))
    assert code == 0 and result["changed"]
    assert json.loads(path.read_text())["flags"] == {
        "shadow": {"state": "ENABLED", "variants": {"on": True, "off": False}, "defaultVariant": "off"}}
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644


def test_removing_a_flag_from_a_missing_file_makes_no_file(capsys, tmp_path):
    path = tmp_path / "flags.json"
    code, result = run_module(capsys, dict(path=str(path), name="shadow", state="absent"))
    assert code == 0 and not result["changed"] and not path.exists()


def test_removing_a_flag_keeps_the_others(capsys, flags_file):
    code, result = run_module(capsys, dict(path=str(flags_file), name="new-model", state="absent"))
    assert result["changed"] and "flag" not in result
    assert list(json.loads(flags_file.read_text())["flags"]) == ["model-name"]


@pytest.mark.parametrize("args, says", [
    (dict(name="new-model", default_variant="maybe"), "'maybe' is not one of its variants"),
    (dict(name="shadow", enabled=True), "give its variants and default_variant"),
    (dict(name="new-model", variants={"on": True, "off": "no"}), "must all be booleans"),
])
def test_a_change_that_would_break_the_file_writes_nothing(capsys, flags_file, args, says):
    before = flags_file.read_text()
    code, result = run_module(capsys, dict(args, path=str(flags_file)))
    assert code == 1 and says in result["msg"] and "nothing was written" in result["msg"]
    assert flags_file.read_text() == before


def test_a_file_that_is_not_json_is_refused(capsys, tmp_path):
    path = tmp_path / "flags.json"
    path.write_text("{flags:")
    code, result = run_module(capsys, dict(path=str(path), name="new-model", enabled=True))
    assert code == 1 and "not valid JSON" in result["msg"]
    assert path.read_text() == "{flags:"


def test_a_missing_directory_is_an_error(capsys, tmp_path):
    path = tmp_path / "nowhere" / "flags.json"
    code, result = run_module(capsys, dict(path=str(path), name="shadow", variants={"on": True},
                                           default_variant="on"))
    assert code == 1 and "does not exist" in result["msg"]


def test_the_file_mode_is_kept_as_asked(capsys, flags_file):
    os.chmod(flags_file, 0o600)
    code, result = run_module(capsys, dict(path=str(flags_file), name="new-model", enabled=True))
    assert result["changed"] and stat.S_IMODE(os.stat(flags_file).st_mode) == 0o644
