# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A role's files as file_checksums' `wanted` option takes them: content rendered on the controller becomes its SHA-1."""

from __future__ import annotations

import hashlib

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_bytes


def _entry(file, owner, group, mode, directory_mode):
    if not isinstance(file, dict) or not file.get("path"):
        raise AnsibleFilterError("wanted_files: each file needs a path, got %r" % (file,))
    directory = bool(file.get("directory", False))
    if directory and "content" in file:
        raise AnsibleFilterError("wanted_files: %s is a directory with content" % file["path"])
    entry = {
        "path": file["path"],
        "type": "directory" if directory else "file",
        "owner": str(file.get("owner", owner)),
        "group": str(file.get("group", group)),
        "mode": str(file.get("mode", directory_mode if directory else mode)),
    }
    if "content" in file:
        entry["checksum"] = hashlib.sha1(to_bytes(file["content"], errors="surrogate_or_strict")).hexdigest()
    return entry


def wanted_files(files, owner="root", group="root", mode="0644", directory_mode="0755"):
    """Each file whose `when` is true (or absent), with its content's SHA-1 in place of the content."""
    if not isinstance(files, list):
        raise AnsibleFilterError("wanted_files expects a list of files, got %s" % type(files).__name__)
    return [_entry(file, owner, group, mode, directory_mode) for file in files if not isinstance(file, dict) or file.get("when", True)]


class FilterModule(object):

    def filters(self):
        return {"wanted_files": wanted_files}
