# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json

import pytest

from ansible_collections.concert.mlops.plugins.plugin_utils._istio_plan import IstioPlanError, decide


def build(version):
    return {"version": version, "revision": "0123456789abcdef0123456789abcdef01234567",
            "golang_version": "go1.23.4", "status": "Clean", "tag": version}


def istioctl_output(client, *planes):
    """The shape of `istioctl version -o json` (istio's pkg/version types):
    clientVersion always; meshVersion and dataPlaneVersion once a control plane
    runs. Written to that shape here: this machine cannot run Istio to record one."""
    output = {"clientVersion": build(client)}
    if planes:
        output["meshVersion"] = [{"Component": "istiod", "Revision": revision, "Info": build(version)}
                                 for revision, version in planes]
        output["dataPlaneVersion"] = [{"ID": "model-7d9c6b-x2x4q.ml", "IstioVersion": planes[0][1]}]
    return output


def test_no_control_plane_means_install_as_a_named_revision():
    decided = decide(istioctl_output("1.24.2"), "1.24.2")
    assert decided == dict(action="install", revision="1-24-2", target="1.24.2", installed={}, previous_revisions=[])


def test_the_target_running_means_nothing_to_do():
    decided = decide(json.dumps(istioctl_output("1.24.2", ("1-24-2", "1.24.2"))), "1.24.2")
    assert decided["action"] == "none" and decided["revision"] == "1-24-2"
    assert decided["previous_revisions"] == []


def test_a_running_default_revision_of_the_target_is_kept_under_its_name():
    decided = decide(istioctl_output("1.24.2", ("default", "1.24.2")), "1.24.2")
    assert decided["action"] == "none" and decided["revision"] == "default"


def test_an_older_control_plane_means_a_canary_upgrade():
    decided = decide(istioctl_output("1.24.2", ("1-23-3", "1.23.3")), "1.24.2")
    assert decided["action"] == "upgrade" and decided["revision"] == "1-24-2"
    assert decided["installed"] == {"1-23-3": "1.23.3"}
    assert decided["previous_revisions"] == ["1-23-3"]


def test_two_minor_versions_at_once_is_allowed():
    assert decide(istioctl_output("1.24.2", ("1-22-8", "1.22.8")), "1.24.2")["action"] == "upgrade"


def test_an_interrupted_upgrade_names_the_old_revision_to_remove():
    decided = decide(istioctl_output("1.24.2", ("1-23-3", "1.23.3"), ("1-24-2", "1.24.2")), "1.24.2")
    assert decided["action"] == "none" and decided["previous_revisions"] == ["1-23-3"]


def test_three_minor_versions_at_once_is_refused():
    with pytest.raises(IstioPlanError) as caught:
        decide(istioctl_output("1.24.2", ("1-21-6", "1.21.6")), "1.24.2")
    assert "more than 2 minor versions ahead of revision 1-21-6 (1.21.6)" in str(caught.value)


def test_a_downgrade_is_refused_with_the_way_back():
    with pytest.raises(IstioPlanError) as caught:
        decide(istioctl_output("1.23.3", ("1-24-2", "1.24.2")), "1.23.3")
    assert "older than the running control plane 1.24.2" in str(caught.value)
    assert "revision tags" in str(caught.value)


def test_an_istioctl_of_another_version_is_refused_unless_allowed():
    with pytest.raises(IstioPlanError) as caught:
        decide(istioctl_output("1.23.3"), "1.24.2")
    assert "istioctl is 1.23.3, not the target 1.24.2" in str(caught.value)
    assert decide(istioctl_output("1.23.3"), "1.24.2", require_client_match=False)["action"] == "install"


@pytest.mark.parametrize("output, says", [
    ("", "printed nothing"),
    ("Error: no running Istio pods", "not the JSON"),
    ({"meshVersion": []}, "no clientVersion"),
    ({"clientVersion": build("1.24.2"),
      "meshVersion": [{"Component": "istiod", "Revision": "x", "Info": {"version": "unknown"}}]}, "istiod revision x"),
])
def test_output_it_cannot_read_is_refused(output, says):
    with pytest.raises(IstioPlanError) as caught:
        decide(output, "1.24.2", require_client_match=False)
    assert says in str(caught.value)


@pytest.mark.parametrize("bad", ["1.24", "latest", "1.24.2-beta.0", ""])
def test_an_unreadable_target_is_refused(bad):
    with pytest.raises(IstioPlanError) as caught:
        decide(istioctl_output("1.24.2"), bad, require_client_match=False)
    assert "is not an Istio release version" in str(caught.value)
