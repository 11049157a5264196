# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import hashlib
import json
import os
import pwd

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


def wanted_file(tmp_path, content="server ntp.example\n", mode=0o644):
    path = tmp_path / "chrony.conf"
    path.write_text(content)
    os.chmod(path, mode)
    return path


def test_wanted_files_as_they_are_do_not_differ(tmp_path, capsys):
    path = wanted_file(tmp_path)
    owner = pwd.getpwuid(os.getuid())[0]
    wanted = {"path": str(path), "checksum": hashlib.sha1(b"server ntp.example\n").hexdigest(), "mode": "644",
              "owner": owner, "group": str(os.getgid())}
    code, result = run_module(capsys, {"wanted": [wanted]})
    assert code == 0 and result["differ"] == [] and result["files"] == []


def test_wanted_files_differ_by_content_mode_owner_or_absence(tmp_path, capsys):
    path = wanted_file(tmp_path)
    missing = tmp_path / "missing.conf"
    checksum = hashlib.sha1(b"server ntp.example\n").hexdigest()
    code, result = run_module(capsys, {
        "paths": [str(tmp_path)],
        "wanted": [
            {"path": str(path), "checksum": hashlib.sha1(b"other\n").hexdigest()},
            {"path": str(path), "checksum": checksum, "mode": "0600"},
            {"path": str(path), "owner": "concert-nobody-such-user"},
            {"path": str(path), "group": "4242424"},
            {"path": str(missing)},
            {"path": str(tmp_path)},
            {"path": str(path), "type": "directory"},
            {"path": str(path), "checksum": checksum.upper()},
            {"path": str(tmp_path), "type": "directory", "mode": "%o" % (os.stat(tmp_path).st_mode & 0o7777)},
            {"path": str(missing), "type": "directory"},
        ]})
    assert code == 0
    assert result["differ"] == [str(path)] * 4 + [str(missing), str(tmp_path), str(path), str(missing)]
    assert [entry["path"] for entry in result["files"]] == [str(tmp_path)]


def test_a_mode_that_is_not_octal_is_refused(tmp_path, capsys):
    code, result = run_module(capsys, {"wanted": [{"path": str(tmp_path / "a"), "mode": "u=rw"}]})
    assert code == 1 and result["msg"] == "modes must be octal, for example 0644: %s (u=rw)" % (tmp_path / "a")


def test_paths_or_wanted_is_required(capsys):
    code, result = run_module(capsys, {})
    assert code == 1 and "one of the following is required: paths, wanted" in result["msg"]
