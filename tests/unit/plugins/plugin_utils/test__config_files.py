# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import hashlib

import pytest

from ansible_collections.concert.mlops.plugins.plugin_utils._config_files import (
    ConfigFilesError,
    checksum_query,
    normalize,
    plan,
    restorable,
)


def test_defaults_fill_in_and_disabled_entries_are_left_out():
    entries = normalize([
        {"dest": "/etc/a.conf", "content": "a"},
        {"dest": "/etc/a.d", "state": "directory"},
        {"dest": "/etc/gone", "content": "x", "enabled": False},
        {"dest": "/etc/key", "content": "k", "mode": "0640", "group": "registry", "secret": True},
    ])
    assert [(e["dest"], e["state"], e["owner"], e["group"], e["mode"], e["secret"]) for e in entries] == [
        ("/etc/a.conf", "file", "root", "root", "0644", False),
        ("/etc/a.d", "directory", "root", "root", "0755", False),
        ("/etc/key", "file", "root", "registry", "0640", True),
    ]
    assert all(e["backup"] for e in entries)


def test_every_mistake_is_named_at_once():
    with pytest.raises(ConfigFilesError) as error:
        normalize([
            {"dest": "etc/relative", "content": "a"},
            {"dest": "/etc/twice"},
            {"dest": "/etc/twice"},
            {"dest": "/etc/both", "content": "a", "template": "a.j2"},
            {"dest": "/etc/dir", "state": "directory", "content": "a"},
            {"dest": "/etc/mode", "mode": "644x"},
            {"dest": "/etc/check", "content": "a", "validate": "promtool check config"},
            {"dest": "/etc/state", "state": "link"},
            {"dest": "/etc/vars", "content": "a", "vars": {"item": 1}},
        ])
    message = str(error.value)
    for expected in ("files[0] (etc/relative): dest must be an absolute path",
                     "files[2] (/etc/twice): the same dest is given twice",
                     "files[3] (/etc/both): content and template are mutually exclusive",
                     "files[4] (/etc/dir): a directory has no content",
                     "files[5] (/etc/mode): mode must be octal",
                     "files[6] (/etc/check): validate must contain %s",
                     "files[7] (/etc/state): state must be one of file, directory, absent",
                     "files[8] (/etc/vars): vars are for a template"):
        assert expected in message


def test_the_host_is_asked_for_checksums_only_never_content():
    entries = normalize([
        {"dest": "/etc/a.conf", "content": "é\n"},
        {"dest": "/etc/htpasswd", "mode": "0640"},
        {"dest": "/etc/a.d", "state": "directory"},
        {"dest": "/etc/old.timer", "state": "absent"},
    ])
    for entry in entries:
        entry["rendered"] = entry["content"]
    query = checksum_query(entries)
    assert query["paths"] == ["/etc/old.timer"]
    assert query["wanted"] == [
        {"path": "/etc/a.conf", "type": "file", "owner": "root", "group": "root", "mode": "0644",
         "checksum": hashlib.sha1("é\n".encode("utf-8")).hexdigest()},
        {"path": "/etc/htpasswd", "type": "file", "owner": "root", "group": "root", "mode": "0640"},
        {"path": "/etc/a.d", "type": "directory", "owner": "root", "group": "root", "mode": "0755"},
    ]
    assert "é" not in repr(query)


def test_only_what_differs_gets_a_step():
    entries = normalize([
        {"dest": "/etc/same", "content": "a"},
        {"dest": "/etc/new", "content": "b"},
        {"dest": "/etc/htpasswd"},
        {"dest": "/etc/d", "state": "directory"},
        {"dest": "/etc/old.timer", "state": "absent"},
        {"dest": "/etc/never.timer", "state": "absent"},
    ])
    for entry in entries:
        entry["rendered"] = entry["content"]
    live = {"differ": ["/etc/new", "/etc/htpasswd", "/etc/d"],
            "files": [{"path": "/etc/old.timer", "exists": True}, {"path": "/etc/never.timer", "exists": False}]}
    assert [(entry["dest"], step) for entry, step in plan(entries, live)] == [
        ("/etc/new", "write"), ("/etc/htpasswd", "touch"), ("/etc/d", "directory"), ("/etc/old.timer", "remove")]


def test_restorable_keeps_written_files_with_their_backups_only():
    results = [
        {"dest": "/etc/a", "state": "file", "step": "write", "changed": True, "backup_file": "/etc/a.1~", "msg": "ok"},
        {"dest": "/etc/b", "state": "file", "step": "write", "changed": True},
        {"dest": "/etc/c", "state": "file", "step": "write", "changed": False},
        {"dest": "/etc/d", "state": "directory", "step": "directory", "changed": True},
        {"dest": "/etc/h", "state": "file", "step": "touch", "changed": True},
        {"dest": "/etc/password", "state": "file", "step": "write", "changed": True, "backup": False},
    ]
    assert restorable(results) == [{"dest": "/etc/a", "backup_file": "/etc/a.1~"}, {"dest": "/etc/b"}]
