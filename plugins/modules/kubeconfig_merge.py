#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: kubeconfig_merge
short_description: Put a cluster, its user and a context into a kubeconfig file, keeping every other entry
version_added: 0.1.0
description:
  - Takes the cluster, user and current context of O(source) (the kubeconfig a k3s server writes, whose entries are
    all called C(default)) and puts them into the kubeconfig O(path) under one name, O(name), replacing only the
    entries of that name. Every other cluster, user and context stays as it was.
  - With O(state=absent), removes the cluster, user and context called O(name).
  - The file is written atomically with mode C(0600), since it holds the user's credentials; the directory is made
    when missing. An existing file that is not a kubeconfig is refused and left as it is.
  - Meant to run on the controller (with the task keyword C(delegate_to) set to C(localhost)), so that C(kubectl) there reaches the cluster.
author:
  - Concert developers (@concert-mlops)
extends_documentation_fragment:
  - concert.mlops.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details: The diff shows the file's entries before and after with every user's credentials masked.
  idempotent:
    support: full
    details: The documents are compared parsed; an unchanged one is not written again.
options:
  path:
    description: The kubeconfig file to change.
    type: path
    default: ~/.kube/config
  name:
    description: The name of the cluster, the user and the context in O(path).
    type: str
    required: true
  source:
    description:
      - The kubeconfig to take the entries from, as YAML text (for example the decoded content of
        C(/etc/rancher/k3s/k3s.yaml)). Required with O(state=present).
      - It carries a client key, so it is never logged.
    type: str
  server:
    description:
      - The API server's address to write instead of the source's (a k3s server writes C(https://127.0.0.1:6443)).
    type: str
  set_current:
    description: Make O(name) the current context. A file without a current context always gets this one.
    type: bool
    default: false
  state:
    description: Whether the entries called O(name) are present or absent.
    type: str
    choices: [present, absent]
    default: present
requirements:
  - PyYAML (ansible-core's own dependency)
"""

EXAMPLES = r"""
- name: Read the cluster's kubeconfig from the first server
  ansible.builtin.slurp:
    src: /etc/rancher/k3s/k3s.yaml
  register: k3s_kubeconfig
  no_log: true

- name: Merge it into the controller's kubeconfig as "concert"
  concert.mlops.kubeconfig_merge:
    name: concert
    source: "{{ k3s_kubeconfig.content | b64decode }}"
    server: https://{{ 'k3s-server-1' | concert.mlops.host_address(hostvars) }}:6443
  delegate_to: localhost
  become: false

- name: Forget the cluster again
  concert.mlops.kubeconfig_merge:
    name: concert
    state: absent
  delegate_to: localhost
  become: false
"""

RETURN = r"""
path:
  description: The kubeconfig file.
  returned: always
  type: str
context:
  description: The context's name, or nothing after O(state=absent).
  returned: success
  type: str
current_context:
  description: The file's current context after the change.
  returned: success
  type: str
"""

import os
import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.concert.mlops.plugins.module_utils._kubeconfig import KubeconfigError, merge, redacted, remove
from ansible_collections.concert.mlops.plugins.module_utils._text_file import read_text, replace_text

try:
    import yaml
except ImportError:
    HAS_YAML = False
    YAML_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_YAML = True
    YAML_IMPORT_ERROR = None


def load(text, what):
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise KubeconfigError("%s is not YAML: %s" % (what, exc))


def dump(config):
    return yaml.safe_dump(config, default_flow_style=False, sort_keys=False)


def write(module, path, text):
    directory = os.path.dirname(path) or "."
    try:
        if not os.path.isdir(directory):
            os.makedirs(directory, 0o700)
    except OSError as exc:
        module.fail_json(msg="could not make the directory of %s: %s" % (path, exc), path=path)
    try:
        # 0600 from the first byte: the file holds the cluster's credentials.
        replace_text(path, text, mode=0o600)
    except OSError as exc:
        module.fail_json(msg="could not write %s: %s" % (path, exc), path=path)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            path=dict(type="path", default="~/.kube/config"),
            name=dict(type="str", required=True),
            source=dict(type="str", no_log=True),
            server=dict(type="str"),
            set_current=dict(type="bool", default=False),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        required_if=[("state", "present", ("source",))],
        supports_check_mode=True,
    )
    if not HAS_YAML:
        module.fail_json(msg=missing_required_lib("PyYAML"), exception=YAML_IMPORT_ERROR)
    params = module.params
    path = params["path"]
    if not params["name"].strip():
        module.fail_json(msg="name must not be empty", path=path)

    before = None
    before_text = read_text(path)
    if before_text is not None:
        try:
            before = load(before_text, path) if before_text.strip() else None
        except KubeconfigError as exc:
            module.fail_json(msg="%s; it was left as it is" % exc, path=path)

    try:
        if params["state"] == "present":
            after = merge(before, load(params["source"], "source"), params["name"],
                          server=params["server"], set_current=params["set_current"])
        else:
            after = remove(before, params["name"])
    except KubeconfigError as exc:
        module.fail_json(msg=str(exc), path=path)

    mode_wrong = before is not None and (os.stat(path).st_mode & 0o777) != 0o600
    absent_and_nothing = params["state"] == "absent" and before is None
    changed = not absent_and_nothing and (after != before or mode_wrong)
    result = dict(changed=changed, path=path, context=params["name"] if params["state"] == "present" else "",
                  current_context=after.get("current-context") or "")
    if module._diff:
        result["diff"] = dict(before=dump(redacted(before)) if before is not None else "",
                              after=dump(redacted(after)) if not absent_and_nothing else "",
                              before_header=path, after_header=path)
    if changed and not module.check_mode:
        write(module, path, dump(after))
    module.exit_json(**result)


if __name__ == "__main__":
    main()
