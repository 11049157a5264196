# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reading a text file that may be missing, and replacing one in a single rename. Private to the collection."""

from __future__ import annotations

import os
import stat
import tempfile


def read_text(path):
    """The text of the file at `path`, or None when there is no file (nor a directory to hold one)."""
    try:
        with open(path) as handle:
            return handle.read()
    except (FileNotFoundError, NotADirectoryError):
        return None


def octal_mode(mode):
    """A mode given as a module option (an int, or an octal string such as '0644') as an int."""
    if isinstance(mode, int):
        return mode
    try:
        return int(str(mode), 8)
    except ValueError:
        raise ValueError("mode must be octal, for example 0644, not %r" % (mode,))


def replace_text(path, text, mode=None):
    """Put `text` at `path` with one rename, so no reader ever sees half a file.

    The new file is made beside the old one, private (0600) from its first byte, and given its final mode
    (`mode`, else the old file's, else 0644) and the old file's owner before the rename: it is never readable
    more widely than it will be. Raises OSError; the staged file is gone either way.
    """
    directory = os.path.dirname(path) or "."
    try:
        current = os.stat(path)
    except FileNotFoundError:
        current = None
    final_mode = octal_mode(mode) if mode is not None else stat.S_IMODE(current.st_mode) if current else 0o644
    handle, staged = tempfile.mkstemp(dir=directory, prefix=".%s." % os.path.basename(path))
    try:
        with os.fdopen(handle, "w") as staged_file:
            staged_file.write(text)
            staged_file.flush()
            os.fsync(staged_file.fileno())
        if current is not None and (current.st_uid, current.st_gid) != (os.getuid(), os.getgid()):
            os.chown(staged, current.st_uid, current.st_gid)
        os.chmod(staged, final_mode)
        os.replace(staged, path)
    except BaseException:
        if os.path.exists(staged):
            os.unlink(staged)
        raise
