# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json
import os

import pytest

from ansible.module_utils.testing import patch_module_args
from ansible_collections.concert.mlops.plugins.modules import k3s_upgrade_plan

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "module_utils", "fixtures", "k3s_nodes_v1.30.json")


def run_module(capsys, args):
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            k3s_upgrade_plan.main()
    return exit_info.value.code, json.loads(capsys.readouterr().out)


def kubectl_output():
    with open(FIXTURE) as handle:
        return handle.read()


def test_plans_from_kubectl_text_and_changes_nothing(capsys):
    code, result = run_module(capsys, {"nodes": kubectl_output(), "target_version": "v1.31.4+k3s1",
                                       "_ansible_check_mode": True})
    assert code == 0 and result["changed"] is False
    assert [step["name"] for step in result["plan"]] == ["server-1", "server-2", "server-3", "agent-1"]
    assert result["target"] == "v1.31.4+k3s1"


def test_a_refusal_fails_the_task_with_the_reason(capsys):
    code, result = run_module(capsys, {"nodes": json.loads(kubectl_output()), "target_version": "v1.29.0+k3s1"})
    assert code == 1 and result["failed"] is True
    assert "does not downgrade" in result["msg"]


def test_a_missing_target_is_refused_by_the_argument_spec(capsys):
    code, result = run_module(capsys, {"nodes": kubectl_output()})
    assert code == 1 and "target_version" in result["msg"]
