# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import bcrypt
import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.filter import bcrypt_hash as plugin


def test_a_new_hash_verifies_with_bcrypt():
    hashed = plugin.bcrypt_hash("correct horse", rounds=4)
    assert hashed.startswith("$2b$04$")
    assert bcrypt.checkpw(b"correct horse", hashed.encode())


def test_a_matching_hash_is_kept_so_reruns_change_nothing():
    first = plugin.bcrypt_hash("correct horse", rounds=4)
    assert plugin.bcrypt_hash("correct horse", first, rounds=4) == first


def test_a_changed_password_gets_a_new_hash():
    first = plugin.bcrypt_hash("correct horse", rounds=4)
    second = plugin.bcrypt_hash("battery staple", first, rounds=4)
    assert second != first
    assert bcrypt.checkpw(b"battery staple", second.encode())


def test_something_that_is_not_a_hash_is_replaced():
    assert bcrypt.checkpw(b"pw", plugin.bcrypt_hash("pw", "plain-text", rounds=4).encode())


@pytest.mark.parametrize("password, rounds, message", [
    ("", 10, "non-empty password"),
    (None, 10, "non-empty password"),
    ("x" * 73, 10, "longer than 72 bytes"),
    ("pw", 3, "rounds must be an integer from 4 to 31"),
    ("pw", "10", "rounds must be an integer from 4 to 31"),
])
def test_bad_input_is_refused(password, rounds, message):
    with pytest.raises(AnsibleFilterError, match=message):
        plugin.bcrypt_hash(password, rounds=rounds)


def test_without_bcrypt_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setattr(plugin, "HAS_BCRYPT", False)
    with pytest.raises(AnsibleFilterError, match="pip install bcrypt"):
        plugin.bcrypt_hash("pw")
