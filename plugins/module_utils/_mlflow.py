# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""MLflow's basic-auth REST API: its users and their permissions, and the plan that brings them to the inventory's."""

from __future__ import annotations

import json

from ansible.module_utils.six.moves.urllib.error import HTTPError, URLError
from ansible.module_utils.six.moves.urllib.parse import urlencode
from ansible.module_utils.urls import open_url

# The options every MLflow module takes to reach the server (doc fragment concert.mlops.mlflow).
CONNECTION_OPTIONS = dict(
    url=dict(type="str", required=True),
    ca_path=dict(type="path"),
    validate_certs=dict(type="bool", default=True),
    timeout=dict(type="int", default=30),
)

# What a grant on a resource may give (MLflow 3's resource-level grants).
PERMISSIONS = ("READ", "USE", "EDIT", "MANAGE")
RESOURCE_TYPES = ("experiment", "registered_model")


class MlflowError(Exception):
    pass


def grant_key(grant):
    return (grant["resource_type"], str(grant["resource"]))


def grants_after(grants, permissions):
    """The user's grants once the listed permissions hold: {(type, resource): permission}."""
    after = dict(grants)
    for grant in permissions or []:
        if grant.get("state", "present") == "absent":
            after.pop(grant_key(grant), None)
        else:
            after[grant_key(grant)] = grant["permission"]
    return after


def plan_user(current, wanted):
    """What to do for one user of the inventory.

    current: None (no such user) or {"is_admin": bool, "password_works": bool, "grants": {key: permission}}.
    wanted: {"name", "password", "admin", "permissions": [{"resource_type", "resource", "permission"}]}.
    A grant with state absent is revoked when it is there. Grants the list does not name are left alone: MLflow
    itself gives the creator of an experiment or a model MANAGE on it.
    Returns a list of (action, details) in the order they must run."""
    listed = wanted.get("permissions") or []
    grants = dict((grant_key(g), g["permission"]) for g in listed if g.get("state", "present") == "present")
    gone = set(grant_key(g) for g in listed if g.get("state", "present") == "absent")
    steps = []
    if current is None:
        steps.append(("create", {}))
        if wanted.get("admin"):
            steps.append(("set_admin", {"is_admin": True}))
        have = {}
    else:
        if not current["password_works"]:
            steps.append(("set_password", {}))
        if bool(current["is_admin"]) != bool(wanted.get("admin")):
            steps.append(("set_admin", {"is_admin": bool(wanted.get("admin"))}))
        have = current["grants"]
    for key in sorted(grants):
        if have.get(key) != grants[key]:
            steps.append(("grant", {"resource_type": key[0], "resource": key[1], "permission": grants[key]}))
    for key in sorted(gone & set(have)):
        steps.append(("revoke", {"resource_type": key[0], "resource": key[1]}))
    return steps


def problems(users, admin_username):
    """Every mistake in the users list at once, before MLflow is asked."""
    found, seen = [], set()
    for index, user in enumerate(users):
        name = user.get("name") or ""
        label = "users[%d] (%s)" % (index, name or "no name")
        if not name:
            found.append("%s needs a name" % label)
        elif name in seen:
            found.append("%s: the name is given twice" % label)
        elif name == admin_username:
            found.append("%s: the admin is kept by admin_username and admin_password, not in users" % label)
        seen.add(name)
        if user.get("state", "present") == "present" and len(user.get("password") or "") < 12:
            found.append("%s: MLflow takes passwords of at least 12 characters" % label)
        keys = set()
        for grant in user.get("permissions") or []:
            key = grant_key(grant)
            if key in keys:
                found.append("%s: %s %s is listed twice" % ((label,) + key))
            keys.add(key)
            if grant.get("state", "present") == "present" and not grant.get("permission"):
                found.append("%s: %s %s needs a permission" % ((label,) + key))
            if grant["resource_type"] == "experiment" and not (key[1] == "*" or key[1].isdigit()):
                found.append("%s: an experiment is named by its id (digits) or *, not %r" % (label, key[1]))
    return found


def not_found(status, answer):
    """Whether MLflow's answer means that the thing asked for does not exist.

    MLflow 3 answers a missing model version with 404 RESOURCE_DOES_NOT_EXIST, but a missing alias with 400
    INVALID_PARAMETER_VALUE and "... not found"."""
    if status == 404 or "RESOURCE_DOES_NOT_EXIST" in str(answer):
        return True
    try:
        error = json.loads(answer) if isinstance(answer, str) else answer
    except ValueError:
        return False
    return (status == 400 and isinstance(error, dict) and error.get("error_code") == "INVALID_PARAMETER_VALUE"
            and "not found" in str(error.get("message", "")))


class MlflowClient(object):
    """The calls of MLflow's auth API that keeping users needs, as one admin."""

    def __init__(self, url, username, password, ca_path=None, validate_certs=True, timeout=30):
        self.base = url.rstrip("/")
        self.username = username
        self.password = password
        self.options = dict(validate_certs=validate_certs, ca_path=ca_path, timeout=timeout, force_basic_auth=True)

    @classmethod
    def from_params(cls, params, username, password):
        """A client from a module's CONNECTION_OPTIONS, logged in as username."""
        return cls(params["url"], username, password, ca_path=params["ca_path"], validate_certs=params["validate_certs"],
                   timeout=params["timeout"])

    def _call(self, method, path, body=None, query=None, username=None, password=None):
        url = self.base + path + ("?" + urlencode(query) if query else "")
        data = json.dumps(body) if body is not None else None
        headers = {"Content-Type": "application/json"} if body is not None else {}
        try:
            response = open_url(url, method=method, data=data, headers=headers,
                                url_username=username or self.username, url_password=password or self.password,
                                **self.options)
            text = response.read()
        except HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")
        except (URLError, OSError, ValueError) as exc:  # socket and TLS errors alike
            raise MlflowError("%s %s failed: %s" % (method, self.base + path, exc))
        return 200, json.loads(text) if text else {}

    def _ok(self, method, path, body=None, query=None):
        status, answer = self._call(method, path, body=body, query=query)
        if status != 200:
            raise MlflowError("%s %s answered %d: %s" % (method, path, status, str(answer).strip()[:300]))
        return answer

    def login_works(self, username, password):
        status, _answer = self._call("GET", "/api/2.0/mlflow/users/current", username=username, password=password)
        if status in (200, 401, 403):
            return status == 200
        raise MlflowError("GET /api/2.0/mlflow/users/current answered %d" % status)

    def users(self):
        """{name: {"is_admin", "grants": {(type, resource): permission}}} in one call."""
        found = {}
        for user in self._ok("GET", "/api/2.0/mlflow/users/list").get("users", []):
            grants = {}
            for role in user.get("roles") or []:
                # Each user's own grants live in its synthetic role; roles shared by users are not ours.
                if role.get("name") != "__user_%s__" % user["id"]:
                    continue
                for permission in role.get("permissions") or []:
                    grants[(permission["resource_type"], str(permission["resource_pattern"]))] = permission["permission"]
            found[user["username"]] = {"is_admin": bool(user.get("is_admin")), "grants": grants}
        return found

    def apply(self, name, password, action, details):
        if action == "create":
            self._ok("POST", "/api/2.0/mlflow/users/create", {"username": name, "password": password})
        elif action == "set_password":
            body = {"username": name, "password": password}
            if name == self.username:
                # MLflow asks a user who changes their own password for the current one.
                body["current_password"] = self.password
            self._ok("PATCH", "/api/2.0/mlflow/users/update-password", body)
        elif action == "set_admin":
            self._ok("PATCH", "/api/2.0/mlflow/users/update-admin", {"username": name, "is_admin": details["is_admin"]})
        elif action == "grant":
            self._ok("POST", "/api/3.0/mlflow/users/permissions/grant",
                     {"username": name, "resource_type": details["resource_type"],
                      "resource_id": details["resource"], "permission": details["permission"]})
        elif action == "revoke":
            self._ok("POST", "/api/3.0/mlflow/users/permissions/revoke",
                     {"username": name, "resource_type": details["resource_type"], "resource_id": details["resource"]})
        elif action == "delete":
            self._ok("DELETE", "/api/2.0/mlflow/users/delete", {"username": name})
        else:
            raise MlflowError("unknown action %s" % action)

    # --- registered models' aliases -----------------------------------------

    def alias_version(self, name, alias):
        """The version an alias of a registered model names, as a string; None when the alias (or model) is not there."""
        status, answer = self._call("GET", "/api/2.0/mlflow/registered-models/alias", query={"name": name, "alias": alias})
        if status == 200:
            return str(answer["model_version"]["version"])
        if not_found(status, answer):
            return None
        raise MlflowError("GET /api/2.0/mlflow/registered-models/alias answered %d: %s" % (status, str(answer).strip()[:300]))

    def version_exists(self, name, version):
        status, answer = self._call("GET", "/api/2.0/mlflow/model-versions/get", query={"name": name, "version": version})
        if status == 200:
            return True
        if not_found(status, answer):
            return False
        raise MlflowError("GET /api/2.0/mlflow/model-versions/get answered %d: %s" % (status, str(answer).strip()[:300]))

    def set_alias(self, name, alias, version):
        self._ok("POST", "/api/2.0/mlflow/registered-models/alias", {"name": name, "alias": alias, "version": str(version)})

    def delete_alias(self, name, alias):
        self._ok("DELETE", "/api/2.0/mlflow/registered-models/alias", {"name": name, "alias": alias})
