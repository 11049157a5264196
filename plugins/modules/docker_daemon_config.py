#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: docker_daemon_config
short_description: Manage Docker's daemon.json as data, keeping what others wrote
version_added: 0.1.0
description:
  - Deep-merges O(settings) into the existing C(daemon.json); keys it was not given are kept unless
    O(purge=true).
  - Writes a stable key order and layout, so the file only changes when its data changes (a file with
    the same data in another layout is rewritten once, without a restart or reload).
  - Checks the JSON types of well-known keys (for example C(log-opts) values must be strings) before
    anything is written, and refuses a file on disk that is not valid JSON unless O(purge=true).
  - Says whether the change needs a daemon restart or only a reload (the keys dockerd applies on
    C(SIGHUP)); it never restarts the daemon itself.
author:
  - Concert developers (@concert-mlops)
extends_documentation_fragment:
  - concert.mlops.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details: The diff shows the whole file before and after, as text.
  idempotent:
    support: full
options:
  path:
    description: The daemon configuration file.
    type: path
    default: /etc/docker/daemon.json
  settings:
    description:
      - Settings to merge into the file. Nested objects merge key by key; lists and other values replace
        what is there.
    type: dict
    default: {}
  purge:
    description:
      - Make the file hold exactly O(settings), dropping keys that other tools wrote. Also replaces a file
        that is not valid JSON.
    type: bool
    default: false
  backup:
    description: Keep a timestamped copy of the previous file when it changes.
    type: bool
    default: true
  mode:
    description: Permissions of the file.
    type: raw
    default: "0644"
notes:
  - Keys that dockerd reloads on C(SIGHUP) are C(authorization-plugins), C(debug), C(default-runtime),
    C(insecure-registries), C(labels), C(live-restore), C(max-concurrent-downloads),
    C(max-concurrent-uploads), C(max-download-attempts), C(registry-mirrors), C(runtimes) and
    C(shutdown-timeout). A change of any other key needs a restart.
"""

EXAMPLES = r"""
- name: Rotate container logs and keep containers up across daemon restarts
  concert.mlops.docker_daemon_config:
    settings:
      log-driver: json-file
      log-opts:
        max-size: 10m
        max-file: "3"
      live-restore: true
  register: daemon_config

- name: Reload or restart dockerd as the change needs
  ansible.builtin.systemd_service:
    name: docker
    state: "{{ 'restarted' if daemon_config.restart_required else 'reloaded' }}"
  when: daemon_config is changed
"""

RETURN = r"""
config:
  description: The settings the file holds after the task (or would hold, in check mode).
  returned: always
  type: dict
  sample: {"live-restore": true, "log-driver": "json-file"}
changed_keys:
  description: Top-level keys whose value changed.
  returned: always
  type: list
  elements: str
  sample: ["log-opts"]
restart_required:
  description: Whether dockerd must restart to apply the change.
  returned: always
  type: bool
reload_required:
  description: Whether a reload (C(SIGHUP)) is enough to apply the change.
  returned: always
  type: bool
backup_file:
  description: The copy of the previous file.
  returned: when the file changed and O(backup=true) and a previous file existed
  type: str
  sample: /etc/docker/daemon.json.12345.2026-11-26@12:00:00~
"""

import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.concert.mlops.plugins.module_utils._docker_daemon import (
    changed_keys, deep_merge, needed_action, parse, render, type_errors)
from ansible_collections.concert.mlops.plugins.module_utils._text_file import read_text, replace_text


def main():
    module = AnsibleModule(
        argument_spec=dict(
            path=dict(type="path", default="/etc/docker/daemon.json"),
            settings=dict(type="dict", default={}),
            purge=dict(type="bool", default=False),
            backup=dict(type="bool", default=True),
            mode=dict(type="raw", default="0644"),
        ),
        supports_check_mode=True,
    )
    path = module.params["path"]
    settings = module.params["settings"]

    errors = type_errors(settings)
    if errors:
        module.fail_json(msg="Invalid daemon settings: %s" % "; ".join(errors), errors=errors)

    before_text = read_text(path)
    try:
        before = parse(before_text or "")
    except ValueError as exc:
        if not module.params["purge"]:
            module.fail_json(msg="%s is not valid JSON (%s); fix it, or set purge=true to replace it" % (path, exc))
        before = {}

    after = dict(settings) if module.params["purge"] else deep_merge(before, settings)
    after_text = render(after)
    keys = changed_keys(before, after)
    # Equal data in another layout is rewritten once, in the stable layout.
    content_changed = after_text != before_text
    action = needed_action(keys)
    result = dict(
        changed=content_changed,
        config=after,
        changed_keys=keys,
        restart_required=action == "restart",
        reload_required=action == "reload",
    )
    if module._diff:
        result["diff"] = dict(before=before_text or "", after=after_text, before_header=path, after_header=path)

    if content_changed and not module.check_mode:
        directory = os.path.dirname(path)
        if not os.path.isdir(directory):
            os.makedirs(directory, 0o755)
        if module.params["backup"] and before_text is not None:
            result["backup_file"] = module.backup_local(path)
        try:
            replace_text(path, after_text)
        except OSError as exc:
            module.fail_json(msg="could not write %s: %s" % (path, exc), **result)

    file_args = module.load_file_common_arguments(dict(path=path, mode=module.params["mode"]))
    if not module.check_mode or os.path.exists(path):
        result["changed"] = module.set_fs_attributes_if_different(file_args, result["changed"])
    module.exit_json(**result)


if __name__ == "__main__":
    main()
