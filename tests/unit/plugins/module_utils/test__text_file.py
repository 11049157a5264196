# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import os
import stat

import pytest

from ansible_collections.concert.mlops.plugins.module_utils import _text_file
from ansible_collections.concert.mlops.plugins.module_utils._text_file import octal_mode, read_text, replace_text


def mode_of(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_missing_file_reads_as_none_and_a_new_one_is_0644(tmp_path):
    path = str(tmp_path / "daemon.json")
    assert read_text(path) is None
    (tmp_path / "a-file").write_text("")
    assert read_text(str(tmp_path / "a-file" / "config")) is None
    replace_text(path, "{}\n")
    assert read_text(path) == "{}\n" and mode_of(path) == 0o644
    assert sorted(os.listdir(str(tmp_path))) == ["a-file", "daemon.json"]


def test_the_old_mode_is_kept_unless_one_is_given(tmp_path):
    path = str(tmp_path / "config")
    replace_text(path, "a", mode="0600")
    replace_text(path, "b")
    assert mode_of(path) == 0o600 and read_text(path) == "b"
    replace_text(path, "c", mode=0o640)
    assert mode_of(path) == 0o640


def test_the_staged_file_is_private_before_it_takes_the_place(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def watching_replace(source, target):
        seen.append(mode_of(source))
        real_replace(source, target)

    monkeypatch.setattr(_text_file.os, "replace", watching_replace)
    replace_text(str(tmp_path / "kubeconfig"), "secret", mode="0600")
    assert seen == [0o600]


def test_a_failed_write_leaves_neither_a_staged_file_nor_a_changed_one(tmp_path, monkeypatch):
    path = str(tmp_path / "flags.json")
    replace_text(path, "old")

    def refusing_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_text_file.os, "replace", refusing_replace)
    with pytest.raises(OSError, match="No space left"):
        replace_text(path, "new")
    assert read_text(path) == "old" and os.listdir(str(tmp_path)) == ["flags.json"]


def test_a_mode_that_is_not_octal_is_refused():
    assert octal_mode("0644") == 0o644 and octal_mode(0o600) == 0o600
    with pytest.raises(ValueError, match="mode must be octal"):
        octal_mode("rw-r--r--")
