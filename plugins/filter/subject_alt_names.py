# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Names and addresses as X.509 subject alternative names (DNS: or IP:), each once, in order."""

from __future__ import annotations

import ipaddress

from ansible.errors import AnsibleFilterError
from ansible.module_utils.six import string_types


def subject_alt_names(names):
    if not isinstance(names, (list, tuple)) or not all(isinstance(name, string_types) and name for name in names):
        raise AnsibleFilterError("subject_alt_names expects a list of names and addresses, got %r" % (names,))
    result = []
    for name in names:
        try:
            entry = "IP:" + str(ipaddress.ip_address(name))
        except ValueError:
            entry = "DNS:" + name
        if entry not in result:
            result.append(entry)
    return result


class FilterModule(object):

    def filters(self):
        return {"subject_alt_names": subject_alt_names}
