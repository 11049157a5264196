#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: mlflow_users
short_description: Keep an MLflow tracking server's users, their passwords, admin flags and permissions
version_added: 0.2.0
description:
  - Talks to the REST API of an MLflow server run with C(--app-name basic-auth) (MLflow 3), as its admin.
  - The admin's own password is made O(admin_password) when it is not; O(admin_old_passwords) are tried in turn
    when O(admin_password) does not log in.
  - Each user of O(users) exists with its password (a login with it is tried; a refused one is set anew), its
    admin flag and its listed permissions on experiments and registered models; a permission with
    O(users[].permissions[].state=absent) is taken back. Grants the list does not name are left alone, since MLflow
    itself gives whoever creates an experiment or a registered model MANAGE on it. A user with
    O(users[].state=absent) is deleted. Users the list does not name are left alone.
  - Every mistake in O(users) is reported at once before the server is asked.
author:
  - Concert developers (@concert-mlops)
extends_documentation_fragment:
  - concert.mlops.attributes
  - concert.mlops.mlflow
attributes:
  check_mode:
    support: full
    details: Reads the users and tries the logins; reports what would change without changing it.
  diff_mode:
    support: full
    details: The users' admin flags and permissions before and after; never a password.
  idempotent:
    support: full
options:
  admin_username:
    description: The admin user the module logs in as.
    type: str
    required: true
  admin_password:
    description: The admin's password, as it must be.
    type: str
    required: true
  admin_old_passwords:
    description: Passwords the admin may still have (for example the one before a rotation), tried in turn.
    type: list
    elements: str
    default: []
  users:
    description: The users to keep.
    type: list
    elements: dict
    default: []
    suboptions:
      name:
        description: The user name.
        type: str
        required: true
      password:
        description: The password (at least 12 characters, MLflow's rule). Not needed with O(users[].state=absent).
        type: str
      admin:
        description: Whether the user is an admin of the whole server.
        type: bool
        default: false
      permissions:
        description: The user's grants, beyond the server's default permission.
        type: list
        elements: dict
        default: []
        suboptions:
          resource_type:
            description: What the grant is on.
            type: str
            choices: [experiment, registered_model]
            required: true
          resource:
            description: The experiment's id or the registered model's name; V(*) for all of that type.
            type: str
            required: true
          permission:
            description: What the user may do there; needed unless O(users[].permissions[].state=absent).
            type: str
            choices: [READ, USE, EDIT, MANAGE]
          state:
            description: Whether the user holds this grant.
            type: str
            choices: [present, absent]
            default: present
      state:
        description: Whether the user exists.
        type: str
        choices: [present, absent]
        default: present
seealso:
  - name: MLflow authentication
    description: MLflow's basic-auth app, its users and permissions.
    link: https://mlflow.org/docs/latest/self-hosting/security/basic-http-auth/
"""

EXAMPLES = r"""
- name: A CI user that trains into experiment 1 and registers models, and a reader
  concert.mlops.mlflow_users:
    url: https://127.0.0.1:5443
    ca_path: /etc/mlflow/tls/server.crt
    admin_username: admin
    admin_password: "{{ vault_mlflow_admin_password }}"
    users:
      - name: ci
        password: "{{ vault_mlflow_ci_password }}"
        permissions:
          - {resource_type: experiment, resource: "1", permission: EDIT}
          - {resource_type: registered_model, resource: "*", permission: MANAGE}
      - name: viewer
        password: "{{ vault_mlflow_viewer_password }}"
"""

RETURN = r"""
actions:
  description: What was done (or would be done in check mode), per user, in order; no password ever.
  returned: always
  type: list
  elements: dict
  sample:
    - {user: ci, action: create}
    - {user: ci, action: grant, resource_type: experiment, resource: "1", permission: EDIT}
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.concert.mlops.plugins.module_utils._mlflow import (
    CONNECTION_OPTIONS, MlflowClient, MlflowError, grants_after, plan_user, problems)


def admin_steps(client, params):
    """Log in as the admin with the wanted password, or an old one that then gets replaced."""
    if client.login_works(params["admin_username"], params["admin_password"]):
        return []
    for old in params["admin_old_passwords"]:
        if client.login_works(params["admin_username"], old):
            client.password = old
            return [("set_password", {})]
    raise MlflowError("the admin %s cannot log in with admin_password or any of admin_old_passwords"
                      % params["admin_username"])


def summary(state):
    if state is None:
        return {}
    return {"admin": state["is_admin"],
            "permissions": sorted("%s %s: %s" % (key + (value,)) for key, value in state["grants"].items())}


def main():
    module = AnsibleModule(
        argument_spec=dict(
            admin_username=dict(type="str", required=True),
            admin_password=dict(type="str", required=True, no_log=True),
            admin_old_passwords=dict(type="list", elements="str", default=[], no_log=True),
            users=dict(type="list", elements="dict", default=[], options=dict(
                name=dict(type="str", required=True),
                password=dict(type="str", no_log=True),
                admin=dict(type="bool", default=False),
                permissions=dict(type="list", elements="dict", default=[], options=dict(
                    resource_type=dict(type="str", choices=["experiment", "registered_model"], required=True),
                    resource=dict(type="str", required=True),
                    permission=dict(type="str", choices=["READ", "USE", "EDIT", "MANAGE"]),
                    state=dict(type="str", choices=["present", "absent"], default="present"),
                )),
                state=dict(type="str", choices=["present", "absent"], default="present"),
            )),
            **CONNECTION_OPTIONS
        ),
        supports_check_mode=True,
    )
    params = module.params
    found = problems(params["users"], params["admin_username"])
    if found:
        module.fail_json(msg="; ".join(found))
    client = MlflowClient.from_params(params, params["admin_username"], params["admin_password"])
    actions, before, after = [], {}, {}
    try:
        for action, details in admin_steps(client, params):
            actions.append(dict(details, user=params["admin_username"], action=action))
            if not module.check_mode:
                client.apply(params["admin_username"], params["admin_password"], action, details)
                client.password = params["admin_password"]
        existing = client.users()
        for user in params["users"]:
            name = user["name"]
            current = existing.get(name)
            if user["state"] == "absent":
                steps = [("delete", {})] if current else []
            else:
                if current is not None:
                    current = dict(current, password_works=client.login_works(name, user["password"]))
                steps = plan_user(current, user)
            if not steps:
                continue
            before[name] = summary(current)
            after[name] = {} if user["state"] == "absent" else summary(
                {"is_admin": user["admin"], "grants": grants_after((current or {}).get("grants", {}), user["permissions"])})
            for action, details in steps:
                actions.append(dict(details, user=name, action=action))
                if not module.check_mode:
                    client.apply(name, user["password"], action, details)
    except MlflowError as exc:
        module.fail_json(msg=str(exc), actions=actions)
    module.exit_json(changed=bool(actions), actions=actions, diff=dict(before=before, after=after))


if __name__ == "__main__":
    main()
