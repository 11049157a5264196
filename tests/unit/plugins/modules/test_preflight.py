# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json

import pytest

from ansible.module_utils.testing import patch_module_args
from ansible_collections.concert.mlops.plugins.modules import preflight

FACTS = {
    "cpus": 2, "memory_mb": 2048, "memory_available_mb": 1024, "swap_mb": 0, "swap_enabled": False,
    "disk": {"/": {"free_mb": 5000, "total_mb": 10000}, "/var/lib/docker": {"free_mb": 5000, "total_mb": 10000}},
    "kernel": "6.1.0", "cgroup_version": 2, "container": False, "container_type": None, "uefi": False,
    "listening_tcp_ports": [22], "kernel_modules": {}, "os_family": "Debian",
    "distribution": "Debian GNU/Linux", "distribution_id": "debian", "distribution_version": "12",
    "init_system": "systemd", "python_apt": True,
}


def run_module(capsys, monkeypatch, args):
    """Run the module's main() with args; return (exit code, result dict, arguments gather got)."""
    seen = {}

    def fake_gather(**kwargs):
        seen.update(kwargs)
        return FACTS

    monkeypatch.setattr(preflight, "gather", fake_gather)
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            preflight.main()
    return exit_info.value.code, json.loads(capsys.readouterr().out), seen


def test_reports_facts_without_change(capsys, monkeypatch):
    code, result, _seen = run_module(capsys, monkeypatch, {})
    assert code == 0
    assert result["changed"] is False
    assert result["preflight"]["cpus"] == 2
    assert result["unmet"] == []


def test_check_mode_runs_the_same(capsys, monkeypatch):
    code, result, _seen = run_module(capsys, monkeypatch, {"_ansible_check_mode": True, "min_cpus": 1})
    assert code == 0 and result["changed"] is False


def test_combined_message_lists_every_unmet_requirement(capsys, monkeypatch):
    code, result, _seen = run_module(capsys, monkeypatch, {
        "min_cpus": 8, "min_memory_mb": 4096, "ports_free": [22], "supported_os": ["Ubuntu"],
        "min_free_disk": {"/var/lib/docker": "10G"}})
    assert code == 1
    assert result["msg"].startswith("Preflight failed, 5 requirement(s) unmet: ")
    for part in ("8 CPUs", "4096 MiB of memory", "already listening: 22", "supported: Ubuntu",
                 "10240 MiB free on /var/lib/docker"):
        assert part in result["msg"]
    assert len(result["unmet"]) == 5
    assert result["preflight"] == FACTS


def test_packages_are_looked_up_and_never_fail(capsys, monkeypatch):
    code, result, seen = run_module(capsys, monkeypatch, {"packages": ["chrony", "sudo"]})
    assert code == 0 and result["unmet"] == []
    assert seen["packages"] == ["chrony", "sudo"]


def test_min_free_disk_paths_are_measured(capsys, monkeypatch):
    code, _result, seen = run_module(capsys, monkeypatch, {"min_free_disk": {"/var/lib/docker": 100}})
    assert code == 0
    assert seen["disk_paths"] == ["/", "/var/lib/docker"]


@pytest.mark.parametrize("args, error", [
    ({"min_free_disk": {"/": "ten gigs"}}, "invalid requirement"),
    ({"min_kernel": "latest"}, "invalid requirement: not a version"),
    ({"cgroup_version": 3}, "value of cgroup_version must be one of: 1, 2"),
    ({"swap": "maybe"}, "value of swap must be one of"),
    ({"min_cpus": "many"}, "min_cpus"),
])
def test_bad_input_fails_clearly(capsys, monkeypatch, args, error):
    code, result, seen = run_module(capsys, monkeypatch, args)
    assert code == 1
    assert error in result["msg"]
    assert seen == {}, "the host must not be read when the input is invalid"
