"""Error pages that help: a 404 that suggests the closest live pages, and 400/500 pages that need no database.

Wired in ``cai_site/urls.py`` as ``handler400``, ``handler404`` and ``handler500``. Wagtail raises ``Http404`` for a
path that matches no page, so its misses land here too.

The 400 and 500 pages are rendered from their template without a request, hence without context processors (the
settings processor and the menu query the database, which may be the very thing that failed): their links to the
sections come from ``ERROR_PAGE_SECTIONS`` below, and the centre's name from ``WAGTAIL_SITE_NAME``.
"""

import difflib
import re
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import requires_csrf_token
from wagtail.models import Page, Site

from pages.models import SiteIdentity
from pages.navigation import menu_for
from pages.phone import tel_href
from pages.queries import public_q

SEARCH_URL = "/recherche/"
CONTACT_URL = "/contact/"

# The site's sections for the pages that cannot ask the database: keep in step with the top of the page tree
# (tests/test_error_pages.py checks that each answers 200 and that they match the seeded main menu).
ERROR_PAGE_SECTIONS = [
    ("Présentation", "/presentation/"),
    ("Actions/Services", "/actions-services/"),
    ("Thématiques", "/thematiques/"),
    ("Ressources", "/ressources/"),
    ("Contact", CONTACT_URL),
]

# The centre's phone and e-mail, for the same pages: when the database is out, a visitor can still reach the centre.
# Editors change the live ones in « Coordonnées du centre » (contact.ContactDetails); keep these in step
# (tests/test_error_pages.py checks them against the seeded details).
ERROR_PAGE_PHONE = "081 73 71 76"
ERROR_PAGE_EMAIL = "info@cainamur.be"

MAX_SUGGESTIONS = 3
SUGGESTION_CUTOFF = 0.75  # difflib ratio below which a page is not offered
MAX_SUGGESTION_PATH = 300  # longer paths are noise (scanners, mangled links): no suggestions, no query
# Letters (accented too), digits, hyphens, underscores, dots and slashes: anything else gets no suggestions.
SUGGESTIBLE_PATH = re.compile(r"^/[\w./-]*$")
NOT_PAGES = ("/admin/", "/documents/", "/media/", "/static/", "/motifs/")
OLD_EXTENSION = re.compile(r"\.(?:html?|php\d?|aspx?|jsp)$", re.IGNORECASE)


def static_context():
    """What the database-free error pages show: the centre's name, the sections, the contact page, the search."""
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "sections": [{"title": title, "url": url} for title, url in ERROR_PAGE_SECTIONS],
        "contact_url": CONTACT_URL,
        "search_url": SEARCH_URL,
        "phone": ERROR_PAGE_PHONE,
        "phone_href": tel_href(ERROR_PAGE_PHONE),
        "email": ERROR_PAGE_EMAIL,
        # The 500 page promises that the team was warned only when errors are mailed to someone (DJANGO_ADMINS).
        "errors_reported": bool(settings.ADMINS),
    }


def path_segments(path):
    """The lower-cased segments of a path, an old site's extension (".html", ".php"…) dropped from the last."""
    segments = [segment for segment in path.lower().split("/") if segment]
    if segments:
        segments[-1] = OLD_EXTENSION.sub("", segments[-1])
    return [segment for segment in segments if segment]


def rank_suggestions(path, candidates, limit=MAX_SUGGESTIONS, cutoff=SUGGESTION_CUTOFF):
    """The ``(url, title)`` candidates closest to ``path``, best first, at most ``limit`` of them.

    A pure function, tested without a database. A candidate's score is the similarity of the last segments (the
    slug people mistype or remember from an old site); the whole paths only break ties (whole paths share their
    section's prefix, which would make any page of the section look close). difflib's cheap upper bounds skip
    most candidates before the real ratio.
    """
    wanted = path_segments(path)
    if not wanted:
        return []
    last_matcher = difflib.SequenceMatcher(b=wanted[-1])
    full_matcher = difflib.SequenceMatcher(b="/".join(wanted))
    scored = []
    for url, title in candidates:
        segments = path_segments(url)
        if not segments:
            continue
        last_matcher.set_seq1(segments[-1])
        if last_matcher.real_quick_ratio() < cutoff or last_matcher.quick_ratio() < cutoff:
            continue
        score = last_matcher.ratio()
        if score >= cutoff:
            full_matcher.set_seq1("/".join(segments))
            scored.append((-score, -full_matcher.ratio(), url, title))
    scored.sort()
    return [{"url": url, "title": title} for *_, url, title in scored[:limit]]


def is_suggestible(request):
    path = request.path
    return (
        request.method in ("GET", "HEAD")
        and len(path) <= MAX_SUGGESTION_PATH
        and SUGGESTIBLE_PATH.match(path) is not None
        and not path.startswith(NOT_PAGES)
    )


def suggestions_for(request, site):
    """Up to three live, public pages whose address resembles the requested one: one query, however many pages."""
    if site is None or not is_suggestible(request):
        return []
    root = site.root_page
    rows = Page.objects.descendant_of(root).live().filter(public_q()).values_list("url_path", "title")
    prefix = len(root.url_path)
    candidates = (("/" + url_path[prefix:], title) for url_path, title in rows)
    return rank_suggestions(request.path, candidates)


@requires_csrf_token
def page_not_found(request, exception=None, template_name="404.html"):
    """The 404 in the site's look, with the closest live pages, the search box, the sections and the contact."""
    site = Site.find_for_request(request)
    sections = []
    contact_url = CONTACT_URL
    if site is not None:
        sections = menu_for(site, request=request)[1:]  # the menu's top level, home left out (no extra query)
        contact_page = SiteIdentity.for_request(request).header_contact_page()
        if contact_page is not None:
            contact_url = contact_page.get_url(request=request) or CONTACT_URL
    context = {
        "suggestions": suggestions_for(request, site),
        "sections": sections,
        "contact_url": contact_url,
        "search_url": SEARCH_URL,
    }
    return render(request, template_name, context, status=404)


def database_outage(error):
    """Whether ``error`` (or what it was raised from) says the database cannot be reached or is out of service.

    Connection-level only: a refused or timed-out connection, a connection lost or closed (Django's
    ``InterfaceError``), PostgreSQL's SQLSTATE classes 08 (connection), 53 (insufficient resources: too many
    connections, disk full), 57 (operator intervention: shutting down, starting up, a statement timeout), SQLite's
    busy, locked, I/O and cannot-open errors. Any other ``OperationalError`` (a missing table after a forgotten
    ``migrate``…) is a bug: the 500 page.
    """
    seen = 0
    while error is not None and seen < 5:  # the outage may be the cause or the context of what was raised
        if isinstance(error, InterfaceError):
            return True
        if isinstance(error, OperationalError):
            driver_error = error.__cause__  # Django's wrapper keeps the driver's error as the cause
            sqlstate = getattr(driver_error, "sqlstate", None) or getattr(driver_error, "pgcode", None)
            if sqlstate:
                return sqlstate[:2] in {"08", "53", "57"}
            sqlite_code = getattr(driver_error, "sqlite_errorname", None)
            if sqlite_code:
                return sqlite_code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_IOERR", "SQLITE_CANTOPEN"))
            return True  # no code at all: the driver could not connect, or lost the connection
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def server_error(request, template_name="500.html"):
    """The 500, rendered without the request: no context processor, no database, no query.

    When the exception being handled is a database outage (``database_outage``), a 503 instead, with a
    ``Retry-After``: the site comes back by itself once the database answers again. Every database access happens
    inside Django's middleware chain (sessions, users, Wagtail's redirects and site lookup, views, templates), whose
    exceptions all end here; Django's request logger records the error once, with its traceback.
    """
    if database_outage(sys.exc_info()[1]):
        response = HttpResponse(render_to_string("503.html", static_context()), status=503)
        response["Retry-After"] = "60"  # seconds: the database's restart or fail-over, usually
        add_never_cache_headers(response)  # a cache in front must not keep serving the outage afterwards
        return response
    return HttpResponseServerError(render_to_string(template_name, static_context()))


def bad_request(request, exception=None, template_name="400.html"):
    """The 400 (e.g. a control character in the address), database-free like the 500."""
    return HttpResponseBadRequest(render_to_string(template_name, static_context()))
