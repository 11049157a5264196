# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A stand-in for the self-hosted runner part of GitHub's REST API, for unit tests.

It follows the API's shapes: runner lists of {total_count, runners} paged by
per_page/page with a Link header, runners with id, name, os, status, busy and
labels typed read-only or custom, registration tokens and just-in-time
configurations answered 201, labels set whole by PUT, DELETE answered 204,
errors as {message, documentation_url}; GitHub Apps get installation tokens
for a JWT signed with their key. It stands in for a remote API the module
talks to, not for software the collection installs.
"""

from __future__ import annotations

import base64
import json
import re
from urllib.parse import parse_qs, urlparse

from .json_standin import JsonStandIn

READ_ONLY = ("self-hosted", "Linux", "X64")
DOCS = "https://docs.github.com/rest/actions/self-hosted-runners"


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class GitHubStandIn(JsonStandIn):

    def __init__(self, token="ghp_standin", repository="example/model", app=None):
        super(GitHubStandIn, self).__init__()
        self.token = token
        self.repository = repository
        self.app = app  # (app_id, installation_id, public key) when an App may authenticate
        self.installation_tokens = []
        self.runners = {}
        self.next_id = 1
        self.requests = []

    def _error(self, request, code, message):
        request.reply(code, {"message": message, "documentation_url": DOCS, "status": str(code)})

    def handle(self, request, method):
        url = urlparse(request.path)
        self.requests.append((method, url.path, dict(request.headers)))
        if request.headers.get("X-GitHub-Api-Version") != "2022-11-28" or not request.headers.get("User-Agent"):
            return self._error(request, 400, "Missing API version or user agent")
        installation = re.match(r"^/app/installations/([^/]+)/access_tokens$", url.path)
        if installation and method == "POST":
            return self._installation_token(request, installation.group(1))
        if request.headers.get("Authorization") not in ["Bearer " + t for t in [self.token] + self.installation_tokens]:
            return self._error(request, 401, "Bad credentials")
        # GitHub's next-page links name the repository by its id.
        prefix = next((p for p in ("/repos/%s/actions/runners" % self.repository,
                                   "/repositories/1/actions/runners") if url.path.startswith(p)), None)
        if prefix is None:
            return self._error(request, 404, "Not Found")
        rest = url.path[len(prefix):]
        if method == "GET" and rest == "":
            return self._list(request, url)
        if method == "POST" and rest == "/registration-token":
            return request.reply(201, {"token": "AABF3JGZDX3P5PMEXLND6TS6FCWO6", "expires_at": "2026-12-03T15:00:00Z"})
        if method == "POST" and rest == "/generate-jitconfig":
            return self._jit(request, request.body())
        labels = re.match(r"^/(\d+)/labels$", rest)
        if method == "PUT" and labels:
            return self._labels(request, int(labels.group(1)), request.body())
        runner = re.match(r"^/(\d+)$", rest)
        if method == "DELETE" and runner:
            return self._delete(request, int(runner.group(1)))
        return self._error(request, 404, "Not Found")

    def add_runner(self, name, labels=(), busy=False):
        runner = {
            "id": self.next_id, "name": name, "os": "Linux", "status": "online", "busy": busy,
            "labels": [{"id": i + 1, "name": n, "type": "read-only"} for i, n in enumerate(READ_ONLY)]
            + [{"id": 10 + i, "name": n, "type": "custom"} for i, n in enumerate(labels)],
        }
        self.runners[self.next_id] = runner
        self.next_id += 1
        return runner

    def _list(self, handler, url):
        query = parse_qs(url.query)
        per_page = min(int(query.get("per_page", ["30"])[0]), 100)
        page = int(query.get("page", ["1"])[0])
        runners = sorted(self.runners.values(), key=lambda r: r["id"])
        last = max(1, -(-len(runners) // per_page))
        headers = {}
        if page < last:
            base = "%s/repositories/1/actions/runners?per_page=%d&page=" % (self.url, per_page)
            headers["Link"] = '<%s%d>; rel="next", <%s%d>; rel="last"' % (base, page + 1, base, last)
        handler.reply(200, {"total_count": len(runners), "runners": runners[(page - 1) * per_page:page * per_page]}, headers)

    def _jit(self, handler, body):
        if any(r["name"] == body.get("name") for r in self.runners.values()):
            return self._error(handler, 409, "Already exists - A runner with the name %s already exists." % body.get("name"))
        if not body.get("labels"):
            return self._error(handler, 422, "Invalid request.\n\nNo subschema in \"anyOf\" matched.")
        runner = self.add_runner(body["name"], body["labels"])
        handler.reply(201, {"runner": runner, "encoded_jit_config": "eyJydW5uZXIiOiJqaXQifQ=="})

    def _labels(self, handler, runner_id, body):
        runner = self.runners.get(runner_id)
        if runner is None:
            return self._error(handler, 404, "Not Found")
        fixed = [label for label in runner["labels"] if label["type"] == "read-only"]
        runner["labels"] = fixed + [{"id": 20 + i, "name": n, "type": "custom"} for i, n in enumerate(body["labels"])]
        handler.reply(200, {"total_count": len(runner["labels"]), "labels": runner["labels"]})

    def _delete(self, handler, runner_id):
        runner = self.runners.get(runner_id)
        if runner is None:
            return self._error(handler, 404, "Not Found")
        if runner["busy"]:
            return self._error(handler, 422, "Bad request - Runner \"%s\" is still running a job\"" % runner["name"])
        del self.runners[runner_id]
        handler.reply(204)

    def _installation_token(self, handler, installation_id):
        if not self.app or installation_id != self.app[1]:
            return self._error(handler, 404, "Not Found")
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding
        try:
            header, claims, signature = handler.headers.get("Authorization", "").split(" ", 1)[1].split(".")
            self.app[2].verify(_unb64(signature), ("%s.%s" % (header, claims)).encode(), padding.PKCS1v15(), hashes.SHA256())
            payload = json.loads(_unb64(claims))
            assert payload["iss"] == self.app[0] and payload["exp"] - payload["iat"] <= 600
        except Exception:  # any bad JWT is refused alike, as GitHub does
            return self._error(handler, 401, "A JSON web token could not be decoded")
        token = "ghs_installation%d" % (len(self.installation_tokens) + 1)
        self.installation_tokens.append(token)
        handler.reply(201, {"token": token, "expires_at": "2026-12-03T15:00:00Z"})
