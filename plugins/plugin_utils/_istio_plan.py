# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Install, upgrade to a new revision, or nothing: Istio's next step, decided
from `istioctl version -o json` and the version wanted.

Concert installs every Istio version as its own revision (1.24.2 as 1-24-2)
and moves namespaces between revisions with revision tags, upstream's canary
upgrade. Kept free of Ansible so it is tested on its own.
"""

from __future__ import annotations

import json
import re

VERSION = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)$")

# Upstream supports canary upgrades across at most two minor versions.
MAX_MINOR_STEP = 2


class IstioPlanError(Exception):
    pass


def parse_version(text, what):
    match = VERSION.match((text or "").strip())
    if not match:
        raise IstioPlanError("%s %r is not an Istio release version like 1.24.2" % (what, text))
    return tuple(int(part) for part in match.groups())


def revision_name(version):
    """The revision Concert gives a version: 1.24.2 becomes 1-24-2."""
    return "%d-%d-%d" % version


def shown(version):
    return "%d.%d.%d" % version


def read_output(output):
    if isinstance(output, (str, bytes)):
        text = output.strip()
        if not text:
            raise IstioPlanError("istioctl printed nothing; run `istioctl version -o json`")
        try:
            output = json.loads(text)
        except ValueError as exc:
            raise IstioPlanError("not the JSON of `istioctl version -o json`: %s" % exc)
    if not isinstance(output, dict) or "clientVersion" not in output:
        raise IstioPlanError("not the output of `istioctl version -o json` (no clientVersion)")
    return output


def control_planes(output):
    """Running istiod revisions and their versions, from meshVersion."""
    planes = {}
    for server in output.get("meshVersion") or []:
        if server.get("Component") != "istiod":
            continue
        revision = server.get("Revision") or "default"
        version = (server.get("Info") or {}).get("version")
        planes[revision] = parse_version(version, "istiod revision %s reports version" % revision)
    return planes


def decide(output, target_version, require_client_match=True):
    """dict(action, revision, ...) for reaching target_version, or IstioPlanError."""
    output = read_output(output)
    target = parse_version(target_version, "the target version")
    client = (output.get("clientVersion") or {}).get("version")
    if require_client_match and client != shown(target):
        raise IstioPlanError("istioctl is %s, not the target %s: Istio is installed and upgraded with the "
                             "istioctl of the version it installs" % (client, shown(target)))
    planes = control_planes(output)
    result = dict(revision=revision_name(target), target=shown(target),
                  installed=dict((revision, shown(version)) for revision, version in sorted(planes.items())),
                  previous_revisions=[])
    if not planes:
        result["action"] = "install"
        return result
    at_target = [revision for revision, version in planes.items() if version == target]
    newest = max(planes.values())
    if target < newest:
        raise IstioPlanError("the target %s is older than the running control plane %s; roll back by pointing "
                             "the revision tags at an older revision still installed, not by installing an "
                             "older one" % (shown(target), shown(newest)))
    too_old = sorted(revision for revision, version in planes.items()
                     if version[0] != target[0] or target[1] - version[1] > MAX_MINOR_STEP)
    if too_old and not at_target:
        raise IstioPlanError("the target %s is more than %d minor versions ahead of revision %s; upgrade "
                             "through an intermediate release first" % (
                                 shown(target), MAX_MINOR_STEP, ", ".join(
                                     "%s (%s)" % (revision, shown(planes[revision])) for revision in too_old)))
    result["previous_revisions"] = sorted(revision for revision in planes if revision not in at_target)
    if at_target:
        # The running revision may carry another name (an install made before Concert).
        result["action"] = "none"
        result["revision"] = sorted(at_target)[0]
        return result
    result["action"] = "upgrade"
    return result
