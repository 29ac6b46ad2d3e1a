"""A throwaway production server (gunicorn with gunicorn.conf.py) for the fault tests of the ops app.

Reuses scripts/_server.py (the demo server of the screenshots and of CI's smoke test: production environment, free
port, waiting for the server, its log). Setting up is kept short: the schema is built straight from the models
(``migrate --run-syncdb`` with migrations disabled, as the test suite does), the site seeded without its demo
content, and the static files collected without compression; all of it once per test session and folder. Only the
setup commands use these shortcuts (``SETUP_SETTINGS``); gunicorn runs with ``cai_site.settings.production``.
"""

import contextlib
import functools
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
_spec = importlib.util.spec_from_file_location("cai_demo_server", ROOT / "scripts" / "_server.py")
demo_server = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(demo_server)

HOST = demo_server.HOST
free_port = demo_server.free_port

SETUP_SETTINGS = '''
from cai_site.settings.production import *  # noqa: F403


class NoMigrations:
    """Every app without migrations: ``migrate --run-syncdb`` creates the tables from the models (pytest-django's
    trick), in seconds instead of a minute or more of migrations."""

    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


MIGRATION_MODULES = NoMigrations()
# The manifest gunicorn's whitenoise needs, without the slow gzip and brotli copies.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
# PostgreSQL's french_unaccent configuration comes from a migration that does not run here: index with the default.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
'''


def _remove_at_exit(folder):
    import atexit

    atexit.register(shutil.rmtree, folder, ignore_errors=True)


@functools.cache
def _setup_folder():
    folder = Path(tempfile.mkdtemp(prefix="cai-ops-test-"))
    _remove_at_exit(folder)
    (folder / "ops_setup_settings.py").write_text(SETUP_SETTINGS)
    return folder


def production_env(database_url=None):
    """The production environment of CI's smoke test, in this session's folder; ``database_url`` or SQLite."""
    folder = _setup_folder()
    env = demo_server.production_env(folder)
    if database_url:
        env["DATABASE_URL"] = database_url
    for name in [name for name in env if name.startswith(("GUNICORN_", "REDIS_URL"))]:
        del env[name]
    return env


def setup_env(env):
    """``env`` for the setup commands: the shortcuts of SETUP_SETTINGS."""
    folder = _setup_folder()
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "ops_setup_settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(folder), env.get("PYTHONPATH", "")])),
    }


def build_database(env):
    """Create the schema of ``env``'s database and seed the site (no demo content)."""
    manage_env = setup_env(env)
    demo_server.manage("migrate", "--run-syncdb", "--no-input", "-v0", env=manage_env)
    demo_server.manage("seed_site", "-v0", env=manage_env)


@functools.cache
def _collected_static():
    env = production_env()
    demo_server.manage("collectstatic", "--no-input", "-v0", env=setup_env(env))
    return env["DJANGO_STATIC_ROOT"]


@functools.cache
def sqlite_site():
    """The production environment of a seeded SQLite site, built once per session."""
    env = production_env()
    build_database(env)
    _collected_static()
    return env


def static_file_url(env):
    """The hashed address of the site's stylesheet, as the pages link it."""
    _collected_static()
    manifest = json.loads((Path(env["DJANGO_STATIC_ROOT"]) / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


@contextlib.contextmanager
def gunicorn(env, *extra_args, workers=2, threads=4):
    """Run gunicorn with gunicorn.conf.py on a free port; yield ``(base_url, log_path)``; stop it on exit."""
    _collected_static()
    port = free_port()
    base_url = f"http://{HOST}:{port}"
    env = {**env, "GUNICORN_WORKERS": str(workers), "GUNICORN_THREADS": str(threads)}
    log_path = Path(tempfile.mkstemp(prefix="gunicorn-", suffix=".log", dir=_setup_folder())[1])
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [str(demo_server.GUNICORN), "-c", "gunicorn.conf.py", "--bind", f"{HOST}:{port}", *extra_args],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            demo_server.wait_until_up(base_url + "/healthz", process)
            yield base_url, log_path
        finally:
            demo_server.stop(process)


def timed_get(url, timeout):
    """``(status, headers, body, seconds)`` of a GET; an HTTP error status is a result, not an exception."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    return status, headers, body, time.monotonic() - started
