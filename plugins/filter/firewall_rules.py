# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Inbound firewall rules for one host, derived from what each host of the inventory plays."""

from __future__ import annotations

import ipaddress

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.plugin_utils._inventory import host_address, hostvars_once, role_of, service_port

PROTOCOLS = ("tcp", "udp")


def _network(text, what):
    try:
        return str(ipaddress.ip_network(str(text), strict=False))
    except ValueError:
        raise AnsibleFilterError("%s: %r is not an IP address or network" % (what, text))


def _members(groups, names):
    hosts = []
    for name in names:
        for host in groups.get(name) or []:
            if host not in hosts:
                hosts.append(host)
    return hosts


def _check_service(service):
    if not isinstance(service, dict) or not service.get("name") or not service.get("ports"):
        raise AnsibleFilterError("each service needs a name and ports, got %r" % (service,))
    if service.get("protocol", "tcp") not in PROTOCOLS:
        raise AnsibleFilterError("service %s: protocol must be tcp or udp" % service["name"])
    for port in service["ports"]:
        if isinstance(port, str) and not port.isdigit():
            if role_of(port) is None:
                raise AnsibleFilterError("service %s: %s belongs to no role of this collection" % (service["name"], port))
        elif isinstance(port, bool) or not isinstance(port, (int, str)) or not 0 < int(port) < 65536:
            raise AnsibleFilterError("service %s: %r is not a port number" % (service["name"], port))
    if not service.get("served_by"):
        raise AnsibleFilterError("service %s: 'served_by' names the groups whose hosts serve it" % service["name"])


def _ports(hostvars, host, service):
    """A service's ports on this host; a role variable's name stands for the port that role serves on."""
    try:
        return [service_port(hostvars, host, port) for port in service["ports"]]
    except AnsibleFilterError as exc:
        raise AnsibleFilterError("service %s: %s" % (service["name"], exc))


def firewall_rules(host, hostvars, groups, settings):
    """Rules that open each service this host plays to exactly the hosts and networks that need it."""
    if not isinstance(settings, dict) or not isinstance(settings.get("services"), list):
        raise AnsibleFilterError("firewall_rules needs settings with a list of services")
    groups = dict(groups or {})
    hostvars = hostvars_once(hostvars)
    admin_networks = [_network(net, "admin_networks") for net in settings.get("admin_networks") or []]

    rules = []
    for service in settings["services"]:
        _check_service(service)
        if host not in _members(groups, service["served_by"]):
            continue
        sources = []
        for peer in _members(groups, service.get("from_groups") or []):
            if peer != host:
                sources.append(_network(host_address(hostvars, peer, ip=True), "address of %s" % peer))
        if service.get("from_admin_networks"):
            sources.extend(admin_networks)
        sources.extend(_network(net, "service %s" % service["name"]) for net in service.get("from_networks") or [])
        sources = sorted(set(sources), key=lambda net: (ipaddress.ip_network(net).version, ipaddress.ip_network(net)))
        if not sources:
            # Nobody may reach it: no rule, so the default policy drops it.
            continue
        rules.append({
            "name": service["name"],
            "protocol": service.get("protocol", "tcp"),
            "ports": sorted(set(_ports(hostvars, host, service))),
            "ipv4": [net for net in sources if ipaddress.ip_network(net).version == 4],
            "ipv6": [net for net in sources if ipaddress.ip_network(net).version == 6],
        })
    return rules


class FilterModule(object):

    def filters(self):
        return {"firewall_rules": firewall_rules}
