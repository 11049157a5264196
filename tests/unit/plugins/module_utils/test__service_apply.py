# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.concert.mlops.plugins.module_utils._service_apply import (
    Applier, ApplyError, changed_files, validate_params)

# What journalctl printed for a node exporter whose new flag it does not know
# (recorded on Debian 12, `journalctl --unit ... --output cat`).
NODE_EXPORTER_JOURNAL = """\
Started prometheus-node-exporter.service - Prometheus exporter for machine metrics.
prometheus-node-exporter: error: unknown long flag '--collector.nosuchthing', try --help
prometheus-node-exporter.service: Main process exited, code=exited, status=1/FAILURE
prometheus-node-exporter.service: Failed with result 'exit-code'.
prometheus-node-exporter.service: Start request repeated too quickly.
"""


class FakeHost(object):
    """Records what the applier does; answers from scripted states."""

    def __init__(self, healthy_after=None, commands=None, posts=None):
        self.calls = []
        self.clock = 0.0
        # Health answers in order; the last one repeats.
        self.healthy_after = list(healthy_after or [True])
        self.commands = commands or {}
        self.posts = list(posts or [])
        self.restored = []
        self.removed = []

    def run(self, argv):
        self.calls.append(tuple(argv))
        for prefix, answer in self.commands.items():
            if tuple(argv[:len(prefix)]) == prefix:
                return answer.pop(0) if isinstance(answer, list) and len(answer) > 1 else (
                    answer[0] if isinstance(answer, list) else answer)
        return 0, "", ""

    def post(self, url, timeout):
        self.calls.append(("POST", url))
        return self.posts.pop(0) if len(self.posts) > 1 else self.posts[0]

    def _health(self):
        return self.healthy_after.pop(0) if len(self.healthy_after) > 1 else self.healthy_after[0]

    def port_open(self, host, port, timeout):
        self.calls.append(("port", host, port))
        return self._health()

    def get_status(self, url, timeout, validate_certs):
        self.calls.append(("GET", url))
        return 200 if self._health() else 503

    def restore(self, dest, backup):
        self.restored.append((dest, backup))

    def remove(self, path):
        self.removed.append(path)

    def now(self):
        return self.clock

    def sleep(self, seconds):
        self.clock += seconds


def params(**overrides):
    base = dict(service="prometheus-node-exporter", action="restart", reload_url=None, command=None,
                check_command=None, wait_for=None, timeout=5, files=[], error_pattern=None)
    base.update(overrides)
    return base


def test_healthy_restart_restores_nothing():
    host = FakeHost(healthy_after=[True])
    result = Applier(host, params(wait_for={"port": 9100, "host": "127.0.0.1"})).run(wall_clock=1000)
    assert result == dict(changed=True, healthy=True, rolled_back=False, restored=[])
    assert ("systemctl", "restart", "prometheus-node-exporter") in host.calls
    assert host.restored == [] and host.removed == []


def test_unhealthy_restart_rolls_back_with_the_services_words():
    host = FakeHost(healthy_after=[False, False, False, False, False, False, False, True],
                    commands={("journalctl",): (0, NODE_EXPORTER_JOURNAL, "")})
    files = [{"dest": "/etc/default/prometheus-node-exporter", "backup_file": "/etc/default/x.bak"},
             {"dest": "/etc/prometheus/new.yml"}]
    with pytest.raises(ApplyError) as caught:
        Applier(host, params(wait_for={"port": 9100, "host": "127.0.0.1"}, files=files)).run(wall_clock=1000)
    message = str(caught.value)
    assert "unknown long flag '--collector.nosuchthing'" in message
    assert "Main process exited" not in message
    assert "healthy again" in message
    assert host.restored == [("/etc/default/prometheus-node-exporter", "/etc/default/x.bak")]
    assert host.removed == ["/etc/prometheus/new.yml"]
    assert ("systemctl", "reset-failed", "prometheus-node-exporter") in host.calls
    assert host.calls.count(("systemctl", "restart", "prometheus-node-exporter")) == 2
    assert caught.value.details == dict(restored=["/etc/default/prometheus-node-exporter", "/etc/prometheus/new.yml"],
                                        rolled_back=True, back=True)
    journal = [call for call in host.calls if call[0] == "journalctl"][0]
    assert journal[-2:] == ("--since", "@1000")


def test_rollback_that_does_not_help_says_so():
    host = FakeHost(healthy_after=[False])
    with pytest.raises(ApplyError) as caught:
        Applier(host, params(wait_for={"port": 9100}, files=[{"dest": "/a", "backup_file": "/a.bak"}])).run(0)
    assert "not healthy with them either" in str(caught.value)
    assert caught.value.details["back"] is False


def test_failed_systemctl_restart_is_explained_by_the_journal():
    journal = "level=error msg=\"failed to start daemon: error initializing graphdriver: no-such-driver\"\n"
    host = FakeHost(commands={("systemctl", "restart"): (1, "", "Job for x.service failed.\n"),
                              ("journalctl",): (0, journal, "")}, healthy_after=[True])
    with pytest.raises(ApplyError) as caught:
        Applier(host, params()).run(0)
    assert "no-such-driver" in str(caught.value)


def test_failed_systemctl_without_a_journal_line_says_what_systemctl_said():
    host = FakeHost(commands={("systemctl", "restart"): (1, "", "Job for x.service failed.\n"),
                              ("journalctl",): (0, "", "")}, healthy_after=[True])
    with pytest.raises(ApplyError) as caught:
        Applier(host, params()).run(0)
    assert "Job for x.service failed." in str(caught.value)


# What `sshd -t` printed on Debian 12 for a foreign drop-in with an unknown keyword.
SSHD_T_REFUSAL = ("/etc/ssh/sshd_config.d/50-foreign.conf: line 1: Bad configuration option: Nope\n"
                  "/etc/ssh/sshd_config.d/50-foreign.conf: terminating, 1 bad configuration options\n")


def test_check_command_refusal_restores_before_anything_is_applied():
    host = FakeHost(commands={("sshd", "-t"): (255, "", SSHD_T_REFUSAL)})
    with pytest.raises(ApplyError) as caught:
        Applier(host, params(service="ssh", action="reload", check_command=["sshd", "-t"],
                             files=[{"dest": "/etc/ssh/sshd_config.d/00.conf"}])).run(0)
    assert "Bad configuration option: Nope" in str(caught.value)
    assert "terminating" in str(caught.value)
    assert "before it was applied" in str(caught.value)
    assert host.removed == ["/etc/ssh/sshd_config.d/00.conf"]
    assert not any(call[:2] == ("systemctl", "reload") for call in host.calls)


def test_error_pattern_picks_the_refusing_commands_lines():
    output = "".join("noise %d\n" % n for n in range(10)) + "ERROR  No file(s) found for glob x\n" + "more noise\n"
    host = FakeHost(commands={("fail2ban-client", "--test"): (255, output, "")})
    with pytest.raises(ApplyError) as caught:
        Applier(host, params(service="fail2ban", action="reload", check_command=["fail2ban-client", "--test"],
                             error_pattern="ERROR")).run(0)
    assert str(caught.value).endswith("It said: ERROR  No file(s) found for glob x")


def test_refusing_command_is_quoted_by_its_last_three_lines():
    output = "".join("line %d\n" % n for n in range(10))
    host = FakeHost(commands={("check",): (1, output, "")})
    with pytest.raises(ApplyError) as caught:
        Applier(host, params(check_command=["check"])).run(0)
    assert str(caught.value).endswith("It said: line 7; line 8; line 9")


def test_reload_url_refusal_is_the_reason_and_previous_config_is_reloaded():
    refusal = (500, "failed to reload config: couldn't load configuration (--config.file=x): bad\n")
    host = FakeHost(posts=[refusal, (200, "")])
    with pytest.raises(ApplyError) as caught:
        Applier(host, params(service="prometheus", action="reload_url",
                             reload_url="http://127.0.0.1:9090/-/reload",
                             files=[{"dest": "/etc/prometheus/prometheus.yml", "backup_file": "/b"}])).run(0)
    assert "couldn't load configuration" in str(caught.value)
    assert caught.value.details["back"] is True
    assert host.calls.count(("POST", "http://127.0.0.1:9090/-/reload")) == 2


def test_reload_url_retries_while_nothing_answers():
    host = FakeHost(posts=[(-1, "connection refused"), (-1, "connection refused"), (200, "")])
    result = Applier(host, params(action="reload_url", reload_url="http://x/-/reload")).run(0)
    assert result["healthy"] is True
    assert host.clock == 2


def test_reload_url_that_never_answers_fails_after_the_timeout():
    host = FakeHost(posts=[(-1, "connection refused")])
    with pytest.raises(ApplyError) as caught:
        Applier(host, params(action="reload_url", reload_url="http://x/-/reload", timeout=3)).run(0)
    assert "nothing answers" in str(caught.value)


def test_command_action_uses_its_error_output():
    host = FakeHost(commands={("augenrules",): [(1, "", "Error sending add rule data request (Invalid argument)\n"),
                                                (0, "", "")]})
    with pytest.raises(ApplyError) as caught:
        Applier(host, params(service=None, action="command", command=["augenrules", "--load"],
                             files=[{"dest": "/etc/audit/rules.d/50.rules", "backup_file": "/bak"}])).run(0)
    assert str(caught.value).startswith("augenrules did not come back healthy")
    assert "Invalid argument" in str(caught.value)
    assert caught.value.details["back"] is True


def test_url_health_waits_until_the_deadline():
    host = FakeHost(healthy_after=[False, False, True])
    result = Applier(host, params(wait_for={"url": "https://127.0.0.1:5000/v2/", "status_code": [200, 401]})).run(0)
    assert result["healthy"] is True and host.clock == 2


def test_without_wait_for_the_unit_must_be_active():
    host = FakeHost(commands={("systemctl", "is-active"): (3, "", "")})
    with pytest.raises(ApplyError):
        Applier(host, params(timeout=2)).run(0)


def test_error_pattern_picks_the_line():
    journal = "level=info msg=starting\nlevel=error msg=\"bad flag\"\nlevel=info msg=shutting down\n"
    host = FakeHost(healthy_after=[False, False, False, True], commands={("journalctl",): (0, journal, "")})
    with pytest.raises(ApplyError) as caught:
        Applier(host, params(timeout=1, wait_for={"port": 1}, error_pattern="level=error")).run(0)
    assert 'bad flag' in str(caught.value)


@pytest.mark.parametrize("bad, words", [
    (dict(action="restart", service=None), "needs service"),
    (dict(action="reload_url"), "needs reload_url"),
    (dict(action="command"), "needs command"),
    (dict(wait_for={"port": 1, "url": "http://x"}), "not port and url"),
    (dict(files=[{"backup_file": "/x"}]), "needs dest"),
])
def test_bad_combinations_are_refused(bad, words):
    with pytest.raises(ApplyError) as caught:
        validate_params(params(**bad))
    assert words in str(caught.value)


def test_changed_files_keeps_only_dest_and_backup():
    registered = [{"dest": "/a", "backup_file": "/a.1", "diff": {"after": "secret"}, "src": "/tmp/x"}, {"dest": "/b"}]
    assert changed_files(registered) == [{"dest": "/a", "backup_file": "/a.1"}, {"dest": "/b", "backup_file": None}]


def test_reload_or_restart_uses_systemctls_verb():
    host = FakeHost()
    Applier(host, params(service="fail2ban", action="reload_or_restart")).run(0)
    assert ("systemctl", "reload-or-restart", "fail2ban") in host.calls


def test_a_file_changed_by_several_loop_items_goes_back_to_its_first_backup():
    registered = [{"dest": "/etc/grafana/grafana.ini", "backup_file": "/b1"},
                  {"dest": "/etc/grafana/grafana.ini", "backup_file": "/b2"}]
    assert changed_files(registered) == [{"dest": "/etc/grafana/grafana.ini", "backup_file": "/b1"}]


def test_a_result_naming_its_file_path_is_restored_too():
    assert changed_files([{"path": "/etc/docker/daemon.json", "backup_file": "/b"}]) == [
        {"dest": "/etc/docker/daemon.json", "backup_file": "/b"}]


def test_a_changed_unit_file_is_loaded_before_the_restart_and_again_after_its_rollback():
    host = FakeHost(healthy_after=[False])
    files = [{"dest": "/etc/systemd/system/mlflow.service", "backup_file": "/etc/systemd/system/mlflow.service.1~"}]
    with pytest.raises(ApplyError):
        Applier(host, params(service="mlflow", files=files, wait_for={"url": "https://127.0.0.1:5443/health"})).run(0)
    commands = [call for call in host.calls if call[0] == "systemctl"]
    assert commands[:2] == [("systemctl", "daemon-reload"), ("systemctl", "restart", "mlflow")]
    assert ("systemctl", "daemon-reload") in commands[2:]
    assert host.restored == [("/etc/systemd/system/mlflow.service", "/etc/systemd/system/mlflow.service.1~")]


def test_files_that_are_no_units_need_no_daemon_reload():
    host = FakeHost()
    Applier(host, params(files=[{"dest": "/etc/default/prometheus-node-exporter", "backup_file": None}])).run(0)
    assert ("systemctl", "daemon-reload") not in host.calls
