"""Summarise a Lynis log: the hardening index and the tests that did not earn all their points.

Reads /var/log/lynis.log (or the file named as the first argument) and prints JSON.
"""

import json
import re
import sys
from collections import Counter

TEST = re.compile(r"Performing test ID (\S+)")
PARTIAL = re.compile(r"partial number of hardening points \((\d+) of (\d+)\)")
FULL = re.compile(r"maximum number of hardening points for this item \((\d+)\)")


def summarise(lines):
    current, earned, possible, lost = None, 0, 0, Counter()
    for line in lines:
        test = TEST.search(line)
        if test:
            current = test.group(1)
            continue
        partial, full = PARTIAL.search(line), FULL.search(line)
        if partial:
            got, most = int(partial.group(1)), int(partial.group(2))
        elif full:
            got = most = int(full.group(1))
        else:
            continue
        earned += got
        possible += most
        if got < most:
            lost[current] += most - got
    return {
        "index": earned * 100 // possible if possible else 0,
        "points": "%d of %d" % (earned, possible),
        "lost": ["%s %d" % (test, points) for test, points in lost.most_common()],
    }


if __name__ == "__main__":
    with open(sys.argv[1] if len(sys.argv) > 1 else "/var/log/lynis.log") as log:
        print(json.dumps(summarise(log)))
