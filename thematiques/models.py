"""The thématiques: an index page and one page per theme."""

from pages.models import BasePage, BodyPage, ChildListingMixin

from .facet import items_filed_under


class ThematiqueIndexPage(ChildListingMixin, BasePage):
    """/thematiques/: every theme as a grid of cards."""

    page_description = "La liste des thématiques (une seule) : chaque thème sous forme de carte."
    parent_page_types = ["home.HomePage"]
    subpage_types = ["thematiques.ThematiquePage"]
    max_count = 1

    class Meta:
        verbose_name = "Index des thématiques"
        verbose_name_plural = "Index des thématiques"


class ThematiquePage(BodyPage):
    """One theme (Asile, Citoyenneté…)."""

    page_description = "Un thème (Asile, Citoyenneté…) : son texte et tout ce qui est classé sous ce thème."
    parent_page_types = ["thematiques.ThematiqueIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Thématique"
        verbose_name_plural = "Thématiques"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = items_filed_under(self, request)
        return context
