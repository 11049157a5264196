# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A role variable as a host sees it: its own value, else the role's default."""

from __future__ import annotations

from ansible_collections.concert.mlops.plugins.plugin_utils._inventory import role_value as _role_value


def role_value(host, hostvars, variable):
    return _role_value(hostvars, host, variable)


class FilterModule(object):

    def filters(self):
        return {"role_value": role_value}
