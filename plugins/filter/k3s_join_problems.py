# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What keeps a k3s cluster from being whole, from `kubectl get nodes -o json`."""

from __future__ import annotations

from ansible_collections.concert.mlops.plugins.plugin_utils._k3s_nodes import join_problems


def k3s_join_problems(nodes, expected, version):
    return join_problems(nodes, list(expected), version)


class FilterModule(object):

    def filters(self):
        return {"k3s_join_problems": k3s_join_problems}
