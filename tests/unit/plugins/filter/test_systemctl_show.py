# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.concert.mlops.plugins.filter.systemctl_show import systemctl_show


def test_every_unit_gets_its_block_in_order():
    output = ("Id=concert-runner-a.service\nActiveState=active\nUnitFileState=enabled\n\n"
              "Id=concert-runner-b.service\nActiveState=inactive\nUnitFileState=\n\n"
              "Id=concert-runner-c.service\nActiveState=active\nUnitFileState=enabled\n")
    assert systemctl_show(output) == [
        {"Id": "concert-runner-a.service", "ActiveState": "active", "UnitFileState": "enabled"},
        {"Id": "concert-runner-b.service", "ActiveState": "inactive", "UnitFileState": ""},
        {"Id": "concert-runner-c.service", "ActiveState": "active", "UnitFileState": "enabled"},
    ]


def test_values_keep_their_equals_signs_and_nothing_is_nothing():
    assert systemctl_show("Id=x.service\nEnvironment=A=1 B=2") == [{"Id": "x.service", "Environment": "A=1 B=2"}]
    assert systemctl_show("") == []


def test_what_is_not_systemctl_output_is_refused():
    with pytest.raises(AnsibleFilterError, match="not a Property=value line"):
        systemctl_show("Id=x.service\nno equals sign here")
    with pytest.raises(AnsibleFilterError, match="expects the text"):
        systemctl_show(None)
