# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

from ansible_collections.concert.mlops.plugins.module_utils._ssh_keys import ssh_public_key_problem

SHOWN_KEY_CHARS = 32


def ssh_key_problems(keys):
    """One message per malformed key: why, and the start of the key to find it by."""
    problems = []
    for key in keys or []:
        problem = ssh_public_key_problem(key)
        if problem:
            problems.append("%s: %s..." % (problem, str(key)[:SHOWN_KEY_CHARS]))
    return problems


class FilterModule(object):

    def filters(self):
        return {"ssh_key_problems": ssh_key_problems}
