# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json
import os

import pytest

from ansible.module_utils.testing import patch_module_args
from ansible_collections.concert.mlops.plugins.modules import docker_daemon_config


def run_module(capsys, args):
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            docker_daemon_config.main()
    return exit_info.value.code, json.loads(capsys.readouterr().out)


@pytest.fixture
def daemon_json(tmp_path):
    path = tmp_path / "docker" / "daemon.json"
    path.parent.mkdir()
    path.write_text('{"data-root": "/srv/docker", "log-opts": {"labels": "app"}}')
    return path


def test_merge_keeps_keys_written_by_others(capsys, daemon_json):
    code, result = run_module(capsys, {
        "path": str(daemon_json), "settings": {"log-opts": {"max-size": "10m"}, "live-restore": True}})
    assert code == 0 and result["changed"] is True
    on_disk = json.loads(daemon_json.read_text())
    assert on_disk == {"data-root": "/srv/docker", "live-restore": True,
                       "log-opts": {"labels": "app", "max-size": "10m"}}
    assert result["config"] == on_disk
    assert result["changed_keys"] == ["live-restore", "log-opts"]
    assert result["restart_required"] is True and result["reload_required"] is False
    assert os.path.exists(result["backup_file"])


def test_second_run_changes_nothing(capsys, daemon_json):
    args = {"path": str(daemon_json), "settings": {"registry-mirrors": ["https://mirror.example"]}}
    run_module(capsys, args)
    code, result = run_module(capsys, args)
    assert code == 0 and result["changed"] is False
    assert result["changed_keys"] == [] and not result["restart_required"] and not result["reload_required"]
    assert "backup_file" not in result


def test_reloadable_change_asks_for_reload_only(capsys, daemon_json):
    code, result = run_module(capsys, {"path": str(daemon_json), "settings": {"insecure-registries": ["r:5000"]}})
    assert result["reload_required"] is True and result["restart_required"] is False


def test_purge_keeps_only_the_given_settings(capsys, daemon_json):
    code, result = run_module(capsys, {"path": str(daemon_json), "settings": {"debug": True}, "purge": True})
    assert code == 0 and result["changed"] is True
    assert json.loads(daemon_json.read_text()) == {"debug": True}
    assert result["changed_keys"] == ["data-root", "debug", "log-opts"]


def test_check_mode_with_diff_writes_nothing(capsys, daemon_json):
    original = daemon_json.read_text()
    code, result = run_module(capsys, {
        "path": str(daemon_json), "settings": {"debug": True}, "_ansible_check_mode": True, "_ansible_diff": True})
    assert code == 0 and result["changed"] is True
    assert daemon_json.read_text() == original
    assert result["diff"]["before"] == original
    assert json.loads(result["diff"]["after"])["debug"] is True


def test_check_mode_on_a_host_without_the_file(capsys, tmp_path):
    path = tmp_path / "missing" / "daemon.json"
    code, result = run_module(capsys, {"path": str(path), "settings": {"debug": True}, "_ansible_check_mode": True})
    assert code == 0 and result["changed"] is True
    assert not path.exists()


def test_creates_the_file_and_its_directory(capsys, tmp_path):
    path = tmp_path / "etc-docker" / "daemon.json"
    code, result = run_module(capsys, {"path": str(path), "settings": {"live-restore": True}})
    assert code == 0 and result["changed"] is True
    assert path.read_text() == '{\n  "live-restore": true\n}\n'
    assert oct(path.stat().st_mode & 0o777) == "0o644"


def test_invalid_json_on_disk_fails_clearly_and_is_left_alone(capsys, daemon_json):
    daemon_json.write_text('{"debug": true,')
    code, result = run_module(capsys, {"path": str(daemon_json), "settings": {"debug": False}})
    assert code == 1
    assert "is not valid JSON" in result["msg"] and "purge=true" in result["msg"]
    assert daemon_json.read_text() == '{"debug": true,'


def test_invalid_json_on_disk_is_replaced_with_purge(capsys, daemon_json):
    daemon_json.write_text("garbage")
    code, result = run_module(capsys, {"path": str(daemon_json), "settings": {"debug": False}, "purge": True})
    assert code == 0 and json.loads(daemon_json.read_text()) == {"debug": False}
    assert open(result["backup_file"]).read() == "garbage"


def test_wrong_types_fail_before_the_file_is_touched(capsys, daemon_json):
    original = daemon_json.read_text()
    code, result = run_module(capsys, {"path": str(daemon_json), "settings": {"log-opts": {"max-file": 3}, "debug": "on"}})
    assert code == 1
    assert result["msg"].startswith("Invalid daemon settings: ")
    assert len(result["errors"]) == 2
    assert daemon_json.read_text() == original


def test_equal_data_in_another_layout_is_rewritten_once_without_restart(capsys, daemon_json):
    code, result = run_module(capsys, {"path": str(daemon_json), "settings": {}})
    assert result["changed"] is True and result["changed_keys"] == []
    assert not result["restart_required"] and not result["reload_required"]
    code, result = run_module(capsys, {"path": str(daemon_json), "settings": {}})
    assert result["changed"] is False
