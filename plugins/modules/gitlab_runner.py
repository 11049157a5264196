#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: gitlab_runner
short_description: A GitLab runner as an object on GitLab - created with its glrt- token, retagged, removed
version_added: 0.1.0
description:
  - Manages one runner of a project, a group or the instance through GitLab's REST API (v4), from the controller,
    in the runner creation workflow of GitLab 16 and later - GitLab makes the runner and answers its
    authentication token (C(glrt-)), which C(gitlab-runner register --token) or the runner's C(config.toml) then
    uses; no registration token is involved.
  - A runner is identified by its description within its scope; every page of the runner list is read.
  - With O(state=present), creates the runner when there is none (returning its token, which GitLab shows only
    then), or changes its tags and settings in place. With O(replace=true) an existing runner is removed and made
    again, for a host that lost its token.
  - With O(state=absent), removes the runner from GitLab.
author:
  - Concert developers (@concert-mlops)
extends_documentation_fragment:
  - concert.mlops.attributes
  - concert.mlops.forge
attributes:
  check_mode:
    support: full
    details: Reads the runners and reports what would change; creates, changes and removes nothing.
  diff_mode:
    support: full
    details: The runner's tags and settings, or its presence, before and after.
  idempotent:
    support: full
    details: Idempotent unless O(replace=true), which makes the runner anew on every run.
options:
  api_url:
    description: GitLab's URL.
    type: str
    default: https://gitlab.com
  token:
    description: A personal, group or project access token with the C(create_runner) and C(manage_runner) scopes.
    type: str
    required: true
  project:
    description: The project (its id, or its path such as C(group/model)) whose runner this is.
    type: str
  group:
    description: The group (id or path) whose runner this is. Neither O(project) nor O(group) means an instance
      runner, which needs an administrator's token.
    type: str
  description:
    description: The runner's description, which names it.
    type: str
    required: true
  tags:
    description: The runner's tags.
    type: list
    elements: str
    default: []
  run_untagged:
    description: Whether the runner takes jobs without tags.
    type: bool
    default: false
  locked:
    description: Whether a project runner is locked to its project.
    type: bool
    default: true
  paused:
    description: Whether the runner takes no new jobs.
    type: bool
    default: false
  access_level:
    description: Whether the runner takes jobs of protected branches only.
    type: str
    choices: [not_protected, ref_protected]
    default: not_protected
  maximum_timeout:
    description: The longest a job may run on it, in seconds; unset leaves GitLab's.
    type: int
  state:
    description: Whether the runner should exist on GitLab.
    type: str
    choices: [present, absent]
    default: present
  replace:
    description: Remove an existing runner and make it again, for a new authentication token.
    type: bool
    default: false
notes:
  - Run it on the controller (C(delegate_to=localhost)) and with C(no_log=true) on the task, since its result
    carries the runner's authentication token.
"""

EXAMPLES = r"""
- name: A runner for the model project, tagged docker
  concert.mlops.gitlab_runner:
    api_url: https://gitlab.example
    token: "{{ gitlab_runner_admin_token }}"
    project: ml/model
    description: ci-1
    tags: [docker, concert]
  delegate_to: localhost
  no_log: true
  register: ci_1

- name: Remove it from GitLab
  concert.mlops.gitlab_runner:
    api_url: https://gitlab.example
    token: "{{ gitlab_runner_admin_token }}"
    project: ml/model
    description: ci-1
    state: absent
  delegate_to: localhost
"""

RETURN = r"""
action:
  description: What was done, or would be done in check mode.
  returned: always
  type: str
  choices: [created, replaced, updated, unchanged, removed, absent]
  sample: updated
runner:
  description: The runner's details as GitLab gives them (id, description, tag_list, run_untagged, ...).
  returned: when the runner exists after the run, outside check mode for a new one
  type: dict
  sample: {"id": 9171, "description": "ci-1", "tag_list": ["docker"], "paused": false}
runner_token:
  description: The runner's authentication token (C(glrt-...)); GitLab gives it only when the runner is made.
  returned: when the runner was created or replaced, outside check mode
  type: str
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.concert.mlops.plugins.module_utils import _gitlab as gitlab
from ansible_collections.concert.mlops.plugins.module_utils._forge import CONNECTION_OPTIONS, run_runner_module


def wanted_settings(params):
    wanted = dict((key, params[key]) for key in ("run_untagged", "locked", "paused", "access_level", "maximum_timeout"))
    wanted["tag_list"] = sorted(set(params["tags"]))
    return wanted


def differences(current, wanted):
    return dict((key, value) for key, value in wanted.items() if value is not None and current.get(key) != value)


def ensure_present(module, runners, runner):
    params = module.params
    wanted = wanted_settings(params)
    if runner is None or params["replace"]:
        action = "created" if runner is None else "replaced"
        diff = dict(before={"exists": runner is not None}, after=dict(exists=True, **wanted))
        if module.check_mode:
            return dict(changed=True, action=action, diff=diff)
        if runner is not None:
            runners.delete(runner["id"])
        created = runners.create(params["description"], wanted)
        return dict(changed=True, action=action, runner=runners.details(created["id"]), runner_token=created["token"], diff=diff)
    current = gitlab.settings_of(runner)
    changes = differences(current, wanted)
    if not changes:
        return dict(changed=False, action="unchanged", runner=runner)
    diff = dict(before=dict((key, current[key]) for key in changes), after=changes)
    if not module.check_mode:
        runner = runners.update(runner["id"], changes)
    return dict(changed=True, action="updated", runner=runner, diff=diff)


def ensure_absent(module, runners, runner):
    if runner is None:
        return dict(changed=False, action="absent")
    if not module.check_mode:
        runners.delete(runner["id"])
    return dict(changed=True, action="removed", diff=dict(before={"exists": True}, after={"exists": False}))


def main():
    module = AnsibleModule(
        argument_spec=dict(
            api_url=dict(type="str", default="https://gitlab.com"),
            token=dict(type="str", required=True, no_log=True),
            project=dict(type="str"),
            group=dict(type="str"),
            description=dict(type="str", required=True),
            tags=dict(type="list", elements="str", default=[]),
            run_untagged=dict(type="bool", default=False),
            locked=dict(type="bool", default=True),
            paused=dict(type="bool", default=False),
            access_level=dict(type="str", choices=["not_protected", "ref_protected"], default="not_protected"),
            maximum_timeout=dict(type="int"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            replace=dict(type="bool", default=False),
            **CONNECTION_OPTIONS
        ),
        mutually_exclusive=[("project", "group")],
        supports_check_mode=True,
    )
    params = module.params
    if not params["description"].strip():
        module.fail_json(msg="description must not be empty: it names the runner")
    if not params["tags"] and not params["run_untagged"] and params["state"] == "present":
        module.fail_json(msg="a runner with no tags must have run_untagged=true, or it would never take a job")
    if params["maximum_timeout"] is not None and params["maximum_timeout"] < 600:
        module.fail_json(msg="maximum_timeout must be at least 600 seconds, as GitLab requires")
    run_runner_module(
        module,
        lambda: gitlab.Runners(gitlab.client(params["api_url"], params["token"], params["validate_certs"], params["timeout"]),
                               params["project"], params["group"]),
        params["description"], ensure_present, ensure_absent)


if __name__ == "__main__":
    main()
