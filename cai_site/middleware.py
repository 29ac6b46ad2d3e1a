"""Refuse addresses with control characters before anything queries the database with them.

PostgreSQL refuses a NUL byte in a text parameter ("text fields cannot contain NUL bytes"), so a slug, a path or a
filter value carrying one would turn into a 500 wherever it reaches a query: Wagtail's routing and redirects, the
feeds' ``?thematique=``… No legitimate link carries a control character, so they are all refused at the door with
a 400 (``templates/400.html``, which needs no database).
"""

import unicodedata
from urllib.parse import parse_qsl

from django.core.exceptions import BadRequest
from django.core.handlers.wsgi import WSGIRequest, get_bytes_from_wsgi


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
