# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""bcrypt on the controller, stable across runs: a hash that still matches is kept."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

try:
    import bcrypt
    HAS_BCRYPT = True
except ImportError:
    HAS_BCRYPT = False

# Prometheus' exporter toolkit checks the hash on every scrape (and caches it):
# 10 rounds is its documented floor and costs a few milliseconds.
DEFAULT_ROUNDS = 10


def bcrypt_hash(password, current_hash="", rounds=DEFAULT_ROUNDS):
    """Return current_hash when it matches password, else a new bcrypt hash of password."""
    if not HAS_BCRYPT:
        raise AnsibleFilterError("concert.mlops.bcrypt_hash needs the Python package bcrypt on the controller (pip install bcrypt)")
    if not isinstance(password, str) or not password:
        raise AnsibleFilterError("bcrypt_hash needs a non-empty password string")
    if len(password.encode("utf-8")) > 72:
        # bcrypt ignores everything after 72 bytes; refuse instead of silently weakening.
        raise AnsibleFilterError("bcrypt_hash: passwords longer than 72 bytes are cut by bcrypt; use a shorter one")
    if not isinstance(rounds, int) or not 4 <= rounds <= 31:
        raise AnsibleFilterError("bcrypt_hash: rounds must be an integer from 4 to 31, got %r" % (rounds,))
    secret = password.encode("utf-8")
    if current_hash:
        try:
            if bcrypt.checkpw(secret, str(current_hash).encode("ascii")):
                return str(current_hash)
        except (ValueError, UnicodeEncodeError):
            pass  # not a bcrypt hash: replace it
    return bcrypt.hashpw(secret, bcrypt.gensalt(rounds=rounds)).decode("ascii")


class FilterModule(object):

    def filters(self):
        return {"bcrypt_hash": bcrypt_hash}
