"""Tests: fast hashing, isolated media, no debug."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cai-test-media-"))
# Tests never call YouTube or Vimeo: a local finder answers their video addresses (pages/tests/embed_finder.py).
WAGTAILEMBEDS_FINDERS = [{"class": "pages.tests.embed_finder"}]
AXES_ENABLED = False  # other tests sign in freely; guard/tests/test_login_throttle.py turns it on
# The page cache is off (every test sees fresh pages); pagecache/tests turn it on with a cache of their own.
PAGE_CACHE_SECONDS = 0
CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}}  # noqa: F405
