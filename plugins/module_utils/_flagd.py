# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""flagd's flag-definition files: what their schema (flags.json, v0) requires,
and one flag changed in place.

The rules below are those of the schema: a `flags` object of flags, each with a
`state` of ENABLED or DISABLED, variants all of one type (boolean, string,
number or object), a `defaultVariant` that is a string or null, `targeting` a
JSON Logic object, metadata of scalar values; `$evaluators` objects. flagd also
refuses, when it evaluates, a default variant that names no variant, so that
is checked too. Kept free of Ansible so it is tested on its own.
"""

from __future__ import annotations

import json

SCHEMA_URL = "https://flagd.dev/schema/v0/flags.json"
STATES = ("ENABLED", "DISABLED")


class FlagdError(Exception):
    pass


def _variant_type(value):
    # bool is an int in Python; the schema tells them apart.
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, dict):
        return "object"
    return None


def _metadata_problems(where, metadata):
    if not isinstance(metadata, dict):
        return ["%s: metadata must be an object" % where]
    return [
        "%s: metadata %r must be a string, a number or a boolean" % (where, key)
        for key, value in sorted(metadata.items())
        if _variant_type(value) not in ("boolean", "string", "number")
    ]


def flag_problems(key, flag):
    """What keeps one flag from being valid, as sentences; empty when it is."""
    where = "flag %r" % key
    if not key:
        return ["a flag needs a non-empty key"]
    if not isinstance(flag, dict):
        return ["%s must be an object" % where]
    problems = []
    if flag.get("state") not in STATES:
        problems.append("%s: state must be ENABLED or DISABLED, not %r" % (where, flag.get("state")))
    variants = flag.get("variants", {})
    if not isinstance(variants, dict):
        problems.append("%s: variants must be an object" % where)
        variants = {}
    types = set(_variant_type(value) for value in variants.values())
    if None in types or len(types) > 1:
        problems.append("%s: variants must all be booleans, all strings, all numbers or all objects, not %s"
                        % (where, json.dumps(variants, sort_keys=True)))
    if any(not name for name in variants):
        problems.append("%s: a variant needs a non-empty name" % where)
    default = flag.get("defaultVariant")
    if default is not None and not isinstance(default, str):
        problems.append("%s: defaultVariant must be a variant's name or null" % where)
    elif default is not None and default not in variants:
        problems.append("%s: defaultVariant %r is not one of its variants (%s)"
                        % (where, default, ", ".join(sorted(variants)) or "none"))
    if "targeting" in flag and not isinstance(flag["targeting"], dict):
        problems.append("%s: targeting must be a JSON Logic object" % where)
    if "metadata" in flag:
        problems.extend(_metadata_problems(where, flag["metadata"]))
    return problems


def document_problems(document):
    """What keeps a whole flag-definition document from being valid."""
    if not isinstance(document, dict):
        return ["the flag definitions must be a JSON object"]
    problems = []
    flags = document.get("flags", {})
    if not isinstance(flags, dict):
        problems.append("flags must be an object of flags by key")
        flags = {}
    for key in sorted(flags):
        problems.extend(flag_problems(key, flags[key]))
    evaluators = document.get("$evaluators", {})
    if not isinstance(evaluators, dict) or not all(isinstance(rule, dict) for rule in evaluators.values()):
        problems.append("$evaluators must be an object of JSON Logic objects")
    if "metadata" in document:
        problems.extend(_metadata_problems("the flag set", document["metadata"]))
    return problems


def parse(text):
    """The document in `text`; an empty or missing file is an empty flag set."""
    if not text or not text.strip():
        return {"$schema": SCHEMA_URL, "flags": {}}
    try:
        return json.loads(text)
    except ValueError as exc:
        raise FlagdError("not valid JSON: %s" % exc)


def render(document):
    """A stable layout, so the file changes only when its data does."""
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def change_flag(document, key, state="present", enabled=None, variants=None, default_variant=None,
                targeting=None, metadata=None):
    """A copy of `document` with flag `key` as asked; values left None stay as
    they are. A new flag needs its variants and default variant. Raises
    FlagdError, naming every problem, when the result would not be valid."""
    result = json.loads(json.dumps(document))
    flags = result.setdefault("flags", {})
    if not isinstance(flags, dict):
        raise FlagdError("flags must be an object of flags by key")
    if state == "absent":
        flags.pop(key, None)
        return result
    flag = dict(flags.get(key) or {})
    if key not in flags:
        if variants is None or default_variant is None:
            raise FlagdError("flag %r does not exist yet: give its variants and default_variant" % key)
        flag["state"] = "ENABLED"
    if variants is not None:
        flag["variants"] = variants
    if enabled is not None:
        flag["state"] = "ENABLED" if enabled else "DISABLED"
    if default_variant is not None:
        flag["defaultVariant"] = default_variant
    if targeting is not None:
        # An empty object takes the targeting away: the default variant is served.
        if targeting:
            flag["targeting"] = targeting
        else:
            flag.pop("targeting", None)
    if metadata is not None:
        flag["metadata"] = metadata
    flags[key] = flag
    problems = document_problems(result)
    if problems:
        raise FlagdError("; ".join(problems))
    return result
