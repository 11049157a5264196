# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The SHA-256 a checksum file (sha256sum's format) lists for one file."""

from __future__ import annotations

import re

from ansible.errors import AnsibleFilterError
from ansible.module_utils.six import string_types

# sha256sum writes "<hex>  <name>" (text mode) or "<hex> *<name>" (binary mode); some
# projects list names under ./ .
_LINE = re.compile(r"^([0-9a-fA-F]{64})\s+\*?(?:\./)?(.+?)\s*$")


def sha256_for(text, name):
    """The lowercase hex SHA-256 listed for `name`, or '' when the file lists none."""
    if not isinstance(text, string_types):
        raise AnsibleFilterError("sha256_for expects the text of a checksum file, got %s" % type(text).__name__)
    if not isinstance(name, string_types) or not name:
        raise AnsibleFilterError("sha256_for needs the name of the file to look up")
    for line in text.splitlines():
        found = _LINE.match(line)
        if found and found.group(2) == name:
            return found.group(1).lower()
    return ""


class FilterModule(object):

    def filters(self):
        return {"sha256_for": sha256_for}
