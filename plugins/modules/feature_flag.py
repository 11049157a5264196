#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: feature_flag
short_description: Switch one feature flag in a flagd flag-definition file
version_added: 0.1.0
description:
  - Changes one flag of a file in flagd's flag-definition format (the format OpenFeature's flagd provider reads in
    file mode) - switches it on or off, sets its default variant, its targeting rule, its variants or metadata, adds
    it, or removes it - and leaves every other flag as it was.
  - The whole resulting document is checked against the rules of flagd's flag-definition schema (C(flags.json),
    v0) before anything is written - a state of C(ENABLED) or C(DISABLED), variants all of one type, a default
    variant that names one of them, targeting a JSON Logic object, scalar metadata - and a change that would break
    the file fails naming every problem. A file on disk that is not valid JSON is refused the same way.
  - The file is written in a stable layout (sorted keys), so it changes only when its data does, and replaced
    atomically, so a service reading it never sees half a file.
author:
  - Concert developers (@concert-mlops)
extends_documentation_fragment:
  - concert.mlops.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details: The diff shows the flag before and after, as JSON.
  idempotent:
    support: full
options:
  path:
    description: The flag-definition file (JSON). Made, with only this flag, when it does not exist.
    type: path
    required: true
  name:
    description: The flag's key.
    type: str
    required: true
  state:
    description: Whether the flag is in the file.
    type: str
    choices: [present, absent]
    default: present
  enabled:
    description: Switch the flag on (C(ENABLED)) or off (C(DISABLED); flagd then answers with the code's default).
    type: bool
  variants:
    description: The flag's variants by name; all booleans, all strings, all numbers or all objects. Needed for a new flag.
    type: dict
  default_variant:
    description: The variant served when no targeting rule applies. Needed for a new flag.
    type: str
  targeting:
    description:
      - A JSON Logic rule choosing a variant from the evaluation context (for example a fractional rollout). An empty
        object removes the rule.
    type: dict
  metadata:
    description: The flag's metadata; values are strings, numbers or booleans.
    type: dict
  mode:
    description: Permissions of the file.
    type: raw
    default: "0644"
seealso:
  - name: flagd flag definitions
    description: The format this module writes.
    link: https://flagd.dev/reference/flag-definitions/
"""

EXAMPLES = r"""
- name: Serve the new model to one user in ten
  concert.mlops.feature_flag:
    path: /etc/concert/release/flags.json
    name: new-model
    variants: {"on": true, "off": false}
    default_variant: "off"
    targeting:
      fractional:
        - ["on", 10]
        - ["off", 90]

- name: Switch it off for everyone at once
  concert.mlops.feature_flag:
    path: /etc/concert/release/flags.json
    name: new-model
    enabled: false
"""

RETURN = r"""
flag:
  description: The flag as the file now holds it (as it would, in check mode); absent when the flag was removed.
  returned: success and O(state=present)
  type: dict
  sample: {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off"}
"""

import json
import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.concert.mlops.plugins.module_utils._flagd import FlagdError, change_flag, parse, render
from ansible_collections.concert.mlops.plugins.module_utils._text_file import read_text, replace_text


def main():
    module = AnsibleModule(
        argument_spec=dict(
            path=dict(type="path", required=True),
            name=dict(type="str", required=True),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            enabled=dict(type="bool"),
            variants=dict(type="dict"),
            default_variant=dict(type="str"),
            targeting=dict(type="dict"),
            metadata=dict(type="dict"),
            mode=dict(type="raw", default="0644"),
        ),
        supports_check_mode=True,
    )
    params = module.params
    path = params["path"]

    before_text = read_text(path)
    if before_text is None and params["state"] == "absent":
        module.exit_json(changed=False)
    try:
        before = parse(before_text)
        after = change_flag(before, params["name"], state=params["state"], enabled=params["enabled"],
                            variants=params["variants"], default_variant=params["default_variant"],
                            targeting=params["targeting"], metadata=params["metadata"])
    except FlagdError as exc:
        module.fail_json(msg="%s, flag %s: %s; nothing was written" % (path, params["name"], exc))

    after_text = render(after)
    result = dict(changed=after_text != before_text)
    flag_after = after["flags"].get(params["name"])
    if flag_after is not None:
        result["flag"] = flag_after
    if module._diff:
        flag_before = (before.get("flags") or {}).get(params["name"])
        header = "%s#%s" % (path, params["name"])
        result["diff"] = dict(
            before=json.dumps(flag_before, indent=2, sort_keys=True) + "\n" if flag_before is not None else "",
            after=json.dumps(flag_after, indent=2, sort_keys=True) + "\n" if flag_after is not None else "",
            before_header=header, after_header=header)

    if result["changed"] and not module.check_mode:
        directory = os.path.dirname(path)
        if directory and not os.path.isdir(directory):
            module.fail_json(msg="%s: the directory %s does not exist" % (path, directory))
        try:
            replace_text(path, after_text)
        except OSError as exc:
            module.fail_json(msg="could not write %s: %s" % (path, exc))

    if not module.check_mode or os.path.exists(path):
        file_args = module.load_file_common_arguments(dict(path=path, mode=params["mode"]))
        result["changed"] = module.set_fs_attributes_if_different(file_args, result["changed"])
    module.exit_json(**result)


if __name__ == "__main__":
    main()
