# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A stand-in for the runner part of GitLab's REST API (v4), for unit tests.

It follows the API's shapes: POST /user/runners answering 201 {id, token
(glrt-), token_expires_at}; runner listings of a project, a group or the
instance as plain lists paged by per_page/page with X-Next-Page, X-Total and
X-Total-Pages headers and no tags; GET/PUT/DELETE /runners/:id with tag_list;
PRIVATE-TOKEN authentication; errors as {message} or {error}. It stands in for
a remote API the module talks to, not for software the collection installs.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlparse

from .json_standin import JsonStandIn

PROJECTS = {"12": "ml/model"}
GROUPS = {"7": "ml"}


class GitLabStandIn(JsonStandIn):

    def __init__(self, token="glpat-standin", admin=False):
        super(GitLabStandIn, self).__init__()
        self.token = token
        self.admin = admin
        self.runners = {}
        self.next_id = 9170
        self.requests = []

    def handle(self, request, method):
        url = urlparse(request.path)
        path = url.path
        self.requests.append((method, path))
        if request.headers.get("PRIVATE-TOKEN") != self.token:
            return request.reply(401, {"message": "401 Unauthorized"})
        scoped = re.match(r"^/api/v4/(projects|groups)/([^/]+)(/runners)?$", path)
        if method == "GET" and scoped:
            return self._scope(request, scoped.group(1), unquote(scoped.group(2)), bool(scoped.group(3)), url)
        if method == "GET" and path == "/api/v4/runners/all":
            if not self.admin:
                return request.reply(403, {"message": "403 Forbidden"})
            return self._page(request, url, lambda r: r["runner_type"] == "instance_type")
        if method == "POST" and path == "/api/v4/user/runners":
            return self._create(request, request.body())
        one = re.match(r"^/api/v4/runners/(\d+)$", path)
        if one and int(one.group(1)) in self.runners:
            runner = self.runners[int(one.group(1))]
            if method == "GET":
                return request.reply(200, runner)
            if method == "PUT":
                return self._update(request, runner, request.body())
            if method == "DELETE":
                del self.runners[runner["id"]]
                return request.reply(204)
        return request.reply(404, {"message": "404 Not found"})

    def add_runner(self, description, runner_type="project_type", tags=(), project="12", group=None, **settings):
        self.next_id += 1
        runner = dict({
            "id": self.next_id, "description": description, "name": "gitlab-runner", "runner_type": runner_type,
            "is_shared": runner_type == "instance_type", "active": True, "paused": False, "online": True,
            "status": "online", "ip_address": None, "tag_list": list(tags), "run_untagged": False,
            "locked": True, "access_level": "not_protected", "maximum_timeout": None,
            "projects": [{"id": int(project)}] if runner_type == "project_type" else [],
            "groups": [{"id": int(group)}] if runner_type == "group_type" else [],
        }, **settings)
        self.runners[self.next_id] = runner
        return runner

    @staticmethod
    def _summary(runner):
        return dict((key, runner[key]) for key in (
            "id", "description", "ip_address", "active", "paused", "is_shared", "runner_type", "name", "online", "status"))

    def _page(self, handler, url, keep):
        query = parse_qs(url.query)
        per_page = min(int(query.get("per_page", ["20"])[0]), 100)
        page = int(query.get("page", ["1"])[0])
        runners = [r for r in sorted(self.runners.values(), key=lambda r: r["id"]) if keep(r)]
        pages = max(1, -(-len(runners) // per_page))
        headers = {"X-Page": str(page), "X-Per-Page": str(per_page), "X-Total": str(len(runners)),
                   "X-Total-Pages": str(pages), "X-Next-Page": str(page + 1) if page < pages else ""}
        handler.reply(200, [self._summary(r) for r in runners[(page - 1) * per_page:page * per_page]], headers)

    def _scope(self, handler, kind, name, listing, url):
        known = PROJECTS if kind == "projects" else GROUPS
        ident = name if name in known else next((i for i, path in known.items() if path == name), None)
        if ident is None:
            return handler.reply(404, {"message": "404 %s Not Found" % kind[:-1].capitalize()})
        if not listing:
            return handler.reply(200, {"id": int(ident), "path_with_namespace": known[ident]})
        key = "projects" if kind == "projects" else "groups"
        return self._page(handler, url, lambda r: any(str(p["id"]) == ident for p in r[key]))

    def _create(self, handler, body):
        kind = body.get("runner_type")
        if kind not in ("instance_type", "group_type", "project_type"):
            return handler.reply(400, {"error": "runner_type does not have a valid value"})
        if kind == "project_type" and str(body.get("project_id")) not in PROJECTS:
            return handler.reply(400, {"message": {"project": ["is invalid"]}})
        if kind == "instance_type" and not self.admin:
            return handler.reply(403, {"message": "403 Forbidden"})
        settings = dict((k, body[k]) for k in ("run_untagged", "locked", "paused", "access_level", "maximum_timeout") if k in body)
        runner = self.add_runner(body.get("description", ""), kind, body.get("tag_list", []),
                                 str(body.get("project_id", "12")), body.get("group_id"), **settings)
        handler.reply(201, {"id": runner["id"], "token": "glrt-t%d_kyahzxLaj4Dc1jQf4xjX" % runner["id"], "token_expires_at": None})

    def _update(self, handler, runner, body):
        if "maximum_timeout" in body and body["maximum_timeout"] is not None and body["maximum_timeout"] < 600:
            return handler.reply(400, {"message": {"maximum_timeout": ["needs to be at least 10 minutes"]}})
        runner.update(body)
        handler.reply(200, runner)
