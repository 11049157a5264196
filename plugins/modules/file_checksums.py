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
    description: Absolute paths of the files.
    type: list
    elements: path
    required: true
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
"""

RETURN = r"""
files:
  description: One entry per path of O(paths), in the same order.
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


def main():
    module = AnsibleModule(
        argument_spec=dict(paths=dict(type="list", elements="path", required=True)),
        supports_check_mode=True,
    )
    relative = [path for path in module.params["paths"] if not os.path.isabs(path)]
    if relative:
        module.fail_json(msg="paths must be absolute: %s" % ", ".join(relative))
    files, unreadable = [], []
    for path in module.params["paths"]:
        try:
            files.append(describe(path))
        except OSError as exc:
            unreadable.append("%s (%s)" % (path, exc.strerror or exc))
    if unreadable:
        module.fail_json(msg="cannot read %s" % ", ".join(unreadable))
    module.exit_json(changed=False, files=files)


if __name__ == "__main__":
    main()
