"""/ressources/chiffres/: key figures, tables and charts, and the yearly statistical reports."""

from django.db import models
from django.db.models import Prefetch
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from pages.models import BodyPage
from publications.models import PublicationFile, PublicationPage

from .blocks import FiguresStreamBlock


class FiguresPage(BodyPage):
    body = StreamField(FiguresStreamBlock(), blank=True, verbose_name="Contenu")
    report_type = models.ForeignKey(
        "publications.PublicationType",
        verbose_name="Type des rapports statistiques",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Les publications de ce type (les rapports « CAIstiques ») sont listées sous les chiffres, "
        "les plus récentes d'abord. Le type peut être renommé : le lien est gardé.",
    )

    content_panels = [*BodyPage.content_panels, FieldPanel("report_type")]

    page_description = (
        "Les chiffres clés du centre (une seule page) : chiffres, tableaux et graphiques, avec les rapports liés."
    )
    parent_page_types = ["pages.SectionPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Page Chiffres"
        verbose_name_plural = "Pages Chiffres"

    def yearly_reports(self):
        """The published reports of the chosen type with their documents, newest first (none without a type)."""
        if self.report_type_id is None:
            return PublicationPage.objects.none()
        return (
            PublicationPage.objects.live()
            .public()
            .filter(publication_type_id=self.report_type_id)
            .prefetch_related(Prefetch("files", queryset=PublicationFile.objects.select_related("document")))
            .order_by("-year")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = self.yearly_reports()
        return context
