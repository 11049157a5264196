# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json

import pytest

from ansible.module_utils.testing import patch_module_args
from ansible_collections.concert.mlops.plugins.modules import istio_plan

CLIENT_ONLY = json.dumps({"clientVersion": {"version": "1.24.2", "revision": "0" * 40, "golang_version": "go1.23.4",
                                            "status": "Clean", "tag": "1.24.2"}})


def run_module(capsys, args):
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            istio_plan.main()
    return exit_info.value.code, json.loads(capsys.readouterr().out)


def test_decides_and_changes_nothing(capsys):
    code, result = run_module(capsys, {"version_output": CLIENT_ONLY, "target_version": "1.24.2",
                                       "_ansible_check_mode": True})
    assert code == 0 and result["changed"] is False
    assert result["action"] == "install" and result["revision"] == "1-24-2"


def test_a_refusal_fails_the_task(capsys):
    code, result = run_module(capsys, {"version_output": CLIENT_ONLY, "target_version": "1.25.0"})
    assert code == 1 and "istioctl is 1.24.2" in result["msg"]
