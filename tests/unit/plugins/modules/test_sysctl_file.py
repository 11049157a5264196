# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json

import pytest

from ansible.module_utils.testing import patch_module_args
from ansible_collections.concert.mlops.plugins.modules import sysctl_file


def run_module(capsys, monkeypatch, args, in_container=False, apply_result=None, applied_log=None):
    monkeypatch.setattr(sysctl_file, "container_type", lambda root: "docker" if in_container else None)

    def fake_apply(settings, keys, root="/"):
        if applied_log is not None:
            applied_log.append((dict(settings), list(keys)))
        if apply_result and len(applied_log or []) == 1:
            return apply_result
        return list(keys), [], [], []

    monkeypatch.setattr(sysctl_file, "apply_keys", fake_apply)
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            sysctl_file.main()
    return exit_info.value.code, json.loads(capsys.readouterr().out)


SETTINGS = {"net.core.somaxconn": 2048, "vm.swappiness": 10}


def test_writes_applies_and_is_idempotent(tmp_path, capsys, monkeypatch):
    path = tmp_path / "60-concert.conf"
    log = []
    code, result = run_module(capsys, monkeypatch, {"path": str(path), "settings": SETTINGS}, applied_log=log)
    assert code == 0 and result["changed"] is True
    assert result["applied"] == ["net.core.somaxconn", "vm.swappiness"] and result["waiting_for_host"] == []
    assert "vm.swappiness = 10" in path.read_text()
    code, result = run_module(capsys, monkeypatch, {"path": str(path), "settings": SETTINGS}, applied_log=log)
    assert code == 0 and result["changed"] is False and len(log) == 1


def test_container_writes_all_and_applies_its_own(tmp_path, capsys, monkeypatch):
    path = tmp_path / "60-concert.conf"
    log = []
    code, result = run_module(capsys, monkeypatch, {"path": str(path), "settings": SETTINGS},
                              in_container=True, applied_log=log)
    assert code == 0 and result["in_container"] is True
    assert log[0][1] == ["net.core.somaxconn"]
    assert result["waiting_for_host"] == ["vm.swappiness"]


def test_check_mode_writes_nothing(tmp_path, capsys, monkeypatch):
    path = tmp_path / "60-concert.conf"
    code, result = run_module(capsys, monkeypatch, {"path": str(path), "settings": SETTINGS,
                                                    "_ansible_check_mode": True, "_ansible_diff": True})
    assert code == 0 and result["changed"] is True and not path.exists()
    assert "net.core.somaxconn = 2048" in result["diff"]["after"]


def test_refused_value_takes_the_file_back(tmp_path, capsys, monkeypatch):
    path = tmp_path / "70.conf"
    path.write_text("# old\nnet.core.somaxconn = 1024\n")
    log = []
    code, result = run_module(capsys, monkeypatch, {"path": str(path), "settings": {"net.core.somaxconn": -5}},
                              apply_result=([], [], [], [("net.core.somaxconn", "Invalid argument")]),
                              applied_log=log)
    assert code == 1
    assert "net.core.somaxconn = -5" in result["msg"] and "Invalid argument" in result["msg"]
    assert path.read_text() == "# old\nnet.core.somaxconn = 1024\n"


def test_refused_new_file_is_removed(tmp_path, capsys, monkeypatch):
    path = tmp_path / "70.conf"
    code, result = run_module(capsys, monkeypatch, {"path": str(path), "settings": {"vm.swappiness": 500}},
                              apply_result=([], [], [], [("vm.swappiness", "Invalid argument")]), applied_log=[])
    assert code == 1 and not path.exists()


def test_bad_key_is_refused_before_writing(tmp_path, capsys, monkeypatch):
    path = tmp_path / "70.conf"
    code, result = run_module(capsys, monkeypatch, {"path": str(path), "settings": {"vm swappiness": 1}})
    assert code == 1 and "not a sysctl key" in result["msg"] and not path.exists()
