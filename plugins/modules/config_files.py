#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: config_files
short_description: A role's files and directories, described once, compared in one round trip, written only where they differ
version_added: 0.2.0
description:
  - Takes every file a role manages in one list, each with its template or content, owner, group, mode and the command
    that validates it. Renders the templates on the controller, compares every entry with the host in one round trip
    (M(concert.mlops.file_checksums)), and changes only the entries that differ.
  - A file is written by M(ansible.builtin.copy)'s own action, so check mode, C(--diff), C(validate) and C(backup) behave
    as they do for M(ansible.builtin.template). A rerun that changes nothing costs one round trip for all the files.
  - Returns the changed files in the form M(concert.mlops.service_apply) takes in its O(concert.mlops.service_apply#module:files)
    option, so a handler can put them back when the service does not come back healthy.
  - This is an action plugin; the host runs M(concert.mlops.file_checksums), M(ansible.builtin.copy) and
    M(ansible.builtin.file).
author:
  - Concert developers (@concert-mlops)
extends_documentation_fragment:
  - concert.mlops.attributes
attributes:
  check_mode:
    support: full
    details: In check mode nothing is written; files that differ are reported as changed.
  diff_mode:
    support: full
    details: Shows each changed file's before and after as M(ansible.builtin.template) does, except for O(files[].secret) files.
  idempotent:
    support: full
  action:
    description: Indicates this has a corresponding action plugin so some parts of the options can be executed on the controller.
    support: full
options:
  files:
    description: The files and directories, in the order they are made.
    type: list
    elements: dict
    required: true
    suboptions:
      dest:
        description: Absolute path on the host.
        type: path
        required: true
      state:
        description:
          - V(file) a regular file, V(directory) a directory, V(absent) nothing (removed when there; its
            O(files[].content) or O(files[].template) is then not rendered, so a feature switch can pick the state alone).
          - A V(file) with neither O(files[].content) nor O(files[].template) belongs to another program (a password
            file that C(htpasswd) writes, say); only its existence, owner, group and mode are kept.
        type: str
        choices: [file, directory, absent]
        default: file
      content:
        description: The file's content. Mutually exclusive with O(files[].template).
        type: str
      template:
        description: A template found as M(ansible.builtin.template) finds its O(ansible.builtin.template#module:src), rendered on the controller.
        type: str
      vars:
        description: Variables for O(files[].template) alone, as the template lookup's C(template_vars) (for example the
          item of a loop that builds one file per runner).
        type: dict
      owner:
        description: The owner.
        type: str
        default: root
      group:
        description: The group.
        type: str
        default: root
      mode:
        description: The permission bits in octal. V(0644) for a file and V(0755) for a directory when left out.
        type: str
      validate:
        description: A command that checks the new file before it takes its place; V(%s) stands for the new file.
        type: str
      backup:
        description:
          - Keep the previous file beside it, so a failed service can be rolled back to it.
          - V(false) also leaves the file out of RV(files), so a rollback does not touch it.
        type: bool
        default: true
      secret:
        description: The content is a secret (a key, a password hash); it is never shown in a diff or in the result.
        type: bool
        default: false
      enabled:
        description: Whether the entry is managed at all; a disabled entry is left as it is on the host.
        type: bool
        default: true
  validate_all:
    description:
      - A check of all the files together, for programs whose configuration is several files that name each other
        (C(promtool check config) reads the rule files C(prometheus.yml) names).
      - When anything differs, every file with content is written to a private staging directory at its path below
        O(validate_all.root), the command runs there, and only when it passes does any file take its place. Nothing
        is staged when nothing differs.
      - It runs in check mode too, since it changes nothing that is live. When its program is not installed yet
        (check mode on a fresh host) the task warns that the files were not checked.
    type: dict
    suboptions:
      command:
        description: The check, split like a shell would (never run through one); V(%s) stands for the staging directory.
        type: str
        required: true
      root:
        description: The directory every file lies below; the staging directory repeats its layout.
        type: path
        required: true
notes:
  - Every mistake in O(files) (a relative path, a path given twice, content on a directory, a mode that is not octal) is
    reported at once before the host is asked anything.
seealso:
  - module: concert.mlops.file_checksums
  - module: concert.mlops.service_apply
  - module: ansible.builtin.template
"""

EXAMPLES = r"""
- name: Write the node exporter's files
  concert.mlops.config_files:
    files:
      - dest: /etc/default/prometheus-node-exporter
        template: default.j2
      - dest: /etc/prometheus/node_exporter
        state: directory
        group: prometheus
        mode: "0750"
      - dest: /etc/prometheus/node_exporter/tls.key
        content: "{{ node_exporter_tls_key }}"
        group: prometheus
        mode: "0640"
        secret: true
  register: node_exporter_files
  notify: Restart the node exporter

# In the role's handlers: put the changed files back when the exporter does not come back.
- name: Restart the node exporter
  concert.mlops.service_apply:
    service: prometheus-node-exporter
    wait_for: {port: 9100}
    files: "{{ node_exporter_files.files }}"

- name: Alertmanager's configuration, checked by amtool before it takes its place
  concert.mlops.config_files:
    files:
      - dest: /etc/prometheus/alertmanager.yml
        template: alertmanager.yml.j2
        group: prometheus
        mode: "0640"
        validate: amtool check-config %s

- name: Prometheus' configuration and rules, checked together before any takes its place
  concert.mlops.config_files:
    files:
      - {dest: /etc/prometheus/rules, state: directory}
      - {dest: /etc/prometheus/prometheus.yml, template: prometheus.yml.j2}
      - {dest: /etc/prometheus/rules/concert.yml, content: "{{ rules | to_nice_yaml }}"}
    validate_all:
      command: promtool check config %s/prometheus.yml
      root: /etc/prometheus
"""

# No module code runs on the host under this name: the action plugins/action/config_files.py does the work,
# with supports_check_mode=True, through file_checksums, copy and file.

RETURN = r"""
results:
  description: One entry for each file or directory that differed, in the order of O(files).
  returned: success
  type: list
  elements: dict
  contains:
    dest:
      description: The path.
      type: str
    state:
      description: The entry's O(files[].state).
      type: str
    step:
      description: V(write), V(touch), V(directory) or V(remove).
      type: str
    changed:
      description: Whether this entry changed (or would, in check mode).
      type: bool
    backup:
      description: The entry's O(files[].backup).
      type: bool
    backup_file:
      description: Where the previous file was kept, when there was one and O(files[].backup) is true.
      type: str
      returned: when a file was replaced with a backup
  sample:
    - {dest: /etc/default/prometheus-node-exporter, state: file, step: write, changed: true, backup: true,
       backup_file: /etc/default/prometheus-node-exporter.1234.2026-12-07@20:01:02~}
changed_paths:
  description: The paths that changed.
  returned: success
  type: list
  elements: str
  sample: [/etc/default/prometheus-node-exporter]
files:
  description: The files whose content changed, with their backups, as M(concert.mlops.service_apply) takes them.
  returned: success
  type: list
  elements: dict
  sample:
    - {dest: /etc/default/prometheus-node-exporter, backup_file: /etc/default/prometheus-node-exporter.1234.2026-12-07@20:01:02~}
"""
