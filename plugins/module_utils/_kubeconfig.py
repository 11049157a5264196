# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Merging one cluster's kubeconfig into a user's, keeping every other entry.

Works on parsed documents (dicts), so it is tested without files or YAML.
"""

from __future__ import annotations

import copy

# Credentials a kubeconfig user may carry; never shown in a diff.
SECRET_USER_KEYS = ("client-key-data", "client-key", "token", "password", "client-certificate-data")
SECTIONS = ("clusters", "users", "contexts")


class KubeconfigError(Exception):
    pass


def empty():
    return {"apiVersion": "v1", "kind": "Config", "preferences": {},
            "clusters": [], "users": [], "contexts": [], "current-context": ""}


def source_parts(source):
    """The cluster, user and (cluster, user) of the source's current context.

    A k3s server writes one of each, all named "default".
    """
    if not isinstance(source, dict):
        raise KubeconfigError("the source is not a kubeconfig (a YAML mapping)")
    for section in SECTIONS:
        if not isinstance(source.get(section), list) or not source[section]:
            raise KubeconfigError("the source kubeconfig has no %s" % section)
    contexts = dict((entry.get("name"), entry.get("context") or {}) for entry in source["contexts"])
    chosen = source.get("current-context") or source["contexts"][0].get("name")
    if chosen not in contexts:
        raise KubeconfigError("the source's current context %r is not among its contexts" % chosen)
    context = contexts[chosen]
    cluster = _named(source["clusters"], context.get("cluster"), "cluster")
    user = _named(source["users"], context.get("user"), "user")
    if not (cluster.get("cluster") or {}).get("server"):
        raise KubeconfigError("the source's cluster %r has no server address" % context.get("cluster"))
    return cluster.get("cluster"), user.get("user") or {}, context


def _named(entries, name, what):
    for entry in entries:
        if entry.get("name") == name:
            return entry
    raise KubeconfigError("the source's context names %s %r, which it does not define" % (what, name))


def merge(target, source, name, server=None, set_current=False):
    """A copy of target with source's cluster, user and context under `name`."""
    merged = _normalised(target)
    cluster, user, context = source_parts(source)
    cluster = copy.deepcopy(cluster)
    if server:
        cluster["server"] = server
    new_context = dict((key, value) for key, value in context.items() if key not in ("cluster", "user"))
    new_context.update(cluster=name, user=name)
    _put(merged["clusters"], name, "cluster", cluster)
    _put(merged["users"], name, "user", copy.deepcopy(user))
    _put(merged["contexts"], name, "context", new_context)
    if set_current or not merged.get("current-context"):
        merged["current-context"] = name
    return merged


def remove(target, name):
    """A copy of target without the cluster, user and context called `name`."""
    merged = _normalised(target)
    for section in SECTIONS:
        merged[section] = [entry for entry in merged[section] if entry.get("name") != name]
    if merged.get("current-context") == name:
        merged["current-context"] = ""
    return merged


def _normalised(target):
    if target is None:
        return empty()
    if not isinstance(target, dict):
        raise KubeconfigError("the existing kubeconfig is not a YAML mapping; it was left as it is")
    merged = copy.deepcopy(target)
    for section in SECTIONS:
        if merged.get(section) is None:
            merged[section] = []
        if not isinstance(merged[section], list):
            raise KubeconfigError("the existing kubeconfig's %s is not a list; it was left as it is" % section)
    merged.setdefault("apiVersion", "v1")
    merged.setdefault("kind", "Config")
    return merged


def _put(entries, name, key, value):
    for entry in entries:
        if entry.get("name") == name:
            entry[key] = value
            return
    entries.append({"name": name, key: value})


def redacted(config):
    """The document with every user's credentials masked, for diffs."""
    if not isinstance(config, dict):
        return config
    shown = copy.deepcopy(config)
    for entry in shown.get("users") or []:
        user = entry.get("user") or {}
        for key in SECRET_USER_KEYS:
            if key in user:
                user[key] = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    return shown
