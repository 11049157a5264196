# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The output of `systemctl show` for several units, as one dict of properties a unit."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError


def systemctl_show(output):
    """One dict per unit, in the order systemctl printed them; blocks are separated by an empty line."""
    if not isinstance(output, str):
        raise AnsibleFilterError("systemctl_show expects the text systemctl show printed, got %s" % type(output).__name__)
    units, current = [], {}
    for line in output.splitlines() + [""]:
        if not line.strip():
            if current:
                units.append(current)
            current = {}
            continue
        key, separator, value = line.partition("=")
        if not separator:
            raise AnsibleFilterError("systemctl_show: %r is not a Property=value line" % line)
        current[key] = value
    return units


class FilterModule(object):

    def filters(self):
        return {"systemctl_show": systemctl_show}
