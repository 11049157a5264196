# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every problem of a role's settings by their kinds (port, network, password, ...), each naming its setting."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.plugin_utils._settings import setting_problems as _setting_problems


def setting_problems(settings):
    if not isinstance(settings, dict) or not all(
            isinstance(pair, (list, tuple)) and len(pair) == 2 for pair in settings.values()):
        raise AnsibleFilterError("setting_problems expects {name: [kind, value]}, got %r" % (settings,))
    try:
        return _setting_problems(settings)
    except ValueError as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule(object):

    def filters(self):
        return {"setting_problems": setting_problems}
