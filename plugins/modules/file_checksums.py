#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: file_checksums
short_description: The SHA-1, mode and owner of many files in one round trip
version_added: 0.1.0
description:
  - Reads every file in O(paths) on the host and returns, in the same order, whether it exists, its SHA-1 (as
    C(ansible.builtin.stat) and the C(hash('sha1')) filter give it), mode, owner, group and size.
  - One module call instead of one C(ansible.builtin.stat) per file, so a role that writes many files renders them
    on the controller, compares their checksums with RV(files) and writes only those that differ; a rerun that
    changes nothing then costs one round trip for all of them.
  - With O(wanted), it also says which files are not as wanted (RV(differ)), so a role's write tasks each need
    only a C(when) on that list.
  - Changes nothing.
author:
  - Concert developers (@concert-mlops)
extends_documentation_fragment:
  - concert.mlops.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
  idempotent:
    support: full
    details: It only reads.
options:
  paths:
    description: Absolute paths of the files. At least one of O(paths) and O(wanted) is required.
    type: list
    elements: path
  wanted:
    description:
      - Files and directories as a role wants them. Each is named in RV(differ) when it is missing, is not of the
        wanted type, or differs in one of the fields given.
      - Give C(checksum) as the SHA-1 of the content rendered on the controller (C(hash('sha1'))).
    type: list
    elements: dict
    suboptions:
      path:
        description: Absolute path of the file.
        type: path
        required: true
      type:
        description: Whether a regular file or a directory is wanted.
        type: str
        choices: [file, directory]
        default: file
      checksum:
        description: The wanted SHA-1 of a file in hex; not compared when left out.
        type: str
      mode:
        description: The wanted permission bits in octal, for example V(0644); not compared when left out.
        type: str
      owner:
        description: The wanted owner, a name or a number; not compared when left out.
        type: str
      group:
        description: The wanted group, a name or a number; not compared when left out.
        type: str
notes:
  - A directory or other non-regular file is reported with RV(files[].type) and no checksum.
"""

EXAMPLES = r"""
- name: Compare the wanted dashboards with the live ones in one round trip
  concert.mlops.file_checksums:
    paths: "{{ dashboards | map(attribute='dest') | list }}"
  register: live

- name: Write only the dashboards that differ
  ansible.builtin.copy:
    content: "{{ item.0.content }}"
    dest: "{{ item.0.dest }}"
    mode: "0644"
  loop: "{{ dashboards | zip(live.files) | list }}"
  when: item.1.checksum != item.0.content | hash('sha1')

- name: Learn which of a role's files are not as wanted
  concert.mlops.file_checksums:
    wanted:
      - path: /etc/chrony/chrony.conf
        checksum: "{{ lookup('ansible.builtin.template', 'chrony.conf.j2') | hash('sha1') }}"
        mode: "0644"
        owner: root
        group: root
  register: live

- name: Write chrony's configuration only when it differs
  ansible.builtin.template:
    src: chrony.conf.j2
    dest: /etc/chrony/chrony.conf
    owner: root
    group: root
    mode: "0644"
  when: "'/etc/chrony/chrony.conf' in live.differ"
"""

RETURN = r"""
files:
  description: One entry per path of O(paths), in the same order (the files of O(wanted) are not in it).
  returned: success
  type: list
  elements: dict
  contains:
    path:
      description: The path as given.
      type: str
    exists:
      description: Whether anything is at the path.
      type: bool
    type:
      description: V(file), V(directory), V(link) (a link whose target is missing), V(other), or null when nothing is there.
      type: str
    checksum:
      description: The SHA-1 of a regular file (links followed) in hex, else null.
      type: str
    mode:
      description: The permission bits in octal, for example V(0644), or null.
      type: str
    owner:
      description: The owner's name (its number when the name is unknown), or null.
      type: str
    group:
      description: The group's name (its number when the name is unknown), or null.
      type: str
    size:
      description: Size in bytes, or null.
      type: int
  sample:
    - {path: /etc/prometheus/prometheus.yml, exists: true, type: file, checksum: 0a4d55a8d778e5022fab701977c5d840bbc486d0,
       mode: "0644", owner: root, group: root, size: 812}
differ:
  description: The paths of O(wanted) that are missing, not of the wanted type, or differ in a field given, in order.
  returned: success
  type: list
  elements: str
  sample: [/etc/chrony/chrony.conf]
"""

import grp
import hashlib
import os
import pwd
import stat

from ansible.module_utils.basic import AnsibleModule


def _name(lookup, number):
    try:
        return lookup(number)[0]
    except KeyError:
        return str(number)


def _sha1(path):
    digest = hashlib.sha1()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def describe(path):
    """What is at one path, as the module returns it. Raises OSError when a file exists but cannot be read."""
    entry = dict(path=path, exists=False, type=None, checksum=None, mode=None, owner=None, group=None, size=None)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            entry.update(exists=True, type="link")
        return entry
    kind = "file" if stat.S_ISREG(info.st_mode) else "directory" if stat.S_ISDIR(info.st_mode) else "other"
    entry.update(exists=True, type=kind, mode="%04o" % stat.S_IMODE(info.st_mode), size=info.st_size,
                 owner=_name(pwd.getpwuid, info.st_uid), group=_name(grp.getgrgid, info.st_gid))
    if kind == "file":
        entry["checksum"] = _sha1(path)
    return entry


def _same_account(found, wanted, lookup):
    """Whether the owner or group `found` (a name, or a number when it has none) is `wanted` (a name or a number)."""
    if found == wanted:
        return True
    if not wanted.isdigit():
        return False
    try:
        return lookup(int(wanted))[0] == found
    except KeyError:
        return False


def differs(entry, wanted):
    """Whether the file described by `entry` is not as `wanted` says (fields left out are not compared)."""
    if entry["type"] != wanted.get("type", "file"):
        return True
    if wanted.get("checksum") is not None and entry["checksum"] != wanted["checksum"].lower():
        return True
    if wanted.get("mode") is not None and int(entry["mode"], 8) != int(wanted["mode"], 8):
        return True
    if wanted.get("owner") is not None and not _same_account(entry["owner"], str(wanted["owner"]), pwd.getpwuid):
        return True
    return wanted.get("group") is not None and not _same_account(entry["group"], str(wanted["group"]), grp.getgrgid)


def _invalid_modes(wanted):
    invalid = []
    for item in wanted:
        mode = item.get("mode")
        if mode is not None and (not mode or any(digit not in "01234567" for digit in mode) or len(mode) > 4):
            invalid.append("%s (%s)" % (item["path"], mode))
    return invalid


def main():
    module = AnsibleModule(
        argument_spec=dict(
            paths=dict(type="list", elements="path"),
            wanted=dict(type="list", elements="dict", options=dict(
                path=dict(type="path", required=True),
                type=dict(type="str", choices=["file", "directory"], default="file"),
                checksum=dict(type="str"),
                mode=dict(type="str"),
                owner=dict(type="str"),
                group=dict(type="str"),
            )),
        ),
        required_one_of=[("paths", "wanted")],
        supports_check_mode=True,
    )
    paths, wanted = module.params["paths"] or [], module.params["wanted"] or []
    wanted_paths = [item["path"] for item in wanted]
    every_path = paths + wanted_paths
    relative = [path for path in every_path if not os.path.isabs(path)]
    if relative:
        module.fail_json(msg="paths must be absolute: %s" % ", ".join(relative))
    invalid = _invalid_modes(wanted)
    if invalid:
        module.fail_json(msg="modes must be octal, for example 0644: %s" % ", ".join(invalid))
    described, unreadable = [], []
    for path in every_path:
        try:
            described.append(describe(path))
        except OSError as exc:
            unreadable.append("%s (%s)" % (path, exc.strerror or exc))
    if unreadable:
        module.fail_json(msg="cannot read %s" % ", ".join(unreadable))
    files = described[:len(paths)]
    differ = [item["path"] for item, entry in zip(wanted, described[len(paths):]) if differs(entry, item)]
    module.exit_json(changed=False, files=files, differ=differ)


if __name__ == "__main__":
    main()
