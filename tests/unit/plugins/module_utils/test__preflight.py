# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.concert.mlops.plugins.module_utils import _preflight as pf

PROC_NET_TCP = """\
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1
   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1
   2: 0A000002:0016 0A000001:C350 01 00000000:00000000 00:00000000 00000000     0        0 3 1
"""
PROC_NET_TCP6 = """\
  sl  local_address                         remote_address                        st tx_queue
   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000
   1: 00000000000000000000000000000000:2384 00000000000000000000000000000000:0000 0A 00000000:00000000
"""


def write(root, path, text):
    target = root / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


@pytest.fixture
def fake_host(tmp_path):
    write(tmp_path, "/proc/meminfo", "MemTotal:        4194304 kB\nMemAvailable:    2097152 kB\nSwapTotal:  0 kB\n")
    write(tmp_path, "/etc/os-release", 'NAME="Debian GNU/Linux"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n')
    write(tmp_path, "/proc/net/tcp", PROC_NET_TCP)
    write(tmp_path, "/proc/net/tcp6", PROC_NET_TCP6)
    write(tmp_path, "/proc/modules", "overlay 151552 0 - Live 0x0\nnf_conntrack 1 0 - Live 0x0\n")
    write(tmp_path, "/lib/modules/6.1.0-18-amd64/modules.builtin", "kernel/fs/ext4/ext4.ko\n")
    write(tmp_path, "/lib/modules/6.1.0-18-amd64/modules.dep",
          "kernel/net/bridge/br_netfilter.ko.xz: kernel/net/bridge/bridge.ko.xz\n")
    write(tmp_path, "/sys/fs/cgroup/cgroup.controllers", "cpu memory\n")
    write(tmp_path, "/run/systemd/container", "docker\n")
    (tmp_path / "run/systemd/system").mkdir(parents=True)
    return tmp_path


def gather(root, **kwargs):
    kwargs.setdefault("kernel_release", "6.1.0-18-amd64")
    kwargs.setdefault("cpus", 2)
    return pf.gather(root=str(root), **kwargs)


def test_gather_reads_every_fact(fake_host):
    facts = gather(fake_host, kernel_modules=["overlay", "br-netfilter", "ext4", "wireguard"])
    assert facts["memory_mb"] == 4096
    assert facts["memory_available_mb"] == 2048
    assert facts["swap_enabled"] is False
    assert facts["cgroup_version"] == 2
    assert facts["container"] is True and facts["container_type"] == "docker"
    assert facts["listening_tcp_ports"] == [22, 8080, 9092]
    assert facts["kernel_modules"] == {
        "overlay": "loaded", "br-netfilter": "available", "ext4": "builtin", "wireguard": "missing"}
    assert (facts["os_family"], facts["distribution_id"], facts["distribution_version"]) == ("Debian", "debian", "12")
    assert facts["distribution_release"] == "bookworm"
    assert facts["init_system"] == "systemd"
    assert set(facts["disk"]["/"]) == {"free_mb", "total_mb"}


def test_disk_of_missing_path_uses_nearest_parent(fake_host):
    facts = gather(fake_host, disk_paths=["/var/lib/not-yet/there"])
    assert facts["disk"]["/var/lib/not-yet/there"]["total_mb"] > 0


def test_bare_host_with_cgroup_v1_and_no_container(tmp_path):
    (tmp_path / "sys/fs/cgroup").mkdir(parents=True)
    write(tmp_path, "/proc/1/comm", "init\n")
    facts = gather(tmp_path)
    assert facts["cgroup_version"] == 1
    assert facts["container"] is False and facts["container_type"] is None
    assert facts["init_system"] == "init"
    assert facts["uefi"] is False
    assert facts["os_family"] == "unknown"


def test_uefi_host_is_recognised(tmp_path):
    (tmp_path / "sys/firmware/efi").mkdir(parents=True)
    assert gather(tmp_path)["uefi"] is True


@pytest.mark.parametrize("environ, cgroup, expected", [
    ("PATH=/bin\x00container=lxc\x00", "", "lxc"),
    ("", "12:pids:/kubepods/burstable/pod1\n", "kubepods"),
    ("", "0::/\n", None),
])
def test_container_detection_fallbacks(tmp_path, environ, cgroup, expected):
    write(tmp_path, "/proc/1/environ", environ)
    write(tmp_path, "/proc/1/cgroup", cgroup)
    assert pf.container_type(str(tmp_path)) == expected


@pytest.mark.parametrize("os_release, family", [
    ("ID=ubuntu\nID_LIKE=debian\n", "Debian"),
    ("ID=rocky\nID_LIKE=\"rhel centos fedora\"\n", "RedHat"),
    ("ID=opensuse-leap\nID_LIKE=\"suse opensuse\"\n", "Suse"),
])
def test_os_family(os_release, family):
    assert pf.os_family(pf.parse_os_release(os_release)) == family


def test_version_tuple():
    assert pf.version_tuple("6.1.0-18-amd64") == (6, 1, 0)
    assert pf.version_tuple("5.15") == (5, 15)
    with pytest.raises(ValueError):
        pf.version_tuple("latest")


@pytest.fixture
def facts(fake_host):
    return gather(fake_host, disk_paths=["/"], kernel_modules=["overlay"])


def test_all_requirements_met(facts):
    requirements = dict(
        min_cpus=2, min_memory_mb=4096, min_free_disk_mb={"/": 1}, min_kernel="6.1",
        cgroup_version=2, ports_free=[6443], supported_os=["Debian 12"], swap="off",
        init_system="systemd", container="any")
    assert pf.unmet_requirements(facts, requirements) == []


@pytest.mark.parametrize("requirement, message", [
    ({"min_cpus": 3}, "needs at least 3 CPUs, has 2"),
    ({"min_memory_mb": 8192}, "needs at least 8192 MiB of memory, has 4096 MiB"),
    ({"min_free_disk_mb": {"/": 10 ** 12}}, "needs 1000000000000 MiB free on /"),
    ({"min_kernel": "6.6"}, "needs kernel 6.6 or newer, runs 6.1.0-18-amd64"),
    ({"cgroup_version": 1}, "needs cgroup v1, host has v2"),
    ({"ports_free": [22, 8080, 443]}, "already listening: 22, 8080"),
    ({"supported_os": ["Debian 13", "Ubuntu"]}, "runs Debian GNU/Linux 12, supported: Debian 13, Ubuntu"),
    ({"swap": "on"}, "needs swap on, has none"),
    ({"init_system": "openrc"}, "needs openrc as init system, runs systemd"),
    ({"container": "forbidden"}, "must not run in a container, runs in docker"),
])
def test_each_unmet_requirement_is_reported(facts, requirement, message):
    unmet = pf.unmet_requirements(facts, requirement)
    assert len(unmet) == 1
    assert message in unmet[0]


def test_missing_kernel_module_is_unmet(fake_host):
    facts = gather(fake_host, kernel_modules=["overlay", "wireguard", "ip_vs"])
    assert pf.unmet_requirements(facts, {}) == [
        "needs kernel modules that are neither loaded nor available: ip_vs, wireguard"]


def test_every_unmet_requirement_is_listed_not_just_the_first(facts):
    unmet = pf.unmet_requirements(facts, dict(min_cpus=64, min_memory_mb=10 ** 6, ports_free=[22], swap="on"))
    assert len(unmet) == 4


@pytest.mark.parametrize("wanted, expected", [
    ("Debian", True), ("debian 12", True), ("Debian 1", False), ("Ubuntu 12", False),
])
def test_os_matches(facts, wanted, expected):
    assert pf.os_matches(facts, wanted) is expected


def test_swap_off_required_but_on(fake_host):
    write(fake_host, "/proc/meminfo", "MemTotal: 1024 kB\nSwapTotal: 2097152 kB\n")
    facts = gather(fake_host)
    assert pf.unmet_requirements(facts, {"swap": "off"}) == ["needs swap off, has 2048 MiB of swap"]


def test_container_required_on_a_host(tmp_path):
    facts = gather(tmp_path)
    assert pf.unmet_requirements(facts, {"container": "required"}) == ["must run in a container, runs on a host"]


DPKG_STATUS = """\
Package: python3-apt
Status: deinstall ok config-files
Version: 2.6.0

Package: python3
Status: install ok installed
Version: 3.11.2-1+b1
Description: interactive high-level object-oriented language
 Python, the high-level, interactive object oriented language,
 Package: python3-apt
"""


def test_python_apt_read_from_dpkgs_status(tmp_path):
    assert gather(tmp_path)["python_apt"] is False
    write(tmp_path, "/var/lib/dpkg/status", DPKG_STATUS)
    # Removed with its config files kept is not installed; a description line does not count.
    assert "python3-apt" not in pf.dpkg_installed_versions(DPKG_STATUS)
    assert "python3" in pf.dpkg_installed_versions(DPKG_STATUS)
    write(tmp_path, "/var/lib/dpkg/status", DPKG_STATUS.replace("deinstall ok config-files", "install ok installed"))
    assert gather(tmp_path)["python_apt"] is True


def test_packages_missing_read_from_dpkgs_status(tmp_path):
    write(tmp_path, "/var/lib/dpkg/status", DPKG_STATUS)
    facts = gather(tmp_path, packages=["python3", "python3-apt", "chrony"])
    # Removed with its config kept counts as missing, as does a package never seen.
    assert facts["packages_missing"] == ["python3-apt", "chrony"]
    assert gather(tmp_path)["packages_missing"] == []


@pytest.mark.parametrize("entry, missing", [
    ("python3", False),
    ("python3=3.11.2-1+b1", False),
    ("python3=3.11.4-1", True),
    # Forms dpkg's database cannot answer alone are left to apt.
    ("python3=3.11*", True),
    ("python3:amd64", True),
    ("python3>=3.11", True),
    ("/tmp/python3.deb", True),
])
def test_package_forms(entry, missing):
    installed = pf.dpkg_installed_versions(DPKG_STATUS)
    assert pf.missing_packages(installed, [entry]) == ([entry] if missing else [])


def test_python_version_is_the_one_running():
    import sys
    assert gather("/")["python_version"] == "%d.%d" % sys.version_info[:2]
