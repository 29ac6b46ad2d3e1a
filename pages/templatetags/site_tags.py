"""Template tags for the site's frame: main menu, breadcrumbs, footer, document labels, French typography."""

import os

from django import template
from django.db.models import Prefetch
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from wagtail.images.models import Rendition
from wagtail.models import Site

from pages import sitewide
from pages.maps import map_data
from pages.models import SiteIdentity, Sponsor
from pages.navigation import breadcrumbs_for, menu_for
from pages.phone import link_contacts
from pages.privacy import registered_processings
from pages.typography import DEFAULT_DATE_FORMAT, format_date_fr, french_spacing, french_spacing_html

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"items": [], "shortcuts": []}
    identity = SiteIdentity.for_request(request)
    return {
        "items": menu_for(site, request=request, current_page=context.get("page")),
        "shortcuts": identity.menu_shortcuts(),
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The path from the home page down to the current page (not shown on the home page itself)."""
    page = context.get("page")
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if page is None or site is None or page.depth <= site.root_page.depth:
        return {"ancestors": [], "page": None}
    return {"ancestors": breadcrumbs_for(site, page, request), "page": page}


@register.inclusion_tag("components/sponsors.html", takes_context=True)
def footer_sponsors(context):
    def sponsors():
        return list(
            Sponsor.objects.select_related("logo", "link_page").prefetch_related(
                Prefetch("logo__renditions", queryset=Rendition.objects.all())
            )
        )

    return {"sponsors": sitewide.remembered("sponsors", sponsors), "request": context.get("request")}


UNITS = [("Go", 1024**3), ("Mo", 1024**2), ("ko", 1024)]


@register.filter
def file_summary(document):
    """ "PDF, 1,2 Mo": the format and size of a Wagtail document, in French."""
    extension = os.path.splitext(document.file.name)[1].lstrip(".").upper() or "Fichier"
    size = document.get_file_size()
    if size is None:
        return extension
    for unit, factor in UNITS:
        if size >= factor:
            return f"{extension}, {size / factor:.1f} {unit}".replace(".", ",")
    return f"{extension}, {size} octets"


@register.filter
def map_markers(points):
    """The markers of a map component: the points that have coordinates, as plain data for the page."""
    return map_data(points)


def is_french(language):
    return not language or language == "fr" or language.startswith("fr-")


@register.filter
def contact_links(html, language="fr"):
    """Rich text as visitors read it: the phone numbers and e-mail addresses written as text made tappable
    (tel:/mailto:), and French typography (no-break spaces before : ; ! ? and inside « »).

    The one filter after ``|richtext`` (``{{ value|richtext|contact_links }}``); a section written in another
    language passes its language (``|contact_links:value.language``) and keeps its own typography. A string that
    is not marked safe is escaped first.
    """
    html = link_contacts(str(conditional_escape(html)))
    return mark_safe(french_spacing_html(html) if is_french(str(language)) else html)  # escaped or sanitised above


@register.filter(needs_autoescape=True)
def typo(value, autoescape=True):
    """French typography of a text shown to visitors, plain or HTML, in its text only (pages/typography.py).

    Safe HTML stays safe; a plain string is escaped first (and stays plain text where autoescaping is off).
    """
    if value is None:
        return ""
    if isinstance(value, SafeData) or hasattr(value, "__html__"):
        return mark_safe(french_spacing_html(conditional_escape(value)))  # safe input, only spaces change
    if not autoescape:
        return french_spacing(str(value))
    return mark_safe(french_spacing_html(conditional_escape(value)))  # escaped just before


@register.filter(expects_localtime=True)
def date_fr(value, date_format=DEFAULT_DATE_FORMAT):
    """ "1er décembre 2026": Django's ``date`` filter in French, the first of the month written "1er"."""
    try:
        return format_date_fr(value, date_format)
    except AttributeError:  # not a date: nothing, as Django's date filter
        return ""


@register.simple_tag
def personal_data_processings():
    """The site's processings of personal data, from the registry (pages/privacy.py)."""
    return registered_processings()


@register.filter
def email_wbr(address):
    """An e-mail address that wraps at sensible points on a narrow screen: after the "@" and before each dot
    ("prenom<wbr>.nom@<wbr>cainamur<wbr>.be"), never in the middle of a word. Escaped first."""
    text = str(conditional_escape(address))
    return mark_safe(text.replace(".", "<wbr>.").replace("@", "@<wbr>"))  # escaped just above
