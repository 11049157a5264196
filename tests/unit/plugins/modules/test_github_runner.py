# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json

import pytest

from ansible.module_utils.testing import patch_module_args
from ansible_collections.concert.mlops.plugins.modules import github_runner

from .github_standin import GitHubStandIn

TOKEN = "ghp_standin"


@pytest.fixture
def github():
    with GitHubStandIn(token=TOKEN) as standin:
        yield standin


def run(capsys, check_mode=False, diff=False, **args):
    args.setdefault("token", TOKEN)
    args.setdefault("repository", "example/model")
    args.setdefault("name", "ci-1")
    args = dict((key, value) for key, value in args.items() if value is not None)
    if check_mode:
        args["_ansible_check_mode"] = True
    if diff:
        args["_ansible_diff"] = True
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            github_runner.main()
    return exit_info.value.code, json.loads(capsys.readouterr().out)


def writes(standin):
    return [(method, path) for method, path, dummy in standin.requests if method != "GET"]


def test_an_unregistered_runner_gets_a_registration_token(capsys, github):
    code, result = run(capsys, api_url=github.url, labels=["gpu"])
    assert code == 0 and result["changed"] is False and result["action"] == "token_issued"
    assert result["registration_token"] == "AABF3JGZDX3P5PMEXLND6TS6FCWO6"
    assert writes(github) == [("POST", "/repos/example/model/actions/runners/registration-token")]


def test_check_mode_issues_no_token(capsys, github):
    code, result = run(capsys, check_mode=True, api_url=github.url)
    assert code == 0 and result["action"] == "token_issued" and "registration_token" not in result
    assert writes(github) == []


def test_a_registered_runner_with_its_labels_is_left_alone(capsys, github):
    github.add_runner("ci-1", ["gpu", "concert"])
    code, result = run(capsys, api_url=github.url, labels=["concert", "gpu"])
    assert code == 0 and result["changed"] is False and result["action"] == "unchanged"
    assert result["runner"]["id"] == 1 and writes(github) == []


def test_labels_are_changed_in_place_keeping_githubs_own(capsys, github):
    github.add_runner("ci-1", ["gpu"])
    code, result = run(capsys, diff=True, api_url=github.url, labels=["cpu", "concert"])
    assert code == 0 and result["changed"] is True and result["action"] == "labels_set"
    assert result["diff"] == {"before": {"labels": ["gpu"]}, "after": {"labels": ["concert", "cpu"]}}
    labels = github.runners[1]["labels"]
    assert [label["name"] for label in labels] == ["self-hosted", "Linux", "X64", "concert", "cpu"]
    assert writes(github) == [("PUT", "/repos/example/model/actions/runners/1/labels")]
    # Once more: nothing left to do.
    code, result = run(capsys, api_url=github.url, labels=["cpu", "concert"])
    assert result["changed"] is False


def test_check_mode_reports_a_label_change_without_making_it(capsys, github):
    github.add_runner("ci-1", ["gpu"])
    code, result = run(capsys, check_mode=True, api_url=github.url, labels=["cpu"])
    assert result["changed"] is True and writes(github) == []
    assert [label["name"] for label in github.runners[1]["labels"]][-1] == "gpu"


def test_a_runner_past_the_first_hundred_is_found(capsys, github):
    for number in range(250):
        github.add_runner("other-%d" % number)
    github.add_runner("ci-1", ["gpu"])
    code, result = run(capsys, api_url=github.url, labels=["gpu"], state="absent")
    assert code == 0 and result["action"] == "removed" and result["runner"]["id"] == 251
    pages = [path for method, path, dummy in github.requests if method == "GET"]
    assert len(pages) == 3
    assert 251 not in github.runners and len(github.runners) == 250


def test_absent_removes_the_runner_on_github_and_then_has_nothing_to_do(capsys, github):
    github.add_runner("ci-1", ["gpu"])
    code, result = run(capsys, diff=True, api_url=github.url, state="absent")
    assert code == 0 and result["changed"] is True and result["action"] == "removed"
    assert result["diff"]["after"] == {"registered": False}
    assert github.runners == {}
    code, result = run(capsys, api_url=github.url, state="absent")
    assert result["changed"] is False and result["action"] == "absent"


def test_a_busy_runner_is_not_removed_and_githubs_words_are_given(capsys, github):
    github.add_runner("ci-1", busy=True)
    code, result = run(capsys, api_url=github.url, state="absent")
    assert code == 1 and result["status"] == 422
    assert "is still running a job" in result["msg"] and 1 in github.runners


def test_jit_creates_the_runner_with_its_labels(capsys, github):
    code, result = run(capsys, api_url=github.url, labels=["ephemeral"], registration="jit")
    assert code == 0 and result["changed"] is True and result["action"] == "jit_created"
    assert result["encoded_jit_config"] and result["runner"]["name"] == "ci-1"
    assert [label["name"] for label in github.runners[1]["labels"]][-1] == "ephemeral"


def test_jit_needs_a_label(capsys, github):
    code, result = run(capsys, api_url=github.url, registration="jit")
    assert code == 1 and result["msg"] == "a just-in-time runner needs at least one label"
    assert writes(github) == []


def test_bad_credentials_fail_with_githubs_words_and_not_the_token(capsys, github):
    code, result = run(capsys, api_url=github.url, token="ghp_wrong_secret_value")
    assert code == 1 and result["status"] == 401 and "Bad credentials" in result["msg"]
    assert "ghp_wrong_secret_value" not in json.dumps(result)


def test_an_unknown_repository_is_not_found(capsys, github):
    code, result = run(capsys, api_url=github.url, repository="example/other")
    assert code == 1 and result["status"] == 404 and "Not Found" in result["msg"]


def test_a_forge_that_does_not_answer(capsys):
    code, result = run(capsys, api_url="http://127.0.0.1:9", timeout=2)
    assert code == 1 and "failed" in result["msg"] or "answered nothing" in result["msg"]


@pytest.mark.parametrize("args, message", [
    (dict(repository="model"), "repository must be owner/name"),
    (dict(name=" "), "name must not be empty"),
    (dict(organization="example"), "mutually exclusive"),
    (dict(token=None, app_id="1"), "parameters are required together"),
])
def test_bad_input_is_refused_before_any_call(capsys, github, args, message):
    code, result = run(capsys, api_url=github.url, **args)
    assert code == 1 and message in result["msg"]
    assert github.requests == []


def test_a_github_app_authenticates_as_its_installation(capsys):
    rsa = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.rsa")
    from cryptography.hazmat.primitives import serialization
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    with GitHubStandIn(app=("4242", "77", key.public_key())) as standin:
        standin.add_runner("ci-1", ["gpu"])
        code, result = run(capsys, api_url=standin.url, token=None, app_id="4242", app_private_key=pem,
                           app_installation_id="77", labels=["gpu"])
        assert code == 0 and result["action"] == "unchanged"
        assert standin.requests[0][1] == "/app/installations/77/access_tokens"
        assert standin.requests[1][2]["Authorization"] == "Bearer ghs_installation1"
        # Another App's key is refused.
        other = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
        code, result = run(capsys, api_url=standin.url, token=None, app_id="4242", app_private_key=other,
                           app_installation_id="77")
        assert code == 1 and result["status"] == 401


def test_a_key_that_is_not_pem_is_refused(capsys, github):
    code, result = run(capsys, api_url=github.url, token=None, app_id="1", app_private_key="not a key",
                       app_installation_id="2")
    assert code == 1 and "not a PEM private key" in result["msg"]
