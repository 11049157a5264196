# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What keeps a flagd flag-definition document from being valid."""

from __future__ import annotations

from ansible_collections.concert.mlops.plugins.module_utils._flagd import document_problems


def flagd_problems(document):
    return document_problems(document)


class FilterModule(object):

    def filters(self):
        return {"flagd_problems": flagd_problems}
