# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import datetime
import json

import pytest

from ansible.module_utils.testing import patch_module_args
from ansible_collections.concert.mlops.plugins.modules import alertmanager_silence
from ansible_collections.concert.mlops.plugins.module_utils import _alertmanager as am

from .alertmanager_standin import AlertmanagerStandIn

MATCHERS = [{"name": "instance", "value": "node1:9100"}, {"name": "job", "value": "node"}]
COMMENT = "rollout: node1"


@pytest.fixture
def alertmanager():
    with AlertmanagerStandIn() as standin:
        yield standin


def run(capsys, **args):
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            alertmanager_silence.main()
    return exit_info.value.code, json.loads(capsys.readouterr().out)


def silence(alertmanager, **extra):
    """Module arguments for the usual silence; an extra argument set to None is left out."""
    args = dict(dict(url=alertmanager.url, matchers=MATCHERS, comment=COMMENT, duration="1h"), **extra)
    return dict((key, value) for key, value in args.items() if value is not None)


def test_creates_a_silence(capsys, alertmanager):
    code, result = run(capsys, **silence(alertmanager))
    assert code == 0 and result["changed"] is True and result["action"] == "created"
    (stored,) = alertmanager.silences.values()
    assert stored["id"] == result["silence_id"]
    assert stored["comment"] == COMMENT and stored["createdBy"] == "concert.mlops"
    assert sorted(m["name"] for m in stored["matchers"]) == ["instance", "job"]
    length = am.parse_time(stored["endsAt"]) - am.parse_time(stored["startsAt"])
    assert length == datetime.timedelta(hours=1)


def test_second_run_finds_the_same_silence(capsys, alertmanager):
    run(capsys, **silence(alertmanager))
    code, result = run(capsys, **silence(alertmanager, matchers=list(reversed(MATCHERS))))
    assert code == 0 and result["changed"] is False and result["action"] == "unchanged"
    assert len(alertmanager.silences) == 1
    assert len(alertmanager.writes()) == 1


def test_other_comment_is_another_silence(capsys, alertmanager):
    run(capsys, **silence(alertmanager))
    code, result = run(capsys, **silence(alertmanager, comment="another window"))
    assert result["action"] == "created" and len(alertmanager.silences) == 2


def test_fixed_end_updates_the_silence_in_place(capsys, alertmanager):
    end = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=2)).replace(microsecond=0)
    code, first = run(capsys, **silence(alertmanager, duration=None, ends_at=end.isoformat()))
    later = end + datetime.timedelta(hours=1)
    code, second = run(capsys, **silence(alertmanager, duration=None, ends_at=later.isoformat()))
    assert second["changed"] is True and second["action"] == "updated"
    assert second["silence_id"] == first["silence_id"] and len(alertmanager.silences) == 1
    assert am.parse_time(alertmanager.silences[first["silence_id"]]["endsAt"]) == later
    code, third = run(capsys, **silence(alertmanager, duration=None, ends_at=later.isoformat()))
    assert third["changed"] is False


def test_absent_expires_it_and_then_is_idempotent(capsys, alertmanager):
    run(capsys, **silence(alertmanager))
    code, result = run(capsys, **silence(alertmanager, duration=None, state="absent"))
    assert code == 0 and result["changed"] is True and result["action"] == "expired"
    assert alertmanager.with_state(next(iter(alertmanager.silences.values())))["status"]["state"] == "expired"
    code, result = run(capsys, **silence(alertmanager, duration=None, state="absent"))
    assert result["changed"] is False and result["action"] == "absent"


def test_expired_silence_is_not_reused(capsys, alertmanager):
    run(capsys, **silence(alertmanager))
    run(capsys, **silence(alertmanager, duration=None, state="absent"))
    code, result = run(capsys, **silence(alertmanager))
    assert result["action"] == "created" and len(alertmanager.silences) == 2


def test_check_mode_writes_nothing(capsys, alertmanager):
    code, result = run(capsys, _ansible_check_mode=True, **silence(alertmanager))
    assert code == 0 and result["changed"] is True and result["action"] == "created"
    assert alertmanager.silences == {} and alertmanager.writes() == []
    run(capsys, **silence(alertmanager))
    code, result = run(capsys, _ansible_check_mode=True, **silence(alertmanager, duration=None, state="absent"))
    assert result["action"] == "expired" and len(alertmanager.writes()) == 1


def test_basic_auth_is_sent(capsys):
    with AlertmanagerStandIn(credentials=("ops", "s3cret")) as standin:
        code, result = run(capsys, username="ops", password="s3cret", **silence(standin))
        assert code == 0 and result["action"] == "created"
        code, result = run(capsys, username="ops", password="wrong", **silence(standin, comment="x"))
        assert code == 1 and "401" in result["msg"]
        assert "s3cret" not in json.dumps(result) and "wrong" not in json.dumps(result)


def test_unreachable_alertmanager_fails_clearly(capsys):
    code, result = run(capsys, url="http://127.0.0.1:9", matchers=MATCHERS, comment=COMMENT, duration="1h", timeout=2)
    assert code == 1 and "GET http://127.0.0.1:9/api/v2/silences failed" in result["msg"]


@pytest.mark.parametrize("args, message", [
    ({"duration": "soon"}, "Invalid silence window: not a duration"),
    ({"duration": None, "ends_at": "2020-01-01T00:00:00+00:00"}, "would end before it starts"),
    ({"duration": None, "ends_at": "2030-01-01T00:00:00"}, "without a timezone"),
    ({"duration": None}, "state is present but any of the following are missing: duration, ends_at"),
    ({"ends_at": "2030-01-01T00:00:00+00:00"}, "mutually exclusive"),
    ({"matchers": []}, "at least one label"),
])
def test_bad_input_fails_before_calling_the_api(capsys, alertmanager, args, message):
    code, result = run(capsys, **silence(alertmanager, **args))
    assert code == 1 and message in result["msg"]
    assert alertmanager.requests == []


@pytest.mark.parametrize("text, seconds", [("30m", 1800), ("2h", 7200), ("1h30m", 5400), ("1d", 86400)])
def test_parse_duration(text, seconds):
    assert am.parse_duration(text) == seconds


def test_parse_time_reads_alertmanager_nanoseconds():
    assert am.parse_time("2026-11-26T12:00:00.123456789Z") == datetime.datetime(
        2026, 11, 26, 12, 0, 0, 123456, tzinfo=datetime.timezone.utc)
