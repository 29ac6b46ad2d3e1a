"""Measure what a flood of wrong admin passwords does to public pages, with the login throttle off and on.

    .venv/bin/python scripts/login_flood.py [--seconds 30] [--clients 8] [--modes off,on,on-distributed]

Builds the demo site as CI's smoke test does (scripts/_server.py: production settings, SQLite, gunicorn with 2 sync
workers on 127.0.0.1), then for each mode starts gunicorn, lets ``--clients`` threads post wrong passwords to
/admin/login/ for ``--seconds`` seconds while another thread times a public page once a second, and prints:
the public page's median and maximum time, and the wrong passwords the site checked (answered 200: the password was
hashed and compared) or refused unchecked (429: locked) per minute.

Modes: ``off`` (DJANGO_AXES_ENABLED=false), ``on`` (every client from 127.0.0.1, one account: the address and the
account lock), ``on-distributed`` (DJANGO_TRUSTED_PROXY_COUNT=1 and every request from a new X-Forwarded-For
address: only the account's lock can stop it). ``--redis-url`` shares the count between workers (REDIS_URL; give it
a database of its own, e.g. redis://127.0.0.1:6379/11: the demo site caches there too, and the locks are reset at
the end); by default each worker counts in its own memory, as in CI's smoke test. The attempt that reaches the limit
is hashed too but answered 429 (one per worker without Redis): "checked" undercounts by that much.

Standard library only, everything on loopback; nothing here is part of the test suite.
"""

import argparse
import itertools
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import (  # noqa: E402
    GUNICORN,
    HOST,
    ROOT,
    check_venv,
    free_port,
    manage,
    production_env,
    stop,
    wait_until_up,
)

PUBLIC_PAGE = "/presentation/qui-sommes-nous/histoire-du-centre/"
ACCOUNT = "flood-target"
MODES = {
    "off": {"DJANGO_AXES_ENABLED": "false"},
    "on": {"DJANGO_AXES_ENABLED": "true"},
    "on-distributed": {"DJANGO_AXES_ENABLED": "true", "DJANGO_TRUSTED_PROXY_COUNT": "1"},
}


def csrf_token(base_url):
    """The CSRF cookie and form token of the login page (the cookie is Secure: sent back by hand over http)."""
    with urllib.request.urlopen(base_url + "/admin/login/", timeout=30) as response:
        cookie = re.search(r"csrftoken=([^;]+)", response.headers.get("Set-Cookie", "")).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    return cookie, token


def post_wrong_password(base_url, cookie, token, forwarded_for=None):
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": ACCOUNT, "password": "pas-le-bon", "next": "/admin/"}
    ).encode()
    headers = {"Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded"}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    request = urllib.request.Request(base_url + "/admin/login/", data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return "erreur"


def time_page(url):
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return time.monotonic() - start, status


def flood(base_url, seconds, clients, distributed):
    cookie, token = csrf_token(base_url)
    stop = threading.Event()
    statuses = []
    page_times = []
    addresses = (f"198.18.{n // 250}.{n % 250 + 1}" for n in itertools.count())  # benchmarking range (RFC 2544)
    lock = threading.Lock()

    def attacker():
        while not stop.is_set():
            with lock:
                forwarded_for = next(addresses) if distributed else None
            start = time.monotonic()
            status = post_wrong_password(base_url, cookie, token, forwarded_for)
            with lock:
                statuses.append((status, time.monotonic() - start))

    def visitor():
        while not stop.is_set():
            tick = time.monotonic()
            page_times.append(time_page(base_url + PUBLIC_PAGE))
            stop.wait(max(0.0, 1.0 - (time.monotonic() - tick)))

    threads = [threading.Thread(target=attacker) for _ in range(clients)] + [threading.Thread(target=visitor)]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return statuses, page_times


def baseline(base_url, count=5):
    return [time_page(base_url + PUBLIC_PAGE)[0] for _ in range(count)]


def run_mode(mode, env, seconds, clients, workers):
    port = free_port()
    base_url = f"http://{HOST}:{port}"
    process = subprocess.Popen(
        [str(GUNICORN), "cai_site.wsgi", "--bind", f"{HOST}:{port}", "--workers", str(workers)],
        cwd=ROOT,
        env={**env, **MODES[mode]},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(base_url + "/", process)
        quiet = baseline(base_url)
        statuses, page_times = flood(base_url, seconds, clients, distributed=mode == "on-distributed")
    finally:
        stop(process, timeout=30)
    per_minute = 60 / seconds
    checked = sum(1 for status, _ in statuses if status == 200)
    refused_times = [duration for status, duration in statuses if status == 429]
    refused = len(refused_times)
    other = len(statuses) - checked - refused
    times = [duration for duration, _ in page_times]
    bad_pages = sum(1 for _, status in page_times if status != 200)
    print(
        f"{mode:>15}: page publique sans attaque {statistics.median(quiet):.3f} s ; pendant l'attaque médiane "
        f"{statistics.median(times):.3f} s, max {max(times):.3f} s ({len(times)} mesures, {bad_pages} non-200) ; "
        f"mots de passe vérifiés {checked * per_minute:.0f}/min, refusés sans vérification (429) "
        f"{refused * per_minute:.0f}/min"
        + (f" (réponse médiane {statistics.median(refused_times):.3f} s)" if refused_times else "")
        + f", autres réponses {other * per_minute:.0f}/min",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--modes", default="off,on,on-distributed")
    parser.add_argument("--redis-url", default="", help="share the throttle's count between workers (REDIS_URL)")
    args = parser.parse_args()
    modes = [mode.strip() for mode in args.modes.split(",") if mode.strip()]
    unknown = [mode for mode in modes if mode not in MODES]
    if unknown:
        sys.exit(f"Mode(s) inconnu(s) : {', '.join(unknown)} (possibles : {', '.join(MODES)}).")
    check_venv()
    with tempfile.TemporaryDirectory(prefix="cai-flood-") as folder:
        env = production_env(folder)
        if args.redis_url:
            env["REDIS_URL"] = args.redis_url
        print(f"Base de démonstration dans {folder} : migrations, données de démonstration, fichiers statiques…")
        manage("migrate", "--no-input", "-v0", env=env)
        manage("seed_site", "--demo", "-v0", env=env)
        manage("collectstatic", "--no-input", "-v0", env=env)
        manage(
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_superuser('{ACCOUNT}', 'flood@example.org', 'un mot de passe solide')",
            env=env,
        )
        print(f"{args.clients} clients, {args.seconds} s par mode, gunicorn {args.workers} workers synchrones")
        try:
            for mode in modes:
                run_mode(mode, env, args.seconds, args.clients, args.workers)
        finally:
            if args.redis_url:  # leave no lock behind in a shared Redis
                manage("axes_reset_username", ACCOUNT, env=env)
                manage("axes_reset_ip", "127.0.0.1", env=env)


if __name__ == "__main__":
    main()
