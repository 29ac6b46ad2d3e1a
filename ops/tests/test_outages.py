"""A sick database, end to end: gunicorn (gunicorn.conf.py, production settings) on a throwaway PostgreSQL database
reached through a small TCP proxy this test starts, and switches between forwarding, hanging (accepts, never
answers) and refusing (stops listening). The machine's PostgreSQL server itself is never stopped nor reconfigured;
the throwaway database is created here and dropped at the end.

Public pages answer the French 503 within a generous bound (the connection timeout is 3 s), static files keep being
served, /healthz says the database is unavailable, and the site comes back by itself once the database answers.
Skipped when no PostgreSQL answers at 127.0.0.1:5432.
"""

import contextlib
import os
import re
import secrets
import select
import socket
import threading

import pytest

from ops.tests import gunicorn_site

PG_HOST, PG_PORT = "127.0.0.1", 5432
BOUND_SECONDS = 10  # generous: a refused connection is immediate, a hung one gives up after 3 s


def postgres_answers():
    try:
        import psycopg

        with psycopg.connect(host=PG_HOST, port=PG_PORT, user="postgres", dbname="postgres", connect_timeout=3):
            return True
    except Exception:
        return False


pytestmark = pytest.mark.skipif(not postgres_answers(), reason=f"no PostgreSQL answers at {PG_HOST}:{PG_PORT}")


class FaultyProxy:
    """A TCP proxy to PostgreSQL on a free local port, in one of three modes.

    ``forward``: relays both ways. ``hang``: accepts connections and never answers; connections already open stop
    being relayed too (a database that froze). ``refuse``: stops listening (connections are refused) and cuts the
    open ones (a database that went down).
    """

    def __init__(self, target):
        self.target = target
        self.port = gunicorn_site.free_port()
        self.mode = "forward"
        self.listener = None
        self.lock = threading.Lock()
        self.sockets = set()
        self.relaying = threading.Event()
        self.relaying.set()
        self.listen()

    def listen(self):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((PG_HOST, self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self.accept_loop, args=(listener,), daemon=True).start()

    def accept_loop(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # the listener was closed
            self.track(client)
            if self.mode == "forward":
                threading.Thread(target=self.relay, args=(client,), daemon=True).start()
            # hang: keep the socket open, never read from it, never answer

    def track(self, sock):
        with self.lock:
            self.sockets.add(sock)

    def relay(self, client):
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        self.track(upstream)
        pairs = {client: upstream, upstream: client}
        try:
            while True:
                readable, _, _ = select.select(list(pairs), [], [], 0.5)
                if not self.relaying.is_set():
                    self.relaying.wait()  # hung: nothing flows until forwarding again (or the socket is cut)
                    continue
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    pairs[sock].sendall(data)
        except (OSError, ValueError):  # ValueError: a socket cut by cut_all() while select() waited
            return
        finally:
            client.close()
            upstream.close()

    def set_mode(self, mode):
        assert mode in {"forward", "hang", "refuse"}
        self.mode = mode
        if mode == "forward":
            self.relaying.set()
            if self.listener is None:
                self.listen()
        elif mode == "hang":
            self.relaying.clear()
        elif mode == "refuse":
            # shutdown() first: a plain close() leaves the socket listening while accept() blocks on it.
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
            self.cut_all()
            self.relaying.set()

    def cut_all(self):
        with self.lock:
            sockets, self.sockets = self.sockets, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self):
        if self.listener is not None:
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
        self.relaying.set()
        self.cut_all()


@pytest.fixture(scope="module")
def throwaway_database():
    import psycopg

    name = f"h_ops_outage_{os.getpid()}_{secrets.token_hex(3)}"
    admin = psycopg.connect(host=PG_HOST, port=PG_PORT, user="postgres", dbname="postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = gunicorn_site.production_env(f"postgres://postgres@{PG_HOST}:{PG_PORT}/{name}")
        gunicorn_site.build_database(env)
        yield name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def proxy():
    proxy = FaultyProxy((PG_HOST, PG_PORT))
    yield proxy
    proxy.close()


def check(base_url, path, expected_status):
    status, headers, body, seconds = gunicorn_site.timed_get(base_url + path, BOUND_SECONDS)
    assert status == expected_status, (path, status)
    assert seconds < BOUND_SECONDS, (path, seconds)
    return headers, body.decode(errors="replace"), seconds


def assert_french_503(headers, html):
    assert headers["Retry-After"] == "60"
    assert '<html lang="fr-BE">' in html
    assert "Le site est momentanément indisponible" in html


def test_hung_then_refusing_database_gives_a_french_503_and_the_site_recovers(throwaway_database, proxy, capsys):
    env = gunicorn_site.production_env(f"postgres://postgres@{PG_HOST}:{proxy.port}/{throwaway_database}")
    static_url = gunicorn_site.static_file_url(env)
    # A page visited before the outage is in the page cache and stays readable; the others need the database.
    cached_page, page = "/presentation/", "/contact/"
    figures = {}
    with gunicorn_site.gunicorn(env) as (base_url, log_path):
        check(base_url, cached_page, 200)
        assert check(base_url, cached_page, 200)[0]["X-Page-Cache"] == "hit"
        assert check(base_url, "/healthz", 200)[1] == "ok\n"

        proxy.set_mode("hang")
        headers, html, figures["hang cached page"] = check(base_url, cached_page, 200)
        assert headers["X-Page-Cache"] == "hit" and "<h1" in html
        headers, html, figures["hang 503"] = check(base_url, page, 503)
        assert_french_503(headers, html)
        _headers, _html, figures["hang static"] = check(base_url, static_url, 200)
        assert check(base_url, "/healthz", 503)[1] == "unavailable: database\n"
        assert_french_503(*check(base_url, "/", 503)[:2])

        proxy.set_mode("refuse")
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((PG_HOST, proxy.port), timeout=1)
        headers, html, figures["refuse 503"] = check(base_url, page, 503)
        assert_french_503(headers, html)
        check(base_url, static_url, 200)

        proxy.set_mode("forward")  # the database is back: nothing is restarted
        _headers, html, figures["recovered 200"] = check(base_url, page, 200)
        assert "<h1" in html
        assert check(base_url, "/healthz", 200)[1] == "ok\n"

    log = log_path.read_text(errors="replace")
    # Django's request logger wrote each 503 once: the pages with the database error's traceback, /healthz without.
    logged = re.findall(r"^Service Unavailable: (\S+)$", log, flags=re.MULTILINE)
    assert sorted(logged) == sorted([page, "/healthz", "/", page]), log[-3000:]
    assert log.count("django.db.utils.OperationalError") == 3
    assert "Internal Server Error" not in log
    with capsys.disabled():
        print("\noutage timings (s):", {key: round(value, 2) for key, value in figures.items()})
