"""A throwaway production server of the demo site, shared by scripts/screenshots.py and scripts/lighthouse.py.

``demo_server()`` builds what CI's smoke test builds (see .ci/run): a SQLite database in a temporary folder,
migrated and seeded with ``seed_site --demo``, static files collected, gunicorn with the production settings on a
free port of 127.0.0.1. It yields the base URL and the environment it used (for ``manage.py`` calls against the
same database), then stops gunicorn and removes the folder. Only the standard library is used here.
"""

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / ("Scripts" if os.name == "nt" else "bin")
PYTHON = VENV_BIN / ("python.exe" if os.name == "nt" else "python")
GUNICORN = VENV_BIN / "gunicorn"
HOST = "127.0.0.1"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def production_env(folder):
    """The environment of CI's production smoke test, with everything written inside ``folder``."""
    folder = Path(folder)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="cai_site.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
        DJANGO_STATIC_ROOT=str(folder / "static"),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_PAGE_CACHE_DIR=str(folder / "page-cache"),
        DEFAULT_FROM_EMAIL="site@example.org",  # served on an IP address: no mail domain to derive the sender from
    )
    return env


def manage(*args, env=None, capture=False):
    """Run ``manage.py`` with the venv's Python; with ``capture``, return its standard output."""
    result = subprocess.run(
        [str(PYTHON), str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return result.stdout if capture else None


def manage_json(code, env=None):
    """Run ``code`` in ``manage.py shell`` and parse the one JSON document it prints last."""
    output = manage("shell", "--no-imports", "-v0", "-c", code, env=env, capture=True)
    return json.loads(output.strip().splitlines()[-1])


def wait_until_up(url, process=None, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"gunicorn s'est arrêté (code {process.returncode}) avant de répondre.")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers, even if not with 200
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"Aucune réponse de {url} après {timeout} s.")


def check_venv():
    if not PYTHON.exists():
        sys.exit("Pas d'environnement virtuel dans .venv/ : lancez d'abord « python3 scripts/dev.py test ».")


def stop(process, timeout=15):
    """Stop a server process gracefully (gunicorn finishes its requests on SIGTERM), killing it after ``timeout``."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def demo_server(workers=2, log=print):
    """Yield ``(base_url, env)`` of a freshly seeded production server; stop it and clean up on exit."""
    check_venv()
    with tempfile.TemporaryDirectory(prefix="cai-demo-") as folder:
        env = production_env(folder)
        log(f"Base de démonstration dans {folder} : migrations, données de démonstration, fichiers statiques…")
        manage("migrate", "--no-input", "-v0", env=env)
        manage("seed_site", "--demo", "-v0", env=env)
        manage("collectstatic", "--no-input", "-v0", env=env)
        port = free_port()
        base_url = f"http://{HOST}:{port}"
        with open(Path(folder) / "gunicorn.log", "w") as server_log:
            process = subprocess.Popen(
                [str(GUNICORN), "cai_site.wsgi", "--bind", f"{HOST}:{port}", "--workers", str(workers)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=server_log,
            )
            try:
                wait_until_up(base_url + "/", process)
                log(f"Serveur de production (gunicorn) sur {base_url}/")
                yield base_url, env
            finally:
                stop(process)
                report_server_errors(Path(folder) / "gunicorn.log", log)


def report_server_errors(log_path, log=print, lines=40):
    """Show the end of the server's log when it holds a traceback (a 500 is otherwise silent here)."""
    text = log_path.read_text(errors="replace")
    if "Traceback" not in text:
        return
    count = text.count("Traceback (most recent call last)")
    last = text[text.rindex("Traceback (most recent call last)") :].splitlines()[-lines:]
    log(f"\nLe serveur a journalisé {count} erreur(s) ; la dernière :\n" + "\n".join(last))


def http_status(url):
    """The status code of a GET on ``url`` (redirects are not followed)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
