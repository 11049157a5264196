# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A sysctl.d file written and applied: which keys a container can apply, and
what to do when the kernel refuses one. Private to the collection."""

from __future__ import annotations

import errno
import os

# Keys that belong to a namespace a container has of its own (network, IPC);
# every other key is the host kernel's and waits for the file to reach one.
NAMESPACED_PREFIXES = ("net.", "kernel.shm", "kernel.msg", "kernel.sem", "fs.mqueue.")


def render(settings, header_lines):
    lines = ["# %s" % line for line in header_lines]
    lines += ["%s = %s" % (key, value_text(settings[key])) for key in sorted(settings)]
    return "\n".join(lines) + "\n"


def value_text(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (list, tuple)):
        return " ".join(str(part) for part in value)
    return str(value)


def parse(text):
    """The settings of a sysctl.d file (comments and blank lines skipped)."""
    settings = {}
    for line in (text or "").splitlines():
        line = line.strip()
        if not line or line[0] in "#;" or "=" not in line:
            continue
        key, _sep, value = line.partition("=")
        settings[key.strip().lstrip("-")] = value.strip()
    return settings


def namespaced(key):
    return key.startswith(NAMESPACED_PREFIXES)


def split_for(settings, in_container):
    """(keys to apply now, keys that wait for a real host)."""
    keys = sorted(settings)
    if not in_container:
        return keys, []
    return [key for key in keys if namespaced(key)], [key for key in keys if not namespaced(key)]


def proc_path(root, key):
    return os.path.join(root, "proc/sys", key.replace(".", "/"))


def apply_keys(settings, keys, root="/"):
    """Write each key to /proc/sys. Returns (applied, unknown, read_only, refused) key lists;
    refused holds (key, reason) pairs."""
    applied, unknown, read_only, refused = [], [], [], []
    for key in keys:
        path = proc_path(root, key)
        if not os.path.exists(path):
            # Like sysctl -e: a key this kernel does not know yet (a bridge key
            # before br_netfilter is loaded) is skipped.
            unknown.append(key)
            continue
        try:
            with open(path, "w") as handle:
                handle.write(value_text(settings[key]))
            applied.append(key)
        except (IOError, OSError) as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                read_only.append(key)
            else:
                refused.append((key, os.strerror(exc.errno) if exc.errno else str(exc)))
    return applied, unknown, read_only, refused
