# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""concert.mlops.config_files run by ansible-playbook against this machine, in a temporary directory."""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
import subprocess
import sys

import pytest

SECRET = "not-a-real-key-4c1f"


def play(tmp_path, files, *options, validate_all=None):
    """Runs one config_files task over `files` and returns (exit code, the task's result, all output)."""
    (tmp_path / "templates").mkdir(exist_ok=True)
    (tmp_path / "templates" / "app.conf.j2").write_text("port = {{ app_port }}\n")
    (tmp_path / "templates" / "worker.j2").write_text("name = {{ item.name }}, port = {{ app_port }}\n")
    playbook = tmp_path / "play.yml"
    playbook.write_text(json.dumps([{
        "hosts": "localhost", "gather_facts": False, "vars": {"app_port": 8080},
        "tasks": [
            {"name": "Files", "concert.mlops.config_files": dict({"files": files}, **(
                {"validate_all": validate_all} if validate_all else {})), "register": "written"},
            {"name": "Result",
             "ansible.builtin.copy": {"content": "{{ written | to_json }}", "dest": str(tmp_path / "result.json")},
             "check_mode": False, "diff": False},
        ],
    }]))
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_STDOUT_CALLBACK="default")
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", "-c", "local",
               "-e", "ansible_python_interpreter=" + sys.executable, str(playbook), *options]
    run = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)
    result = json.loads((tmp_path / "result.json").read_text()) if (tmp_path / "result.json").exists() else None
    (tmp_path / "result.json").unlink(missing_ok=True)
    return run.returncode, result, run.stdout + run.stderr


pytestmark = pytest.mark.skipif(shutil.which("ansible-playbook") is None and not os.path.exists(
    os.path.join(os.path.dirname(sys.executable), "ansible-playbook")), reason="ansible-playbook is not installed")


def me():
    return pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name


def wanted(tmp_path):
    owner, group = me()
    return [
        {"dest": str(tmp_path / "etc"), "state": "directory", "owner": owner, "group": group, "mode": "0750"},
        {"dest": str(tmp_path / "etc/app.conf"), "template": "app.conf.j2", "owner": owner, "group": group},
        {"dest": str(tmp_path / "etc/tls.key"), "content": SECRET + "\n", "owner": owner, "group": group,
         "mode": "0600", "secret": True},
        {"dest": str(tmp_path / "etc/htpasswd"), "owner": owner, "group": group, "mode": "0640"},
        {"dest": str(tmp_path / "etc/old.timer"), "state": "absent"},
    ]


def test_check_mode_writes_nothing_then_a_run_writes_and_a_rerun_changes_nothing(tmp_path):
    code, result, output = play(tmp_path, wanted(tmp_path), "--check", "--diff")
    assert code == 0, output
    assert result["changed"] and not (tmp_path / "etc").exists()
    assert "+port = 8080" in output
    assert SECRET not in output

    (tmp_path / "etc").mkdir()
    (tmp_path / "etc/old.timer").write_text("[Timer]\n")
    code, result, output = play(tmp_path, wanted(tmp_path))
    assert code == 0, output
    assert result["changed_paths"] == [str(tmp_path / p) for p in ("etc", "etc/app.conf", "etc/tls.key",
                                                                   "etc/htpasswd", "etc/old.timer")]
    assert (tmp_path / "etc/app.conf").read_text() == "port = 8080\n"
    assert oct((tmp_path / "etc/tls.key").stat().st_mode & 0o777) == "0o600"
    assert (tmp_path / "etc/htpasswd").read_text() == ""
    assert not (tmp_path / "etc/old.timer").exists()
    assert SECRET not in output and SECRET not in json.dumps(result)
    assert result["files"] == [{"dest": str(tmp_path / "etc/app.conf")}, {"dest": str(tmp_path / "etc/tls.key")}]

    (tmp_path / "etc/htpasswd").write_text("user:hash\n")
    code, result, output = play(tmp_path, wanted(tmp_path))
    assert code == 0, output
    assert result["changed"] is False and result["results"] == []
    assert (tmp_path / "etc/htpasswd").read_text() == "user:hash\n"


def test_a_changed_file_is_backed_up_for_service_apply(tmp_path):
    files = wanted(tmp_path)[:2]
    assert play(tmp_path, files)[0] == 0
    (tmp_path / "etc/app.conf").write_text("port = 1\n")
    code, result, output = play(tmp_path, files, "--diff")
    assert code == 0, output
    assert "-port = 1" in output and "+port = 8080" in output
    (written,) = result["files"]
    assert written["dest"] == str(tmp_path / "etc/app.conf")
    with open(written["backup_file"]) as backup:
        assert backup.read() == "port = 1\n"


def test_a_template_reads_its_own_vars_beside_the_play_vars(tmp_path):
    files = [{"dest": str(tmp_path / name), "template": "worker.j2", "vars": {"item": {"name": name}}}
             for name in ("one", "two")]
    code, result, output = play(tmp_path, files)
    assert code == 0, output
    assert (tmp_path / "one").read_text() == "name = one, port = 8080\n"
    assert (tmp_path / "two").read_text() == "name = two, port = 8080\n"


def test_a_file_that_fails_validation_never_takes_its_place(tmp_path):
    files = wanted(tmp_path)[:2]
    assert play(tmp_path, files)[0] == 0
    files[1]["validate"] = "grep -q 'port = 1$' %s"
    code, result, output = play(tmp_path, files, "-e", "app_port=9")
    assert code != 0
    assert "config_files: %s" % (tmp_path / "etc/app.conf") in output and "failed to validate" in output
    assert (tmp_path / "etc/app.conf").read_text() == "port = 8080\n"


def test_mistakes_are_refused_before_the_host_is_asked(tmp_path):
    files = [{"dest": "relative/path", "content": "a"}, {"dest": str(tmp_path / "d"), "state": "directory",
                                                         "content": "a"}]
    code, result, output = play(tmp_path, files)
    assert code != 0
    assert "dest must be an absolute path" in output and "a directory has no content" in output
    assert not (tmp_path / "d").exists()


def together(tmp_path):
    """A main file that names a second one, checked only as a pair: the include must say what main says."""
    return [
        {"dest": str(tmp_path / "etc"), "state": "directory"},
        {"dest": str(tmp_path / "etc/main.conf"), "content": "include = parts/part.conf\nport = {{ app_port }}\n"},
        {"dest": str(tmp_path / "etc/parts"), "state": "directory"},
        {"dest": str(tmp_path / "etc/parts/part.conf"), "content": "port = {{ part_port | default(app_port) }}\n"},
    ]


CHECK = {"command": "sh -c 'cmp -s %s/parts/part.conf <(tail -n1 %s/main.conf) || { echo ports differ >&2; exit 1; }'"}


def test_files_checked_together_take_their_place_only_when_the_check_passes(tmp_path):
    check = dict(CHECK, command=CHECK["command"].replace("sh -c", "bash -c"), root=str(tmp_path / "etc"))
    code, result, output = play(tmp_path, together(tmp_path), validate_all=check)
    assert code == 0, output
    assert (tmp_path / "etc/parts/part.conf").read_text() == "port = 8080\n"

    code, result, output = play(tmp_path, together(tmp_path), "-e", "part_port=9", validate_all=check)
    assert code != 0
    assert "refused the new files, nothing was changed: ports differ" in output
    assert (tmp_path / "etc/parts/part.conf").read_text() == "port = 8080\n"

    code, result, output = play(tmp_path, together(tmp_path), "-e", "part_port=9", "--check", validate_all=check)
    assert code != 0 and "ports differ" in output

    code, result, output = play(tmp_path, together(tmp_path), "-e", "app_port=9", validate_all=check)
    assert code == 0, output
    assert (tmp_path / "etc/main.conf").read_text().endswith("port = 9\n")
    assert not list(tmp_path.glob("**/concert-config.*")) and "concert-config" not in output


def test_a_check_whose_program_is_missing_warns_in_check_mode_and_fails_otherwise(tmp_path):
    check = {"command": "no-such-checker %s", "root": str(tmp_path / "etc")}
    code, result, output = play(tmp_path, together(tmp_path), "--check", validate_all=check)
    assert code == 0, output
    assert "no-such-checker is not installed yet, so the files were not checked together" in output
    code, result, output = play(tmp_path, together(tmp_path), validate_all=check)
    assert code != 0 and "nothing was changed: no-such-checker is not installed" in output
    assert not (tmp_path / "etc").exists()


def test_files_outside_the_root_are_refused(tmp_path):
    check = {"command": "true %s", "root": str(tmp_path / "etc/parts")}
    code, result, output = play(tmp_path, together(tmp_path), validate_all=check)
    assert code != 0 and "is not below validate_all.root" in output
    assert not (tmp_path / "etc").exists()
