# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The playbooks agree with the stage map (STAGES in plugins/filter/concert_plan.py, the prose in
docs/docsite/rst/design.rst): each stage's playbook exists, its plays are named after the stage, play
the map's roles on the map's groups, and site.yml imports the stages in order with their tags."""

from __future__ import annotations

import os
import re

import pytest
import yaml

from ansible_collections.concert.mlops.plugins.filter.concert_plan import STAGES

PLAYBOOKS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "playbooks")
# "{{ concert_x_hosts | default('group') }}" plays on `group` unless the user says otherwise.
DEFAULT_HOSTS = re.compile(r"default\('([^']+)'\)")


def plays(playbook):
    with open(os.path.join(PLAYBOOKS, playbook)) as handle:
        return yaml.safe_load(handle)


def roles_of(play):
    """The roles a play runs: its roles list, and include_role in its tasks (entry point after a colon)."""
    found = [role["role"] if isinstance(role, dict) else role for role in play.get("roles", [])]
    for task in play.get("pre_tasks", []) + play.get("tasks", []):
        include = task.get("ansible.builtin.include_role")
        if include:
            found.append(include["name"] + (":" + include["tasks_from"] if "tasks_from" in include else ""))
    return [name.replace("concert.mlops.", "") for name in found]


def hosts_of(play):
    found = DEFAULT_HOSTS.search(play["hosts"])
    return found.group(1) if found else play["hosts"]


def map_groups(parts):
    groups = set()
    for part in parts:
        groups.add(part.group + ("[0]" if part.first_only else ""))
    return groups


def map_roles(parts):
    return {role.split(" ")[0] for part in parts for role in part.roles}


@pytest.mark.parametrize("number, name, playbook, parts", STAGES, ids=[stage[2] for stage in STAGES])
def test_each_stage_playbook_is_named_and_placed_as_the_map_says(number, name, playbook, parts):
    prefix = "Stage %d, %s" % (number, name[0].lower() + name[1:])
    stage_plays = plays(playbook)
    assert stage_plays, playbook
    for play in stage_plays:
        assert play["name"].startswith(prefix), "%s: play %r is not named %r" % (playbook, play["name"], prefix)
    if not parts:
        return
    groups, roles = map_groups(parts), map_roles(parts)
    for play in stage_plays:
        for group in hosts_of(play).split(":"):
            assert group in groups | {"all"}, "%s: %r plays on %s, which the map does not name" % (
                playbook, play["name"], group)
        # A role's documented outputs (entry point `outputs`) may be read by any stage.
        for role in roles_of(play):
            assert role.endswith(":outputs") or role.split(":")[0] in roles, \
                "%s: %r plays %s, which the map does not name" % (playbook, play["name"], role)
    played = {role.split(":")[0] for play in stage_plays for role in roles_of(play)}
    assert roles <= played, "%s does not play %s" % (playbook, ", ".join(sorted(roles - played)))


def test_site_imports_every_stage_that_changes_hosts_in_order_with_its_tags():
    expected = [(number, name, playbook) for number, name, playbook, parts in STAGES if parts]
    imports = plays("site.yml")
    assert [entry["ansible.builtin.import_playbook"] for entry in imports] == [stage[2] for stage in expected]
    for entry, (number, name, playbook) in zip(imports, expected):
        assert entry["name"] == "Stage %d, %s" % (number, name[0].lower() + name[1:])
        assert entry["tags"] == ["stage%d" % number, playbook[:-4]]
