# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A forge's JSON API over HTTP: calls, errors in the forge's words, pagination.

Private to the collection; the github_runner and gitlab_runner modules use it.
Tokens travel in headers only and never appear in an error message.
"""

from __future__ import annotations

import json
import re
from urllib.error import URLError
from urllib.parse import urlencode

from ansible.module_utils.urls import open_url

NEXT_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')

# How every forge module talks to its API (documented by the doc fragment concert.mlops.forge).
CONNECTION_OPTIONS = dict(
    validate_certs=dict(type="bool", default=True),
    timeout=dict(type="int", default=30),
)


class ForgeError(Exception):

    def __init__(self, message, status=None):
        super(ForgeError, self).__init__(message)
        self.status = status


def _forge_message(text):
    """What the forge said: GitHub's and GitLab's error bodies carry message (or error)."""
    try:
        body = json.loads(text)
    except ValueError:
        return text.strip()[:300]
    if isinstance(body, dict):
        for key in ("message", "error", "error_description"):
            if body.get(key):
                message = body[key]
                return json.dumps(message) if not isinstance(message, str) else message
    return text.strip()[:300]


class ForgeClient(object):
    """JSON calls to one forge API, authenticated by the headers given."""

    def __init__(self, base_url, headers, validate_certs=True, timeout=30):
        self.base = base_url.rstrip("/")
        self.headers = dict(headers)
        self.validate_certs = validate_certs
        self.timeout = timeout

    def url(self, path, query=None):
        url = path if path.startswith(("http://", "https://")) else self.base + path
        return url + ("?" + urlencode(query) if query else "")

    def call(self, method, path, body=None, query=None, form=False):
        """(status, decoded body or None, response headers). Raises ForgeError with the forge's words."""
        url = self.url(path, query)
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = urlencode(body, doseq=True) if form else json.dumps(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded" if form else "application/json"
        try:
            response = open_url(url, method=method, data=data, headers=headers,
                                validate_certs=self.validate_certs, timeout=self.timeout)
            text = response.read().decode("utf-8")
            status = response.getcode()
            response_headers = dict((key.lower(), value) for key, value in response.headers.items())
        except URLError as exc:
            status = getattr(exc, "code", None)
            detail = _forge_message(exc.read().decode("utf-8", "replace")) if hasattr(exc, "read") else str(exc.reason)
            raise ForgeError("%s %s answered %s: %s" % (method, url.split("?")[0], status or "nothing", detail), status)
        except (OSError, ValueError) as exc:  # socket and TLS errors
            raise ForgeError("%s %s failed: %s" % (method, url.split("?")[0], exc))
        try:
            return status, (json.loads(text) if text.strip() else None), response_headers
        except ValueError:
            raise ForgeError("%s %s answered %s with what is not JSON: %s" % (method, url.split("?")[0], status, text[:200]))

    def pages(self, path, query=None, items=None, limit=100):
        """Every item of a listing, page after page.

        GitHub wraps a page's items in an object (items names the key) and
        points to the next page in a Link header; GitLab answers a list and
        names the next page in X-Next-Page. Both are followed; at most
        `limit` pages are read, so a forge that never stops cannot hang a run.
        """
        query = dict(query or {})
        url = self.url(path, query)
        collected = []
        for dummy in range(limit):
            status, body, headers = self.call("GET", url)
            page = (body or {}).get(items, []) if items else (body or [])
            if not isinstance(page, list):
                raise ForgeError("GET %s answered no list of %s" % (url.split("?")[0], items or "items"))
            collected.extend(page)
            link = NEXT_LINK.search(headers.get("link", ""))
            if link:
                url = link.group(1)
            elif headers.get("x-next-page"):
                url = self.url(path, dict(query, page=headers["x-next-page"]))
            else:
                return collected
        raise ForgeError("GET %s had more than %d pages" % (path, limit))


def run_runner_module(module, make_runners, name, ensure_present, ensure_absent):
    """The common end of the runner modules: find the runner by name, make it present or absent, exit.

    make_runners builds the forge's runner collection (authenticating may
    already call the forge); a forge's refusal fails the task with its words
    and HTTP status. The diff is returned in diff mode only.
    """
    try:
        runners = make_runners()
        runner = runners.find(name)
        ensure = ensure_present if module.params["state"] == "present" else ensure_absent
        result = ensure(module, runners, runner)
    except ForgeError as exc:
        module.fail_json(msg=str(exc), status=exc.status)
    if not module._diff:
        result.pop("diff", None)
    module.exit_json(**result)
