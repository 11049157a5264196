# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The decisions of the concert.mlops.config_files action, apart from Ansible's plumbing.

The action renders every file on the controller, asks the host for all of them in one
round trip (concert.mlops.file_checksums), and then changes only what differs. What is
compared, what differs and what to do about it is decided here, so it is unit-tested
without a host.
"""

from __future__ import annotations

import hashlib
import posixpath
import shlex

from ansible.module_utils.common.text.converters import to_bytes

STATES = ("file", "directory", "absent")
DEFAULT_MODES = {"file": "0644", "directory": "0755"}


class ConfigFilesError(Exception):
    """Mistakes in the files as given, all of them at once."""


def normalize(files):
    """The enabled entries with their defaults filled in; every mistake named at once."""
    entries, problems, seen = [], [], set()
    for index, item in enumerate(files):
        where = "files[%d] (%s)" % (index, item.get("dest") or "no dest")
        if not item.get("enabled", True):
            continue
        state = item.get("state") or "file"
        dest = item.get("dest") or ""
        sources = [key for key in ("content", "template") if item.get(key) is not None]
        if not dest.startswith("/"):
            problems.append("%s: dest must be an absolute path" % where)
        if dest in seen:
            problems.append("%s: the same dest is given twice" % where)
        seen.add(dest)
        if state not in STATES:
            problems.append("%s: state must be one of %s" % (where, ", ".join(STATES)))
        if len(sources) > 1:
            problems.append("%s: content and template are mutually exclusive" % where)
        if sources and state == "directory":
            problems.append("%s: a directory has no %s" % (where, sources[0]))
        if item.get("vars") and not item.get("template"):
            problems.append("%s: vars are for a template" % where)
        if item.get("validate") and "%s" not in item["validate"]:
            problems.append("%s: validate must contain %%s (the file to check)" % where)
        mode = item.get("mode") or DEFAULT_MODES.get(state)
        if mode is not None and (not mode.isdigit() or set(mode) - set("01234567") or len(mode) > 4):
            problems.append("%s: mode must be octal, for example 0644, not %r" % (where, mode))
        entries.append({
            "dest": dest,
            "state": state,
            "content": item.get("content"),
            "template": item.get("template"),
            "vars": item.get("vars") or {},
            "owner": str(item.get("owner") or "root"),
            "group": str(item.get("group") or "root"),
            "mode": mode,
            "validate": item.get("validate"),
            "backup": bool(item.get("backup", True)),
            "secret": bool(item.get("secret", False)),
        })
    if problems:
        raise ConfigFilesError("; ".join(problems))
    return entries


def staging_layout(entries, validate_all):
    """Where each file goes in the staging directory, and the check's argv; mistakes named at once.

    Every file with content must lie below validate_all's root, so the staged copy repeats the live layout and
    the files find each other as they will live.
    """
    root = posixpath.normpath(validate_all.get("root") or "")
    command = validate_all.get("command") or ""
    problems = []
    if not root.startswith("/"):
        problems.append("validate_all.root must be an absolute path")
    if "%s" not in command:
        problems.append("validate_all.command must contain %s (the staging directory)")
    layout = []
    for entry in entries:
        if entry["state"] != "file" or entry.get("rendered") is None:
            continue
        relative = posixpath.relpath(posixpath.normpath(entry["dest"]), root) if root.startswith("/") else ""
        if not relative or relative.startswith(".."):
            problems.append("%s is not below validate_all.root (%s)" % (entry["dest"], root))
            continue
        layout.append((entry, relative))
    if problems:
        raise ConfigFilesError("; ".join(problems))
    return layout, shlex.split(command)


def sha1(text):
    return hashlib.sha1(to_bytes(text, errors="surrogate_or_strict")).hexdigest()


def checksum_query(entries):
    """file_checksums' arguments: the wanted state of present entries, the paths of absent ones."""
    wanted, paths = [], []
    for entry in entries:
        if entry["state"] == "absent":
            paths.append(entry["dest"])
            continue
        item = {"path": entry["dest"], "type": entry["state"], "owner": entry["owner"],
                "group": entry["group"], "mode": entry["mode"]}
        if entry.get("rendered") is not None:
            item["checksum"] = sha1(entry["rendered"])
        wanted.append(item)
    return {"wanted": wanted, "paths": paths}


def plan(entries, live):
    """What to do with each entry, given file_checksums' answer: (entry, step) for each entry that needs one.

    Steps: `write` (content or template), `touch` (a file whose content is another program's: only
    created and its owner, group and mode kept), `directory`, `remove`.
    """
    differ = set(live.get("differ") or [])
    present = {item["path"] for item in live.get("files") or [] if item.get("exists")}
    steps = []
    for entry in entries:
        if entry["state"] == "absent":
            if entry["dest"] in present:
                steps.append((entry, "remove"))
        elif entry["dest"] in differ:
            if entry["state"] == "directory":
                steps.append((entry, "directory"))
            elif entry.get("rendered") is None:
                steps.append((entry, "touch"))
            else:
                steps.append((entry, "write"))
    return steps


def restorable(results):
    """The changed files kept with a backup, in the form concert.mlops.service_apply's `files` takes for a rollback.

    A file without a backup_file was new, and a rollback removes it; a file whose entry asked for no backup is
    not the service's to roll back, so it is left out.
    """
    return [
        {key: value for key, value in result.items() if key in ("dest", "backup_file")}
        for result in results
        if result.get("changed") and result.get("step") == "write" and result.get("backup", True)
    ]
