"""Slow clients cannot stall the site: gunicorn.conf.py's threaded workers keep answering.

Two clients (as many as the workers of the issue's measurement) open a connection, send a request line, then one
header line every 2 s and never finish. With gunicorn's default "sync" workers each of them holds a whole worker
until gunicorn's 30 s timeout kills it, and every other visitor waits (issue 13 measured 34 s). With
gunicorn.conf.py, each holds one thread and the page and the stylesheet are still answered, within a generous 5 s.

To see the difference, run the same test against sync workers (it then fails):
    OPS_SLOW_CLIENTS_GUNICORN_ARGS="--worker-class sync --workers 2 --threads 1" pytest ops/tests/test_slow_clients.py
"""

import os
import shlex
import socket
import threading
import time

import pytest

from ops.tests import gunicorn_site

SLOW_CLIENTS = 2
TRICKLE_SECONDS = 2
BOUND_SECONDS = 5  # generous: a page takes well under a second here; only a stalled site takes longer


class SlowClient:
    """A connection that sends a request line, then one header line every ``TRICKLE_SECONDS``, until stopped."""

    def __init__(self, base_url, number):
        host, port = base_url.removeprefix("http://").split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=5)
        self.sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        self.number = number
        self.lines_sent = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.trickle, daemon=True)
        self.thread.start()

    def trickle(self):
        while not self.stopped.wait(TRICKLE_SECONDS):
            try:
                self.sock.sendall(f"X-Slow-{self.number}-{self.lines_sent}: 1\r\n".encode())
            except OSError:
                return
            self.lines_sent += 1

    def still_waiting(self):
        """True while the server keeps the connection open without answering (what a stalled worker does)."""
        self.sock.setblocking(False)
        try:
            return self.sock.recv(1, socket.MSG_PEEK) != b""
        except BlockingIOError:
            return True
        except OSError:
            return False
        finally:
            self.sock.setblocking(True)

    def stop(self):
        self.stopped.set()
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture(scope="module")
def site_env():
    return gunicorn_site.sqlite_site()


def test_two_slow_clients_do_not_stall_pages_or_static_files(site_env):
    extra_args = shlex.split(os.environ.get("OPS_SLOW_CLIENTS_GUNICORN_ARGS", ""))
    static_url = gunicorn_site.static_file_url(site_env)
    with gunicorn_site.gunicorn(site_env, *extra_args) as (base_url, _log):
        clients = [SlowClient(base_url, number) for number in range(SLOW_CLIENTS)]
        try:
            time.sleep(2 * TRICKLE_SECONDS + 0.5)  # every slow client is in a worker and has sent two header lines
            timings = []
            for _round in range(3):
                for path in ("/presentation/", static_url):
                    try:
                        status, _headers, body, seconds = gunicorn_site.timed_get(base_url + path, BOUND_SECONDS)
                    except TimeoutError:
                        pytest.fail(f"{path} not answered within {BOUND_SECONDS} s with {SLOW_CLIENTS} slow clients")
                    assert status == 200, path
                    assert seconds < BOUND_SECONDS, (path, seconds)
                    timings.append((path, round(seconds, 3)))
            assert b"<html" in gunicorn_site.timed_get(base_url + "/presentation/", BOUND_SECONDS)[2]
            # The slow clients were really held all along: still connected, still unanswered, still sending.
            assert all(client.still_waiting() for client in clients)
            assert all(client.lines_sent >= 2 for client in clients)
            print("timings under slow clients:", timings)
        finally:
            for client in clients:
                client.stop()
