# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Multi-window, multi-burn-rate SLO rules (as in Google's SRE workbook) from a short definition."""

from __future__ import annotations

import re

from ansible.errors import AnsibleFilterError

DURATION = re.compile(r"^([1-9][0-9]*)([mhdw])$")
SECONDS = {"m": 60, "h": 3600, "d": 86400, "w": 604800}
REFERENCE_WINDOW = 30 * 86400
NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")

# For a 30-day window: (severity, for, [(burn rate, long window, short window), ...]).
# A fast burn pages: 2% of the budget gone in an hour, or 5% in six hours.
# A slow burn opens a ticket: 10% gone in a day, or in three days.
# Other windows scale the lookback windows by window / 30 days.
POLICIES = (
    ("page", "2m", ((14.4, 3600, 300), (6.0, 21600, 1800))),
    ("ticket", "15m", ((3.0, 86400, 7200), (1.0, 259200, 21600))),
)


def _seconds(text, what):
    match = DURATION.match(str(text))
    if not match:
        raise AnsibleFilterError("%s must be a duration like 30d, 4w or 12h, got %r" % (what, text))
    return int(match.group(1)) * SECONDS[match.group(2)]


def _duration(seconds):
    """Seconds as the shortest Prometheus duration, rounded to whole minutes."""
    minutes = max(1, int(round(seconds / 60.0)))
    if minutes % 1440 == 0:
        return "%dd" % (minutes // 1440)
    if minutes % 60 == 0:
        return "%dh" % (minutes // 60)
    return "%dm" % minutes


def _number(value):
    """A float without noise: 0.0010000000000000009 -> 0.001."""
    return float("%.10g" % value)


def _check(slo):
    if not isinstance(slo, dict):
        raise AnsibleFilterError("each SLO must be a dict, got %r" % (slo,))
    missing = [key for key in ("name", "objective", "good", "total") if not slo.get(key)]
    if missing:
        raise AnsibleFilterError("SLO %r lacks %s" % (slo.get("name", "?"), ", ".join(missing)))
    if not NAME.match(str(slo["name"])):
        raise AnsibleFilterError("SLO name %r must be a label-safe name (letters, digits, _)" % slo["name"])
    try:
        objective = float(slo["objective"])
    except (TypeError, ValueError):
        objective = -1.0
    if not 0 < objective < 100:
        raise AnsibleFilterError("SLO %s: objective is a percentage between 0 and 100 (say 99.9), got %r" % (slo["name"], slo["objective"]))
    return objective


def slo_rules(slos):
    """Prometheus rule groups (recording and alerting) for a list of SLO definitions."""
    if not isinstance(slos, list):
        raise AnsibleFilterError("slo_rules expects a list of SLO definitions")
    names = [slo.get("name") for slo in slos if isinstance(slo, dict)]
    if len(set(names)) != len(names):
        raise AnsibleFilterError("SLO names must be unique")

    groups = []
    for slo in slos:
        objective = _check(slo)
        name = slo["name"]
        window = _seconds(slo.get("window", "30d"), "SLO %s: window" % name)
        scale = float(window) / REFERENCE_WINDOW
        budget = _number(1 - objective / 100.0)
        extra_labels = dict(slo.get("labels") or {})
        selector = '{slo="%s"}' % name

        windows = sorted(set(seconds for policy in POLICIES for span in policy[2] for seconds in span[1:]))
        recording = []
        for seconds in windows:
            span = _duration(seconds * scale)
            recording.append({
                "record": "slo:sli_error:ratio_rate%s" % span,
                "expr": "1 - (sum(rate(%s[%s])) / sum(rate(%s[%s])))" % (slo["good"], span, slo["total"], span),
                "labels": dict(extra_labels, slo=name),
            })
        # Several lookback windows can round to one duration on short SLO windows.
        recording = list({rule["record"]: rule for rule in recording}.values())

        alerts = []
        for severity, hold, spans in POLICIES:
            clauses = []
            for burn_rate, long_w, short_w in spans:
                threshold = _number(burn_rate * budget)
                clauses.append("(slo:sli_error:ratio_rate%s%s > %s and slo:sli_error:ratio_rate%s%s > %s)" % (
                    _duration(long_w * scale), selector, threshold, _duration(short_w * scale), selector, threshold))
            alerts.append({
                "alert": "SLOErrorBudgetBurn",
                "expr": " or ".join(clauses),
                "for": hold,
                "labels": dict(extra_labels, slo=name, severity=severity),
                "annotations": {
                    "summary": "SLO %s is burning its error budget too fast (%s)" % (name, severity),
                    "description": "Objective %s%% over %s: at this error rate the budget is gone before the window ends." % (
                        slo["objective"], slo.get("window", "30d")),
                },
            })
        groups.append({"name": "slo-%s" % name, "rules": recording + alerts})
    return groups


class FilterModule(object):

    def filters(self):
        return {"slo_rules": slo_rules}
