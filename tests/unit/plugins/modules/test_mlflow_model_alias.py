# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json

import pytest

from ansible.module_utils.testing import patch_module_args
from ansible_collections.concert.mlops.plugins.modules import mlflow_model_alias
from ansible_collections.concert.mlops.plugins.module_utils._mlflow import MlflowError

PASSWORD = "release-password-1"


class FakeRegistry(object):
    """One registered model's versions and aliases, as the client reads and moves them."""

    def __init__(self, versions=("1", "2", "3"), aliases=None, refuse=False):
        self.versions = set(versions)
        self.aliases = dict(aliases or {})
        self.writes = []
        self.refuse = refuse


@pytest.fixture
def registry(monkeypatch):
    holder = {}

    class Client(object):
        @classmethod
        def from_params(cls, params, username, password):
            return cls(params["url"], username, password)

        def __init__(self, url, username, password, **options):
            self.password = password

        def alias_version(self, name, alias):
            if holder["fake"].refuse:
                raise MlflowError("GET /api/2.0/mlflow/registered-models/alias answered 401: unauthorized")
            return holder["fake"].aliases.get(alias)

        def version_exists(self, name, version):
            return version in holder["fake"].versions

        def set_alias(self, name, alias, version):
            holder["fake"].writes.append(("set", alias, version))
            holder["fake"].aliases[alias] = version

        def delete_alias(self, name, alias):
            holder["fake"].writes.append(("delete", alias))
            del holder["fake"].aliases[alias]

    monkeypatch.setattr(mlflow_model_alias, "MlflowClient", Client)

    def install(fake):
        holder["fake"] = fake
        return fake
    return install


def run(capsys, check_mode=False, **args):
    args = dict(dict(url="https://127.0.0.1:5443", username="release", password=PASSWORD,
                     name="concert-classifier", alias="champion"), **args)
    if check_mode:
        args["_ansible_check_mode"] = True
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            mlflow_model_alias.main()
    return exit_info.value.code, json.loads(capsys.readouterr().out)


def test_reads_the_version_an_alias_names(capsys, registry):
    registry(FakeRegistry(aliases={"champion": "2"}))
    code, result = run(capsys)
    assert code == 0 and result["changed"] is False and result["version"] == "2" and result["previous_version"] == "2"


def test_an_alias_not_there_reads_as_empty(capsys, registry):
    registry(FakeRegistry())
    code, result = run(capsys)
    assert code == 0 and result["version"] == "" and result["changed"] is False


def test_moves_an_alias_once(capsys, registry):
    fake = registry(FakeRegistry(aliases={"champion": "2"}))
    code, result = run(capsys, version="3")
    assert code == 0 and result["changed"] is True and result["previous_version"] == "2" and result["version"] == "3"
    code, result = run(capsys, version="3")
    assert code == 0 and result["changed"] is False and fake.writes == [("set", "champion", "3")]


def test_check_mode_tells_and_moves_nothing(capsys, registry):
    fake = registry(FakeRegistry(aliases={"champion": "2"}))
    code, result = run(capsys, check_mode=True, version="1")
    assert code == 0 and result["changed"] is True and result["version"] == "1" and fake.writes == []
    assert result["diff"] == {"before": "@champion: 2\n", "after": "@champion: 1\n"}


def test_removes_an_alias(capsys, registry):
    fake = registry(FakeRegistry(aliases={"challenger": "3"}))
    code, result = run(capsys, alias="challenger", state="absent")
    assert code == 0 and result["changed"] is True and fake.aliases == {}
    code, result = run(capsys, alias="challenger", state="absent")
    assert code == 0 and result["changed"] is False


def test_a_version_that_does_not_exist_is_refused_before_anything_moves(capsys, registry):
    fake = registry(FakeRegistry(aliases={"champion": "2"}))
    code, result = run(capsys, version="9")
    assert code == 1 and result["msg"] == "concert-classifier has no version 9 for @champion to name" and fake.writes == []


@pytest.mark.parametrize("args, words", [
    ({"version": "2", "state": "absent"}, "cannot go with state=absent"),
    ({"alias": "@champion"}, "without @"),
])
def test_contradictions_are_refused(capsys, registry, args, words):
    registry(FakeRegistry())
    code, result = run(capsys, **args)
    assert code == 1 and words in result["msg"]


def test_a_refusal_of_the_server_fails_with_its_words_and_no_password(capsys, registry):
    registry(FakeRegistry(refuse=True))
    code, result = run(capsys)
    assert code == 1 and "answered 401" in result["msg"] and PASSWORD not in json.dumps(result)
