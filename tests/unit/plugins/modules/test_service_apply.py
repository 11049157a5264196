# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json
import os

import pytest

from ansible.module_utils.testing import patch_module_args
from ansible_collections.concert.mlops.plugins.module_utils import _service_apply
from ansible_collections.concert.mlops.plugins.modules import service_apply


def run_module(capsys, args):
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            service_apply.main()
    return exit_info.value.code, json.loads(capsys.readouterr().out)


def test_check_mode_changes_nothing(capsys, monkeypatch):
    monkeypatch.setattr(_service_apply.Applier, "run", lambda *a, **k: pytest.fail("applied in check mode"))
    code, result = run_module(capsys, {"_ansible_check_mode": True, "service": "ssh", "action": "reload"})
    assert code == 0 and result["changed"] is True


def test_check_mode_takes_results_without_dest(capsys, monkeypatch):
    """In check mode a changed template's result has no dest: nothing is written, nothing restored."""
    code, result = run_module(capsys, {"_ansible_check_mode": True, "service": "chrony",
                                       "files": [{"changed": True, "diff": {}}]})
    assert code == 0 and result["changed"] is True


def test_bad_combination_fails_before_acting(capsys, monkeypatch):
    monkeypatch.setattr(_service_apply.Applier, "run", lambda *a, **k: pytest.fail("applied despite bad input"))
    code, result = run_module(capsys, {"action": "reload_url", "service": "prometheus"})
    assert code == 1 and "needs reload_url" in result["msg"]


def test_invocation_echoes_only_dest_and_backup(capsys, monkeypatch):
    monkeypatch.setattr(_service_apply.Applier, "run",
                        lambda self, wall_clock: dict(changed=True, healthy=True, rolled_back=False, restored=[]))
    code, result = run_module(capsys, {"service": "x", "files": [{"dest": "/a", "diff": {"after": "s3cret"}}]})
    assert code == 0
    assert "s3cret" not in json.dumps(result)


def test_rollback_restores_the_real_file(tmp_path, capsys, monkeypatch):
    """The real Host puts the backup back in place, keeping its mode."""
    live, backup = tmp_path / "app.conf", tmp_path / "app.conf.bak"
    live.write_text("new\n")
    backup.write_text("old\n")
    os.chmod(backup, 0o640)

    def fake_run(self, argv):
        return (1, "", "boom\n") if argv[:2] == ["systemctl", "restart"] else (0, "", "")

    monkeypatch.setattr(_service_apply.Host, "run", fake_run)
    code, result = run_module(capsys, {"service": "x", "timeout": 1,
                                       "files": [{"dest": str(live), "backup_file": str(backup)}]})
    assert code == 1 and "boom" in result["msg"]
    assert live.read_text() == "old\n"
    assert oct(os.stat(live).st_mode & 0o777) == "0o640"
    assert result["restored"] == [str(live)]
