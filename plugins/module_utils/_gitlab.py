# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""GitLab's runner API (REST v4, the runner creation workflow of GitLab 16 and
later: runners made by a user, with glrt- authentication tokens). Private to
the collection; the gitlab_runner module uses it."""

from __future__ import annotations

from urllib.parse import quote

from ansible_collections.concert.mlops.plugins.module_utils._forge import ForgeClient

# The settings a runner keeps on GitLab, as its details name them.
SETTINGS = ("tag_list", "run_untagged", "locked", "paused", "access_level", "maximum_timeout")


def client(api_url, token, validate_certs=True, timeout=30):
    return ForgeClient(api_url.rstrip("/") + "/api/v4", {"PRIVATE-TOKEN": token, "User-Agent": "concert.mlops"},
                       validate_certs, timeout)


def settings_of(runner):
    """A runner's settings as compared: tags sorted, the rest as GitLab gives them."""
    current = dict((key, runner.get(key)) for key in SETTINGS)
    current["tag_list"] = sorted(runner.get("tag_list") or [])
    return current


class Runners(object):
    """The runners of one project, one group, or the instance."""

    def __init__(self, api, project=None, group=None):
        self.api = api
        if project:
            self.listing, self.scope = "/projects/%s/runners" % quote(str(project), safe=""), {"runner_type": "project_type"}
        elif group:
            self.listing, self.scope = "/groups/%s/runners" % quote(str(group), safe=""), {"runner_type": "group_type"}
        else:
            self.listing, self.scope = "/runners/all", {"runner_type": "instance_type"}
        self.project, self.group = project, group

    def find(self, description):
        """The runner with this description, with its details (the listing carries no tags)."""
        for runner in self.api.pages(self.listing, {"per_page": 100}):
            if runner.get("description") == description and runner.get("runner_type") == self.scope["runner_type"]:
                return self.details(runner["id"])
        return None

    def details(self, runner_id):
        return self.api.call("GET", "/runners/%s" % runner_id)[1]

    def _scope_ids(self):
        """The numeric id runner creation needs; a project or group given by path is looked up."""
        if self.project:
            return {"project_id": self._numeric("/projects/%s", self.project)}
        if self.group:
            return {"group_id": self._numeric("/groups/%s", self.group)}
        return {}

    def _numeric(self, path, name):
        if str(name).isdigit():
            return int(name)
        return self.api.call("GET", path % quote(str(name), safe=""))[1]["id"]

    def create(self, description, settings):
        body = dict(self.scope, description=description, **self._scope_ids())
        body.update((key, value) for key, value in settings.items() if value is not None)
        return self.api.call("POST", "/user/runners", body)[1]

    def update(self, runner_id, settings):
        body = dict((key, value) for key, value in settings.items() if value is not None)
        return self.api.call("PUT", "/runners/%s" % runner_id, body)[1]

    def delete(self, runner_id):
        self.api.call("DELETE", "/runners/%s" % runner_id)
