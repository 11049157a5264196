# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

from ansible_collections.concert.mlops.plugins.module_utils._mlflow import grants_after, not_found, plan_user, problems

CI = {"name": "ci", "password": "a-long-password", "admin": False,
      "permissions": [{"resource_type": "experiment", "resource": "1", "permission": "EDIT"},
                      {"resource_type": "registered_model", "resource": "*", "permission": "MANAGE"}]}


def test_a_new_user_is_created_then_granted_in_a_stable_order():
    assert plan_user(None, CI) == [
        ("create", {}),
        ("grant", {"resource_type": "experiment", "resource": "1", "permission": "EDIT"}),
        ("grant", {"resource_type": "registered_model", "resource": "*", "permission": "MANAGE"}),
    ]


def test_a_new_admin_is_made_admin_after_its_creation():
    assert plan_user(None, dict(CI, admin=True, permissions=[])) == [("create", {}), ("set_admin", {"is_admin": True})]


def test_a_user_as_wanted_needs_nothing():
    current = {"is_admin": False, "password_works": True,
               "grants": {("experiment", "1"): "EDIT", ("registered_model", "*"): "MANAGE"}}
    assert plan_user(current, CI) == []


def test_a_refused_password_a_changed_grant_and_a_grant_to_take_back():
    current = {"is_admin": True, "password_works": False,
               "grants": {("experiment", "1"): "READ", ("registered_model", "*"): "MANAGE", ("experiment", "7"): "EDIT"}}
    wanted = dict(CI, permissions=CI["permissions"] + [{"resource_type": "experiment", "resource": "7", "state": "absent"},
                                                       {"resource_type": "experiment", "resource": "8", "state": "absent"}])
    assert plan_user(current, wanted) == [
        ("set_password", {}),
        ("set_admin", {"is_admin": False}),
        ("grant", {"resource_type": "experiment", "resource": "1", "permission": "EDIT"}),
        ("revoke", {"resource_type": "experiment", "resource": "7"}),
    ]


def test_grants_the_list_does_not_name_are_left_alone():
    # MLflow gives the creator of an experiment MANAGE on it.
    current = {"is_admin": False, "password_works": True,
               "grants": {("experiment", "1"): "EDIT", ("registered_model", "*"): "MANAGE", ("experiment", "42"): "MANAGE"}}
    assert plan_user(current, CI) == []


def test_every_mistake_is_named_at_once():
    users = [
        dict(CI, password="short"),
        dict(CI, permissions=[{"resource_type": "experiment", "resource": "Default", "permission": "READ"}] * 2),
        {"name": "admin", "password": "a-long-password"},
        {"name": "", "password": "a-long-password"},
        {"name": "gone", "state": "absent"},
    ]
    found = problems(users, "admin")
    assert found == [
        "users[0] (ci): MLflow takes passwords of at least 12 characters",
        "users[1] (ci): the name is given twice",
        "users[1] (ci): an experiment is named by its id (digits) or *, not 'Default'",
        "users[1] (ci): experiment Default is listed twice",
        "users[1] (ci): an experiment is named by its id (digits) or *, not 'Default'",
        "users[2] (admin): the admin is kept by admin_username and admin_password, not in users",
        "users[3] (no name) needs a name",
    ]


def test_grants_after_adds_changes_and_takes_back():
    assert grants_after({("experiment", "1"): "READ", ("experiment", "7"): "EDIT", ("experiment", "9"): "MANAGE"},
                        [{"resource_type": "experiment", "resource": "1", "permission": "EDIT"},
                         {"resource_type": "experiment", "resource": "7", "state": "absent"}]) == {
        ("experiment", "1"): "EDIT", ("experiment", "9"): "MANAGE"}


def test_what_mlflow_says_of_a_thing_that_is_not_there():
    # Recorded from MLflow 3.18: a missing alias, a missing version.
    alias = '{"error_code": "INVALID_PARAMETER_VALUE", "message": "Registered model alias champion not found."}'
    version = '{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Model Version (name=m, version=9) not found"}'
    assert not_found(400, alias) and not_found(404, version)
    assert not not_found(400, '{"error_code": "INVALID_PARAMETER_VALUE", "message": "Missing value for name"}')
    assert not not_found(401, "Unauthorized") and not not_found(500, "not found in the logs")
