# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Adapt a shipped rulebook without copying it: drop alerts, change how long they wait, add labels."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

KNOWN = ("enabled", "for", "labels", "annotations")


def tune_rules(rulebook, tuning):
    """Rule groups of rulebook with per-alert tuning applied; unknown alert names are an error."""
    if not isinstance(rulebook, dict) or not isinstance(rulebook.get("groups"), list):
        raise AnsibleFilterError("tune_rules expects a rulebook with a list of groups")
    tuning = tuning or {}
    if not isinstance(tuning, dict):
        raise AnsibleFilterError("tune_rules expects a dict of alert name -> tuning")
    alerts = set(rule.get("alert") for group in rulebook["groups"] for rule in group.get("rules", []))
    unknown = sorted(set(tuning) - alerts)
    if unknown:
        raise AnsibleFilterError("no alert named %s in the rulebook (it has: %s)" % (", ".join(unknown), ", ".join(sorted(a for a in alerts if a))))
    for name, change in tuning.items():
        if not isinstance(change, dict) or set(change) - set(KNOWN):
            raise AnsibleFilterError("tuning of %s may only set %s, got %r" % (name, ", ".join(KNOWN), change))

    groups = []
    for group in rulebook["groups"]:
        rules = []
        for rule in group.get("rules", []):
            change = tuning.get(rule.get("alert"), {})
            if not change.get("enabled", True):
                continue
            # A shallow copy is enough: nested labels and annotations are
            # replaced below, never changed in place. (A deep copy of data read
            # by from_yaml also copied what ansible-core tags each value with:
            # about 7 s per run inside playbooks/site.yml.)
            rule = dict(rule)
            if "for" in change:
                rule["for"] = change["for"]
            for key in ("labels", "annotations"):
                if change.get(key):
                    rule[key] = dict(rule.get(key) or {}, **change[key])
            rules.append(rule)
        if rules:
            groups.append(dict(group, rules=rules))
    return groups


class FilterModule(object):

    def filters(self):
        return {"tune_rules": tune_rules}
