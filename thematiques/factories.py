"""Thématiques for factories and tests: the seed creates the fifteen thématique pages, so they are looked up."""

from .models import ThematiquePage


def theme(slug):
    """The seeded thématique page with this slug, to pass in a page's ``thematiques``: ``theme("sante")``."""
    return ThematiquePage.objects.get(slug=slug)
