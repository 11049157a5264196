# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.concert.mlops.plugins.filter.subject_alt_names import subject_alt_names


def test_addresses_become_ip_names_and_the_rest_dns_names():
    assert subject_alt_names(["mlflow.example.org", "192.0.2.10", "2001:db8::1", "mlflow"]) == [
        "DNS:mlflow.example.org", "IP:192.0.2.10", "IP:2001:db8::1", "DNS:mlflow"]


def test_each_name_once_in_order():
    assert subject_alt_names(["b", "a", "b", "10.0.0.1", "10.0.0.1"]) == ["DNS:b", "DNS:a", "IP:10.0.0.1"]


@pytest.mark.parametrize("names", ["mlflow", [""], [None], None])
def test_refuses_what_is_not_a_list_of_names(names):
    with pytest.raises(AnsibleFilterError, match="list of names"):
        subject_alt_names(names)
