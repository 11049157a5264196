# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a setting of a given kind must look like, checked on the controller before any host is asked.

One home for the checks every role needs: ports, networks, addresses, passwords, counts, names, durations."""

from __future__ import annotations

import ipaddress
import re

# useradd's default NAME_REGEX on Debian, and its length limit.
OS_NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}\$?$")
# Go's and Prometheus' durations (90s, 5m, 1h30m), and a bare number of seconds.
DURATION = re.compile(r"^(\d+|(\d+(ms|s|m|h|d|w|y))+)$")


def _integer(value):
    """An int, or a string of digits as an inventory may write it; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _port(value):
    number = _integer(value)
    return None if number is not None and 1 <= number <= 65535 else "must be a port from 1 to 65535, not %r" % (value,)


def _network(value):
    if not isinstance(value, str) or "/" not in value:
        return "must be a network with its prefix length (192.0.2.0/24), not %r" % (value,)
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        return "must be a network with its prefix length (192.0.2.0/24), not %r" % (value,)
    return None


def _address(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return "must be an IP address, not %r" % (value,)
    return None


def _prefix(value):
    number = _integer(value)
    return None if number is not None and 1 <= number <= 128 else "must be a prefix length from 1 to 128, not %r" % (value,)


def _positive(value):
    number = _integer(value)
    return None if number is not None and number > 0 else "must be a whole number above 0, not %r" % (value,)


def _password(value):
    return None if isinstance(value, str) and value else "must not be empty"


def _os_name(value):
    if isinstance(value, str) and OS_NAME.match(value):
        return None
    return "must be a name the OS accepts (lower case letters, digits, _ and -, at most 32), not %r" % (value,)


def _duration(value):
    if _integer(value) is not None or (isinstance(value, str) and DURATION.match(value)):
        return None
    return "must be a duration like 30s, 5m or 1h30m, not %r" % (value,)


KINDS = {
    "port": _port,
    "network": _network,
    "address": _address,
    "prefix": _prefix,
    "positive": _positive,
    "password": _password,
    "os_name": _os_name,
    "duration": _duration,
}


def setting_problems(settings):
    """Every problem of the settings, each naming its setting.

    settings: {name: [kind, value]}; a name ending in [] takes a list, and each element is checked and named
    with its index (registry_users[1].password)."""
    problems = []
    for name in sorted(settings):
        kind, value = settings[name]
        check = KINDS.get(kind)
        if check is None:
            raise ValueError("setting_problems: %s has an unknown kind %r; kinds are %s" % (name, kind, ", ".join(sorted(KINDS))))
        if "[]" in name:
            if not isinstance(value, (list, tuple)):
                problems.append("%s must be a list" % name.split("[]")[0])
                continue
            for index, element in enumerate(value):
                problem = check(element)
                if problem:
                    problems.append("%s %s" % (name.replace("[]", "[%d]" % index, 1), problem))
        else:
            problem = check(value)
            if problem:
                problems.append("%s %s" % (name, problem))
    return problems
