# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Apply a service's new configuration, and put the previous one back when the
service does not come back healthy. Private to the collection.

The host is reached only through a small `Host` object (commands, HTTP, files,
the clock), so the decisions here are unit-tested without a host.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
import time

# What systemd, not the service, says about a failed unit: never the reason.
SYSTEMD_CHATTER = re.compile(
    r"^(Started|Starting|Stopped|Stopping|Reloaded|Reloading|Scheduled restart|Consumed) |"
    r"(Main process exited|Failed with result|Failed to start|Control process exited|Deactivated successfully|"
    r"Start request repeated)")


# Actions carried out by systemctl on the unit, with systemctl's verb.
UNIT_ACTIONS = {"restart": "restart", "reload": "reload", "reload_or_restart": "reload-or-restart"}


# How many of a refusing command's last lines the failure message quotes.
COMMAND_LINES = 3


class ApplyError(Exception):
    """Carries the message for fail_json and the details of what was rolled back."""

    def __init__(self, message, **details):
        super(ApplyError, self).__init__(message)
        self.details = details


class Host(object):
    """The real host. Tests pass a stand-in with the same methods."""

    def __init__(self, module):
        self.module = module

    def run(self, argv):
        rc, out, err = self.module.run_command(argv)
        return rc, out, err

    def post(self, url, timeout):
        """(status, body); status -1 when nothing answers."""
        from ansible.module_utils.urls import open_url
        from ansible.module_utils.six.moves.urllib.error import HTTPError, URLError
        try:
            response = open_url(url, method="POST", timeout=timeout, validate_certs=False)
            return response.getcode(), response.read().decode("utf-8", "replace")
        except HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")
        except (URLError, socket.error, OSError) as exc:
            return -1, str(exc)

    def get_status(self, url, timeout, validate_certs):
        from ansible.module_utils.urls import open_url
        from ansible.module_utils.six.moves.urllib.error import HTTPError, URLError
        try:
            return open_url(url, timeout=timeout, validate_certs=validate_certs).getcode()
        except HTTPError as exc:
            return exc.code
        except (URLError, socket.error, OSError):
            return -1

    def port_open(self, host, port, timeout):
        try:
            socket.create_connection((host, port), timeout=timeout).close()
            return True
        except (socket.error, OSError):
            return False

    def restore(self, dest, backup):
        """Put backup in dest's place in one rename, keeping the backup."""
        directory = os.path.dirname(dest) or "."
        handle, staged = tempfile.mkstemp(dir=directory, prefix=".concert-restore-")
        os.close(handle)
        shutil.copy2(backup, staged)
        stat = os.stat(backup)
        os.chown(staged, stat.st_uid, stat.st_gid)
        os.rename(staged, dest)

    def remove(self, path):
        if os.path.lexists(path):
            os.unlink(path)

    def now(self):
        return time.monotonic()

    def sleep(self, seconds):
        time.sleep(seconds)


def validate_params(params, check_mode=False):
    """Refuse option combinations that cannot work, before anything runs. In check mode
    registered results carry no dest (nothing was written), and nothing is restored."""
    action = params["action"]
    if action in UNIT_ACTIONS and not params.get("service"):
        raise ApplyError("action=%s needs service, the systemd unit to %s" % (action, action))
    if action == "reload_url" and not params.get("reload_url"):
        raise ApplyError("action=reload_url needs reload_url, the endpoint that reloads the configuration")
    if action == "command" and not params.get("command"):
        raise ApplyError("action=command needs command, the argv that applies the configuration")
    wait = params.get("wait_for") or {}
    kinds = [kind for kind in ("port", "url", "command") if wait.get(kind)]
    if len(kinds) > 1:
        raise ApplyError("wait_for takes one of port, url or command, not %s" % " and ".join(kinds))
    for entry in [] if check_mode else params.get("files") or []:
        if not (entry.get("dest") or entry.get("path")):
            raise ApplyError("every entry of files needs dest")


def changed_files(files):
    """Entries of files that may be restored: a dest, and the backup when there was a previous file.

    A file changed by several tasks of a loop (ini_file, one option each) has one backup per step: the
    first is the state before this run, so only the first entry of each dest is kept."""
    entries, seen = [], set()
    for entry in files or []:
        # Most modules name the file dest; some (docker_daemon_config) path.
        dest = entry.get("dest") or entry.get("path")
        if dest in seen:
            continue
        seen.add(dest)
        entries.append(dict(dest=dest, backup_file=entry.get("backup_file")))
    return entries


# Where systemd reads unit files from that a role writes: a changed or restored
# one takes effect only after a daemon-reload.
UNIT_DIRS = ("/etc/systemd/system/", "/lib/systemd/system/", "/usr/lib/systemd/system/")


def names_a_unit(files):
    """Whether any of the changed files is a systemd unit file or drop-in."""
    return any(entry["dest"] and entry["dest"].startswith(UNIT_DIRS) for entry in changed_files(files))


class Applier(object):
    """One apply: act, wait, and on failure restore, act again and explain."""

    def __init__(self, host, params):
        self.host = host
        self.params = params
        self.service = params.get("service")
        self.action = params["action"]
        self.timeout = params["timeout"]
        self.wait = params.get("wait_for") or {}
        self.started_at = None

    # --- acting ---------------------------------------------------------

    def act(self):
        """Apply the configuration once. Returns the reason it was refused, or None."""
        if self.action in UNIT_ACTIONS:
            verb = UNIT_ACTIONS[self.action]
            rc, _out, err = self.host.run(["systemctl", verb, self.service])
            return None if rc == 0 else (err.strip() or "systemctl %s %s failed" % (verb, self.service))
        if self.action == "reload_url":
            return self.post_reload()
        if self.action == "command":
            rc, out, err = self.host.run(list(self.params["command"]))
            return None if rc == 0 else self.command_words(err or out) or "%s exited %d" % (self.params["command"][0], rc)
        return None

    def post_reload(self):
        """POST the reload endpoint; retried while nothing answers (the service is starting)."""
        deadline = self.host.now() + self.timeout
        while True:
            status, body = self.host.post(self.params["reload_url"], timeout=min(10, self.timeout))
            if status == 200:
                return None
            if status != -1 or self.host.now() >= deadline:
                return (body.strip() or "HTTP %d" % status) if status != -1 else "nothing answers: %s" % body
            self.host.sleep(1)

    def check(self):
        """Run check_command; the reason it refused, or None."""
        command = self.params.get("check_command")
        if not command:
            return None
        rc, out, err = self.host.run(list(command))
        return None if rc == 0 else self.command_words(err or out) or "%s exited %d" % (command[0], rc)

    # --- waiting --------------------------------------------------------

    def healthy_once(self):
        if self.wait.get("port"):
            return self.host.port_open(self.wait.get("host") or "127.0.0.1", self.wait["port"], timeout=2)
        if self.wait.get("url"):
            status = self.host.get_status(self.wait["url"], timeout=5,
                                          validate_certs=self.wait.get("validate_certs", True))
            return status in (self.wait.get("status_code") or [200])
        if self.wait.get("command"):
            return self.host.run(list(self.wait["command"]))[0] == 0
        if self.service and self.action in UNIT_ACTIONS:
            return self.host.run(["systemctl", "is-active", "--quiet", self.service])[0] == 0
        return True

    def wait_healthy(self):
        deadline = self.host.now() + self.timeout
        while True:
            if self.healthy_once():
                return True
            if self.host.now() >= deadline:
                return False
            self.host.sleep(1)

    # --- explaining -----------------------------------------------------

    def command_words(self, text):
        """The end of a refusing command's output: its last lines, since a
        checker often names the cause one line before its summary (sshd -t:
        "line 1: Bad configuration option: X", then "terminating")."""
        lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
        pattern = self.params.get("error_pattern")
        if pattern:
            lines = [line for line in lines if re.search(pattern, line)] or lines
        return "; ".join(lines[-COMMAND_LINES:])

    def service_words(self):
        """The service's own last error line from the journal since the apply began."""
        if not self.service:
            return ""
        argv = ["journalctl", "--unit", self.service, "--no-pager", "--output", "cat", "--lines", "40"]
        if self.started_at is not None:
            argv += ["--since", "@%d" % int(self.started_at)]
        rc, out, _err = self.host.run(argv)
        if rc != 0:
            return ""
        # systemd's own lines about the unit start with its name.
        lines = [line.strip() for line in out.splitlines()
                 if line.strip() and not SYSTEMD_CHATTER.search(line) and not line.startswith(self.service + ".service:")]
        pattern = self.params.get("error_pattern")
        if pattern:
            wanted = [line for line in lines if re.search(pattern, line)]
            lines = wanted or lines
        return lines[-1] if lines else ""

    # --- the whole apply ------------------------------------------------

    def restore_files(self):
        restored = []
        for entry in changed_files(self.params.get("files")):
            if entry["backup_file"]:
                self.host.restore(entry["dest"], entry["backup_file"])
            else:
                # The file is new: before it there was nothing to go back to.
                self.host.remove(entry["dest"])
            restored.append(entry["dest"])
        return restored

    def run(self, wall_clock):
        """Returns a result dict; raises ApplyError with the service's words after a rollback."""
        self.started_at = wall_clock
        units = self.action in UNIT_ACTIONS and names_a_unit(self.params.get("files"))
        refusal = self.check()
        if refusal is not None:
            restored = self.restore_files()
            raise ApplyError(self.explain("refused the new configuration before it was applied", refusal,
                                          restored, back=None), restored=restored, rolled_back=True)
        if units:
            self.host.run(["systemctl", "daemon-reload"])
        refusal = self.act()
        if refusal is None and self.wait_healthy():
            return dict(changed=True, healthy=True, rolled_back=False, restored=[])
        # systemctl only says that the unit failed; the service's journal says why.
        if self.action in UNIT_ACTIONS:
            words = self.service_words() or refusal
        else:
            words = refusal or self.service_words()
        words = words or "no error line; it was not healthy within %ds" % self.timeout
        restored = self.restore_files()
        if units:
            self.host.run(["systemctl", "daemon-reload"])
        if self.service and self.action in ("restart", "reload_or_restart"):
            # systemd refuses to start a unit that failed several times in a row.
            self.host.run(["systemctl", "reset-failed", self.service])
        back = self.act() is None and self.wait_healthy()
        raise ApplyError(self.explain("did not come back healthy with the new configuration", words,
                                      restored, back), restored=restored, rolled_back=True, back=back)

    def explain(self, what, words, restored, back):
        name = self.service or (self.params.get("command") or ["the configuration"])[0]
        text = "%s %s" % (name, what)
        if restored:
            text += "; the previous files are back (%s)" % ", ".join(restored)
        if back is True:
            text += " and it is healthy again"
        elif back is False:
            text += ", but it is not healthy with them either"
        return "%s. It said: %s" % (text, words)
