# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The model server the release role ships, run for real on a free port with
OpenFeature's flagd provider reading a flag file."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import ThreadingHTTPServer

import pytest

SERVER_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "..", "roles", "release", "files", "model_server")
sys.path.insert(0, SERVER_DIR)

import concert_model_server as ms  # noqa: E402 - found through SERVER_DIR

ARTIFACT = os.path.join(SERVER_DIR, "model.json")
SETOSA = [5.1, 3.5, 1.4, 0.2]
VIRGINICA = [6.7, 3.0, 5.2, 2.3]


def flag_file(path, **states):
    flags = {name: {"state": "ENABLED", "variants": {"on": True, "off": False}, "defaultVariant": "on" if on else "off"}
             for name, on in states.items()}
    path.write_text(json.dumps({"flags": flags}))


@pytest.fixture
def server(tmp_path):
    flags_path = tmp_path / "flags.json"
    flag_file(flags_path, **{"include-scores": False, "fail-predictions": False})
    flags = ms.openfeature_flags(str(flags_path))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), ms.make_handler(ms.LinearModel.load(ARTIFACT), flags, ms.Metrics()))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % httpd.server_address[1], flags_path
    httpd.shutdown()


def call(url, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_it_predicts_with_the_artifact(server):
    url = server[0]
    assert json.loads(call(url + "/predict", {"features": SETOSA})[1]) == {
        "label": "setosa", "model": "iris-linear", "version": "1"}
    assert json.loads(call(url + "/predict", {"features": VIRGINICA})[1])["label"] == "virginica"


def test_bad_features_are_a_client_error(server):
    url = server[0]
    code, body = call(url + "/predict", {"features": [1, 2]})
    assert code == 400 and "list of 4 numbers" in body
    assert call(url + "/predict", {"features": [True, 1, 2, 3]})[0] == 400
    assert call(url + "/nowhere")[0] == 404


def test_health_names_the_model(server):
    url = server[0]
    code, body = call(url + "/healthz")
    assert code == 200 and json.loads(body) == {"status": "ok", "model": "iris-linear", "version": "1"}


def test_metrics_count_requests_and_latency(server):
    url = server[0]
    call(url + "/predict", {"features": SETOSA})
    call(url + "/predict", {"features": [1]})
    body = call(url + "/metrics")[1]
    assert 'concert_model_info{model="iris-linear",version="1"} 1' in body
    assert 'concert_model_requests_total{path="/predict",code="200"} 1' in body
    assert 'concert_model_requests_total{path="/predict",code="400"} 1' in body
    assert 'concert_model_request_duration_seconds_count{path="/predict"} 2' in body
    assert 'concert_model_request_duration_seconds_bucket{path="/predict",le="+Inf"} 2' in body


def test_a_flag_switched_in_the_file_takes_effect_without_a_restart(server):
    url, flags_path = server
    assert "scores" not in json.loads(call(url + "/predict", {"features": SETOSA})[1])
    time.sleep(1.1)  # a new modification time the provider's watcher can tell apart
    flag_file(flags_path, **{"include-scores": True, "fail-predictions": False})
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        answer = json.loads(call(url + "/predict", {"features": SETOSA})[1])
        if "scores" in answer:
            break
        time.sleep(0.2)
    assert set(answer["scores"]) == {"setosa", "versicolor", "virginica"}


def test_the_drill_flag_fails_predictions_but_not_health(tmp_path):
    flags_path = tmp_path / "flags.json"
    flag_file(flags_path, **{"fail-predictions": True})
    handler = ms.make_handler(ms.LinearModel.load(ARTIFACT), ms.openfeature_flags(str(flags_path)), ms.Metrics())
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d" % httpd.server_address[1]
    try:
        code, body = call(url + "/predict", {"features": SETOSA})
        assert code == 500 and "fail-predictions" in body
        assert call(url + "/healthz")[0] == 200
    finally:
        httpd.shutdown()


@pytest.mark.parametrize("artifact, says", [
    ({"name": "m", "version": "1", "labels": ["a"], "weights": [[1.0]]}, "needs name, version"),
    ({"name": "m", "version": "1", "labels": ["a", "b"], "weights": [[1.0], [1.0, 2.0]], "bias": [0, 0]},
     "equal length"),
    ({"name": "m", "version": "1", "labels": [], "weights": [], "bias": []}, "equal length"),
])
def test_a_broken_artifact_is_refused(artifact, says):
    with pytest.raises(ms.ModelError, match=says):
        ms.LinearModel(artifact)


def test_a_missing_artifact_is_refused(tmp_path):
    with pytest.raises(ms.ModelError, match="cannot read"):
        ms.LinearModel.load(str(tmp_path / "model.json"))
