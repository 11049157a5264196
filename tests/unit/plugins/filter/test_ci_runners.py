# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.filter.ci_runners import buildbot_builders, buildbot_workers, ci_runners

RUNNERS = [
    {"kind": "buildbot", "name": "d12-shell", "password": "s3cret"},
    {"kind": "buildbot", "name": "d12-docker", "password": "other", "executor": "docker", "concurrency": 2},
    {"kind": "github", "name": "gh-1", "labels": ["gpu"], "token": "ghp_x", "state": "absent"},
]


def test_runners_get_their_defaults_and_lose_their_secrets():
    specs = ci_runners(RUNNERS, "web1")
    assert specs[0] == {"kind": "buildbot", "name": "d12-shell", "labels": [], "executor": "shell",
                        "concurrency": 1, "ephemeral": False, "state": "present"}
    assert all("password" not in spec and "token" not in spec for spec in specs)


def test_secrets_are_given_apart_by_name():
    assert ci_runners(RUNNERS, "web1", secrets=True) == {
        "d12-shell": {"password": "s3cret"}, "d12-docker": {"password": "other"}, "gh-1": {"token": "ghp_x"}}


def test_every_mistake_is_named_at_once():
    bad = [
        {"kind": "jenkins", "name": "Bad_Name"},
        {"kind": "buildbot", "name": "dup", "password": "x", "executor": "vm", "concurrency": 0},
        {"kind": "buildbot", "name": "dup"},
        "not a runner",
    ]
    with pytest.raises(AnsibleFilterError) as error:
        ci_runners(bad, "web1")
    message = str(error.value)
    for expected in ("ci_runners of web1", "kind must be one of buildbot, github, gitlab", "name must be lower-case",
                     "executor must be shell or docker", "concurrency must be a whole number",
                     "the name is used twice", "needs a password", "runner 4 is not a mapping"):
        assert expected in message


def test_a_forge_runner_belongs_to_one_scope_of_its_own_forge():
    with pytest.raises(AnsibleFilterError) as caught:
        ci_runners([
            {"kind": "github", "name": "gh", "repository": "o/r", "organization": "o"},
            {"kind": "gitlab", "name": "gl", "repository": "o/r"},
            {"kind": "gitlab", "name": "gl2", "project": "g/p", "group": "g"},
        ])
    message = str(caught.value)
    assert "runner gh: a github runner belongs to repository or organization, not both" in message
    assert "runner gl: repository belongs to github runners only" in message
    assert "runner gl2: a gitlab runner belongs to project or group, not both" in message


def test_a_forge_runner_keeps_its_scope():
    runners = ci_runners([{"kind": "github", "name": "gh", "organization": "o", "token": "secret"},
                          {"kind": "gitlab", "name": "gl", "project": "g/p"}])
    assert (runners[0]["repository"], runners[0]["organization"]) == ("", "o")
    assert (runners[1]["project"], runners[1]["group"]) == ("g/p", "")
    assert "token" not in runners[0]


def test_an_absent_buildbot_worker_needs_no_password():
    assert ci_runners([{"kind": "buildbot", "name": "old", "state": "absent"}])[0]["state"] == "absent"


def test_the_master_knows_the_present_buildbot_runners_of_the_group():
    hostvars = {"web1": {"ci_runners": RUNNERS}, "web2": {"ci_runners": [{"kind": "buildbot", "name": "w2", "password": "p"}]},
                "db": {"ci_runners": [{"kind": "buildbot", "name": "outside", "password": "p"}]}}
    groups = {"ci_runners": ["web1", "web2"]}
    assert buildbot_workers(hostvars, groups, "ci_runners") == [
        {"name": "d12-shell", "max_builds": 1, "host": "web1"},
        {"name": "d12-docker", "max_builds": 2, "host": "web1"},
        {"name": "w2", "max_builds": 1, "host": "web2"}]
    assert buildbot_workers(hostvars, groups, "ci_runners", passwords=True) == {"d12-shell": "s3cret", "d12-docker": "other", "w2": "p"}


def test_a_worker_name_on_two_hosts_is_refused():
    hostvars = {"a": {"ci_runners": [{"kind": "buildbot", "name": "w", "password": "p"}]},
                "b": {"ci_runners": [{"kind": "buildbot", "name": "w", "password": "q"}]}}
    with pytest.raises(AnsibleFilterError, match="worker w is on both a and b"):
        buildbot_workers(hostvars, {"ci_runners": ["a", "b"]}, "ci_runners")


def test_builders_get_their_defaults():
    (builder,) = buildbot_builders([{"name": "tests", "repository": "git://ci/model.git", "steps": ["make test", ["pytest", "-q"]]}],
                                   ["w1", "w2"])
    assert builder == {"name": "tests", "repository": "git://ci/model.git", "branch": "main", "workers": ["w1", "w2"],
                       "steps": [{"command": "make test"}, {"command": ["pytest", "-q"]}], "schedule": {}, "tags": []}


def test_bad_builders_are_refused_with_every_reason():
    bad = [
        {"name": "a", "steps": [], "workers": ["ghost"], "schedule": {"cron": "every day", "weekly": True}},
        {"name": "a", "repository": "git://x", "steps": ["ok"], "schedule": {"poll": 1}},
    ]
    with pytest.raises(AnsibleFilterError) as error:
        buildbot_builders(bad, ["w1"])
    message = str(error.value)
    for expected in ("needs the git repository", "no buildbot runner is named ghost", "needs at least one step",
                     "a schedule has cron and/or poll", "cron must be five fields", "builder a: needs a name of its own",
                     "poll is seconds"):
        assert expected in message
