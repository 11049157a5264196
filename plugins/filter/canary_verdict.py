# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Whether a canary step may go on, from Prometheus' answer to the error-rate query."""

from __future__ import annotations

import math

from ansible.errors import AnsibleFilterError


def _error_rate(answer):
    """The query's single value, or None when Prometheus has none (no traffic, or 0/0)."""
    if not isinstance(answer, dict) or answer.get("status") != "success":
        error = answer.get("error") if isinstance(answer, dict) else None
        raise AnsibleFilterError("Prometheus did not answer the error-rate query: %s" % (error or repr(answer)[:200]))
    data = answer.get("data") or {}
    kind, result = data.get("resultType"), data.get("result")
    if kind == "scalar":
        values = [result]
    elif kind == "vector":
        if len(result or []) > 1:
            raise AnsibleFilterError(
                "the error-rate query must give one value, it gave %d series; aggregate it with sum()" % len(result))
        values = [series.get("value") for series in result or []]
    else:
        raise AnsibleFilterError("the error-rate query must give a scalar or an instant vector, not %r" % kind)
    if not values:
        return None
    try:
        rate = float(values[0][1])
    except (TypeError, ValueError, IndexError):
        raise AnsibleFilterError("Prometheus gave a value that is not a number: %r" % (values[0],))
    return None if math.isnan(rate) else rate


def canary_verdict(answer, max_error_rate, require_data=True):
    """passed, error_rate and a reason in words, for one step of a canary."""
    try:
        limit = float(max_error_rate)
    except (TypeError, ValueError):
        raise AnsibleFilterError("max_error_rate must be a number between 0 and 1, got %r" % (max_error_rate,))
    if not 0 <= limit <= 1:
        raise AnsibleFilterError("max_error_rate must be between 0 and 1, got %s" % limit)
    rate = _error_rate(answer)
    if rate is None:
        # A canary nobody called has proved nothing.
        return {
            "passed": not require_data,
            "error_rate": None,
            "reason": "Prometheus has no error rate for the canary: no requests reached it in the window",
        }
    if rate > limit:
        return {
            "passed": False,
            "error_rate": rate,
            "reason": "the canary's error rate %.2f%% is above the allowed %.2f%%" % (rate * 100, limit * 100),
        }
    return {
        "passed": True,
        "error_rate": rate,
        "reason": "the canary's error rate %.2f%% is within the allowed %.2f%%" % (rate * 100, limit * 100),
    }


class FilterModule(object):

    def filters(self):
        return {"canary_verdict": canary_verdict}
