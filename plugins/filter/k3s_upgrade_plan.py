# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The order of a k3s upgrade, decided on the controller from the cluster's nodes."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.plugin_utils._k3s_nodes import PlanError, plan


def k3s_upgrade_plan(nodes, target_version, order=None, require_ready=True):
    try:
        return plan(nodes, target_version, order=order or [], require_ready=require_ready)
    except PlanError as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule(object):

    def filters(self):
        return {"k3s_upgrade_plan": k3s_upgrade_plan}
