"""schema.org data (JSON-LD) shared by every app: the ``<script>`` that carries it, and the centre as an ``NGO``.

Each app builds the data of its own pages (an office's ``Place``, a news item's ``NewsArticle``, a training's
``Event``s, the home page's full ``NGO``) and hands it to ``json_ld_script`` (the ``{% json_ld %}`` tag).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

from .models import SiteIdentity

SCHEMA_CONTEXT = "https://schema.org"

# As Django's json_script: "<", ">" and "&" written as \u escapes, so that no text ("</script>" in a title)
# can close the element or open a comment; JSON parsers read the same characters back.
JSON_LD_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """schema.org data as a ``<script type="application/ld+json">`` (data, never run), escaped like json_script."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_LD_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # escaped just above


def site_root_url(request):
    """The site's address without a trailing slash ("https://www.cainamur.be"), from the Wagtail site's settings
    (not from the Host header), or from the request when no site matches."""
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        return site.root_url.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def absolute_url(request, url):
    """``url`` made absolute on the site's address; an address that already names its origin is kept."""
    if not url or url.startswith(("http://", "https://", "//")):
        return url
    return site_root_url(request) + "/" + url.lstrip("/")


def centre_name(identity):
    return identity.site_name or identity.short_name


def organisation(request, identity=None):
    """The centre as the publisher or organiser of something: an ``NGO`` (a non-profit) with its name and address."""
    identity = identity or SiteIdentity.for_request(request)
    data = {"@type": "NGO", "name": centre_name(identity), "url": site_root_url(request) + "/"}
    if not data["name"]:
        del data["name"]
    return data
