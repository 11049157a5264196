#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: alertmanager_silence
short_description: Create, update and expire Alertmanager silences idempotently
version_added: 0.1.0
description:
  - Manages one silence through Alertmanager's v2 API, for example a maintenance window during a rollout.
  - A silence is identified by its matchers and its comment together; running the task again finds the
    same silence instead of adding another.
  - With O(duration), an active silence with the same matchers and comment is left as it is, so a rerun
    does not push the window further out. With O(ends_at), the silence is updated when its end differs.
author:
  - Concert developers (@concert-mlops)
extends_documentation_fragment:
  - concert.mlops.attributes
attributes:
  check_mode:
    support: full
    details: Reads the silences and reports what would change without creating, updating or expiring any.
  diff_mode:
    support: none
  idempotent:
    support: full
options:
  url:
    description: Base URL of Alertmanager.
    type: str
    default: http://127.0.0.1:9093
  matchers:
    description: Label matchers of the silence.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description: Label name.
        type: str
        required: true
      value:
        description: Label value, or a regular expression with O(matchers[].is_regex=true).
        type: str
        required: true
      is_regex:
        description: Whether O(matchers[].value) is a regular expression.
        type: bool
        default: false
      is_equal:
        description: V(false) matches alerts whose label does B(not) equal the value.
        type: bool
        default: true
  comment:
    description: Why the silence exists. Part of the silence's identity.
    type: str
    required: true
  created_by:
    description: Who created the silence.
    type: str
    default: concert.mlops
  duration:
    description: How long a new silence lasts from now, for example V(30m), V(2h), V(1h30m).
    type: str
  starts_at:
    description: Start of the silence (RFC 3339 with a timezone). Defaults to now.
    type: str
  ends_at:
    description: End of the silence (RFC 3339 with a timezone).
    type: str
  state:
    description: V(present) makes sure the silence holds; V(absent) expires it.
    type: str
    choices: [present, absent]
    default: present
  username:
    description: User for HTTP basic authentication.
    type: str
  password:
    description: Password for HTTP basic authentication.
    type: str
  validate_certs:
    description: Verify Alertmanager's TLS certificate.
    type: bool
    default: true
  timeout:
    description: Seconds to wait for each API call.
    type: int
    default: 10
notes:
  - With O(state=present) exactly one of O(duration) and O(ends_at) is required.
"""

EXAMPLES = r"""
- name: Silence the node being upgraded for its maintenance window
  concert.mlops.alertmanager_silence:
    url: http://monitoring1:9093
    matchers:
      - {name: instance, value: "node1:9100"}
    comment: "rollout 2026-11-26: node1"
    duration: 1h
  delegate_to: localhost

- name: End the maintenance window
  concert.mlops.alertmanager_silence:
    url: http://monitoring1:9093
    matchers:
      - {name: instance, value: "node1:9100"}
    comment: "rollout 2026-11-26: node1"
    state: absent
  delegate_to: localhost
"""

RETURN = r"""
silence_id:
  description: ID of the silence that holds (or was expired). Empty in check mode when one would be created.
  returned: always
  type: str
  sample: 3a2e4a1c-8d2f-4b5e-9a61-2f0d8f1c2b77
action:
  description: What was done, or would be done in check mode.
  returned: always
  type: str
  sample: created
  choices: [created, updated, unchanged, expired, absent]
ends_at:
  description: End of the silence that holds.
  returned: when O(state=present)
  type: str
  sample: "2026-11-26T13:00:00.000Z"
"""

import datetime

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.concert.mlops.plugins.module_utils._alertmanager import (
    AlertmanagerClient, AlertmanagerError, api_matchers, format_time, parse_duration, parse_time, same_silence)


def desired_window(params, now):
    """(starts_at, ends_at, fixed_end) as datetimes; fixed_end says whether ends_at was given."""
    starts = parse_time(params["starts_at"]) if params["starts_at"] else now
    if params["ends_at"]:
        ends = parse_time(params["ends_at"])
        fixed = True
    else:
        ends = starts + datetime.timedelta(seconds=parse_duration(params["duration"]))
        fixed = False
    if ends <= starts:
        raise ValueError("the silence would end before it starts")
    return starts, ends, fixed


def ensure_present(module, client, existing, now):
    params = module.params
    starts, ends, fixed_end = desired_window(params, now)
    body = dict(matchers=api_matchers(params["matchers"]), comment=params["comment"],
                createdBy=params["created_by"], startsAt=format_time(starts), endsAt=format_time(ends))
    if existing:
        current = existing[0]
        if not fixed_end or parse_time(current["endsAt"]) == ends:
            return dict(changed=False, action="unchanged", silence_id=current["id"], ends_at=current["endsAt"])
        body["id"] = current["id"]
        body["startsAt"] = current["startsAt"] if current["status"]["state"] == "active" else body["startsAt"]
        action = "updated"
    else:
        action = "created"
    silence_id = "" if module.check_mode else client.create_or_update(body)
    return dict(changed=True, action=action, silence_id=silence_id or body.get("id", ""), ends_at=body["endsAt"])


def ensure_absent(module, client, existing):
    if not existing:
        return dict(changed=False, action="absent", silence_id="")
    if not module.check_mode:
        for silence in existing:
            client.expire(silence["id"])
    return dict(changed=True, action="expired", silence_id=existing[0]["id"])


def main():
    module = AnsibleModule(
        argument_spec=dict(
            url=dict(type="str", default="http://127.0.0.1:9093"),
            matchers=dict(type="list", elements="dict", required=True, options=dict(
                name=dict(type="str", required=True),
                value=dict(type="str", required=True),
                is_regex=dict(type="bool", default=False),
                is_equal=dict(type="bool", default=True),
            )),
            comment=dict(type="str", required=True),
            created_by=dict(type="str", default="concert.mlops"),
            duration=dict(type="str"),
            starts_at=dict(type="str"),
            ends_at=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            username=dict(type="str"),
            password=dict(type="str", no_log=True),
            validate_certs=dict(type="bool", default=True),
            timeout=dict(type="int", default=10),
        ),
        mutually_exclusive=[("duration", "ends_at")],
        required_if=[("state", "present", ("duration", "ends_at"), True)],
        supports_check_mode=True,
    )
    params = module.params
    if not params["matchers"]:
        module.fail_json(msg="matchers must name at least one label: a silence without matchers would hide every alert")
    now = datetime.datetime.now(datetime.timezone.utc)
    try:
        if params["state"] == "present":
            desired_window(params, now)
    except ValueError as exc:
        module.fail_json(msg="Invalid silence window: %s" % exc)

    client = AlertmanagerClient(params["url"], params["username"], params["password"],
                                params["validate_certs"], params["timeout"])
    try:
        existing = [s for s in client.silences() if same_silence(s, params["matchers"], params["comment"])]
        if params["state"] == "present":
            result = ensure_present(module, client, existing, now)
        else:
            result = ensure_absent(module, client, existing)
    except AlertmanagerError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(**result)


if __name__ == "__main__":
    main()
