#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: sysctl_file
short_description: Write kernel settings to a sysctl.d file and apply them, as far as this host allows
version_added: 0.1.0
description:
  - Writes O(settings) to the file O(path) (sorted, one C(key = value) a line, after the O(header) comment) and,
    when the file changed, applies them to the running kernel.
  - On a host every key is applied. In a container only the keys of namespaces a container has of its own are
    applied (C(net.*), C(kernel.shm*), C(kernel.msg*), C(kernel.sem), C(fs.mqueue.*)); the others belong to
    the host's kernel and are written but not applied, and returned in RV(waiting_for_host). So are namespaced
    keys a container's read-only C(/proc/sys) refuses.
  - A key the running kernel does not know yet (a bridge key before C(br_netfilter) is loaded) is skipped, as
    C(sysctl -e) does, and returned in RV(unknown).
  - When the kernel refuses a value, the previous file comes back (or the new one is removed), the previous
    values are applied again, and the task fails naming the key and the kernel's reason.
  - The one sysctl mechanism of Concert's roles (M(concert.mlops.foundation) and M(concert.mlops.hardening)).
author:
  - Concert developers (@concert-mlops)
extends_documentation_fragment:
  - concert.mlops.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details: The diff shows the file before and after.
  idempotent:
    support: full
    details: An unchanged file is neither written nor applied again.
options:
  path:
    description: The sysctl.d file, for example C(/etc/sysctl.d/60-concert.conf).
    type: path
    required: true
  settings:
    description: Keys and values. A list value is written space-separated (C(net.ipv4.tcp_rmem)); a boolean as 1 or 0.
    type: dict
    required: true
  header:
    description: Comment lines at the top of the file (without C(#)).
    type: list
    elements: str
    default: [Managed by Concert]
  mode:
    description: The file's permissions.
    type: raw
    default: "0644"
notes:
  - Values are written to C(/proc/sys) directly, not through the C(sysctl) program.
"""

EXAMPLES = r"""
- name: Keep more connections waiting and forward packets
  concert.mlops.sysctl_file:
    path: /etc/sysctl.d/60-concert.conf
    settings:
      net.core.somaxconn: 2048
      net.ipv4.ip_forward: 1
      vm.swappiness: 10
  register: kernel

- name: Say what waits for a real host
  ansible.builtin.debug:
    msg: "Written but not applied here: {{ kernel.waiting_for_host | join(', ') }}"
  when: kernel.waiting_for_host | length > 0
"""

RETURN = r"""
applied:
  description: Keys applied to the running kernel in this run.
  returned: success
  type: list
  elements: str
waiting_for_host:
  description: Keys written but not applied because this host is a container (sorted).
  returned: success
  type: list
  elements: str
  sample: [kernel.kptr_restrict, vm.swappiness]
unknown:
  description: Keys the running kernel does not know; written, not applied.
  returned: success
  type: list
  elements: str
in_container:
  description: Whether the host is a container.
  returned: always
  type: bool
"""

import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.concert.mlops.plugins.module_utils._preflight import container_type
from ansible_collections.concert.mlops.plugins.module_utils._sysctl import apply_keys, parse, render, split_for
from ansible_collections.concert.mlops.plugins.module_utils._text_file import read_text, replace_text


def write(module, path, text):
    try:
        replace_text(path, text, module.params["mode"])
    except (OSError, ValueError) as exc:
        module.fail_json(msg="could not write %s: %s" % (path, exc))


def main():
    module = AnsibleModule(
        argument_spec=dict(
            path=dict(type="path", required=True),
            settings=dict(type="dict", required=True),
            header=dict(type="list", elements="str", default=["Managed by Concert"]),
            mode=dict(type="raw", default="0644"),
        ),
        supports_check_mode=True,
    )
    path, settings = module.params["path"], module.params["settings"]
    for key in settings:
        if not key or " " in key or "=" in key:
            module.fail_json(msg="not a sysctl key: %r" % key)
    in_container = container_type("/") is not None
    wanted = render(settings, module.params["header"])
    before = read_text(path)
    changed = before != wanted
    now, waiting = split_for(settings, in_container)
    result = dict(changed=changed, in_container=in_container, applied=[], unknown=[],
                  waiting_for_host=waiting if changed else [])
    if module._diff:
        result["diff"] = dict(before=before or "", after=wanted, before_header=path, after_header=path)
    if not changed or module.check_mode:
        module.exit_json(**result)

    write(module, path, wanted)
    applied, unknown, read_only, refused = apply_keys(settings, now)
    if not in_container:
        # On a host nothing should stop root from writing /proc/sys.
        refused += [(key, "not writable") for key in read_only]
        read_only = []
    if refused:
        if before is None:
            os.unlink(path)
        else:
            write(module, path, before)
        previous = parse(before)
        apply_keys(previous, [key for key in applied if key in previous])
        module.fail_json(
            msg="The kernel refused %s; %s was taken back. %s" % (
                ", ".join("%s = %s" % (key, settings[key]) for key, _reason in refused), path,
                "; ".join("%s: %s" % pair for pair in refused)),
            refused=[key for key, _reason in refused])
    result.update(applied=applied, unknown=unknown, waiting_for_host=sorted(set(waiting) | set(read_only)))
    module.exit_json(**result)


if __name__ == "__main__":
    main()
