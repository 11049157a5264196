# Steady traffic through the load balancer while a release runs: POSTs
# /predict until the stop file appears, then writes how many answers were 200
# and the first failures, as JSON. Run on the load balancer host.
import json
import os
import sys
import time
import urllib.error
import urllib.request

url, stop_file, result_file = sys.argv[1:4]
counts = {"ok": 0, "failed": 0, "failures": []}
body = json.dumps({"features": [5.1, 3.5, 1.4, 0.2]}).encode()
while not os.path.exists(stop_file):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=5) as answer:
            status = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        status = str(error)
    if status == 200:
        counts["ok"] += 1
    else:
        counts["failed"] += 1
        counts["failures"] = (counts["failures"] + [str(status)])[:5]
    time.sleep(0.05)
with open(result_file, "w") as handle:
    json.dump(counts, handle)
