# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: programme
type: aggregate
short_description: The concert's programme - each stage's start and end, and a table per stage and host
version_added: 0.1.0
author:
  - Concert developers (@concert-mlops)
description:
  - Adds to the normal output one line when each stage starts and ends, and at the end of the run a table per
    stage and host - ok, changed, failed, skipped, unreachable and seconds.
  - A stage is named by its plays - C(Stage 1, laying the foundation - the base OS) belongs to stage
    C(Stage 1, laying the foundation); a play named otherwise is a stage of its own.
  - With O(output_dir), writes the same as C(programme-<playbook>.json), C(programme-<playbook>.md) and
    C(programme-<playbook>.xml) (JUnit, one test suite per stage and one test case per host, failing where a task
    failed or a host was unreachable) into that directory, for CI systems to show; C(<playbook>) is the playbook's
    file name without C(.yml), so runs of different playbooks keep their own files.
  - Enable it with C(callbacks_enabled = concert.mlops.programme) in C(ansible.cfg), or C(ANSIBLE_CALLBACKS_ENABLED).
requirements:
  - enabled in the configuration
options:
  output_dir:
    description: Where to write the programme's files (C(~) is expanded); empty for none.
    type: str
    default: ""
    env:
      - name: CONCERT_PROGRAMME_DIR
    ini:
      - section: callback_programme
        key: output_dir
"""

import json
import os
import time
from xml.etree import ElementTree

from ansible.plugins.callback import CallbackBase

COUNTS = ("ok", "changed", "failed", "skipped", "unreachable")


def stage_of(play_name):
    """The stage a play belongs to: its name up to ' - '."""
    return (play_name or "unnamed play").split(" - ", 1)[0].strip()


class Programme(object):
    """Counts and seconds per stage and host, in the order the stages ran."""

    def __init__(self, clock=time.time):
        self.clock = clock
        self.stages = []  # [{"name", "started", "seconds", "hosts": {host: counts}}]
        self.task_started = None

    @property
    def current(self):
        return self.stages[-1] if self.stages else None

    def start_play(self, play_name):
        """The stage of the play; a new stage returns (ended stage or None, started stage), else None."""
        name = stage_of(play_name)
        if self.current and self.current["name"] == name:
            return None
        ended = self.end_stage()
        self.stages.append({"name": name, "started": self.clock(), "seconds": 0.0, "hosts": {}})
        return ended, self.current

    def end_stage(self):
        stage = self.current
        if stage is None or stage.get("ended"):
            return None
        stage["seconds"] = round(self.clock() - stage["started"], 1)
        stage["ended"] = True
        return stage

    def start_task(self):
        self.task_started = self.clock()

    def count(self, host, outcome, changed=False):
        if self.current is None:
            self.start_play("")
        row = self.current["hosts"].setdefault(host, dict((key, 0) for key in COUNTS + ("seconds",)))
        row[outcome] += 1
        if changed and outcome == "ok":
            row["changed"] += 1
        if self.task_started is not None:
            row["seconds"] = round(row["seconds"] + self.clock() - self.task_started, 1)

    def rows(self):
        """One row per stage and host."""
        return [dict(stage=stage["name"], host=host, **counts)
                for stage in self.stages for host, counts in sorted(stage["hosts"].items())]

    def as_dict(self):
        return {"stages": [{"name": s["name"], "seconds": s["seconds"], "hosts": s["hosts"]} for s in self.stages]}


def table(rows):
    """The rows as a plain text table."""
    header = ("stage", "host") + COUNTS + ("seconds",)
    lines = [header] + [tuple(str(row[key]) for key in header) for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in lines)


def markdown(rows):
    header = ("stage", "host") + COUNTS + ("seconds",)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(row[key]) for key in header) + " |" for row in rows]
    return "# Programme\n\n" + "\n".join(lines) + "\n"


def junit(programme):
    """One test suite per stage, one test case per host; a failed or unreachable host fails its case."""
    suites = ElementTree.Element("testsuites", name="concert")
    for stage in programme.stages:
        failures = sum(1 for counts in stage["hosts"].values() if counts["failed"] or counts["unreachable"])
        suite = ElementTree.SubElement(suites, "testsuite", name=stage["name"], tests=str(len(stage["hosts"])),
                                       failures=str(failures), time=str(stage["seconds"]))
        for host, counts in sorted(stage["hosts"].items()):
            case = ElementTree.SubElement(suite, "testcase", classname=stage["name"], name=host, time=str(counts["seconds"]))
            if counts["failed"] or counts["unreachable"]:
                failure = ElementTree.SubElement(case, "failure", message="%d failed, %d unreachable" % (
                    counts["failed"], counts["unreachable"]))
                failure.text = json.dumps(counts, sort_keys=True)
    return ElementTree.tostring(suites, encoding="unicode")


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "concert.mlops.programme"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.programme = Programme()
        self.playbook = "playbook"

    def v2_playbook_on_start(self, playbook):
        self.playbook = os.path.splitext(os.path.basename(playbook._file_name))[0]

    def _say_stage(self, change):
        if change is None:
            return
        ended, started = change
        if ended is not None:
            self._display.display("[programme] %s: ended after %.1f s" % (ended["name"], ended["seconds"]))
        self._display.display("[programme] %s: begins" % started["name"])

    def v2_playbook_on_play_start(self, play):
        self._say_stage(self.programme.start_play(play.get_name()))

    def v2_playbook_on_task_start(self, task, is_conditional):
        self.programme.start_task()

    def v2_playbook_on_handler_task_start(self, task):
        self.programme.start_task()

    def _host(self, result):
        return result._host.get_name()

    def v2_runner_on_ok(self, result):
        self.programme.count(self._host(result), "ok", changed=bool(result._result.get("changed")))

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self.programme.count(self._host(result), "ok" if ignore_errors else "failed")

    def v2_runner_on_skipped(self, result):
        self.programme.count(self._host(result), "skipped")

    def v2_runner_on_unreachable(self, result):
        self.programme.count(self._host(result), "unreachable")

    def v2_playbook_on_stats(self, stats):
        ended = self.programme.end_stage()
        if ended is not None:
            self._display.display("[programme] %s: ended after %.1f s" % (ended["name"], ended["seconds"]))
        rows = self.programme.rows()
        self._display.display("\nPROGRAMME\n" + table(rows))
        # A str option, expanded here: ansible-core turns an empty "path" into
        # the working directory, and empty must mean no files.
        output_dir = self.get_option("output_dir")
        if output_dir:
            self.write(os.path.expanduser(output_dir), rows)

    def write(self, output_dir, rows):
        try:
            os.makedirs(output_dir, exist_ok=True)
            files = {
                "json": json.dumps(self.programme.as_dict(), indent=2, sort_keys=True) + "\n",
                "md": markdown(rows),
                "xml": junit(self.programme) + "\n",
            }
            for extension, content in files.items():
                with open(os.path.join(output_dir, "programme-%s.%s" % (self.playbook, extension)), "w") as handle:
                    handle.write(content)
        except OSError as exc:
            self._display.warning("The programme could not be written to %s: %s" % (output_dir, exc))
            return
        self._display.display("[programme] written to %s/programme-%s.{json,md,xml}" % (output_dir, self.playbook))
