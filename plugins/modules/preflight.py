#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: preflight
short_description: Gather what a Concert stage needs to know about a host and check its requirements
version_added: 0.1.0
description:
  - Reads CPU count, memory, swap, free disk space, kernel version, cgroup version, whether the host is a
    container, listening TCP ports, kernel modules, operating system, init system, whether C(python3-apt) is
    installed, and which of the given packages are not installed.
  - Given requirements, fails with one message that lists B(every) unmet requirement, not just the first,
    so a user fixes a host in one go.
  - Only reads the host; it never changes anything.
author:
  - Concert developers (@concert-mlops)
extends_documentation_fragment:
  - concert.mlops.attributes
attributes:
  check_mode:
    support: full
    details: The module only reads the host, so check mode runs it unchanged.
  diff_mode:
    support: none
  idempotent:
    support: full
options:
  disk_paths:
    description:
      - Paths whose filesystem's free and total space are reported.
      - A path that does not exist yet is measured on its nearest existing parent directory.
      - Paths named in O(min_free_disk) are always measured.
    type: list
    elements: path
    default: ["/"]
  packages:
    description:
      - Debian packages, as C(ansible.builtin.apt) takes them, whose absence is reported in RV(preflight.packages_missing).
      - A plain name counts as present when dpkg's status database shows it installed, V(name=version) when that
        exact version is installed. Any other form (a wildcard, an architecture, a virtual package) is always
        reported as missing, so the caller's apt task decides.
      - A role calls its apt task only when something is missing, which saves that module's cost on a rerun.
        A missing package is not a requirement, so it never fails the module.
    type: list
    elements: str
    default: []
  kernel_modules:
    description:
      - Kernel modules that must be loaded, built in, or available to load.
      - Each one is reported as V(loaded), V(builtin), V(available) or V(missing); a V(missing) one is unmet.
    type: list
    elements: str
    default: []
  min_cpus:
    description: Least number of CPUs this process may run on.
    type: int
  min_memory_mb:
    description: Least total memory, in MiB.
    type: int
  min_free_disk:
    description:
      - Least free space per path, as a size with a unit (V(10G), V(512M)) or a number of MiB.
    type: dict
  min_kernel:
    description: Oldest kernel release accepted, for example V(5.15).
    type: str
  cgroup_version:
    description: The cgroup version the host must run.
    type: int
    choices: [1, 2]
  ports_free:
    description: TCP ports that no process may be listening on yet.
    type: list
    elements: int
    default: []
  supported_os:
    description:
      - Operating systems accepted, as a distribution name, optionally followed by a version.
      - V(Debian) accepts any Debian release, V(Debian 12) only Debian 12.x, V(Ubuntu 24.04) only Ubuntu 24.04.
    type: list
    elements: str
    default: []
  swap:
    description: Whether swap must be on, off, or does not matter.
    type: str
    choices: [any, "on", "off"]
    default: any
  init_system:
    description: The init system the host must run, for example V(systemd).
    type: str
  container:
    description: Whether the host may, must, or must not be a container.
    type: str
    choices: [any, required, forbidden]
    default: any
notes:
  - Listening ports are read from C(/proc/net/tcp) and C(/proc/net/tcp6), so they include ports of every
    process without needing root or the C(ss) tool.
  - Kernel modules are looked up in C(/proc/modules) and the running kernel's C(modules.builtin) and
    C(modules.dep). Inside a container the host's module tree is usually absent, so modules the host has
    not loaded show as V(missing) there.
"""

EXAMPLES = r"""
- name: Gather host facts only
  concert.mlops.preflight:
  register: host

- name: Check that the host can carry a k3s server
  concert.mlops.preflight:
    supported_os: [Debian 12, Debian 13, Ubuntu 24.04]
    min_cpus: 2
    min_memory_mb: 2048
    min_free_disk:
      /var/lib/rancher: 10G
    ports_free: [6443, 10250]
    kernel_modules: [br_netfilter, overlay]
    swap: "off"
    init_system: systemd
"""

RETURN = r"""
preflight:
  description: The facts that were gathered.
  returned: always
  type: dict
  contains:
    cpus:
      description: CPUs this process may run on.
      type: int
      sample: 4
    memory_mb:
      description: Total memory in MiB.
      type: int
    memory_available_mb:
      description: Memory available to new processes, in MiB.
      type: int
    swap_mb:
      description: Total swap in MiB.
      type: int
    swap_enabled:
      description: Whether any swap is active.
      type: bool
    disk:
      description: Free and total MiB per requested path.
      type: dict
      sample: {"/": {"free_mb": 51200, "total_mb": 102400}}
    kernel:
      description: The running kernel release.
      type: str
      sample: 6.1.0-18-amd64
    cgroup_version:
      description: 1 or 2, or null when no cgroup filesystem is mounted.
      type: int
    container:
      description: Whether the host is a container.
      type: bool
    container_type:
      description: The container technology (V(docker), V(podman), V(lxc), ...), or null.
      type: str
    uefi:
      description: Whether the host booted through UEFI (it then needs C(vfat) for its EFI system partition).
      type: bool
    listening_tcp_ports:
      description: TCP ports some process listens on, sorted.
      type: list
      elements: int
    kernel_modules:
      description: State of each module named in O(kernel_modules).
      type: dict
      sample: {"overlay": "loaded", "br_netfilter": "available"}
    os_family:
      description: Family of the distribution (V(Debian), V(RedHat), ...).
      type: str
    distribution:
      description: Distribution name from C(os-release).
      type: str
      sample: Debian GNU/Linux
    distribution_id:
      description: Distribution identifier from C(os-release).
      type: str
      sample: debian
    distribution_version:
      description: Distribution version from C(os-release).
      type: str
      sample: "12"
    distribution_release:
      description: Release code name from C(os-release), empty when it has none.
      type: str
      sample: bookworm
    init_system:
      description: The init system running as PID 1.
      type: str
      sample: systemd
    python_apt:
      description:
        - Whether Debian's C(python3-apt) is installed. Ansible's apt modules need it even to predict a change in
          check mode, so Concert's roles skip package tasks in check mode while it is missing.
      type: bool
    packages_missing:
      description: The entries of O(packages) that are not installed, in the order given.
      type: list
      elements: str
      sample: [chrony]
    python_version:
      description: The version (major.minor) of the Python the module ran with, the host's C(python3).
      type: str
      sample: "3.11"
unmet:
  description: Every requirement the host does not meet (empty when all are met).
  returned: always
  type: list
  elements: str
"""

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.formatters import human_to_bytes

from ansible_collections.concert.mlops.plugins.module_utils._preflight import gather, unmet_requirements, version_tuple

MIB = 1024 * 1024


def size_to_mib(value):
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    return human_to_bytes(text) // MIB


def requirements_from(params):
    """The module's options as the requirement dict the checker expects, sizes in MiB."""
    requirements = dict(params)
    requirements["min_free_disk_mb"] = dict(
        (path, size_to_mib(size)) for path, size in (params["min_free_disk"] or {}).items())
    return requirements


def main():
    module = AnsibleModule(
        argument_spec=dict(
            disk_paths=dict(type="list", elements="path", default=["/"]),
            kernel_modules=dict(type="list", elements="str", default=[]),
            packages=dict(type="list", elements="str", default=[]),
            min_cpus=dict(type="int"),
            min_memory_mb=dict(type="int"),
            min_free_disk=dict(type="dict"),
            min_kernel=dict(type="str"),
            cgroup_version=dict(type="int", choices=[1, 2]),
            ports_free=dict(type="list", elements="int", default=[]),
            supported_os=dict(type="list", elements="str", default=[]),
            swap=dict(type="str", choices=["any", "on", "off"], default="any"),
            init_system=dict(type="str"),
            container=dict(type="str", choices=["any", "required", "forbidden"], default="any"),
        ),
        supports_check_mode=True,
    )

    try:
        requirements = requirements_from(module.params)
        if module.params["min_kernel"]:
            version_tuple(module.params["min_kernel"])
    except ValueError as exc:
        module.fail_json(msg="invalid requirement: %s" % exc)

    disk_paths = list(module.params["disk_paths"]) + sorted(requirements["min_free_disk_mb"])
    facts = gather(disk_paths=list(dict.fromkeys(disk_paths)), kernel_modules=module.params["kernel_modules"],
                   packages=module.params["packages"])
    unmet = unmet_requirements(facts, requirements)
    if unmet:
        module.fail_json(
            msg="Preflight failed, %d requirement(s) unmet: %s" % (len(unmet), "; ".join(unmet)),
            unmet=unmet, preflight=facts)
    module.exit_json(changed=False, preflight=facts, unmet=[])


if __name__ == "__main__":
    main()
