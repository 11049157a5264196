# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import copy
import json

import pytest

from ansible.module_utils.testing import patch_module_args
from ansible_collections.concert.mlops.plugins.modules import mlflow_users
from ansible_collections.concert.mlops.plugins.module_utils._mlflow import MlflowError

ADMIN_PASSWORD = "admin-password-1"
CI_PASSWORD = "ci-password-long"


class FakeServer(object):
    """The users MLflow's auth API would hold, answered the way the client reads them."""

    def __init__(self, admin_password=ADMIN_PASSWORD, users=None, fail_on=None):
        self.passwords = {"admin": admin_password}
        self.state = {"admin": {"is_admin": True, "grants": {}}}
        for name, (password, state) in (users or {}).items():
            self.passwords[name] = password
            self.state[name] = state
        self.calls = []
        self.fail_on = fail_on


@pytest.fixture
def server(monkeypatch):
    holder = {}

    class Client(object):
        @classmethod
        def from_params(cls, params, username, password):
            return cls(params["url"], username, password)

        def __init__(self, url, username, password, **options):
            self.username, self.password = username, password

        def login_works(self, username, password):
            return holder["server"].passwords.get(username) == password

        def users(self):
            if holder["server"].passwords.get(self.username) != self.password:
                raise MlflowError("GET /api/2.0/mlflow/users/list answered 401: unauthorized")
            return copy.deepcopy(holder["server"].state)

        def apply(self, name, password, action, details):
            fake = holder["server"]
            fake.calls.append((name, action))
            if fake.fail_on == action:
                raise MlflowError("POST /api/3.0/mlflow/users/permissions/grant answered 400: Invalid permission")
            if action == "create":
                fake.passwords[name] = password
                fake.state[name] = {"is_admin": False, "grants": {}}
            elif action == "set_password":
                fake.passwords[name] = password
            elif action == "set_admin":
                fake.state[name]["is_admin"] = details["is_admin"]
            elif action == "grant":
                fake.state[name]["grants"][(details["resource_type"], details["resource"])] = details["permission"]
            elif action == "revoke":
                del fake.state[name]["grants"][(details["resource_type"], details["resource"])]
            elif action == "delete":
                del fake.state[name]
                del fake.passwords[name]

    monkeypatch.setattr(mlflow_users, "MlflowClient", Client)

    def install(fake):
        holder["server"] = fake
        return fake
    return install


def run(capsys, check_mode=False, **args):
    args = dict(dict(url="https://127.0.0.1:5443", admin_username="admin", admin_password=ADMIN_PASSWORD), **args)
    if check_mode:
        args["_ansible_check_mode"] = True
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            mlflow_users.main()
    return exit_info.value.code, json.loads(capsys.readouterr().out)


CI = {"name": "ci", "password": CI_PASSWORD,
      "permissions": [{"resource_type": "registered_model", "resource": "*", "permission": "MANAGE"}]}


def test_creates_a_user_then_a_rerun_changes_nothing(capsys, server):
    fake = server(FakeServer())
    code, result = run(capsys, users=[CI])
    assert code == 0 and result["changed"] is True
    assert [a["action"] for a in result["actions"]] == ["create", "grant"]
    assert fake.state["ci"]["grants"] == {("registered_model", "*"): "MANAGE"}
    code, result = run(capsys, users=[CI])
    assert code == 0 and result["changed"] is False and result["actions"] == []


def test_check_mode_reports_and_changes_nothing(capsys, server):
    fake = server(FakeServer())
    code, result = run(capsys, check_mode=True, users=[CI])
    assert code == 0 and result["changed"] is True and fake.calls == [] and "ci" not in fake.state
    assert result["diff"]["after"]["ci"] == {"admin": False, "permissions": ["registered_model *: MANAGE"]}


def test_a_password_that_no_longer_logs_in_is_set_again_and_no_password_is_returned(capsys, server):
    fake = server(FakeServer(users={"ci": ("an-old-password", {"is_admin": False,
                                                               "grants": {("registered_model", "*"): "MANAGE"}})}))
    code, result = run(capsys, users=[CI])
    assert code == 0 and [a["action"] for a in result["actions"]] == ["set_password"]
    assert fake.passwords["ci"] == CI_PASSWORD
    assert CI_PASSWORD not in json.dumps(result) and ADMIN_PASSWORD not in json.dumps(result)


def test_the_admin_moves_from_an_old_password_to_the_new_one(capsys, server):
    fake = server(FakeServer(admin_password="the-old-admin-pw"))
    code, result = run(capsys, admin_old_passwords=["wrong-guess-123", "the-old-admin-pw"])
    assert code == 0 and result["actions"] == [{"user": "admin", "action": "set_password"}]
    assert fake.passwords["admin"] == ADMIN_PASSWORD


def test_an_admin_that_cannot_log_in_fails_with_its_name(capsys, server):
    server(FakeServer(admin_password="someone-elses-pw"))
    code, result = run(capsys, users=[CI])
    assert code == 1 and "the admin admin cannot log in" in result["msg"]


def test_absent_users_are_deleted_and_users_not_named_are_left_alone(capsys, server):
    fake = server(FakeServer(users={"ci": (CI_PASSWORD, {"is_admin": False, "grants": {}}),
                                    "other": ("other-password-1", {"is_admin": False, "grants": {}})}))
    code, result = run(capsys, users=[{"name": "ci", "state": "absent"}])
    assert code == 0 and result["actions"] == [{"user": "ci", "action": "delete"}]
    assert set(fake.state) == {"admin", "other"}


def test_mistakes_are_refused_before_the_server_is_asked(capsys, server):
    fake = server(FakeServer())
    code, result = run(capsys, users=[dict(CI, password="short")])
    assert code == 1 and "at least 12 characters" in result["msg"] and fake.calls == []


def test_a_refusal_of_the_server_fails_with_its_words_and_what_was_done(capsys, server):
    server(FakeServer(fail_on="grant"))
    code, result = run(capsys, users=[CI])
    assert code == 1 and "Invalid permission" in result["msg"]
    assert [a["action"] for a in result["actions"]] == ["create", "grant"]
