# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json
import os
import stat

import pytest
import yaml

from ansible.module_utils.testing import patch_module_args
from ansible_collections.concert.mlops.plugins.modules import kubeconfig_merge

# The layout of /etc/rancher/k3s/k3s.yaml: one cluster, user and context, all
# called "default", the server at the loopback address (data shortened).
K3S_YAML = """\
apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0Jn
    server: https://127.0.0.1:6443
  name: default
contexts:
- context:
    cluster: default
    user: default
  name: default
current-context: default
kind: Config
preferences: {}
users:
- name: default
  user:
    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJrVENDQVRlZ0F3SUJBZ0lJYzFq
    client-key-data: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSUNsZWNyZXRrZXlkYXRh
"""
CLIENT_KEY = "LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSUNsZWNyZXRrZXlkYXRh"

# A user's own kubeconfig with another cluster in it, which must survive.
OWN = {
    "apiVersion": "v1", "kind": "Config", "preferences": {},
    "clusters": [{"name": "work", "cluster": {"server": "https://work.example:6443"}}],
    "users": [{"name": "me", "user": {"token": "work-token"}}],
    "contexts": [{"name": "work", "context": {"cluster": "work", "user": "me", "namespace": "ml"}}],
    "current-context": "work",
}


def run_module(capsys, args, check=False, diff=False):
    args = dict(args, _ansible_check_mode=check, _ansible_diff=diff)
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            kubeconfig_merge.main()
    return exit_info.value.code, json.loads(capsys.readouterr().out)


def present(path, **extra):
    return dict(path=str(path), name="concert", source=K3S_YAML, server="https://10.0.0.5:6443", **extra)


def read(path):
    with open(str(path)) as handle:
        return yaml.safe_load(handle)


def test_a_new_file_gets_the_cluster_mode_0600_and_the_context(tmp_path, capsys):
    path = tmp_path / "kube" / "config"
    code, result = run_module(capsys, present(path))
    assert code == 0 and result["changed"] is True
    config = read(path)
    assert config["clusters"][0] == {"name": "concert", "cluster": {
        "certificate-authority-data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0Jn",
        "server": "https://10.0.0.5:6443"}}
    assert config["contexts"] == [{"name": "concert", "context": {"cluster": "concert", "user": "concert"}}]
    assert config["users"][0]["user"]["client-key-data"] == CLIENT_KEY
    assert config["current-context"] == "concert"
    assert stat.S_IMODE(os.stat(str(path)).st_mode) == 0o600


def test_other_entries_and_the_current_context_are_kept_and_a_rerun_changes_nothing(tmp_path, capsys):
    path = tmp_path / "config"
    path.write_text(yaml.safe_dump(OWN))
    os.chmod(str(path), 0o600)
    code, result = run_module(capsys, present(path))
    assert code == 0 and result["changed"] is True
    config = read(path)
    assert [entry["name"] for entry in config["clusters"]] == ["work", "concert"]
    assert config["users"][0] == OWN["users"][0]
    assert config["contexts"][0] == OWN["contexts"][0]
    assert config["current-context"] == "work"
    code, result = run_module(capsys, present(path))
    assert code == 0 and result["changed"] is False


def test_set_current_switches_the_context(tmp_path, capsys):
    path = tmp_path / "config"
    path.write_text(yaml.safe_dump(OWN))
    run_module(capsys, present(path, set_current=True))
    assert read(path)["current-context"] == "concert"


def test_a_changed_server_replaces_only_its_own_entry(tmp_path, capsys):
    path = tmp_path / "config"
    run_module(capsys, present(path))
    code, result = run_module(capsys, dict(present(path), server="https://10.0.0.6:6443"))
    assert result["changed"] is True
    config = read(path)
    assert len(config["clusters"]) == 1 and config["clusters"][0]["cluster"]["server"] == "https://10.0.0.6:6443"


def test_check_mode_writes_nothing_and_the_diff_hides_credentials(tmp_path, capsys):
    path = tmp_path / "config"
    path.write_text(yaml.safe_dump(OWN))
    code, result = run_module(capsys, present(path), check=True, diff=True)
    assert code == 0 and result["changed"] is True
    assert read(path) == OWN
    shown = result["diff"]["before"] + result["diff"]["after"]
    assert "https://10.0.0.5:6443" in result["diff"]["after"]
    assert CLIENT_KEY not in shown and "work-token" not in shown
    assert CLIENT_KEY not in json.dumps(result)


def test_a_loose_mode_is_tightened(tmp_path, capsys):
    path = tmp_path / "config"
    run_module(capsys, present(path))
    os.chmod(str(path), 0o644)
    code, result = run_module(capsys, present(path))
    assert result["changed"] is True
    assert stat.S_IMODE(os.stat(str(path)).st_mode) == 0o600


def test_absent_removes_only_its_entries(tmp_path, capsys):
    path = tmp_path / "config"
    path.write_text(yaml.safe_dump(OWN))
    run_module(capsys, present(path, set_current=True))
    code, result = run_module(capsys, dict(path=str(path), name="concert", state="absent"))
    assert result["changed"] is True
    config = read(path)
    assert config["clusters"] == OWN["clusters"] and config["users"] == OWN["users"]
    assert config["current-context"] == ""
    code, result = run_module(capsys, dict(path=str(path), name="concert", state="absent"))
    assert result["changed"] is False


def test_absent_without_a_file_is_no_change(tmp_path, capsys):
    code, result = run_module(capsys, dict(path=str(tmp_path / "config"), name="concert", state="absent"))
    assert code == 0 and result["changed"] is False
    assert not (tmp_path / "config").exists()


def test_an_existing_file_that_is_not_a_kubeconfig_is_left_alone(tmp_path, capsys):
    path = tmp_path / "config"
    path.write_text("clusters: [unclosed\n")
    code, result = run_module(capsys, present(path))
    assert code == 1 and "left as it is" in result["msg"]
    assert path.read_text() == "clusters: [unclosed\n"


@pytest.mark.parametrize("source, says", [
    ("just text", "not a kubeconfig"),
    ("apiVersion: v1\nclusters: []\n", "has no clusters"),
    (K3S_YAML.replace("    user: default\n", "    user: nobody\n"), "user 'nobody'"),
    (K3S_YAML.replace("    server: https://127.0.0.1:6443\n", ""), "no server address"),
    (K3S_YAML.replace("current-context: default", "current-context: other"), "current context 'other'"),
])
def test_a_source_that_is_not_a_whole_kubeconfig_is_refused(tmp_path, capsys, source, says):
    code, result = run_module(capsys, dict(present(tmp_path / "config"), source=source))
    assert code == 1 and says in result["msg"]
    assert not (tmp_path / "config").exists()
    assert CLIENT_KEY not in json.dumps(result)


def test_present_needs_a_source(tmp_path, capsys):
    code, result = run_module(capsys, dict(path=str(tmp_path / "config"), name="concert"))
    assert code == 1 and "source" in result["msg"]


def test_a_path_that_cannot_be_made_fails_clearly(tmp_path, capsys):
    (tmp_path / "kube").write_text("a file, not a directory\n")
    code, result = run_module(capsys, present(tmp_path / "kube" / "config"))
    assert code == 1 and "could not make the directory" in result["msg"]


def test_a_failed_write_leaves_no_staged_file(tmp_path, capsys, monkeypatch):
    def refuse(source, dest):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(kubeconfig_merge.os, "replace", refuse)
    code, result = run_module(capsys, present(tmp_path / "config"))
    assert code == 1 and "No space left on device" in result["msg"]
    assert list(tmp_path.iterdir()) == []
