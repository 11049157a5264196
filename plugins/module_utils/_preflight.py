# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Host facts and requirement checks for concert.mlops.preflight.

Private to the collection. Every reader takes a ``root`` so that unit tests can
point it at a fake filesystem; on a host ``root`` is ``/``.
"""

from __future__ import annotations

import os
import platform
import re
import sys

TCP_LISTEN_STATE = "0A"
CONTAINER_MARKERS = (
    ("run/.containerenv", "podman"),
    (".dockerenv", "docker"),
)


def _read(root, path, default=None):
    try:
        with open(os.path.join(root, path.lstrip("/")), "r") as handle:
            return handle.read()
    except (IOError, OSError):
        return default


def _exists(root, path):
    return os.path.exists(os.path.join(root, path.lstrip("/")))


def parse_meminfo(text):
    """Return /proc/meminfo as a dict of integers in kB."""
    values = {}
    for line in (text or "").splitlines():
        key, _sep, rest = line.partition(":")
        fields = rest.split()
        if fields and fields[0].isdigit():
            values[key.strip()] = int(fields[0])
    return values


def parse_os_release(text):
    values = {}
    for line in (text or "").splitlines():
        key, sep, value = line.partition("=")
        if sep and not key.startswith("#"):
            values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def os_family(os_release):
    ids = [os_release.get("ID", "")] + os_release.get("ID_LIKE", "").split()
    for known, family in (("debian", "Debian"), ("rhel", "RedHat"), ("fedora", "RedHat"),
                          ("suse", "Suse"), ("arch", "Archlinux"), ("alpine", "Alpine")):
        if known in ids:
            return family
    return os_release.get("NAME") or "unknown"


def listening_tcp_ports(proc_net_tcp_texts):
    """Ports in LISTEN state from the contents of /proc/net/tcp and /proc/net/tcp6."""
    ports = set()
    for text in proc_net_tcp_texts:
        for line in (text or "").splitlines()[1:]:
            fields = line.split()
            if len(fields) > 3 and fields[3] == TCP_LISTEN_STATE:
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return sorted(ports)


def normalize_module(name):
    return name.replace("-", "_")


def loaded_modules(proc_modules_text):
    return sorted(set(normalize_module(line.split()[0])
                      for line in (proc_modules_text or "").splitlines() if line.strip()))


def modules_in_index(index_text):
    """Module names listed in modules.dep or modules.builtin."""
    names = set()
    for line in (index_text or "").splitlines():
        path = line.split(":", 1)[0].strip()
        if path:
            base = os.path.basename(path)
            names.add(normalize_module(re.sub(r"\.ko(\.[a-z]+)?$", "", base)))
    return names


def kernel_module_states(wanted, loaded, builtin, available):
    """Map each wanted module to loaded, builtin, available or missing."""
    states = {}
    for name in wanted:
        key = normalize_module(name)
        if key in loaded:
            states[name] = "loaded"
        elif key in builtin:
            states[name] = "builtin"
        elif key in available:
            states[name] = "available"
        else:
            states[name] = "missing"
    return states


def cgroup_version(root):
    if _exists(root, "/sys/fs/cgroup/cgroup.controllers"):
        return 2
    if _exists(root, "/sys/fs/cgroup"):
        return 1
    return None


def container_type(root):
    """The container technology this host runs in, or None on bare metal or a VM."""
    marker = (_read(root, "/run/systemd/container") or "").strip()
    if marker:
        return marker
    for path, kind in CONTAINER_MARKERS:
        if _exists(root, path):
            return kind
    environ = _read(root, "/proc/1/environ") or ""
    match = re.search(r"(?:^|\x00)container=([^\x00]+)", environ)
    if match:
        return match.group(1)
    cgroups = _read(root, "/proc/1/cgroup") or ""
    for hint in ("docker", "kubepods", "lxc", "containerd"):
        if "/%s" % hint in cgroups:
            return hint
    return None


def init_system(root):
    if _exists(root, "/run/systemd/system"):
        return "systemd"
    comm = (_read(root, "/proc/1/comm") or "").strip()
    return comm or "unknown"


def disk_usage(root, path):
    """Free and total MiB of the filesystem that holds path (or its nearest existing parent)."""
    probe = os.path.join(root, path.lstrip("/"))
    while not os.path.exists(probe) and probe != os.path.dirname(probe):
        probe = os.path.dirname(probe)
    stat = os.statvfs(probe)
    mib = 1024 * 1024
    return {
        "free_mb": stat.f_bavail * stat.f_frsize // mib,
        "total_mb": stat.f_blocks * stat.f_frsize // mib,
    }


def version_tuple(text):
    """Leading numeric parts of a version string: '6.1.0-18-amd64' -> (6, 1, 0)."""
    match = re.match(r"(\d+(?:\.\d+)*)", str(text).strip())
    if not match:
        raise ValueError("not a version: %r" % (text,))
    return tuple(int(part) for part in match.group(1).split("."))


def cpu_count():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def dpkg_installed_versions(status_text):
    """Package name -> version, for each package dpkg's status database says is installed."""
    installed = {}
    for paragraph in (status_text or "").split("\n\n"):
        fields = dict(line.split(":", 1) for line in paragraph.splitlines() if ":" in line and not line.startswith(" "))
        if fields.get("Status", "").strip() == "install ok installed" and fields.get("Package", "").strip():
            installed[fields["Package"].strip()] = fields.get("Version", "").strip()
    return installed


# What can be answered from dpkg's database alone: a plain name, or name=version.
# Anything else apt understands (a wildcard, an architecture, a virtual package,
# a .deb) counts as missing, so the caller's apt task decides.
PLAIN_PACKAGE = re.compile(r"^([a-z0-9][a-z0-9+.-]*)(?:=([A-Za-z0-9.+~:-]+))?$")


def missing_packages(installed, wanted):
    """The entries of `wanted` (as apt takes them) that dpkg does not show installed, in order."""
    missing = []
    for entry in wanted:
        match = PLAIN_PACKAGE.match(entry)
        if not match or match.group(1) not in installed or match.group(2) not in (None, installed[match.group(1)]):
            missing.append(entry)
    return missing


def gather(root="/", disk_paths=("/",), kernel_modules=(), kernel_release=None, cpus=None, packages=()):
    """Collect the facts a stage needs to know about a host."""
    installed = dpkg_installed_versions(_read(root, "/var/lib/dpkg/status"))
    meminfo = parse_meminfo(_read(root, "/proc/meminfo"))
    os_release = parse_os_release(_read(root, "/etc/os-release") or _read(root, "/usr/lib/os-release"))
    release = kernel_release or platform.release()
    module_root = "/lib/modules/%s" % release
    kind = container_type(root)
    swap_mb = meminfo.get("SwapTotal", 0) // 1024
    return {
        "cpus": cpus if cpus is not None else cpu_count(),
        "memory_mb": meminfo.get("MemTotal", 0) // 1024,
        "memory_available_mb": meminfo.get("MemAvailable", 0) // 1024,
        "swap_mb": swap_mb,
        "swap_enabled": swap_mb > 0,
        "disk": dict((path, disk_usage(root, path)) for path in disk_paths),
        "kernel": release,
        "cgroup_version": cgroup_version(root),
        "container": kind is not None,
        "container_type": kind,
        # Firmware booted through UEFI needs vfat for the EFI system partition.
        "uefi": _exists(root, "/sys/firmware/efi"),
        "listening_tcp_ports": listening_tcp_ports(
            [_read(root, "/proc/net/tcp"), _read(root, "/proc/net/tcp6")]),
        "kernel_modules": kernel_module_states(
            kernel_modules,
            set(loaded_modules(_read(root, "/proc/modules"))),
            modules_in_index(_read(root, module_root + "/modules.builtin")),
            modules_in_index(_read(root, module_root + "/modules.dep")),
        ),
        "os_family": os_family(os_release),
        "distribution": os_release.get("NAME", "unknown"),
        "distribution_id": os_release.get("ID", "unknown"),
        "distribution_version": os_release.get("VERSION_ID", ""),
        "distribution_release": os_release.get("VERSION_CODENAME", ""),
        "init_system": init_system(root),
        # Ansible's apt modules need it, even to predict a change in check mode.
        "python_apt": "python3-apt" in installed,
        # A role skips its apt task when nothing it installs is missing: the apt
        # module costs about a second per host even when it changes nothing.
        "packages_missing": missing_packages(installed, packages),
        # The Python modules run with (the host's python3): wheels are fetched for it.
        "python_version": "%d.%d" % sys.version_info[:2],
    }


def os_matches(facts, wanted):
    """True when 'Debian', 'debian 12' or 'Ubuntu 24.04' describes the host."""
    name, _sep, version = wanted.strip().partition(" ")
    names = (facts["distribution_id"].lower(), facts["distribution"].lower(), facts["os_family"].lower())
    if name.lower() not in names:
        return False
    if not version:
        return True
    have = facts["distribution_version"]
    return have == version or have.startswith(version + ".")


def unmet_requirements(facts, req):
    """Every requirement in req that facts do not meet, as one message each."""
    unmet = []
    if req.get("min_cpus") and facts["cpus"] < req["min_cpus"]:
        unmet.append("needs at least %d CPUs, has %d" % (req["min_cpus"], facts["cpus"]))
    if req.get("min_memory_mb") and facts["memory_mb"] < req["min_memory_mb"]:
        unmet.append("needs at least %d MiB of memory, has %d MiB"
                     % (req["min_memory_mb"], facts["memory_mb"]))
    for path, need_mb in sorted((req.get("min_free_disk_mb") or {}).items()):
        free = facts["disk"][path]["free_mb"]
        if free < need_mb:
            unmet.append("needs %d MiB free on %s, has %d MiB" % (need_mb, path, free))
    if req.get("min_kernel") and version_tuple(facts["kernel"]) < version_tuple(req["min_kernel"]):
        unmet.append("needs kernel %s or newer, runs %s" % (req["min_kernel"], facts["kernel"]))
    if req.get("cgroup_version") and facts["cgroup_version"] != req["cgroup_version"]:
        unmet.append("needs cgroup v%d, host has %s" % (
            req["cgroup_version"],
            "v%d" % facts["cgroup_version"] if facts["cgroup_version"] else "no cgroup filesystem"))
    busy = sorted(set(req.get("ports_free") or []) & set(facts["listening_tcp_ports"]))
    if busy:
        unmet.append("needs free TCP ports, already listening: %s" % ", ".join(str(port) for port in busy))
    missing = sorted(name for name, state in facts["kernel_modules"].items() if state == "missing")
    if missing:
        unmet.append("needs kernel modules that are neither loaded nor available: %s" % ", ".join(missing))
    supported = req.get("supported_os") or []
    if supported and not any(os_matches(facts, wanted) for wanted in supported):
        unmet.append("runs %s %s, supported: %s" % (
            facts["distribution"], facts["distribution_version"], ", ".join(supported)))
    if req.get("swap") == "off" and facts["swap_enabled"]:
        unmet.append("needs swap off, has %d MiB of swap" % facts["swap_mb"])
    if req.get("swap") == "on" and not facts["swap_enabled"]:
        unmet.append("needs swap on, has none")
    if req.get("init_system") and facts["init_system"] != req["init_system"]:
        unmet.append("needs %s as init system, runs %s" % (req["init_system"], facts["init_system"]))
    if req.get("container") == "forbidden" and facts["container"]:
        unmet.append("must not run in a container, runs in %s" % facts["container_type"])
    if req.get("container") == "required" and not facts["container"]:
        unmet.append("must run in a container, runs on a host")
    return unmet
