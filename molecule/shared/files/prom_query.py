# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs many PromQL queries against a Prometheus from one process on the host, so
a verify step pays one round trip for them all instead of a uri task per query.

Usage: python3 prom_query.py URL [RETRIES DELAY] < queries.json

stdin: a JSON list of objects, each with an "expr". A query that answers with no
series is asked again up to RETRIES times, DELAY seconds apart (rates need two
scrapes inside their window); the default is to ask once. Prints the same list,
each object with "status", "series" and "error" added: the HTTP status, how
many series came back, and Prometheus' error text for a refused query."""

import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def ask(url, expr):
    """(HTTP status, number of series, error text) of one instant query."""
    address = "%s/api/v1/query?%s" % (url.rstrip("/"), urllib.parse.urlencode({"query": expr}))
    try:
        with urllib.request.urlopen(address, timeout=10) as response:
            return response.status, len(json.load(response)["data"]["result"]), ""
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace")
        try:
            return exc.code, 0, json.loads(body).get("error", body)
        except ValueError:
            return exc.code, 0, body


def main():
    url = sys.argv[1]
    retries = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0
    answers = []
    for query in json.load(sys.stdin):
        for attempt in range(retries + 1):
            status, series, error = ask(url, query["expr"])
            if status != 200 or series > 0 or attempt == retries:
                break
            time.sleep(delay)
        answers.append(dict(query, status=status, series=series, error=error))
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
