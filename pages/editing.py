"""Small rules of the page editor, kept apart from the form so that tests can call them directly: when a value counts
as written, which pages are menu sections, how a typed address becomes plain ASCII."""

import re
import unicodedata
from html import unescape

from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.admin.widgets import SlugInput
from wagtail.models import Site

# Letters that Unicode does not decompose into a base letter and an accent.
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


# In the browser, Wagtail's slug field (the w-slug controller) transliterates the title it copies, but drops the
# accented letters an editor types into the field itself ("activité" → "activit") when unicode slugs are off. These
# replacements run first, so a typed address loses its accents the same way ("activite").
ACCENTS = [
    ("[àáâãäå]", "a"),
    ("ç", "c"),
    ("[èéêë]", "e"),
    ("[ìíîï]", "i"),
    ("ñ", "n"),
    ("[òóôõö]", "o"),
    ("[ùúûü]", "u"),
    ("[ýÿ]", "y"),
    ("œ", "oe"),
    ("æ", "ae"),
]


def slug_input():
    """The page address field's widget: Wagtail's, with French accents transliterated as they are typed."""
    return SlugInput(formatters=[(re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in ACCENTS])


def has_text(value):
    """Whether a text, rich text or StreamField value holds something a visitor would read or see.

    Rich text counts when it has words once its tags are removed; a stream counts when it has at least one block
    (an image or a quote is content too; an empty block is refused by the block's own validation).
    """
    if value is None:
        return False
    if isinstance(value, str):
        return bool(unescape(strip_tags(value)).replace("\xa0", " ").strip())
    return len(value) > 0


def ascii_slug(slug):
    """The slug with its accents removed ("activité" → "activite", "cœur" → "coeur"), or None when some of its
    letters have no plain ASCII form (Cyrillic, Arabic…): those are not guessed."""
    decomposed = unicodedata.normalize("NFKD", slug.translate(LIGATURES))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    if not stripped.isascii():
        return None
    return slugify(stripped)


def is_menu_section(page):
    """Whether ``page`` is a section of the main menu: a page right under a site's home page, shown in the menu.

    The menu (``pages.navigation``) lists the home page's children and their children; so a page created under a
    menu section is listed in the menu when its "Afficher dans le menu" box is ticked.
    """
    if page is None or not page.show_in_menus or page.depth < 2:
        return False
    return Site.objects.filter(root_page__path=page.path[: -page.steplen]).exists()
