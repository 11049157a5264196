#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: service_apply
short_description: Apply a service's new configuration, and roll it back when the service does not come back healthy
version_added: 0.1.0
description:
  - The one way Concert's roles bring a changed configuration to life, usually from a handler, after the
    files were validated and put in place (for example by M(ansible.builtin.template) with C(validate) and
    C(backup)).
  - Optionally checks the whole configuration first (O(check_command)); then restarts or reloads the systemd
    unit, POSTs a reload endpoint, or runs a command (O(action)); then waits until the service is healthy
    (O(wait_for)) within O(timeout) seconds.
  - When the check refuses, the apply fails, or the service is not healthy in time, every file in O(files) is
    put back from its backup (or removed, when it had no predecessor), the service is brought back with the
    previous files, and the task fails with the service's own error line (its reload answer, the command's
    error output, or its last journal line that is not systemd's).
author:
  - Concert developers (@concert-mlops)
extends_documentation_fragment:
  - concert.mlops.attributes
attributes:
  check_mode:
    support: full
    details: In check mode nothing is restarted or reloaded; the task reports that it would be.
  diff_mode:
    support: none
  idempotent:
    support: none
    details: Every run restarts or reloads; call it only when a configuration changed (from a handler).
options:
  service:
    description:
      - The systemd unit. Needed by O(action=restart), O(action=reload) and O(action=reload_or_restart); its journal
        gives the error line.
    type: str
  action:
    description:
      - V(restart) or V(reload) the unit with systemctl; V(reload_or_restart) reloads a running unit and starts
        one that is not running (a first install); V(reload_url) POSTs O(reload_url) (an answer other
        than 200 is a refusal, its body the reason), V(command) runs O(command), V(none) only waits.
    type: str
    choices: [restart, reload, reload_or_restart, reload_url, command, none]
    default: restart
  reload_url:
    description: The endpoint that reloads the configuration, for O(action=reload_url). Retried while nothing answers.
    type: str
  command:
    description: The argv that applies the configuration, for O(action=command). Never run through a shell.
    type: list
    elements: str
  check_command:
    description: An argv that checks the whole configuration before anything is applied (for example C(sshd -t)).
    type: list
    elements: str
  wait_for:
    description: How to tell that the service is healthy. Without it, a restarted or reloaded unit must be active.
    type: dict
    suboptions:
      port:
        description: A TCP port that must accept connections.
        type: int
      host:
        description: The address of O(wait_for.port).
        type: str
        default: 127.0.0.1
      url:
        description: A URL that must answer with one of O(wait_for.status_code).
        type: str
      status_code:
        description: Accepted HTTP statuses of O(wait_for.url).
        type: list
        elements: int
        default: [200]
      validate_certs:
        description: Whether O(wait_for.url)'s certificate is verified.
        type: bool
        default: true
      command:
        description: An argv that must exit 0.
        type: list
        elements: str
  timeout:
    description: Seconds the service has to become healthy, and a reload endpoint to answer.
    type: int
    default: 30
  files:
    description:
      - The files of this change, as registered by M(ansible.builtin.template) or M(ansible.builtin.copy) with
        C(backup=true) (only C(dest), or C(path), and C(backup_file) are read). A file with a C(backup_file) is put back from
        it; a file without one was new and is removed.
      - Filter the results to the changed ones, for example C(results | selectattr('changed')).
    type: list
    elements: dict
    default: []
  error_pattern:
    description:
      - A regular expression that picks the service's error lines out of its journal and out of the output of a refusing
        O(check_command) or O(command).
      - Without it, the message quotes the journal's last line from the service and the last three lines of a refusing command.
    type: str
notes:
  - A rescue does not catch failures inside handlers; this module needs none, since it rolls back by itself.
seealso:
  - module: ansible.builtin.systemd_service
"""

EXAMPLES = r"""
# In a role's handlers: restart Alertmanager; if it does not listen again within
# 30 s, put the previous command line back and fail with its own words.
- name: Restart Alertmanager
  concert.mlops.service_apply:
    service: prometheus-alertmanager
    wait_for: {port: 9093}
    files: "{{ [__alertmanager_defaults] | selectattr('changed') }}"

- name: Reload Prometheus through its lifecycle API
  concert.mlops.service_apply:
    service: prometheus
    action: reload_url
    reload_url: http://127.0.0.1:9090/-/reload
    files: "{{ __prometheus_config_result.results | selectattr('changed') }}"

- name: Check the whole sshd configuration, then reload
  concert.mlops.service_apply:
    service: ssh
    action: reload
    check_command: [sshd, -t]
    files: "{{ [__sshd_dropin] | selectattr('changed') }}"

- name: Load audit rules; the kernel is the only judge
  concert.mlops.service_apply:
    action: command
    command: [augenrules, --load]
    files: "{{ [__audit_rules] | selectattr('changed') }}"
"""

RETURN = r"""
healthy:
  description: Whether the service was healthy with the new configuration.
  returned: success
  type: bool
rolled_back:
  description: Whether the previous files were put back (only on failure).
  returned: failure
  type: bool
restored:
  description: The files that were put back or removed, on failure.
  returned: failure
  type: list
  elements: str
back:
  description: On failure after the apply, whether the service is healthy again with the previous files.
  returned: failure
  type: bool
"""

import time

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.concert.mlops.plugins.module_utils._service_apply import (
    Applier, ApplyError, Host, changed_files, validate_params)


def argument_spec():
    return dict(
        service=dict(type="str"),
        action=dict(type="str", default="restart", choices=["restart", "reload", "reload_or_restart", "reload_url", "command", "none"]),
        reload_url=dict(type="str"),
        command=dict(type="list", elements="str"),
        check_command=dict(type="list", elements="str"),
        wait_for=dict(type="dict", options=dict(
            port=dict(type="int"),
            host=dict(type="str", default="127.0.0.1"),
            url=dict(type="str"),
            status_code=dict(type="list", elements="int", default=[200]),
            validate_certs=dict(type="bool", default=True),
            command=dict(type="list", elements="str"),
        )),
        timeout=dict(type="int", default=30),
        files=dict(type="list", elements="dict", default=[]),
        error_pattern=dict(type="str"),
    )


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    try:
        validate_params(module.params, check_mode=module.check_mode)
    except ApplyError as exc:
        module.fail_json(msg=str(exc))
    # Registered results carry more than dest and backup_file (a diff, a source
    # path); keep only those two, so nothing else is echoed in the invocation.
    module.params["files"] = changed_files(module.params["files"])
    if module.check_mode:
        module.exit_json(changed=True, healthy=True)
    try:
        result = Applier(Host(module), module.params).run(wall_clock=time.time())
    except ApplyError as exc:
        module.fail_json(msg=str(exc), **exc.details)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
