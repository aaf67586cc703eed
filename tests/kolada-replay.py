#!/usr/bin/python3
"""kolada-replay.py FIXTURES – a local stand-in for Kolada's v3 data route.

Serves the recorded answers in FIXTURES (tests/fixtures/kolada-v3/) on
127.0.0.1 at a free port, which it prints as its first line; stops when its
standard input closes. Never the internet.
"""
import http.server
import os
import sys
import threading
import urllib.parse

FIXTURES = sys.argv[1]
ROUTES = {
    ("/v3/data/kpi/N01951/municipality/0023", None): "n01951-0023-page1.json",
    ("/v3/data/kpi/N01951/municipality/0023", "1"): "n01951-0023-page1.json",
    ("/v3/data/kpi/N01951/municipality/0023", "2"): "n01951-0023-page2.json",
    ("/v3/data/kpi/N00914/municipality/0023", None): "n00914-retired.json",
}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        page = urllib.parse.parse_qs(url.query).get("page", [None])[0]
        name = ROUTES.get((url.path, page))
        if name is None:
            self.send_error(404)
            return
        with open(os.path.join(FIXTURES, name), "rb") as f:
            body = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
server.shutdown()
