# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""POSTs one JSON body to a URL many times from one process on the host, so a
verify step pays one round trip for all the requests, not a uri task each.

Usage: python3 post_json.py URL COUNT < body.json
Prints a JSON list of the HTTP statuses, one per request, in order."""

import json
import sys
import urllib.error
import urllib.request


def post(url, body):
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def main():
    url, count = sys.argv[1], int(sys.argv[2])
    body = sys.stdin.buffer.read()
    json.loads(body)
    json.dump([post(url, body) for request_number in range(count)], sys.stdout)


if __name__ == "__main__":
    main()
