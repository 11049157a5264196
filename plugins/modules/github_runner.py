#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: github_runner
short_description: A GitHub Actions self-hosted runner as an object on GitHub - registered, relabelled, removed
version_added: 0.1.0
description:
  - Manages one self-hosted runner of a repository or an organization through GitHub's REST API, from the
    controller. A runner is identified by its name; every page of the runner list is read (100 runners a page).
  - With O(state=present) and no such runner, gives what the runner software needs to register - a registration
    token (O(registration=token), for C(config.sh --token)) or, with O(registration=jit), a just-in-time
    configuration for which GitHub creates the runner at once (an ephemeral runner started with C(run.sh --jitconfig)).
  - With O(state=present) and the runner there, sets its custom labels to O(labels) in place, without registering
    it again. GitHub's own read-only labels (C(self-hosted), the OS, the architecture) are left alone.
  - With O(state=absent), removes the runner from GitHub.
  - Authenticates with a token (a fine-grained token with the repository's Administration or the organization's
    Self-hosted runners permission, write) or as a GitHub App installation (O(app_id), O(app_private_key),
    O(app_installation_id)), for which the controller needs the Python package C(cryptography).
author:
  - Concert developers (@concert-mlops)
extends_documentation_fragment:
  - concert.mlops.attributes
  - concert.mlops.forge
attributes:
  check_mode:
    support: full
    details: Reads the runners and reports what would change; issues no token and changes no runner.
  diff_mode:
    support: full
    details: The runner's custom labels, or its presence, before and after.
  idempotent:
    support: full
    details: A runner with these labels is left alone. A registration token is issued on each run while the runner
      is not registered yet, which changes nothing on GitHub.
options:
  api_url:
    description: GitHub's REST API (GitHub Enterprise Server's is C(https://HOST/api/v3)).
    type: str
    default: https://api.github.com
  repository:
    description: The repository (C(owner/name)) whose runner this is.
    type: str
  organization:
    description: The organization whose runner this is.
    type: str
  token:
    description: A token allowed to manage the runners.
    type: str
  app_id:
    description: The GitHub App's ID, to authenticate as the App's installation instead of with O(token).
    type: str
  app_private_key:
    description: The GitHub App's private key, in PEM.
    type: str
  app_installation_id:
    description: The App's installation on the repository's owner or the organization.
    type: str
  name:
    description: The runner's name.
    type: str
    required: true
  labels:
    description: The runner's custom labels. A just-in-time runner needs at least one.
    type: list
    elements: str
    default: []
  state:
    description: Whether the runner should be registered on GitHub.
    type: str
    choices: [present, absent]
    default: present
  registration:
    description: How a runner that is not registered yet gets registered.
    type: str
    choices: [token, jit]
    default: token
  runner_group_id:
    description: The runner group of a just-in-time runner (1 is the default group).
    type: int
    default: 1
  work_folder:
    description: The work folder of a just-in-time runner, relative to its directory.
    type: str
    default: _work
notes:
  - Run it on the controller (C(delegate_to=localhost)) and with C(no_log=true) on the task, since its result
    carries a registration token or a just-in-time configuration.
"""

EXAMPLES = r"""
- name: Ask GitHub for a registration token for runner ci-1, unless it is registered
  concert.mlops.github_runner:
    repository: example/model
    token: "{{ github_admin_token }}"
    name: ci-1
    labels: [gpu, concert]
  delegate_to: localhost
  no_log: true
  register: ci_1

- name: Remove runner ci-2 from GitHub
  concert.mlops.github_runner:
    organization: example
    app_id: "123456"
    app_private_key: "{{ lookup('ansible.builtin.file', 'app.pem') }}"
    app_installation_id: "7890"
    name: ci-2
    state: absent
  delegate_to: localhost
"""

RETURN = r"""
action:
  description: What was done, or would be done in check mode.
  returned: always
  type: str
  choices: [token_issued, jit_created, labels_set, unchanged, removed, absent]
  sample: labels_set
runner:
  description: The runner as GitHub lists it (id, name, os, status, busy, labels), when it exists.
  returned: when the runner exists or was created
  type: dict
  sample: {"id": 23, "name": "ci-1", "os": "Linux", "status": "online", "busy": false, "labels": []}
registration_token:
  description: The token C(config.sh --token) registers the runner with; it expires after an hour.
  returned: when O(registration=token) and the runner is not registered, outside check mode
  type: str
encoded_jit_config:
  description: The just-in-time configuration C(run.sh --jitconfig) starts the runner with.
  returned: when O(registration=jit) created the runner
  type: str
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.concert.mlops.plugins.module_utils import _github as github
from ansible_collections.concert.mlops.plugins.module_utils._forge import CONNECTION_OPTIONS, run_runner_module


def ensure_present(module, runners, runner):
    params = module.params
    wanted = sorted(set(params["labels"]))
    if runner is None:
        diff = dict(before={"registered": False}, after={"registered": True, "labels": wanted})
        if params["registration"] == "jit":
            if not wanted:
                module.fail_json(msg="a just-in-time runner needs at least one label")
            if module.check_mode:
                return dict(changed=True, action="jit_created", diff=diff)
            created = runners.jit_config(params["name"], wanted, params["runner_group_id"], params["work_folder"])
            return dict(changed=True, action="jit_created", runner=created.get("runner"),
                        encoded_jit_config=created.get("encoded_jit_config"), diff=diff)
        if module.check_mode:
            return dict(changed=False, action="token_issued")
        return dict(changed=False, action="token_issued", registration_token=runners.registration_token()["token"])
    current = github.custom_labels(runner)
    if current == wanted:
        return dict(changed=False, action="unchanged", runner=runner)
    diff = dict(before={"labels": current}, after={"labels": wanted})
    if not module.check_mode:
        labels = runners.set_labels(runner["id"], wanted)
        runner = dict(runner, labels=(labels or {}).get("labels", runner.get("labels")))
    return dict(changed=True, action="labels_set", runner=runner, diff=diff)


def ensure_absent(module, runners, runner):
    if runner is None:
        return dict(changed=False, action="absent")
    if not module.check_mode:
        runners.delete(runner["id"])
    return dict(changed=True, action="removed", runner=runner,
                diff=dict(before={"registered": True, "labels": github.custom_labels(runner)}, after={"registered": False}))


def main():
    module = AnsibleModule(
        argument_spec=dict(
            api_url=dict(type="str", default="https://api.github.com"),
            repository=dict(type="str"),
            organization=dict(type="str"),
            token=dict(type="str", no_log=True),
            app_id=dict(type="str"),
            app_private_key=dict(type="str", no_log=True),
            app_installation_id=dict(type="str"),
            name=dict(type="str", required=True),
            labels=dict(type="list", elements="str", default=[]),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            registration=dict(type="str", choices=["token", "jit"], default="token"),
            runner_group_id=dict(type="int", default=1),
            work_folder=dict(type="str", default="_work"),
            **CONNECTION_OPTIONS
        ),
        required_one_of=[("repository", "organization"), ("token", "app_id")],
        mutually_exclusive=[("repository", "organization"), ("token", "app_id")],
        required_together=[("app_id", "app_private_key", "app_installation_id")],
        supports_check_mode=True,
    )
    params = module.params
    if params["repository"] and params["repository"].count("/") != 1:
        module.fail_json(msg="repository must be owner/name, got %r" % params["repository"])
    if not params["name"].strip():
        module.fail_json(msg="name must not be empty")
    run_runner_module(
        module,
        lambda: github.Runners(
            github.client(params["api_url"], params["token"], params["app_id"], params["app_private_key"],
                          params["app_installation_id"], params["validate_certs"], params["timeout"]),
            params["repository"], params["organization"]),
        params["name"], ensure_present, ensure_absent)


if __name__ == "__main__":
    main()
