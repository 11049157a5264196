# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""GitHub's self-hosted runner API (REST, version 2022-11-28), and GitHub App
authentication. Private to the collection; the github_runner module uses it."""

from __future__ import annotations

import base64
import json
import time

from ansible_collections.concert.mlops.plugins.module_utils._forge import ForgeClient, ForgeError

API_VERSION = "2022-11-28"


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def app_jwt(app_id, private_key_pem, now=None):
    """The short-lived JWT (RS256) a GitHub App signs to ask for an installation token."""
    try:
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import padding
    except ImportError:
        raise ForgeError("GitHub App authentication needs the Python package cryptography on the controller")
    try:
        key = serialization.load_pem_private_key(private_key_pem.encode("utf-8"), password=None)
    except (ValueError, TypeError):
        raise ForgeError("app_private_key is not a PEM private key without a passphrase")
    issued = int(now if now is not None else time.time()) - 60  # GitHub allows for clock drift this way
    header = _b64(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
    claims = _b64(json.dumps({"iat": issued, "exp": issued + 600, "iss": str(app_id)}).encode())
    signature = key.sign(("%s.%s" % (header, claims)).encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return "%s.%s.%s" % (header, claims, _b64(signature))


def headers(token):
    return {
        "Authorization": "Bearer %s" % token,
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": API_VERSION,
        "User-Agent": "concert.mlops",
    }


def client(api_url, token=None, app_id=None, app_private_key=None, app_installation_id=None,
           validate_certs=True, timeout=30):
    """A client authenticated by a token, or by a GitHub App's installation token."""
    if not token:
        app = ForgeClient(api_url, headers(app_jwt(app_id, app_private_key)), validate_certs, timeout)
        dummy, body, dummy = app.call("POST", "/app/installations/%s/access_tokens" % app_installation_id)
        token = (body or {}).get("token")
        if not token:
            raise ForgeError("GitHub gave the App no installation token")
    return ForgeClient(api_url, headers(token), validate_certs, timeout)


def custom_labels(runner):
    """A runner's own labels; GitHub's read-only ones (self-hosted, Linux, X64) are not the user's to set."""
    return sorted(label["name"] for label in runner.get("labels", []) if label.get("type", "custom") == "custom")


class Runners(object):
    """The runners of one repository (owner/name) or organization."""

    def __init__(self, api, repository=None, organization=None):
        self.api = api
        self.scope = "/repos/%s/actions/runners" % repository if repository else "/orgs/%s/actions/runners" % organization

    def find(self, name):
        for runner in self.api.pages(self.scope, {"per_page": 100}, items="runners"):
            if runner.get("name") == name:
                return runner
        return None

    def registration_token(self):
        return self.api.call("POST", self.scope + "/registration-token")[1]

    def jit_config(self, name, labels, runner_group_id, work_folder):
        body = {"name": name, "runner_group_id": runner_group_id, "labels": labels, "work_folder": work_folder}
        return self.api.call("POST", self.scope + "/generate-jitconfig", body)[1]

    def set_labels(self, runner_id, labels):
        return self.api.call("PUT", "%s/%s/labels" % (self.scope, runner_id), {"labels": labels})[1]

    def delete(self, runner_id):
        self.api.call("DELETE", "%s/%s" % (self.scope, runner_id))
