# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The port a host serves a Concert service on: its own variable, else the role's default."""

from __future__ import annotations

from ansible_collections.concert.mlops.plugins.plugin_utils._inventory import service_port as _service_port


def service_port(host, hostvars, variable):
    return _service_port(hostvars, host, variable)


class FilterModule(object):

    def filters(self):
        return {"service_port": service_port}
