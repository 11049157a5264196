#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: mlflow_model_alias
short_description: Read or move an alias of a registered model on an MLflow server
version_added: 0.2.0
description:
  - Reads which version an alias (C(champion), C(challenger)) of a registered model names, and with O(version)
    makes it name that version; with O(state=absent) removes it. Only a change is written.
  - What a release resolves C(@champion) with before it records a version number, and what a rollback moves back.
author:
  - Concert developers (@concert-mlops)
extends_documentation_fragment:
  - concert.mlops.attributes
  - concert.mlops.mlflow
attributes:
  check_mode:
    support: full
    details: Reads the alias and the version; reports what would change without changing it.
  diff_mode:
    support: full
    details: The version the alias names, before and after.
  idempotent:
    support: full
options:
  username:
    description: The MLflow user (MLflow's basic-auth app); reading needs READ on the model, moving EDIT.
    type: str
    required: true
  password:
    description: The user's password.
    type: str
    required: true
  name:
    description: The registered model.
    type: str
    required: true
  alias:
    description: The alias, without C(@).
    type: str
    required: true
  version:
    description: The version the alias must name; without it the alias is only read.
    type: str
  state:
    description: V(present) reads or sets the alias, V(absent) removes it.
    type: str
    choices: [present, absent]
    default: present
"""

EXAMPLES = r"""
- name: Which version is the champion now
  concert.mlops.mlflow_model_alias:
    url: https://mlflow1.example.internal:5443
    ca_path: "{{ inventory_dir }}/.concert/pki/registry/ca.crt"
    username: release
    password: "{{ vault_mlflow_release_password }}"
    name: concert-classifier
    alias: champion
  register: champion
  delegate_to: localhost

- name: Make version 3 the champion again
  concert.mlops.mlflow_model_alias:
    url: https://mlflow1.example.internal:5443
    username: ci
    password: "{{ vault_mlflow_ci_password }}"
    name: concert-classifier
    alias: champion
    version: "3"
  delegate_to: localhost
"""

RETURN = r"""
version:
  description: The version the alias names after the task (or would, in check mode); empty when it names none.
  returned: always
  type: str
  sample: "3"
previous_version:
  description: The version the alias named before the task; empty when it named none.
  returned: always
  type: str
  sample: "2"
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.concert.mlops.plugins.module_utils._mlflow import CONNECTION_OPTIONS, MlflowClient, MlflowError


def main():
    module = AnsibleModule(
        argument_spec=dict(
            username=dict(type="str", required=True),
            password=dict(type="str", required=True, no_log=True),
            name=dict(type="str", required=True),
            alias=dict(type="str", required=True),
            version=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            **CONNECTION_OPTIONS
        ),
        supports_check_mode=True,
    )
    params = module.params
    if params["state"] == "absent" and params["version"]:
        module.fail_json(msg="version names what the alias must name; it cannot go with state=absent")
    if params["alias"].startswith("@") or not params["alias"]:
        module.fail_json(msg="alias is the alias's name without @, not %r" % params["alias"])
    client = MlflowClient.from_params(params, params["username"], params["password"])
    try:
        before = client.alias_version(params["name"], params["alias"])
        after = before
        if params["state"] == "absent":
            after = None
        elif params["version"]:
            after = str(params["version"])
            if after != before and not client.version_exists(params["name"], after):
                module.fail_json(msg="%s has no version %s for @%s to name" % (params["name"], after, params["alias"]),
                                 previous_version=before or "", version=before or "")
        changed = after != before
        if changed and not module.check_mode:
            if after is None:
                client.delete_alias(params["name"], params["alias"])
            else:
                client.set_alias(params["name"], params["alias"], after)
    except MlflowError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(changed=changed, version=after or "", previous_version=before or "",
                     diff=dict(before="@%s: %s\n" % (params["alias"], before or "-"),
                               after="@%s: %s\n" % (params["alias"], after or "-")))


if __name__ == "__main__":
    main()
