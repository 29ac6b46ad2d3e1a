"""The thématiques: an index page and one page per theme."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from pages.blocks import BodyStreamBlock
from pages.models import BasePage, ChildListingMixin


class ThematiqueIndexPage(ChildListingMixin, BasePage):
    """/thematiques/: every theme as a grid of cards."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["thematiques.ThematiquePage"]
    max_count = 1

    class Meta:
        verbose_name = "Index des thématiques"
        verbose_name_plural = "Index des thématiques"


class ThematiquePage(BasePage):
    """One theme (Asile, Citoyenneté…)."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="Contenu")

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["thematiques.ThematiqueIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Thématique"
        verbose_name_plural = "Thématiques"

    def get_context(self, request, *args, **kwargs):
        from .facet import items_filed_under

        context = super().get_context(request, *args, **kwargs)
        context["groups"] = items_filed_under(self, request)
        return context
