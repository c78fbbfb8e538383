"""`make bench` waits for its server: until it answers, not past a fault, and not for ever."""

import socket
import threading
from http.client import InvalidURL
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.run import wait_until_up


class Answers(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_wait_ends_once_the_server_answers():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        wait_until_up(f"http://127.0.0.1:{server.server_port}/logga-in/", tries=3, pause=0)
    finally:
        server.shutdown()
        server.server_close()


def test_a_server_that_never_answers_ends_the_run_with_a_message():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(SystemExit, match="Servern svarade inte"):
        wait_until_up(f"http://127.0.0.1:{port}/logga-in/", tries=2, pause=0)


def test_a_fault_is_not_taken_for_a_server_still_starting():
    with pytest.raises(InvalidURL, match="nonnumeric port"):  # a typo in the address
        wait_until_up("http://127.0.0.1:87b5/logga-in/", tries=2, pause=0)
