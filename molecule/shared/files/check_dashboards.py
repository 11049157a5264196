# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks every dashboard JSON file in a directory against the shape Grafana's file
provisioning needs, and prints each panel's query as JSON lines for the scenario.

Usage: check_dashboards.py <directory>. Exits 1 naming every file that fails."""

import json
import pathlib
import sys

import jsonschema

# What Grafana (schemaVersion 39) needs to provision a dashboard from a file
# and run its panels against a Prometheus datasource.
TARGET = {
    "type": "object",
    "required": ["refId", "expr"],
    "properties": {"refId": {"type": "string", "minLength": 1}, "expr": {"type": "string", "minLength": 1}},
}
PANEL = {
    "type": "object",
    "required": ["id", "type", "title", "gridPos"],
    "properties": {
        "id": {"type": "integer", "minimum": 1},
        "type": {"enum": ["row", "timeseries", "stat", "gauge", "table"]},
        "title": {"type": "string", "minLength": 1},
        "gridPos": {
            "type": "object",
            "required": ["h", "w", "x", "y"],
            "properties": {"h": {"type": "integer", "minimum": 1}, "w": {"type": "integer", "minimum": 1, "maximum": 24},
                           "x": {"type": "integer", "minimum": 0, "maximum": 23}, "y": {"type": "integer", "minimum": 0}},
        },
        "datasource": {"type": "object", "required": ["type", "uid"],
                       "properties": {"type": {"const": "prometheus"}, "uid": {"type": "string"}}},
        "targets": {"type": "array", "minItems": 1, "items": TARGET},
    },
    "if": {"properties": {"type": {"const": "row"}}},
    "else": {"required": ["datasource", "targets"]},
}
DASHBOARD = {
    "type": "object",
    "required": ["uid", "title", "schemaVersion", "panels"],
    "properties": {
        "uid": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,40}$"},
        "title": {"type": "string", "minLength": 1},
        "schemaVersion": {"type": "integer", "minimum": 36},
        "tags": {"type": "array", "items": {"type": "string"}},
        "panels": {"type": "array", "minItems": 1, "items": PANEL},
    },
}


def main(directory):
    failures, queries = [], []
    files = sorted(pathlib.Path(directory).glob("*.json"))
    for path in files:
        try:
            dashboard = json.loads(path.read_text())
            jsonschema.validate(dashboard, DASHBOARD)
        except (ValueError, jsonschema.ValidationError) as exc:
            failures.append("%s: %s" % (path.name, str(exc).splitlines()[0]))
            continue
        ids = [panel["id"] for panel in dashboard["panels"]]
        if len(ids) != len(set(ids)):
            failures.append("%s: panel ids repeat" % path.name)
        for panel in dashboard["panels"]:
            for target in panel.get("targets", []):
                queries.append({"dashboard": dashboard["uid"], "panel": panel["title"], "expr": target["expr"]})
    if not files:
        failures.append("no dashboard in %s" % directory)
    for failure in failures:
        print("INVALID " + failure, file=sys.stderr)
    print(json.dumps({"files": len(files), "queries": queries}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
