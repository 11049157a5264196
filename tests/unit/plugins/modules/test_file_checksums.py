# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import hashlib
import json
import os

import pytest

from ansible.module_utils.testing import patch_module_args
from ansible_collections.concert.mlops.plugins.modules import file_checksums


def run_module(capsys, args):
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            file_checksums.main()
    return exit_info.value.code, json.loads(capsys.readouterr().out)


def test_files_in_order_with_the_checksum_stat_and_the_hash_filter_give(tmp_path, capsys):
    config = tmp_path / "prometheus.yml"
    config.write_text("global: {}\n")
    os.chmod(config, 0o640)
    missing = tmp_path / "rules" / "none.yml"
    code, result = run_module(capsys, {"paths": [str(missing), str(config), str(tmp_path)], "_ansible_check_mode": True})
    assert code == 0 and result["changed"] is False
    first, second, third = result["files"]
    assert first == dict(path=str(missing), exists=False, type=None, checksum=None, mode=None, owner=None,
                         group=None, size=None)
    assert second["checksum"] == hashlib.sha1(b"global: {}\n").hexdigest()
    assert (second["type"], second["mode"], second["size"]) == ("file", "0640", 11)
    assert second["owner"] and second["group"]
    assert third["type"] == "directory" and third["checksum"] is None


def test_a_dangling_link_is_there_without_a_checksum(tmp_path, capsys):
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "gone")
    code, result = run_module(capsys, {"paths": [str(link)]})
    assert code == 0 and result["files"][0]["exists"] is True and result["files"][0]["type"] == "link"


def test_relative_paths_are_refused(capsys):
    code, result = run_module(capsys, {"paths": ["etc/prometheus.yml", "/etc/hostname"]})
    assert code == 1 and result["msg"] == "paths must be absolute: etc/prometheus.yml"


def test_unreadable_files_are_named(tmp_path, capsys, monkeypatch):
    secret = tmp_path / "secret"
    secret.write_text("x")

    def refuse(path):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(file_checksums, "_sha1", refuse)
    code, result = run_module(capsys, {"paths": [str(secret)]})
    assert code == 1 and result["msg"] == "cannot read %s (Permission denied)" % secret
