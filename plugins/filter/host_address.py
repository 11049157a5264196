# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A host's address by Concert's one rule (concert_address, default IPv4, ansible_host, name)."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.plugin_utils._inventory import host_address as _host_address

_NO_DEFAULT = object()


def host_address(host, hostvars, ip=False, default=_NO_DEFAULT):
    try:
        return _host_address(hostvars, host, ip=ip)
    except AnsibleFilterError:
        if default is _NO_DEFAULT:
            raise
        return default


class FilterModule(object):

    def filters(self):
        return {"host_address": host_address}
