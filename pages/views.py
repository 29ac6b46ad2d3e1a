"""The pattern library (/motifs/): every component of the site on one page, for developers and designers.

Shown when DEBUG is on, or to a signed-in member of staff (Django staff or Wagtail admin access); everyone else gets
the ordinary 404, so that the page's existence is not revealed. Never cached: it depends on who asks.
"""

import re
from datetime import date

from django import forms
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from pages.templatetags.icons import sprite_icon_names

SITE_CSS = "css/site.css"
TOKEN_BLOCKS = {
    "light": re.compile(r"(?m)^:root\s*\{([^}]*)\}"),
    "dark": re.compile(r'(?m)^:root\[data-theme="dark"\]\s*\{([^}]*)\}'),
}
COLOUR_TOKEN = re.compile(r"(--(?:color|chart|focus)-[\w-]+)\s*:\s*([^;]+);")


def can_see_pattern_library(request):
    user = request.user
    if settings.DEBUG:
        return True
    return user.is_authenticated and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))


def colour_tokens():
    """The colour tokens of site.css in their order, each with its light and dark value (docs/design.md)."""
    path = finders.find(SITE_CSS)
    if path is None:
        return []
    with open(path, encoding="utf-8") as stylesheet:
        css = re.sub(r"/\*.*?\*/", "", stylesheet.read(), flags=re.S)
    values = {}
    for theme, block in TOKEN_BLOCKS.items():
        match = block.search(css)
        values[theme] = dict(COLOUR_TOKEN.findall(match.group(1))) if match else {}
    return [
        {"name": name, "light": light.strip(), "dark": values["dark"].get(name, light).strip()}
        for name, light in values["light"].items()
    ]


class PatternForm(forms.Form):
    """Fields of every kind the site's forms use, one of them in error, to show their states."""

    nom = forms.CharField(label="Nom et prénom", help_text="Tel qu'il figure sur vos documents.")
    courriel = forms.EmailField(label="Adresse e-mail")
    sujet = forms.ChoiceField(
        label="Sujet",
        choices=[("", "Choisissez un sujet"), ("formations", "Formations"), ("accueil", "Accueil")],
    )
    langue = forms.ChoiceField(
        label="Langue de la réponse",
        choices=[("fr", "Français"), ("nl", "Néerlandais"), ("en", "Anglais")],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(label="Message", widget=forms.Textarea, required=False)
    consentement = forms.BooleanField(label="J'accepte que le centre utilise ces informations pour me répondre.")


PATTERN_FORM_DATA = {
    "nom": "Camille Exemple",
    "courriel": "adresse-incomplete@",
    "sujet": "formations",
    "langue": "fr",
    "message": "",
    "consentement": "on",
}


@never_cache
def pattern_library(request):
    if not can_see_pattern_library(request):
        raise Http404
    form = PatternForm(PATTERN_FORM_DATA, auto_id="motif-%s")
    form.is_valid()  # so that the e-mail field shows its error state
    return TemplateResponse(
        request,
        "pages/patterns.html",
        {
            "colour_tokens": colour_tokens(),
            "icon_names": sorted(sprite_icon_names() or ()),
            "form": form,
            "page_obj": Paginator(range(60), 12).page(2),
            "example_date": date(2026, 12, 1),
            "breadcrumb_page": {"title": "Bibliothèque de motifs"},
            "breadcrumb_ancestors": [{"url": "/", "title": "Accueil"}],
        },
    )
