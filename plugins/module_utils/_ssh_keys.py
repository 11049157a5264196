# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""SSH public key checks shared by Concert's plugins. Private to the collection."""

from __future__ import annotations

import base64
import binascii
import struct

KEY_TYPES = frozenset((
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
))


def ssh_public_key_problem(text):
    """Why text is not an OpenSSH public key line, or None when it is one.

    The key blob must decode from base64 and start with the same key type the
    line names: that catches truncated, mangled and pasted-private keys.
    """
    if not isinstance(text, str):
        return "not a string"
    fields = text.strip().split()
    if len(fields) < 2:
        return "expected 'type base64-key [comment]'"
    key_type, blob = fields[0], fields[1]
    if key_type not in KEY_TYPES:
        return "unknown key type %r" % key_type
    try:
        raw = base64.b64decode(blob.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return "key data is not valid base64"
    if len(raw) < 4:
        return "key data is truncated"
    (length,) = struct.unpack(">I", raw[:4])
    if raw[4:4 + length].decode("ascii", "replace") != key_type:
        return "key data does not match key type %r" % key_type
    return None
