# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest

from ansible_collections.concert.mlops.plugins.callback import programme as programme_plugin
from ansible_collections.concert.mlops.plugins.callback.programme import Programme, stage_of, table


@pytest.fixture(scope="module")
def load_callback():
    """The callback with its documented options known to Ansible's configuration, as its plugin loader does."""
    import yaml
    from ansible import constants as C
    name = "concert.mlops.programme"
    C.config.initialize_plugin_configuration_definitions(
        "callback", name, yaml.safe_load(programme_plugin.DOCUMENTATION)["options"])

    def load(**options):
        callback = programme_plugin.CallbackModule()
        callback._load_name = name
        callback.set_options(direct=options)
        return callback
    return load


class Clock(object):
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class Named(object):
    def __init__(self, name):
        self.name = name

    def get_name(self):
        return self.name


class Playbook(object):
    def __init__(self, path):
        self._file_name = path


class Result(object):
    def __init__(self, host, **result):
        self._host = Named(host)
        self._result = result


def test_a_stage_is_the_play_name_up_to_the_dash():
    assert stage_of("Stage 6, rehearsal - the Buildbot master") == "Stage 6, rehearsal"
    assert stage_of("Guard") == "Guard"
    assert stage_of(None) == "unnamed play"


def test_plays_of_one_stage_are_one_stage_and_time_is_counted():
    clock = Clock()
    programme = Programme(clock)
    assert programme.start_play("Stage 1, laying the foundation - base") == (None, programme.current)
    programme.start_task()
    clock.now += 2
    programme.count("web1", "ok", changed=True)
    programme.count("web2", "failed")
    assert programme.start_play("Stage 1, laying the foundation - more") is None
    clock.now += 3
    ended, started = programme.start_play("Stage 2, orchestration - docker")
    assert ended["name"] == "Stage 1, laying the foundation" and ended["seconds"] == 5.0
    assert started["name"] == "Stage 2, orchestration"
    programme.start_task()
    programme.count("web1", "skipped")
    programme.end_stage()
    rows = programme.rows()
    assert [(row["stage"], row["host"]) for row in rows] == [
        ("Stage 1, laying the foundation", "web1"), ("Stage 1, laying the foundation", "web2"),
        ("Stage 2, orchestration", "web1")]
    assert rows[0]["ok"] == 1 and rows[0]["changed"] == 1 and rows[0]["seconds"] == 2.0
    assert rows[1]["failed"] == 1 and rows[2]["skipped"] == 1


def test_the_table_lines_up():
    text = table([dict(stage="Stage 9, security", host="web1", ok=10, changed=2, failed=0, skipped=3, unreachable=0,
                       seconds=4.5)])
    header, row = text.splitlines()
    assert header.split() == ["stage", "host", "ok", "changed", "failed", "skipped", "unreachable", "seconds"]
    assert row.startswith("Stage 9, security  web1") and header.index("host") == row.index("web1")


def test_the_callback_prints_stages_and_writes_json_markdown_and_junit(tmp_path, capsys, load_callback):
    callback = load_callback(output_dir=str(tmp_path / "out"))
    callback.v2_playbook_on_start(Playbook("/somewhere/playbooks/site.yml"))
    callback.v2_playbook_on_play_start(Named("Stage 5, crafting the tunes - the registry"))
    callback.v2_playbook_on_task_start(Named("a task"), False)
    callback.v2_runner_on_ok(Result("reg1", changed=True))
    callback.v2_runner_on_failed(Result("reg2"), ignore_errors=True)
    callback.v2_playbook_on_play_start(Named("Stage 9, security - hardening"))
    callback.v2_playbook_on_task_start(Named("another"), False)
    callback.v2_runner_on_unreachable(Result("reg2"))
    callback.v2_runner_on_skipped(Result("reg1"))
    callback.v2_playbook_on_stats(None)
    out = capsys.readouterr().out
    assert "[programme] Stage 5, crafting the tunes: begins" in out
    assert "[programme] Stage 5, crafting the tunes: ended after" in out
    assert "[programme] Stage 9, security: ended after" in out
    assert "PROGRAMME" in out

    document = json.loads((tmp_path / "out" / "programme-site.json").read_text())
    assert [stage["name"] for stage in document["stages"]] == ["Stage 5, crafting the tunes", "Stage 9, security"]
    assert document["stages"][0]["hosts"]["reg1"]["changed"] == 1
    assert document["stages"][0]["hosts"]["reg2"]["ok"] == 1  # an ignored failure counts as ok

    assert "| Stage 9, security | reg2 | 0 | 0 | 0 | 0 | 1 |" in (tmp_path / "out" / "programme-site.md").read_text()

    suites = ElementTree.fromstring((tmp_path / "out" / "programme-site.xml").read_text())
    first, second = suites.findall("testsuite")
    assert first.get("failures") == "0" and second.get("failures") == "1"
    failed = [case.get("name") for case in second.findall("testcase") if case.find("failure") is not None]
    assert failed == ["reg2"]


def test_an_empty_output_dir_writes_no_file(tmp_path, monkeypatch, load_callback):
    monkeypatch.chdir(tmp_path)
    callback = load_callback(output_dir="")
    callback.v2_playbook_on_start(Playbook("/somewhere/playbooks/site.yml"))
    callback.v2_playbook_on_play_start(Named("Stage 1, laying the foundation - base"))
    callback.v2_playbook_on_stats(None)
    assert list(tmp_path.iterdir()) == []


def test_a_directory_that_cannot_be_written_is_a_warning_not_a_crash(tmp_path, capsys, load_callback):
    blocker = tmp_path / "file"
    blocker.write_text("")
    callback = load_callback(output_dir=str(blocker / "out"))
    callback.v2_playbook_on_play_start(Named("Stage 1, laying the foundation - base"))
    callback.v2_playbook_on_stats(None)
    captured = capsys.readouterr()
    assert "could not be written" in captured.out + captured.err
