"""Refuse addresses with control characters before anything queries the database with them.

PostgreSQL refuses a NUL byte in a text parameter ("text fields cannot contain NUL bytes"), so a slug, a path or a
filter value carrying one would turn into a 500 wherever it reaches a query: Wagtail's routing and redirects, the
feeds' ``?thematique=``… No legitimate link carries a control character, so they are all refused at the door with
a 400 (``templates/400.html``, which needs no database).

Also the security headers of every response (Content-Security-Policy, frame-ancestors, Permissions-Policy): see
``SecurityHeadersMiddleware`` at the end.
"""

import unicodedata
from urllib.parse import parse_qsl

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.handlers.wsgi import WSGIRequest, get_bytes_from_wsgi
from django.urls import reverse


def _is_control(text):
    return any(unicodedata.category(character) == "Cc" for character in text)


def has_control_character(path, query_string):
    """True when the path or the query string holds a control character (Unicode category Cc).

    ``path`` is already decoded (Django's ``request.path``); ``query_string`` is decoded here as Django decodes
    ``request.GET`` (``parse_qsl``: percent-escapes as UTF-8, "+" as a space), so ``%00``, ``%0A``, ``%7F`` and
    ``%C2%85`` are all caught, in a parameter's name as in its value.
    """
    if _is_control(path):
        return True
    pairs = parse_qsl(query_string, keep_blank_values=True, encoding="utf-8", errors="replace")
    return any(_is_control(name) or _is_control(value) for name, value in pairs)


def query_string_of(request):
    """The query string as text, read as ``request.GET`` reads it.

    Under WSGI (how this site runs) the server hands the bytes over as Latin-1 text (PEP 3333): read them back as
    UTF-8, so that a raw "É" (C3 89) is not mistaken for "Ã" and the control U+0089. ASGI gives UTF-8 text already.
    """
    if isinstance(request, WSGIRequest):
        return get_bytes_from_wsgi(request.environ, "QUERY_STRING", "").decode("utf-8", "replace")
    return request.META.get("QUERY_STRING", "")


class ControlCharacterMiddleware:
    """Answer 400 to a control character in the path or the query string.

    ``BadRequest`` rather than a ``SuspiciousOperation``: both give a 400 rendered by ``handler400``, but a
    ``SuspiciousOperation`` is logged as an error of ``django.security`` (mailed to ``ADMINS`` where that is set
    up), while this is ordinary noise from scanners and mangled links: ``BadRequest`` logs a warning of
    ``django.request``, with the path escaped.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_character(request.path, query_string_of(request)):
            raise BadRequest("Control character in the path or the query string.")
        return self.get_response(request)


# --- Security headers: Content-Security-Policy chosen by path, frame-ancestors, Permissions-Policy ---

ADMIN_URL_NAME = "wagtailadmin_home"
FRAME_ANCESTORS = {"DENY": "'none'", "SAMEORIGIN": "'self'"}


def is_admin_path(path):
    """True for the Wagtail admin's addresses (its page previews included)."""
    return path.startswith(reverse(ADMIN_URL_NAME))


def permissions_policy_header(features):
    """``{"camera": [], "fullscreen": ["self", "https://…"]}`` as ``camera=(), fullscreen=(self "https://…")``."""

    def token(item):
        return item if item in ("self", "*") else f'"{item}"'

    return ", ".join(f"{feature}=({' '.join(map(token, allowed))})" for feature, allowed in features.items())


class SecurityHeadersMiddleware(CSPMiddleware):
    """The Content-Security-Policy of django-csp, one policy for the public site and one for the admin, plus the
    Permissions-Policy header, on every response: pages, static files (this middleware sits before whitenoise),
    media files and documents.

    - ``CONTENT_SECURITY_POLICY`` everywhere but the admin: the site's own files only, no inline script or style and
      no nonce (whole pages are cached: a cached nonce would not match a fresh header).
    - ``ADMIN_CONTENT_SECURITY_POLICY`` under the admin's address: Wagtail's admin still writes inline scripts and
      styles (inline panels, date pickers), so they are allowed there, and only there.
    - ``frame-ancestors`` follows X-Frame-Options (``X_FRAME_OPTIONS = "DENY"``, so ``'none'``), except where a view
      allows same-origin framing, as Wagtail's page previews do for the editor's preview panel: ``'self'``. A page
      preview, although served under the admin's address, gets the public policy (see ``get_policy_parts``).
    - A response that already carries its own policy keeps it: an uploaded SVG's sandbox (``cai_site.views``),
      Wagtail's ``default-src 'none'`` on documents. Only a missing ``frame-ancestors`` is added to it, which can
      only forbid more.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and is_admin_path(request.path):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        framing = FRAME_ANCESTORS.get(response.get("X-Frame-Options", "").upper())
        if getattr(request, "is_dummy", False):
            # Wagtail renders a page preview as a request of its own to the page's public address (the public
            # policy, so that a preview shows what visitors will get), inside the admin's preview view, which lets
            # the editor's preview panel frame it (X-Frame-Options SAMEORIGIN, set after this inner request).
            framing = "'self'"
        if framing:
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [framing]}
        return parts

    def process_response(self, request, response):
        own_policy = response.get(HEADER)
        if own_policy and "frame-ancestors" not in own_policy:
            framing = FRAME_ANCESTORS.get(response.get("X-Frame-Options", "").upper(), "'none'")
            response[HEADER] = f"frame-ancestors {framing}; {own_policy}"
        response = super().process_response(request, response)
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy_header(settings.PERMISSIONS_POLICY)
        return response
