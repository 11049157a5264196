# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json

import pytest

from ansible.module_utils.testing import patch_module_args
from ansible_collections.concert.mlops.plugins.modules import gitlab_runner

from .gitlab_standin import GitLabStandIn

TOKEN = "glpat-standin"


@pytest.fixture
def gitlab():
    with GitLabStandIn(token=TOKEN) as standin:
        yield standin


def run(capsys, check_mode=False, diff=False, **args):
    args.setdefault("token", TOKEN)
    args.setdefault("description", "ci-1")
    args.setdefault("tags", ["docker"])
    args = dict((key, value) for key, value in args.items() if value is not None)
    if check_mode:
        args["_ansible_check_mode"] = True
    if diff:
        args["_ansible_diff"] = True
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            gitlab_runner.main()
    return exit_info.value.code, json.loads(capsys.readouterr().out)


def writes(standin):
    return [(method, path) for method, path in standin.requests if method != "GET"]


def test_a_new_project_runner_is_created_with_its_token(capsys, gitlab):
    code, result = run(capsys, api_url=gitlab.url, project="ml/model", tags=["docker", "concert"])
    assert code == 0 and result["changed"] is True and result["action"] == "created"
    assert result["runner_token"].startswith("glrt-")
    (runner,) = gitlab.runners.values()
    assert runner["runner_type"] == "project_type" and runner["projects"] == [{"id": 12}]
    assert runner["tag_list"] == ["concert", "docker"] and result["runner"]["id"] == runner["id"]
    # The second run finds it by its description and has nothing to do.
    code, result = run(capsys, api_url=gitlab.url, project="ml/model", tags=["docker", "concert"])
    assert result["changed"] is False and result["action"] == "unchanged" and "runner_token" not in result


def test_check_mode_creates_nothing(capsys, gitlab):
    code, result = run(capsys, check_mode=True, api_url=gitlab.url, project="12")
    assert code == 0 and result["changed"] is True and result["action"] == "created"
    assert gitlab.runners == {} and writes(gitlab) == []


def test_tags_and_settings_change_in_place(capsys, gitlab):
    runner = gitlab.add_runner("ci-1", tags=["docker"])
    code, result = run(capsys, diff=True, api_url=gitlab.url, project="12", tags=["docker", "gpu"], paused=True)
    assert code == 0 and result["action"] == "updated"
    assert result["diff"] == {"before": {"tag_list": ["docker"], "paused": False},
                              "after": {"tag_list": ["docker", "gpu"], "paused": True}}
    assert gitlab.runners[runner["id"]]["tag_list"] == ["docker", "gpu"] and gitlab.runners[runner["id"]]["paused"]
    assert writes(gitlab) == [("PUT", "/api/v4/runners/%d" % runner["id"])]


def test_a_runner_past_the_first_page_is_found(capsys, gitlab):
    for number in range(230):
        gitlab.add_runner("other-%d" % number)
    runner = gitlab.add_runner("ci-1", tags=["docker"])
    code, result = run(capsys, api_url=gitlab.url, project="12", state="absent")
    assert code == 0 and result["action"] == "removed"
    assert runner["id"] not in gitlab.runners and len(gitlab.runners) == 230
    listings = [path for method, path in gitlab.requests if path.endswith("/runners")]
    assert len(listings) == 3


def test_absent_removes_it_on_gitlab_then_has_nothing_to_do(capsys, gitlab):
    gitlab.add_runner("ci-1", tags=["docker"])
    code, result = run(capsys, api_url=gitlab.url, project="12", state="absent")
    assert result["changed"] is True and gitlab.runners == {}
    code, result = run(capsys, api_url=gitlab.url, project="12", state="absent")
    assert result["changed"] is False and result["action"] == "absent"


def test_a_runner_of_another_scope_with_the_same_description_is_not_touched(capsys, gitlab):
    group_runner = gitlab.add_runner("ci-1", runner_type="group_type", group="7", tags=["docker"])
    code, result = run(capsys, api_url=gitlab.url, group="ml", state="absent")
    assert result["action"] == "removed" and gitlab.runners == {}
    gitlab.runners[group_runner["id"]] = group_runner
    code, result = run(capsys, api_url=gitlab.url, project="12", state="absent")
    assert result["action"] == "absent" and group_runner["id"] in gitlab.runners


def test_replace_makes_the_runner_anew_for_a_new_token(capsys, gitlab):
    old = gitlab.add_runner("ci-1", tags=["docker"])
    code, result = run(capsys, api_url=gitlab.url, project="12", replace=True)
    assert result["action"] == "replaced" and result["runner_token"].startswith("glrt-")
    assert old["id"] not in gitlab.runners and len(gitlab.runners) == 1


def test_an_instance_runner_needs_an_administrator(capsys, gitlab):
    code, result = run(capsys, api_url=gitlab.url)
    assert code == 1 and result["status"] == 403 and "403 Forbidden" in result["msg"]
    with GitLabStandIn(token=TOKEN, admin=True) as admin:
        code, result = run(capsys, api_url=admin.url)
        assert code == 0 and result["action"] == "created"
        assert list(admin.runners.values())[0]["runner_type"] == "instance_type"


def test_an_unknown_project_is_refused_in_gitlabs_words(capsys, gitlab):
    code, result = run(capsys, api_url=gitlab.url, project="ml/other")
    assert code == 1 and result["status"] == 404 and "404 Project Not Found" in result["msg"]


def test_a_timeout_is_set_when_given_and_left_alone_when_not(capsys, gitlab):
    runner = gitlab.add_runner("ci-1", tags=["docker"], maximum_timeout=3600)
    code, result = run(capsys, api_url=gitlab.url, project="12")
    assert result["changed"] is False
    code, result = run(capsys, api_url=gitlab.url, project="12", maximum_timeout=7200)
    assert result["action"] == "updated" and gitlab.runners[runner["id"]]["maximum_timeout"] == 7200


def test_a_wrong_token_fails_without_showing_it(capsys, gitlab):
    code, result = run(capsys, api_url=gitlab.url, project="12", token="glpat-wrong-secret")
    assert code == 1 and result["status"] == 401 and "401 Unauthorized" in result["msg"]
    assert "glpat-wrong-secret" not in json.dumps(result)


@pytest.mark.parametrize("args, message", [
    (dict(description=" "), "description must not be empty"),
    (dict(tags=[]), "run_untagged=true"),
    (dict(maximum_timeout=60), "at least 600 seconds"),
    (dict(group="ml"), "mutually exclusive"),
])
def test_bad_input_is_refused_before_any_call(capsys, gitlab, args, message):
    code, result = run(capsys, api_url=gitlab.url, project="12", **args)
    assert code == 1 and message in result["msg"]
    assert gitlab.requests == []
