"""/ressources/chiffres/: key figures, tables and charts, and the yearly statistical reports."""

from django.db.models import Prefetch
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from pages.models import BasePage
from pages.navigation import public_q

from .blocks import FiguresStreamBlock

REPORT_TYPE = "CAIstiques"


class FiguresPage(BasePage):
    body = StreamField(FiguresStreamBlock(), blank=True, verbose_name="Contenu")

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["pages.SectionPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Page Chiffres"
        verbose_name_plural = "Pages Chiffres"

    def yearly_reports(self):
        """The published "CAIstiques" publications with their documents, newest first."""
        from publications.models import PublicationFile, PublicationPage

        return (
            PublicationPage.objects.live()
            .filter(public_q(), publication_type__name=REPORT_TYPE)
            .prefetch_related(Prefetch("files", queryset=PublicationFile.objects.select_related("document")))
            .order_by("-year")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = self.yearly_reports()
        return context
