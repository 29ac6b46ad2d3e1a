#!/usr/bin/env python3
"""The two set-up commands of the README, with nothing but Python 3.11+ on the machine.

    python3 scripts/dev.py run    # install, migrate, seed and serve the site on http://127.0.0.1:8000/
    python3 scripts/dev.py test   # install and run the whole test suite (extra arguments go to pytest)

Both create a virtual environment in .venv/ and install the pinned requirements into it (again only when a
requirements file changed). While the development server runs, ``publish_scheduled`` runs every minute beside it,
as the systemd timer (deploy/cai-publish.timer) does in production, so pages scheduled in the admin go live.
Only the standard library is used here.
"""

import hashlib
import os
import subprocess
import sys
import threading
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
MINIMUM_PYTHON = (3, 11)
PUBLISH_INTERVAL = 60  # seconds, as deploy/cai-publish.timer


def venv_python():
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def run(*args, **kwargs):
    print("+", " ".join(str(arg) for arg in args), flush=True)
    return subprocess.run([str(arg) for arg in args], cwd=ROOT, check=True, **kwargs)


def requirements_digest(requirements):
    digest = hashlib.sha256()
    for name in ("requirements.txt", requirements):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def install(requirements):
    """Create .venv if needed and install ``requirements`` into it unless already done for these pins."""
    if not venv_python().exists():
        print(f"Création de l'environnement virtuel dans {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{requirements}"
    digest = requirements_digest(requirements)
    if stamp.exists() and stamp.read_text() == digest:
        return
    run(venv_python(), "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(venv_python(), "-m", "pip", "install", "--quiet", "-r", ROOT / requirements)
    stamp.write_text(digest)


def manage(*args, env=None):
    run(venv_python(), ROOT / "manage.py", *args, env=env)


def publish_scheduled_once():
    """Run ``manage.py publish_scheduled`` once; a failure is reported, it does not stop the server."""
    result = subprocess.run([str(venv_python()), str(ROOT / "manage.py"), "publish_scheduled"], cwd=ROOT)
    if result.returncode:
        print(f"publish_scheduled a échoué (code {result.returncode}) ; nouvel essai dans une minute.", flush=True)
    return result.returncode


def run_every(interval, stop, task):
    """Call ``task()`` now, then every ``interval`` seconds, until the ``stop`` event is set."""
    while not stop.is_set():
        task()
        stop.wait(interval)


def start_scheduler(interval=PUBLISH_INTERVAL, task=publish_scheduled_once):
    """Start ``run_every`` in a background thread; set the returned event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(target=run_every, args=(interval, stop, task), name="publish_scheduled", daemon=True)
    thread.start()
    return stop, thread


def serve(extra):
    install("requirements.txt")
    manage("migrate", "--no-input")
    manage("seed_site", "--demo")
    address = extra[0] if extra else "127.0.0.1:8000"
    print(f"\nLe site tourne sur http://{address}/ — administration : http://{address}/admin/ (Ctrl+C pour arrêter)")
    stop, thread = start_scheduler()
    try:
        manage("runserver", address)
    finally:
        stop.set()
        thread.join(timeout=5)


def test(extra):
    install("requirements-dev.txt")
    result = subprocess.run([str(venv_python()), "-m", "pytest", *extra], cwd=ROOT)
    return result.returncode


def main(argv):
    if sys.version_info < MINIMUM_PYTHON:
        sys.exit(
            f"Python {'.'.join(map(str, MINIMUM_PYTHON))} ou plus récent est requis (ici : {sys.version.split()[0]})."
        )
    if not argv or argv[0] not in {"run", "test"}:
        sys.exit("Usage : python3 scripts/dev.py run [adresse:port] | test [arguments pytest]")
    command, extra = argv[0], argv[1:]
    try:
        if command == "run":
            serve(extra)
            return 0
        return test(extra)
    except subprocess.CalledProcessError as error:
        return error.returncode or 1
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
