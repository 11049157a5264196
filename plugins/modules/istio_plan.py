#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: istio_plan
short_description: Decide whether Istio is installed, upgraded to a new revision, or left alone
version_added: 0.1.0
description:
  - Reads what C(istioctl version -o json) prints and the Istio version wanted, and returns the next step,
    C(install) (no control plane runs), C(upgrade) (a new revision next to the running ones, upstream's canary
    upgrade), or C(none) (a control plane of the target version runs).
  - Every version is its own revision, named after it (1.24.2 becomes C(1-24-2)); RV(previous_revisions) are the
    ones the revision tags move away from and that are removed once no workload uses them.
  - Refuses, before anything is touched, a target older than the running control plane (a rollback moves the
    revision tags back instead), a target more than two minor versions ahead of a running revision (the most a
    canary upgrade supports), an C(istioctl) of another version than the target, and output it cannot read.
  - Changes nothing; it only decides.
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
  version_output:
    description:
      - What C(istioctl version -o json) printed, as text or already parsed. Without a control plane istioctl
        prints only its client version, and the decision is C(install).
    type: raw
    required: true
  target_version:
    description: The Istio release to run, for example C(1.24.2).
    type: str
    required: true
  require_client_match:
    description: Refuse when the C(istioctl) that printed O(version_output) is not of the target version.
    type: bool
    default: true
seealso:
  - name: Istio canary upgrades
    description: Upstream's revision-based upgrade with revision tags.
    link: https://istio.io/latest/docs/setup/upgrade/canary/
"""

EXAMPLES = r"""
- name: Ask istioctl what runs
  ansible.builtin.command: istioctl version -o json
  register: istio_versions
  changed_when: false

- name: Decide the next step
  concert.mlops.istio_plan:
    version_output: "{{ istio_versions.stdout }}"
    target_version: 1.24.2
  register: istio_next

- name: Install the new revision next to the running one
  ansible.builtin.command: istioctl install -y --set revision={{ istio_next.revision }} --set profile=minimal
  when: istio_next.action in ['install', 'upgrade']
  changed_when: true
"""

RETURN = r"""
action:
  description: C(install), C(upgrade) or C(none).
  returned: success
  type: str
  sample: upgrade
revision:
  description: The revision of the target version (the running one's name when RV(action) is C(none)).
  returned: success
  type: str
  sample: 1-24-2
target:
  description: The target version.
  returned: success
  type: str
installed:
  description: Running istiod revisions and their versions.
  returned: success
  type: dict
  sample: {1-23-3: 1.23.3}
previous_revisions:
  description: Running revisions of other versions, to be removed after their workloads move.
  returned: success
  type: list
  elements: str
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.concert.mlops.plugins.module_utils._istio_plan import IstioPlanError, decide


def main():
    module = AnsibleModule(
        argument_spec=dict(
            version_output=dict(type="raw", required=True),
            target_version=dict(type="str", required=True),
            require_client_match=dict(type="bool", default=True),
        ),
        supports_check_mode=True,
    )
    try:
        decided = decide(module.params["version_output"], module.params["target_version"],
                         require_client_match=module.params["require_client_match"])
    except IstioPlanError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(changed=False, **decided)


if __name__ == "__main__":
    main()
