"""Filing content under thématiques: the field that news, trainings, publications and content pages share.

It lives in the base app because content pages (``StandardPage``) are filed under thématiques too, and the field
names the thématique page by a string, so the base app imports nothing from ``thematiques``.
"""

from django import forms
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel


class ThematiquesMixin(models.Model):
    """Adds a ``thematiques`` field: any number of thématique pages, picked from a list of checkboxes."""

    thematiques = ParentalManyToManyField(
        "thematiques.ThematiquePage",
        blank=True,
        related_name="+",
        verbose_name="Thématiques",
        help_text="Cochez les thèmes concernés. Le contenu apparaîtra aussi sur la page de chacun de ces thèmes.",
    )

    class Meta:
        abstract = True

    @classmethod
    def thematiques_panel(cls):
        return FieldPanel("thematiques", widget=forms.CheckboxSelectMultiple)

    @classmethod
    def filed_under(cls, theme, now=None):
        """The live, public pages of this type filed under ``theme``, in tree order (subclasses refine it)."""
        return cls.objects.live().public().filter(thematiques=theme).defer_streamfields().order_by("path")

    def ordered_thematiques(self):
        """Thématiques in menu order; uses prefetched rows when the listing prefetched them."""
        return sorted(self.thematiques.all(), key=lambda theme: theme.path)
