#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: k3s_upgrade_plan
short_description: Decide the order of a k3s upgrade from the cluster's nodes, refusing what k3s does not support
version_added: 0.1.0
description:
  - Reads the nodes of a k3s cluster (the output of C(kubectl get nodes -o json)) and the version to reach, and
    returns the upgrade steps in the order upstream asks for, the servers one at a time and then the agents.
    Nodes already at the target are left out.
  - Refuses, before anything is touched, a target that is older than any node (k3s does not downgrade), a target
    that skips a minor version for any node (v1.30 to v1.32), a node or target version it cannot read, and, unless
    O(require_ready=false), a cluster with a node that is not Ready (naming the node and its condition).
  - Changes nothing; it only decides. A playbook drains, upgrades and uncordons following RV(plan).
author:
  - Concert developers (@concert-mlops)
extends_documentation_fragment:
  - concert.mlops.attributes
attributes:
  check_mode:
    support: full
    details: The module changes nothing, so it decides the same in check mode.
  diff_mode:
    support: none
  idempotent:
    support: full
    details: It always reports C(changed=false).
options:
  nodes:
    description:
      - The NodeList that C(kubectl get nodes -o json) prints, as text or already parsed.
      - A node is a server when its C(node-role.kubernetes.io/control-plane) or C(node-role.kubernetes.io/master)
        label is C(true), as k3s labels its servers; otherwise an agent.
    type: raw
    required: true
  target_version:
    description: The k3s version to reach, for example C(v1.31.4+k3s1).
    type: str
    required: true
  order:
    description:
      - Node names in the order to upgrade them within their role, for example the inventory's order.
        Nodes not named follow, by name. Servers always come before agents.
    type: list
    elements: str
    default: []
  require_ready:
    description: Refuse to plan while a node is not Ready.
    type: bool
    default: true
seealso:
  - name: k3s manual upgrades
    description: Upstream's order of a manual upgrade.
    link: https://docs.k3s.io/upgrades/manual
"""

EXAMPLES = r"""
- name: Read the cluster's nodes
  ansible.builtin.command: k3s kubectl get nodes -o json
  register: k3s_nodes
  changed_when: false

- name: Decide the order of the upgrade
  concert.mlops.k3s_upgrade_plan:
    nodes: "{{ k3s_nodes.stdout }}"
    target_version: v1.31.4+k3s1
    order: "{{ groups['k3s_servers'] + groups['k3s_agents'] | default([]) }}"
  register: k3s_plan

- name: Say what will happen
  ansible.builtin.debug:
    msg: "{{ k3s_plan.plan | map(attribute='name') | join(', ') }} will move to {{ k3s_plan.target }}"
"""

RETURN = r"""
plan:
  description: The nodes to upgrade, in order.
  returned: success
  type: list
  elements: dict
  contains:
    name:
      description: The node's name.
      type: str
    role:
      description: C(server) or C(agent).
      type: str
    from:
      description: The node's kubelet version now.
      type: str
    to:
      description: The target version.
      type: str
  sample:
    - {name: server-1, role: server, from: v1.30.8+k3s1, to: v1.31.4+k3s1}
    - {name: agent-1, role: agent, from: v1.30.8+k3s1, to: v1.31.4+k3s1}
current:
  description: Nodes already at the target version, servers first.
  returned: success
  type: list
  elements: str
target:
  description: The target version.
  returned: success
  type: str
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.concert.mlops.plugins.module_utils._k3s_nodes import PlanError, plan


def main():
    module = AnsibleModule(
        argument_spec=dict(
            nodes=dict(type="raw", required=True),
            target_version=dict(type="str", required=True),
            order=dict(type="list", elements="str", default=[]),
            require_ready=dict(type="bool", default=True),
        ),
        supports_check_mode=True,
    )
    try:
        decided = plan(module.params["nodes"], module.params["target_version"],
                       order=module.params["order"], require_ready=module.params["require_ready"])
    except PlanError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(changed=False, **decided)


if __name__ == "__main__":
    main()
