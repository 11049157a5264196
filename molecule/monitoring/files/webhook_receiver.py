"""Stand-in for a webhook receiver: appends each POSTed JSON body as one line to a file."""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

PORT, OUTPUT = int(sys.argv[1]), sys.argv[2]


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(OUTPUT, "a") as out:
            out.write(json.dumps(json.loads(body)) + "\n")
        self.send_response(200)
        self.end_headers()


HTTPServer(("0.0.0.0", PORT), Receiver).serve_forever()
