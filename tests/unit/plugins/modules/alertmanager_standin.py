# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A stand-in for the silence part of Alertmanager's v2 API, for unit tests.

It follows the API's shapes (GET/POST /api/v2/silences, DELETE /api/v2/silence/{id},
silences with id, status.state, matchers, startsAt, endsAt, comment, createdBy) and
computes states from the clock the way Alertmanager does. It is a stand-in for a
remote API the module talks to, not for software the collection installs.
"""

from __future__ import annotations

import base64
import datetime
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


def _parse(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


class AlertmanagerStandIn(object):

    def __init__(self, credentials=None):
        self.silences = {}
        self.requests = []
        self.credentials = credentials
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, code, body=None):
                payload = json.dumps(body).encode() if body is not None else b""
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _authorized(self):
                if not standin.credentials:
                    return True
                expected = "Basic " + base64.b64encode(("%s:%s" % standin.credentials).encode()).decode()
                return self.headers.get("Authorization") == expected

            def do_GET(self):
                standin.requests.append(("GET", self.path))
                if not self._authorized():
                    return self._reply(401, {"error": "unauthorized"})
                if self.path.split("?")[0] != "/api/v2/silences":
                    return self._reply(404, {"error": "not found"})
                self._reply(200, [standin.with_state(s) for s in standin.silences.values()])

            def do_POST(self):
                standin.requests.append(("POST", self.path))
                if not self._authorized():
                    return self._reply(401, {"error": "unauthorized"})
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if not body.get("matchers") or "startsAt" not in body or "endsAt" not in body:
                    return self._reply(400, {"error": "missing matchers, startsAt or endsAt"})
                if "id" in body and body["id"] not in standin.silences:
                    return self._reply(404, {"error": "silence not found"})
                silence_id = body.get("id") or str(uuid.uuid4())
                stored = dict(body, id=silence_id, updatedAt=_now().isoformat())
                stored.pop("status", None)
                standin.silences[silence_id] = stored
                self._reply(200, {"silenceID": silence_id})

            def do_DELETE(self):
                standin.requests.append(("DELETE", self.path))
                if not self._authorized():
                    return self._reply(401, {"error": "unauthorized"})
                silence_id = self.path.rsplit("/", 1)[-1]
                if silence_id not in standin.silences:
                    return self._reply(404, {"error": "silence not found"})
                standin.silences[silence_id]["endsAt"] = _now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")
                self._reply(200)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @staticmethod
    def with_state(silence):
        now = _now()
        if _parse(silence["endsAt"]) <= now:
            state = "expired"
        elif _parse(silence["startsAt"]) > now:
            state = "pending"
        else:
            state = "active"
        return dict(silence, status={"state": state})

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()

    def writes(self):
        return [request for request in self.requests if request[0] != "GET"]
