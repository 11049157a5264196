# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Istio's next step (install, a canary upgrade, or nothing), decided on the controller from what istioctl printed."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.plugin_utils._istio_plan import IstioPlanError, decide


def istio_plan(version_output, target_version, require_client_match=True):
    try:
        return decide(version_output, target_version, require_client_match=require_client_match)
    except IstioPlanError as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule(object):

    def filters(self):
        return {"istio_plan": istio_plan}
