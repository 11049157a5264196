# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.concert.mlops.plugins.filter.files_in import files_in


def test_each_name_becomes_an_entry_in_the_directory_with_the_shared_settings():
    assert files_in({"z.token": "t", "a.password": "p"}, "/etc/prometheus/secrets/", mode="0640", secret=True) == [
        {"dest": "/etc/prometheus/secrets/a.password", "content": "p", "mode": "0640", "secret": True},
        {"dest": "/etc/prometheus/secrets/z.token", "content": "t", "mode": "0640", "secret": True},
    ]
    assert files_in({}, "/etc/x") == []


@pytest.mark.parametrize("contents, directory, message", [
    (["a"], "/etc", "expects a dict"),
    ({"a": "x"}, "etc", "must be an absolute path"),
    ({"../a": "x", "b/c": "y", "": "z"}, "/etc", "plain names in the directory: '', '../a', 'b/c'"),
])
def test_what_cannot_be_a_file_in_the_directory_is_refused(contents, directory, message):
    with pytest.raises(AnsibleFilterError, match=message):
        files_in(contents, directory)
