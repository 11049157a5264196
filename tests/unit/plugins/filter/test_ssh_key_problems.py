# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import base64
import struct

import pytest

from ansible_collections.concert.mlops.plugins.filter.ssh_key_problems import FilterModule
from ansible_collections.concert.mlops.plugins.module_utils._ssh_keys import ssh_public_key_problem

ssh_key_problems = FilterModule().filters()["ssh_key_problems"]


def key_line(key_type, blob_type=None, comment="admin@laptop"):
    name = (blob_type or key_type).encode()
    blob = struct.pack(">I", len(name)) + name + struct.pack(">I", 32) + b"\x01" * 32
    return "%s %s %s" % (key_type, base64.b64encode(blob).decode(), comment)


def test_well_formed_keys_have_no_problem():
    assert ssh_key_problems([key_line("ssh-ed25519"), key_line("ecdsa-sha2-nistp256", comment="")]) == []
    assert ssh_key_problems(None) == []


@pytest.mark.parametrize("value, problem", [
    ("ssh-ed25519", "expected 'type base64-key [comment]'"),
    ("ssh-dss AAAAB3NzaC1kc3M= old", "unknown key type 'ssh-dss'"),
    ("ssh-ed25519 not*base64 me", "not valid base64"),
    ("ssh-ed25519 AAA= me", "truncated"),
    (key_line("ssh-ed25519", blob_type="ssh-rsa"), "does not match key type 'ssh-ed25519'"),
    ("-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA", "unknown key type"),
    (42, "not a string"),
])
def test_malformed_keys_are_explained(value, problem):
    assert problem in ssh_public_key_problem(value)
    assert len(ssh_key_problems([key_line("ssh-ed25519"), value])) == 1


def test_message_shows_only_the_start_of_the_key():
    long_bad = "ssh-ed25519 " + "A" * 200
    (message,) = ssh_key_problems([long_bad])
    assert message.endswith("AAAA...")
    assert len(message) < 100
