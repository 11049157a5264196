# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Files named in a dict (name: content) as concert.mlops.config_files entries in one directory."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError
from ansible.module_utils.six import string_types


def files_in(contents, directory, **settings):
    if not isinstance(contents, dict):
        raise AnsibleFilterError("files_in expects a dict of file names and contents, got %s" % type(contents).__name__)
    if not isinstance(directory, string_types) or not directory.startswith("/"):
        raise AnsibleFilterError("files_in: the directory must be an absolute path, got %r" % (directory,))
    wrong = sorted(name for name in contents if not name or "/" in name or name in (".", ".."))
    if wrong:
        raise AnsibleFilterError("files_in: file names must be plain names in the directory: %s" % ", ".join(map(repr, wrong)))
    return [dict(settings, dest=directory.rstrip("/") + "/" + name, content=contents[name]) for name in sorted(contents)]


class FilterModule(object):

    def filters(self):
        return {"files_in": files_in}
