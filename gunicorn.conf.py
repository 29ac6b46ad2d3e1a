"""Gunicorn's configuration for the site: ``gunicorn cai_site.wsgi -c gunicorn.conf.py``.

Gunicorn reads ``./gunicorn.conf.py`` by itself when started from the repository's folder. Gunicorn sits behind a
buffering reverse proxy (deploy/nginx.conf) that faces the internet: nginx reads a slow client's whole request
before it passes it on, and takes the response off gunicorn's hands at once. This file still makes gunicorn survive
slow clients on its own, because the proxy may be misconfigured or bypassed (a load balancer, a test machine).

Every value can be changed by an environment variable, read here and nowhere else:

| variable | meaning | default |
|---|---|---|
| ``GUNICORN_BIND`` | address (``host:port``, or ``unix:/path``), several separated by commas | ``127.0.0.1:8000`` |
| ``GUNICORN_WORKERS`` | worker processes | 2 × CPU cores available + 1 |
| ``GUNICORN_THREADS`` | threads per worker | ``4`` |
| ``GUNICORN_TIMEOUT`` | seconds before a silent worker is killed | ``30`` |
| ``GUNICORN_MAX_REQUESTS`` | requests before a worker is replaced by a new one (up to a tenth more) | ``100000`` |
| ``GUNICORN_ACCESSLOG`` | access log file (``-``: standard output; empty: none) | ``-`` |
| ``GUNICORN_LOG_LEVEL`` | gunicorn's own log level | ``info`` |
| ``GUNICORN_CONTROL_SOCKET`` | path of gunicorn's control socket (``gunicornc``); empty: none | none |
| ``FORWARDED_ALLOW_IPS`` | proxies whose ``X-Forwarded-Proto`` gunicorn believes (its own) | ``127.0.0.1,::1`` |
"""

import os


def _env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    number = int(value)
    if number < 1:
        raise ValueError(f"{name} must be a positive integer, not {value!r}.")
    return number


def _cpu_count():
    """The cores this process may run on: a container or a cpuset may allow fewer than the machine has."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


wsgi_app = "cai_site.wsgi"

# Loopback only: the reverse proxy on the same machine is the only client. Bind a Unix socket or another address
# through GUNICORN_BIND (e.g. "unix:/run/cai/gunicorn.sock").
bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",") if address]

# Threaded workers. With the default "sync" worker a process serves one connection from its first byte to its last:
# two clients that send a header line every few seconds hold both workers of a small server, and every visitor
# waits (issue 13 measured 34 s, static files included). With "gthread" a slow client holds one thread of a worker,
# and the worker's other threads keep answering; a connection that has sent nothing yet waits in the worker's poller
# without holding a thread at all. Threads also suit the site's work: most of a request is spent waiting for
# PostgreSQL, which releases the GIL.
worker_class = "gthread"
threads = _env_int("GUNICORN_THREADS", 4)
# Gunicorn's classic rule of thumb, on the cores this process may use (2 cores: 5 workers × 4 threads = 20 requests
# at once). Each worker is a whole Django process (about 150 MB with Wagtail) and each busy thread may hold one
# database connection: keep workers × threads under PostgreSQL's max_connections (100 by default).
workers = _env_int("GUNICORN_WORKERS", 2 * _cpu_count() + 1)

# A worker that stops reporting to the arbiter for this long (hung in C code, deadlocked) is killed and replaced.
# With gthread this is not a per-request limit: the database has its own timeouts (connection 3 s, statement 30 s,
# cai_site/settings/base.py) that end a stuck request well before this.
timeout = _env_int("GUNICORN_TIMEOUT", 30)
# On a restart or a deploy (SIGHUP, SIGTERM), requests in progress get this long to finish: long enough for an
# upload of a 20 MB document from nginx's buffer, short enough for a deploy.
graceful_timeout = 30
# Seconds an idle kept-alive connection is kept. nginx keeps up to 16 idle connections to gunicorn (see
# deploy/nginx.conf) and drops them after 4 s, before gunicorn does: nginx never sends a request on a connection
# gunicorn is closing. Gunicorn's default (2 s) is meant for clients connected directly.
keepalive = 5
# At most this many connections per worker (kept-alive ones included) before the worker stops accepting.
worker_connections = 1000

# What a request may look like. The site's longest addresses (a list with all its filters, a search) stay well
# under 2 kB; gunicorn's default of 4094 bytes is kept, and anything longer is a 414 without reaching Django. A
# browser sends about 15 header lines and nginx adds 4: 64 leaves room; gunicorn's default (100) is needlessly
# generous. A header line may reach 8190 bytes (gunicorn's default): the admin's cookies must fit.
limit_request_line = 4094
limit_request_fields = 64
limit_request_field_size = 8190

# Restart each worker after about 100,000 requests (GUNICORN_MAX_REQUESTS), at a random point up to a tenth later so
# that the workers do not all restart together: what a long-lived process accumulates (memory fragmentation after
# thumbnails of large images) is given back, every few days at this site's traffic. The restart is graceful: the
# requests in progress finish first. Not lower: a new worker imports Django again (about 1.5 s of CPU), and under
# load restarts cost the other workers' visitors dearly. Measured with scripts/bench.py (5 workers on 2 cores,
# cached pages at about 2,500 requests a second): at 1,000, the static file fell from about 4,000 to 950 requests a
# second and every p99 rose from under 30 ms to 2 s; at 20,000, the 60-second run of the cached home page still had
# a p99 of 420 ms, its restarts included.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 100_000)
max_requests_jitter = max_requests // 10

# The heartbeat file every worker touches: on tmpfs when there is one, so that a slow disk cannot make a busy
# worker look silent.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Not preloaded: each worker imports Django itself, so no database connection or file descriptor opened at import
# time is shared between processes, and a code deploy is picked up by a plain HUP.
preload_app = False

# Gunicorn trusts X-Forwarded-Proto only from these addresses (its FORWARDED_ALLOW_IPS variable, default loopback:
# nginx on the same machine). Django reads the same header through SECURE_PROXY_SSL_HEADER, and the client's
# address from X-Forwarded-For through DJANGO_TRUSTED_PROXY_COUNT=1 (guard.client_ip): nginx sets both.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs go to standard output and standard error, for systemd's journal or the container's log. The access log
# shows the client's address as nginx saw it (X-Forwarded-For) next to the proxy's (h), and how long the request
# took in milliseconds (M), to spot slow pages and slow clients. No cookies, no query strings beyond the request
# line, no request bodies.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
access_log_format = '%({x-forwarded-for}i)s %(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Gunicorn 25+ opens a control socket for ``gunicornc`` by default, in the home folder: every gunicorn of the same
# user would share that path (a staging and a production instance, the tests), the last one started taking it over.
# Off unless a path is given.
if os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip():
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"].strip()
else:
    control_socket_disable = True
