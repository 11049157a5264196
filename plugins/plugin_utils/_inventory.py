# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the inventory says about a host, by one rule each: its address, and the
port of a service it plays. Private to the collection; controller-side only
(the filters use it), hence plugin_utils rather than module_utils."""

from __future__ import annotations

import ipaddress
import os

from ansible.errors import AnsibleFilterError

# The collection's roles, next to plugins/.
ROLES_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "roles")
_DEFAULTS = {}


class HostvarsOnce:
    """hostvars that looks each host up once.

    ansible-core works out all of a host's variables (facts, group and host
    variables) anew on every ``hostvars[host]``; a filter that reads several
    variables of every host paid that many times over. Plain dicts, as unit
    tests pass, work the same.
    """

    def __init__(self, hostvars):
        self._hostvars = hostvars
        self._hosts = {}

    def get(self, host, default=None):
        if host not in self._hosts:
            self._hosts[host] = self._hostvars.get(host)
        value = self._hosts[host]
        return default if value is None else value

    def __getitem__(self, host):
        value = self.get(host)
        if value is None:
            raise KeyError(host)
        return value

    def __contains__(self, host):
        return host in self._hostvars

    def __iter__(self):
        return iter(self._hostvars)


def hostvars_once(hostvars):
    """Wraps hostvars in HostvarsOnce, unless it already is one."""
    return hostvars if isinstance(hostvars, HostvarsOnce) else HostvarsOnce(hostvars)


def is_ip(text):
    try:
        ipaddress.ip_address(str(text))
        return True
    except ValueError:
        return False


def host_address(hostvars, host, ip=False):
    """A host's address, by the one rule Concert documents:

    1. concert_address, set by the user (foundation_address is the older name, still read);
    2. the host's gathered default IPv4 address;
    3. ansible_host;
    4. the inventory name.
    With ip=True only an IP address will do (firewall rules, /etc/hosts): candidates that are names are
    skipped, and a host with none fails with what to set.
    """
    facts = hostvars.get(host) or {}
    default_ipv4 = facts.get("ansible_default_ipv4") or {}
    candidates = (facts.get("concert_address"), facts.get("foundation_address"), default_ipv4.get("address"),
                  facts.get("ansible_host"), None if ip else host)
    for candidate in candidates:
        if candidate and (not ip or is_ip(candidate)):
            return str(candidate)
    raise AnsibleFilterError(
        "host %s has no IP address: set concert_address, gather its facts, or give an IP as ansible_host" % host)


def role_of(variable):
    """The collection role a variable belongs to: the longest role name that prefixes it."""
    names = sorted((name for name in os.listdir(ROLES_DIR) if variable.startswith(name + "_")), key=len, reverse=True)
    return names[0] if names else None


def role_default(variable):
    """A variable's default from its role's defaults/main.yml: the one place a default port is written."""
    role = role_of(variable)
    if role is None:
        raise AnsibleFilterError("%s belongs to no role of this collection" % variable)
    if role not in _DEFAULTS:
        import yaml  # ansible-core's own dependency, on the controller
        with open(os.path.join(ROLES_DIR, role, "defaults", "main.yml")) as handle:
            _DEFAULTS[role] = yaml.safe_load(handle) or {}
    if variable not in _DEFAULTS[role]:
        raise AnsibleFilterError("role %s has no default for %s" % (role, variable))
    return _DEFAULTS[role][variable]


def role_value(hostvars, host, variable):
    """A role variable as a host sees it: its own value (host, group or extra vars), else the role's default."""
    value = (hostvars.get(host) or {}).get(variable)
    return role_default(variable) if value is None else value


def service_port(hostvars, host, port):
    """A port number, or the name of a role variable holding one: the host's own value, else the role's default."""
    if isinstance(port, str) and not port.isdigit():
        value = role_value(hostvars, host, port)
        what = "%s of host %s" % (port, host)
    else:
        value, what = port, "port"
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise AnsibleFilterError("%s must be a port number, got %r" % (what, value))
    if not 0 < number < 65536:
        raise AnsibleFilterError("%s must be a port number, got %r" % (what, value))
    return number
