# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Concert's model server: the service stage 7 releases.

It loads a model artifact (a JSON linear classifier: labels, one weight row and
bias per label) and answers
  POST /predict   {"features": [...]} -> {"label": ..., "model": ..., "version": ...}
  GET  /healthz   200 while the model is loaded, 503 otherwise
  GET  /metrics   request counts and latency in Prometheus' text format
Its feature flags come from a flagd flag-definition file through OpenFeature's
flagd provider in file mode (in-process, re-read when the file changes):
  include-scores  (boolean) the answer also carries every label's score
  fail-predictions (boolean) every prediction answers 500: a switch for drills
The evaluation context's targeting key is the X-User header.

Configuration from the environment: MODEL_PATH, FLAGS_PATH, PORT (8080).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Upper bounds of the latency histogram, in seconds.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class ModelError(Exception):
    pass


class LinearModel:
    """labels[i] scores weights[i] . features + bias[i]; the best score wins."""

    def __init__(self, artifact):
        try:
            self.name = str(artifact["name"])
            self.version = str(artifact["version"])
            self.labels = list(artifact["labels"])
            self.weights = [[float(w) for w in row] for row in artifact["weights"]]
            self.bias = [float(b) for b in artifact["bias"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError("the artifact needs name, version, labels, weights and bias: %s" % exc)
        widths = set(len(row) for row in self.weights)
        if not self.labels or len(self.weights) != len(self.labels) or len(self.bias) != len(self.labels) \
                or len(widths) != 1:
            raise ModelError("the artifact needs one weight row of equal length and one bias per label")
        self.width = widths.pop()

    @classmethod
    def load(cls, path):
        try:
            with open(path) as handle:
                return cls(json.load(handle))
        except (OSError, ValueError) as exc:
            raise ModelError("cannot read the model artifact %s: %s" % (path, exc))

    def scores(self, features):
        if not isinstance(features, list) or len(features) != self.width \
                or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in features):
            raise ValueError("features must be a list of %d numbers" % self.width)
        return {
            label: sum(w * x for w, x in zip(row, features)) + bias
            for label, row, bias in zip(self.labels, self.weights, self.bias)
        }

    def predict(self, features):
        scores = self.scores(features)
        return max(scores, key=scores.get), scores


class Metrics:
    """Request counts by path and code, and a latency histogram by path."""

    def __init__(self):
        self._lock = threading.Lock()
        self.requests = {}
        self.latency = {}

    def observe(self, path, code, seconds):
        with self._lock:
            self.requests[(path, code)] = self.requests.get((path, code), 0) + 1
            counts, total, count = self.latency.get(path, ([0] * len(BUCKETS), 0.0, 0))
            counts = [c + (1 if seconds <= bound else 0) for c, bound in zip(counts, BUCKETS)]
            self.latency[path] = (counts, total + seconds, count + 1)

    def render(self, model):
        lines = [
            "# HELP concert_model_info The model this server answers with.",
            "# TYPE concert_model_info gauge",
            'concert_model_info{model="%s",version="%s"} 1' % (model.name, model.version) if model else
            'concert_model_info{model="",version=""} 0',
            "# HELP concert_model_requests_total Requests answered, by path and HTTP code.",
            "# TYPE concert_model_requests_total counter",
        ]
        with self._lock:
            for (path, code), value in sorted(self.requests.items()):
                lines.append('concert_model_requests_total{path="%s",code="%d"} %d' % (path, code, value))
            lines += [
                "# HELP concert_model_request_duration_seconds Time to answer a request.",
                "# TYPE concert_model_request_duration_seconds histogram",
            ]
            for path, (counts, total, count) in sorted(self.latency.items()):
                for bound, value in zip(BUCKETS, counts):
                    lines.append('concert_model_request_duration_seconds_bucket{path="%s",le="%s"} %d'
                                 % (path, bound, value))
                lines.append('concert_model_request_duration_seconds_bucket{path="%s",le="+Inf"} %d' % (path, count))
                lines.append('concert_model_request_duration_seconds_sum{path="%s"} %.6f' % (path, total))
                lines.append('concert_model_request_duration_seconds_count{path="%s"} %d' % (path, count))
        return "\n".join(lines) + "\n"


class StaticFlags:
    """Every flag at the code's default: the server without a flag file."""

    def get_boolean_value(self, key, default, context=None):
        return default


def openfeature_flags(flags_path):
    """An OpenFeature client reading flags_path through the flagd provider."""
    from openfeature import api
    from openfeature.contrib.provider.flagd import FlagdProvider
    from openfeature.contrib.provider.flagd.config import ResolverType

    api.set_provider(FlagdProvider(resolver_type=ResolverType.FILE, offline_flag_source_path=flags_path))
    return api.get_client("concert-model-server")


def make_handler(model, flags, metrics):
    from openfeature.evaluation_context import EvaluationContext

    class Handler(BaseHTTPRequestHandler):
        server_version = "concert-model-server"

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass  # requests are counted in /metrics, not logged one by one

        def _answer(self, code, body, content_type="application/json"):
            data = (json.dumps(body) + "\n" if content_type == "application/json" else body).encode()
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return code

        def _timed(self, route):
            started = time.monotonic()
            code = route()
            metrics.observe(self.path.split("?")[0], code, time.monotonic() - started)

        def do_GET(self):
            self._timed(self._get)

        def do_POST(self):
            self._timed(self._post)

        def _get(self):
            if self.path == "/healthz":
                if model is None:
                    return self._answer(503, {"status": "no model"})
                return self._answer(200, {"status": "ok", "model": model.name, "version": model.version})
            if self.path == "/metrics":
                return self._answer(200, metrics.render(model), "text/plain; version=0.0.4")
            return self._answer(404, {"error": "not found"})

        def _post(self):
            if self.path != "/predict":
                return self._answer(404, {"error": "not found"})
            context = EvaluationContext(targeting_key=self.headers.get("X-User") or "anonymous")
            if flags.get_boolean_value("fail-predictions", False, context):
                return self._answer(500, {"error": "predictions are switched off by the fail-predictions flag"})
            try:
                length = int(self.headers.get("Content-Length") or 0)
                request = json.loads(self.rfile.read(length) or b"{}")
                label, scores = model.predict(request.get("features"))
            except (ValueError, AttributeError) as exc:
                return self._answer(400, {"error": str(exc)})
            answer = {"label": label, "model": model.name, "version": model.version}
            if flags.get_boolean_value("include-scores", False, context):
                answer["scores"] = scores
            return self._answer(200, answer)

    return Handler


def main():
    model = LinearModel.load(os.environ.get("MODEL_PATH", "/srv/model/model.json"))
    flags_path = os.environ.get("FLAGS_PATH", "")
    flags = openfeature_flags(flags_path) if flags_path else StaticFlags()
    server = ThreadingHTTPServer(("", int(os.environ.get("PORT", "8080"))), make_handler(model, flags, Metrics()))
    # As PID 1 of its container the server would ignore SIGTERM, and every
    # docker stop would wait ten seconds for the SIGKILL: stop at once.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    server.serve_forever()


if __name__ == "__main__":
    main()
