"""``{% icon "phone" %}``: one icon of the Lucide sprite built by scripts/build_assets.py (static/icons/sprite.svg).

Decorative by default (hidden from assistive technologies, the text beside it says what it means). With
``label="..."`` the icon stands alone and is announced: ``{% icon "x" label="Fermer" %}``.

A name missing from the sprite raises ``TemplateSyntaxError`` when DEBUG is on or tests run, so that a typo fails
loudly; in production the icon is left out and a warning is logged instead of breaking the page.
"""

import logging
import re
from functools import cache

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import mail
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()
logger = logging.getLogger(__name__)

SPRITE = "icons/sprite.svg"
SYMBOL_ID = re.compile(r'<symbol\b[^>]*\bid="([^"]+)"')


@cache
def sprite_icon_names():
    """The ids of the sprite's symbols, or None when the sprite cannot be found among the static files."""
    path = finders.find(SPRITE)
    if path is None:
        return None
    with open(path, encoding="utf-8") as sprite:
        return frozenset(SYMBOL_ID.findall(sprite.read()))


def unknown_icons_are_errors():
    # Django's test environment (pytest-django included) gives django.core.mail an ``outbox``; DEBUG is off there.
    return settings.DEBUG or hasattr(mail, "outbox")


@register.simple_tag
def icon(name, label=""):
    known = sprite_icon_names()
    if known is not None and name not in known:
        message = f"Unknown icon {name!r}: add it to ICON_NAMES in scripts/build_assets.py and run the script."
        if unknown_icons_are_errors():
            raise template.TemplateSyntaxError(message)
        logger.warning(message)
        return ""
    href = f"{static(SPRITE)}#{name}"
    if label:
        return format_html(
            '<svg class="icon icon--{}" role="img" aria-label="{}" focusable="false" width="24" height="24">'
            '<use href="{}"></use></svg>',
            name,
            label,
            href,
        )
    return format_html(
        '<svg class="icon icon--{}" aria-hidden="true" focusable="false" width="24" height="24">'
        '<use href="{}"></use></svg>',
        name,
        href,
    )
