"""Which release of the code rendered a cached page: part of every page and data key.

A page cached by the previous release holds its markup and the hashed names of its stylesheet and scripts; after a
deploy it must not be served again. ``DJANGO_RELEASE`` names the release (a git commit, a version: the same on
every app server, so that they share their cached pages); without it, the release is a digest of the code's own
Python files and templates and of the static files' manifest, read once per process (a few milliseconds).
"""

import functools
import hashlib
import os
from pathlib import Path

from django.conf import settings

SKIPPED_FOLDERS = {
    ".git",
    ".venv",
    "node_modules",
    "media",
    "var",
    "staticfiles",
    "backups",
    "screenshots",
    "__pycache__",
}
SOURCE_SUFFIXES = (".py", ".html", ".txt", ".xml", ".json")


def source_files(root):
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(name for name in folders if name not in SKIPPED_FOLDERS and not name.startswith("."))
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                yield Path(folder) / name


def code_digest(root):
    digest = hashlib.blake2b(digest_size=8)
    for path in source_files(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()


@functools.cache
def release():
    named = os.environ.get("DJANGO_RELEASE", "").strip()
    return named or code_digest(Path(settings.BASE_DIR))
