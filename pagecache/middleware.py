"""Serve anonymous GET requests for public pages from the page cache (``pagecache.store``).

Placed after whitenoise and before the session, authentication and CSRF middleware, so that a hit touches neither
the database nor the session: 0 SQL queries. The security headers (outer middleware) are added to hits as to any
response.

What is cached: a GET without a session cookie (editors signed in, and visitors who passed a page password, always
get fresh pages; previews live under /admin/) whose query string names only parameters the public lists know
(the filters of every list and ``page``: ``pagecache.parameters``; the tags of newsletters and social networks that
no page reads, ``PAGE_CACHE_IGNORED_PARAMETERS``, are left out of the key), answered 200 with a whole body, no cookie
and no ``Cache-Control`` of its own that forbids sharing. So these are never stored, by construction:

- pages that show a form: the form puts a CSRF token in the page and Django sets the CSRF cookie (the contact
  form, a training's registration form, a page password form), and those views also send ``no-store``;
- per-visitor pages: the search (``never_cache``: every query is counted), the registration confirmation;
- a request carrying a flash message (``messages`` cookie), which the page would show and drop.

Anything time-dependent on a cached page is handled by its lifetime: an entry expires at the next moment a page can
change by time alone (``pages.freshness``: midnight, the next session that starts or ends), or after
``PAGE_CACHE_SECONDS``, whichever comes first; content changes clear the cache at once (``pagecache.signals``).
"""

import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from pages import freshness

from . import store
from .parameters import allowed_parameters
from .release import release

HEADER = "X-Page-Cache"


def cache_key(request):
    """The key of a request the cache may answer, or None."""
    if request.method != "GET" or not settings.PAGE_CACHE_SECONDS:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    path = request.path
    if path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS):
        return None
    query = [
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if name not in settings.PAGE_CACHE_IGNORED_PARAMETERS
    ]
    if query:
        if any(name not in allowed_parameters() for name, _ in query):
            return None
        path = f"{path}?{urlencode(sorted(query))}"
    return f"page:{release()}:{request.scheme}://{request.get_host()}{path}"


def storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page used a CSRF token: it shows a form
        return False
    directives = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    if directives & {"private", "no-store", "no-cache"}:
        return False
    return "*" not in response.get("Vary", "")


def set_lifetime(response, expires, now):
    """Browsers check again each time (ETag: a 304 costs nothing); a shared cache in front (CDN, Varnish) keeps
    the page for the time left, at most PAGE_CACHE_CDN_SECONDS, and may serve it stale while it asks again."""
    left = max(0, int(expires - now))
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=min(left, settings.PAGE_CACHE_CDN_SECONDS),
        stale_while_revalidate=settings.PAGE_CACHE_STALE_SECONDS,
    )
    response["Expires"] = http_date(now)


def next_change_timestamp():
    return freshness.next_change().timestamp()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request)
        if key is None:
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
                # Pages for a signed-in editor are theirs alone (the userbar): never kept by a shared cache.
                patch_cache_control(response, private=True)
            return response
        entry, generation = store.lookup(key)
        if entry is not None:
            return self.answer_from(entry, request)
        response = self.get_response(request)
        if generation is None or not storable(request, response):
            return response
        now = time.time()
        expires = min(
            now + settings.PAGE_CACHE_SECONDS, store.remembered_next_change(generation, next_change_timestamp)
        )
        entry = store.Entry.of(response, generation, expires)
        store.store(key, entry)
        response[HEADER] = "miss"
        response["ETag"] = entry.etag
        set_lifetime(response, expires, now)
        return response

    def answer_from(self, entry, request):
        now = time.time()
        if entry.etag in request.META.get("HTTP_IF_NONE_MATCH", ""):
            response = HttpResponseNotModified()
            for name, value in entry.headers:
                if name.lower() == "vary":
                    response[name] = value
        else:
            response = HttpResponse(entry.content, status=entry.status)
            for name, value in entry.headers:
                response[name] = value
        response["ETag"] = entry.etag
        response[HEADER] = "hit"
        set_lifetime(response, entry.expires, now)
        return response
