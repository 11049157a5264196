# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""daemon.json as data: merge, type checks, rendering and what a change needs.

Private to the collection, used by concert.mlops.docker_daemon_config.
"""

from __future__ import annotations

import copy
import json

# Keys dockerd applies on SIGHUP (its documented reload set); any other change
# needs a restart.
RELOADABLE_KEYS = frozenset((
    "authorization-plugins",
    "debug",
    "default-runtime",
    "insecure-registries",
    "labels",
    "live-restore",
    "max-concurrent-downloads",
    "max-concurrent-uploads",
    "max-download-attempts",
    "registry-mirrors",
    "runtimes",
    "shutdown-timeout",
))

STRING_LIST = ("list", "str")
# The JSON type of well-known keys. dockerd refuses to start on a wrong type,
# so the module refuses it first; unknown keys are passed through unchecked.
KNOWN_KEY_TYPES = {
    "authorization-plugins": STRING_LIST,
    "bip": "str",
    "bridge": "str",
    "cgroup-parent": "str",
    "data-root": "str",
    "debug": "bool",
    "default-address-pools": ("list", "dict"),
    "default-cgroupns-mode": "str",
    "default-runtime": "str",
    "default-ulimits": "dict",
    "dns": STRING_LIST,
    "dns-opts": STRING_LIST,
    "dns-search": STRING_LIST,
    "exec-opts": STRING_LIST,
    "experimental": "bool",
    "features": "dict",
    "hosts": STRING_LIST,
    "insecure-registries": STRING_LIST,
    "ip": "str",
    "ip-forward": "bool",
    "ip-masq": "bool",
    "ip6tables": "bool",
    "iptables": "bool",
    "ipv6": "bool",
    "labels": STRING_LIST,
    "live-restore": "bool",
    "log-driver": "str",
    "log-level": "str",
    "log-opts": ("dict", "str"),
    "max-concurrent-downloads": "int",
    "max-concurrent-uploads": "int",
    "max-download-attempts": "int",
    "metrics-addr": "str",
    "mtu": "int",
    "registry-mirrors": STRING_LIST,
    "runtimes": "dict",
    "selinux-enabled": "bool",
    "shutdown-timeout": "int",
    "storage-driver": "str",
    "storage-opts": STRING_LIST,
    "userland-proxy": "bool",
    "userns-remap": "str",
}
LOG_LEVELS = ("debug", "info", "warn", "error", "fatal")
JSON_TYPES = {"str": str, "bool": bool, "int": int, "dict": dict, "list": list}


def _is(value, type_name):
    # bool is a subclass of int in Python, but not in JSON.
    if type_name == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, JSON_TYPES[type_name])


def type_errors(settings):
    """Messages for every well-known key whose value has the wrong JSON type."""
    errors = []
    for key in sorted(settings):
        expected = KNOWN_KEY_TYPES.get(key)
        if expected is None:
            continue
        value = settings[key]
        outer, inner = (expected, None) if isinstance(expected, str) else expected
        if not _is(value, outer):
            errors.append("%s must be a %s, got %s" % (key, outer, type(value).__name__))
            continue
        items = value.values() if outer == "dict" else value if outer == "list" else ()
        if inner and not all(_is(item, inner) for item in items):
            errors.append("every item of %s must be a %s (daemon.json wants %s)" % (
                key, inner, "strings, for example \"3\" not 3" if inner == "str" else inner + "s"))
    if "log-level" in settings and settings["log-level"] not in LOG_LEVELS:
        errors.append("log-level must be one of %s" % ", ".join(LOG_LEVELS))
    return errors


def deep_merge(base, overlay):
    """overlay merged into a copy of base; dicts merge key by key, anything else is replaced."""
    merged = copy.deepcopy(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def render(settings):
    """daemon.json text with a stable key order, so unchanged data means an unchanged file."""
    return json.dumps(settings, indent=2, sort_keys=True) + "\n"


def parse(text):
    """The settings in text; an empty file means no settings. Raises ValueError."""
    if not text.strip():
        return {}
    settings = json.loads(text)
    if not isinstance(settings, dict):
        raise ValueError("the top level is a %s, not an object" % type(settings).__name__)
    return settings


def changed_keys(before, after):
    return sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))


def needed_action(keys):
    """'restart', 'reload' or 'none' for a change of these top-level keys."""
    if not keys:
        return "none"
    if all(key in RELOADABLE_KEYS for key in keys):
        return "reload"
    return "restart"
