"""The page cache's store: whole anonymous responses, and one generation token that clearing replaces.

Entries live in the cache alias ``pages`` (``settings.CACHES``): a file-based cache in a folder that every worker
process of the machine shares when ``REDIS_URL`` is not set, Redis when it is (several app servers then share it).
Each entry records the generation it was rendered under; clearing the cache writes a new generation, so every
older entry is ignored from then on and expires on its own (no listing or deleting of keys, the same on both
backends). A hit reads the generation and the entry in one ``get_many``: no SQL query, one round trip to Redis.

A cache that fails (Redis down, a full disk) never fails a page: the page is rendered as if uncached, and the
failure logged once a minute per process.
"""

import hashlib
import logging
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches

from .release import release

logger = logging.getLogger(__name__)

ALIAS = "pages"
GENERATION_KEY = "generation"
NEXT_CHANGE_KEY = "next-change:{generation}"
DATA_KEY = "data:{release}:{name}"
_last_failure_log = [0.0]


def page_cache():
    return caches[ALIAS]


def _failed(action):
    now = time.monotonic()
    if now - _last_failure_log[0] >= 60:
        _last_failure_log[0] = now
        logger.warning("Page cache unavailable (%s): pages are served uncached.", action, exc_info=True)


@dataclass
class Entry:
    generation: str
    status: int
    headers: list
    content: bytes
    expires: float  # Unix time
    etag: str = field(default="")

    @classmethod
    def of(cls, response, generation, expires):
        headers = [(name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS]
        etag = '"' + hashlib.blake2b(response.content, digest_size=12).hexdigest() + '"'
        return cls(generation, response.status_code, headers, response.content, expires, etag)


# Set again on every answer from the cache (Cache-Control: the lifetime left; ETag: from the entry).
SKIPPED_HEADERS = {"cache-control", "etag", "expires", "last-modified", "set-cookie", "x-page-cache"}


def _generation(cache, values):
    """The current generation from ``values`` (a ``get_many`` that asked for it), created on first use."""
    generation = values.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, new_generation(), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def lookup(key):
    """(entry or None, generation or None). None for the generation means the cache could not be read."""
    try:
        cache = page_cache()
        values = cache.get_many([GENERATION_KEY, key])
        generation = _generation(cache, values)
    except Exception:
        _failed("read")
        return None, None
    entry = values.get(key)
    if isinstance(entry, Entry) and entry.generation == generation and entry.expires > time.time():
        return entry, generation
    return None, generation


def store(key, entry):
    timeout = entry.expires - time.time()
    if timeout < 1:
        return
    try:
        page_cache().set(key, entry, timeout=int(timeout))
    except Exception:
        _failed("write")


def remembered_next_change(generation, compute):
    """The next moment (Unix time) pages change by time alone, computed once per generation (``compute()``)."""
    key = NEXT_CHANGE_KEY.format(generation=generation)
    now = time.time()
    try:
        moment = page_cache().get(key)
    except Exception:
        _failed("read")
        moment = None
    if moment is not None and moment > now:
        return moment
    moment = compute()
    try:
        page_cache().set(key, moment, timeout=max(1, int(moment - now)))
    except Exception:
        _failed("write")
    return moment


def remembered_data(name, compute):
    """``compute()``, kept under the current generation (``pages.sitewide``), read in one round trip."""
    if not settings.PAGE_CACHE_SECONDS:
        return compute()
    key = DATA_KEY.format(release=release(), name=name)
    try:
        cache = page_cache()
        values = cache.get_many([GENERATION_KEY, key])
        generation = _generation(cache, values)
        kept = values.get(key)
    except Exception:
        _failed("read")
        return compute()
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == generation:
        return kept[1]
    value = compute()
    try:
        cache.set(key, (generation, value), timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        _failed("write")
    return value


def new_generation():
    return uuid.uuid4().hex


def clear():
    """Forget every cached page (a new generation). False when the cache could not be written."""
    try:
        page_cache().set(GENERATION_KEY, new_generation(), None)
    except Exception:
        logger.exception("Page cache could not be cleared: pages may show old content until their entries expire.")
        return False
    return True
