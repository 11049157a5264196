# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Alertmanager v2 silences: matching, timing and the API calls. Private to the collection."""

from __future__ import annotations

import datetime
import json
import re
from urllib.error import URLError

from ansible.module_utils.urls import open_url

LIVE_STATES = ("active", "pending")
DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


class AlertmanagerError(Exception):
    pass


def parse_duration(text):
    """Seconds in '90m', '2h', '1h30m', '1d'. Raises ValueError."""
    text = str(text).strip()
    parts = re.findall(r"(\d+)([smhdw])", text)
    if not parts or "".join(number + unit for number, unit in parts) != text:
        raise ValueError("not a duration like 30m, 2h or 1h30m: %r" % text)
    return sum(int(number) * DURATION_UNITS[unit] for number, unit in parts)


def parse_time(text):
    """An RFC 3339 time from Alertmanager or the user, as an aware datetime in UTC."""
    value = str(text).strip().replace("Z", "+00:00")
    # Alertmanager writes nanoseconds; Python reads at most microseconds.
    value = re.sub(r"(\.\d{6})\d+", r"\1", value)
    parsed = datetime.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("time without a timezone: %r" % text)
    return parsed.astimezone(datetime.timezone.utc)


def format_time(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def normalize_matchers(matchers):
    """Matchers as a sorted tuple of (name, value, isRegex, isEqual), for comparing silences."""
    return tuple(sorted(
        (m["name"], m["value"], bool(m.get("isRegex", m.get("is_regex", False))),
         bool(m.get("isEqual", m.get("is_equal", True))))
        for m in matchers))


def api_matchers(matchers):
    return [dict(name=name, value=value, isRegex=is_regex, isEqual=is_equal)
            for name, value, is_regex, is_equal in normalize_matchers(matchers)]


def same_silence(silence, matchers, comment):
    """A live silence with exactly these matchers and this comment is the one we manage."""
    return (silence.get("status", {}).get("state") in LIVE_STATES
            and silence.get("comment") == comment
            and normalize_matchers(silence.get("matchers", [])) == normalize_matchers(matchers))


class AlertmanagerClient(object):
    """The few calls of Alertmanager's v2 API that silences need."""

    def __init__(self, url, username=None, password=None, validate_certs=True, timeout=10):
        self.base = url.rstrip("/") + "/api/v2"
        self.options = dict(url_username=username, url_password=password, force_basic_auth=bool(username),
                            validate_certs=validate_certs, timeout=timeout)

    def _call(self, method, path, body=None):
        data = json.dumps(body) if body is not None else None
        headers = {"Content-Type": "application/json"} if body is not None else {}
        try:
            response = open_url(self.base + path, method=method, data=data, headers=headers, **self.options)
            text = response.read()
        except (URLError, OSError, ValueError) as exc:  # HTTP, socket and TLS errors alike
            detail = exc.read().decode("utf-8", "replace") if hasattr(exc, "read") else ""
            raise AlertmanagerError("%s %s failed: %s %s" % (method, self.base + path, exc, detail))
        return json.loads(text) if text else None

    def silences(self):
        return self._call("GET", "/silences") or []

    def create_or_update(self, silence):
        return self._call("POST", "/silences", silence)["silenceID"]

    def expire(self, silence_id):
        self._call("DELETE", "/silence/%s" % silence_id)
