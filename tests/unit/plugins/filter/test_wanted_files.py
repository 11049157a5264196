# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import hashlib

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.concert.mlops.plugins.filter.wanted_files import wanted_files


def test_content_becomes_its_sha1_and_defaults_fill_in():
    result = wanted_files([
        {"path": "/etc/a.conf", "content": "é\n"},
        {"path": "/etc/a.d", "directory": True},
        {"path": "/etc/secret", "content": "s", "mode": "0640", "group": "registry", "when": True},
        {"path": "/etc/unwanted", "content": "x", "when": False},
        {"path": "/etc/htpasswd", "mode": "0640"},
    ])
    assert result == [
        {"path": "/etc/a.conf", "type": "file", "owner": "root", "group": "root", "mode": "0644",
         "checksum": hashlib.sha1("é\n".encode("utf-8")).hexdigest()},
        {"path": "/etc/a.d", "type": "directory", "owner": "root", "group": "root", "mode": "0755"},
        {"path": "/etc/secret", "type": "file", "owner": "root", "group": "registry", "mode": "0640",
         "checksum": hashlib.sha1(b"s").hexdigest()},
        {"path": "/etc/htpasswd", "type": "file", "owner": "root", "group": "root", "mode": "0640"},
    ]


def test_the_defaults_can_be_set():
    result = wanted_files([{"path": "/srv/x", "content": ""}, {"path": "/srv", "directory": True}],
                          owner="app", group="app", mode="0600", directory_mode="0750")
    assert [(item["owner"], item["group"], item["mode"]) for item in result] == [("app", "app", "0600"), ("app", "app", "0750")]


@pytest.mark.parametrize("files, message", [
    ("not a list", "wanted_files expects a list of files, got str"),
    ([{"content": "x"}], "wanted_files: each file needs a path"),
    (["/etc/a"], "wanted_files: each file needs a path"),
    ([{"path": "/etc/a", "content": "x", "directory": True}], "wanted_files: /etc/a is a directory with content"),
])
def test_malformed_files_are_refused(files, message):
    with pytest.raises(AnsibleFilterError, match=message):
        wanted_files(files)
