# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import errno

from ansible_collections.concert.mlops.plugins.module_utils import _sysctl


def make_proc(root, keys):
    for key in keys:
        path = root / "proc/sys" / key.replace(".", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("0\n")


def test_render_sorts_and_formats_values():
    text = _sysctl.render({"vm.swappiness": 10, "net.ipv4.tcp_rmem": [4096, 87380, 6291456], "net.ipv4.ip_forward": True},
                          ["Managed", "second line"])
    assert text == ("# Managed\n# second line\nnet.ipv4.ip_forward = 1\n"
                    "net.ipv4.tcp_rmem = 4096 87380 6291456\nvm.swappiness = 10\n")


def test_parse_reads_back_what_render_wrote():
    settings = {"vm.swappiness": "10", "net.core.somaxconn": "2048"}
    assert _sysctl.parse(_sysctl.render(settings, ["x"]) + "; comment\n-kernel.foo = 1\n") == dict(
        settings, **{"kernel.foo": "1"})


def test_container_applies_only_its_own_namespaces():
    settings = {"net.core.somaxconn": 1, "kernel.shmmax": 1, "fs.mqueue.msg_max": 1, "vm.swappiness": 1,
                "kernel.kptr_restrict": 1, "fs.suid_dumpable": 0}
    now, waiting = _sysctl.split_for(settings, in_container=True)
    assert now == ["fs.mqueue.msg_max", "kernel.shmmax", "net.core.somaxconn"]
    assert waiting == ["fs.suid_dumpable", "kernel.kptr_restrict", "vm.swappiness"]
    assert _sysctl.split_for(settings, in_container=False) == (sorted(settings), [])


def test_apply_writes_known_keys_and_skips_unknown(tmp_path):
    make_proc(tmp_path, ["net.core.somaxconn"])
    applied, unknown, read_only, refused = _sysctl.apply_keys(
        {"net.core.somaxconn": 2048, "net.bridge.bridge-nf-call-iptables": 1},
        ["net.bridge.bridge-nf-call-iptables", "net.core.somaxconn"], root=str(tmp_path))
    assert applied == ["net.core.somaxconn"] and unknown == ["net.bridge.bridge-nf-call-iptables"]
    assert read_only == [] and refused == []
    assert (tmp_path / "proc/sys/net/core/somaxconn").read_text() == "2048"


def test_apply_tells_read_only_from_refused(tmp_path, monkeypatch):
    make_proc(tmp_path, ["net.core.somaxconn", "net.ipv4.ip_forward"])
    real_open = open

    def fake_open(path, mode="r", *args, **kwargs):
        if str(path).endswith("somaxconn"):
            raise OSError(errno.EROFS, "Read-only file system")
        if str(path).endswith("ip_forward"):
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    applied, unknown, read_only, refused = _sysctl.apply_keys(
        {"net.core.somaxconn": 1, "net.ipv4.ip_forward": 7}, ["net.core.somaxconn", "net.ipv4.ip_forward"],
        root=str(tmp_path))
    assert read_only == ["net.core.somaxconn"]
    assert refused == [("net.ipv4.ip_forward", "Invalid argument")]
