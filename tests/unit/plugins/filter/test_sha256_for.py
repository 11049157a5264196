# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.concert.mlops.plugins.filter.sha256_for import sha256_for

ONE, TWO, THREE = "a" * 64, "B" * 64, "c" * 64
SUMS = ("%s  k3s\n%s *binaries/gitlab-runner-linux-amd64\n%s  ./k3s-airgap-images-amd64.tar.zst\n"
        "not a checksum line\n" % (ONE, TWO, THREE))


@pytest.mark.parametrize("name, expected", [
    ("k3s", ONE),
    ("binaries/gitlab-runner-linux-amd64", TWO.lower()),
    ("k3s-airgap-images-amd64.tar.zst", THREE),
    ("gitlab-runner-linux-amd64", ""),
    ("k3", ""),
])
def test_the_line_for_exactly_that_name_in_each_format(name, expected):
    assert sha256_for(SUMS, name) == expected


def test_what_is_not_a_checksum_file_or_a_name_is_refused():
    with pytest.raises(AnsibleFilterError, match="expects the text"):
        sha256_for(None, "k3s")
    with pytest.raises(AnsibleFilterError, match="needs the name"):
        sha256_for(SUMS, "")
