"""Outils et publications: publications with their documents, and their filtered index."""

import django_filters
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images.models import Rendition
from wagtail.models import Orderable
from wagtail.search import index

from pages.blocks import RICH_TEXT_FEATURES
from pages.choosers import DocumentChooserIn, ImageChooserIn
from pages.collections import PUBLICATIONS
from pages.editing import has_text
from pages.facets import ThematiquesMixin
from pages.forms import SitePageForm
from pages.listing import listing_context, year_choices
from pages.models import BasePage, ListItem
from thematiques.facet import LATEST
from thematiques.filters import ThematiqueFilterSet


class PublicationType(ListItem):
    """A kind of publication (guide, rapport, Coaxions…): a list editors extend."""

    class Meta(ListItem.Meta):
        verbose_name = "Type de publication"
        verbose_name_plural = "Types de publication"


def type_choices():
    return list(PublicationType.objects.values_list("slug", "name"))


class PublicationFilterSet(ThematiqueFilterSet):
    type = django_filters.ChoiceFilter(
        label="Type", field_name="publication_type__slug", choices=type_choices, empty_label="Tous les types"
    )
    annee = django_filters.ChoiceFilter(label="Année", field_name="year", empty_label="Toutes les années")

    def __init__(self, data=None, *args, years=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["annee"].extra["choices"] = year_choices(years)


class PublicationIndexPage(BasePage):
    """/ressources/outils-et-publications/: publications filtered by thématique, type and year."""

    page_description = "Le catalogue des publications (un seul sur le site), filtré par thématique, type et année."
    parent_page_types = ["pages.SectionPage"]
    subpage_types = ["publications.PublicationPage"]
    max_count = 1

    class Meta:
        verbose_name = "Index des publications"
        verbose_name_plural = "Index des publications"

    def publications(self):
        return (
            PublicationPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("publication_type", "cover")
            .prefetch_related(
                "thematiques",
                Prefetch("cover__renditions", queryset=Rendition.objects.all()),
                Prefetch("files", queryset=PublicationFile.objects.select_related("document")),
            )
            .order_by("-year", "title", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        years = (
            PublicationPage.objects.live()
            .descendant_of(self)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        filterset = PublicationFilterSet(request.GET, queryset=self.publications(), years=years)
        context.update(listing_context(filterset, request, "publication", "publications"))
        return context


EMPTY_PUBLICATION = (
    "Une publication vide ne peut pas être publiée : écrivez son résumé, ou ajoutez son document (PDF…) dans "
    "« Documents », ou un lien externe. En attendant, « Enregistrer le brouillon » garde votre travail."
)


class PublicationPageForm(SitePageForm):
    def publishing_gaps(self):
        """An empty publication: nothing to read or to get, that is no summary (nor introduction), no document and
        no external link. A publication with only a summary (a printed guide to ask for) may go live."""
        data = self.cleaned_data
        files = self.formsets.get("files")
        if files is not None:
            files.is_valid()  # cleans the documents' forms now (once: the page form's own check reuses it)
        kept_files = [
            form
            for form in getattr(files, "forms", [])
            if getattr(form, "cleaned_data", {}).get("document") and not form.cleaned_data.get("DELETE")
        ]
        if has_text(data.get("summary")) or has_text(data.get("intro")) or kept_files or data.get("external_url"):
            return {}
        return {"summary": EMPTY_PUBLICATION}


class PublicationPage(ThematiquesMixin, BasePage):
    page_description = (
        "Une publication (guide, rapport, Coaxions…) : son résumé, ses documents à télécharger ou un lien externe."
    )

    year = models.PositiveSmallIntegerField("Année de publication")
    publication_type = models.ForeignKey(
        PublicationType,
        verbose_name="Type",
        on_delete=models.PROTECT,
        related_name="publications",
        help_text="La liste se complète dans le menu « Types de publication ».",
    )
    authors = models.CharField("Auteur(s)", max_length=250, blank=True)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Couverture",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Facultative. Elle est décorative : le titre de la publication l'accompagne toujours. Laissée vide, "
            "elle peut être tirée automatiquement de la première page du PDF ; une couverture choisie ici n'est jamais "
            "remplacée."
        ),
    )
    # The image make_publication_covers drew from the PDF (publications/covers.py). The cover counts as generated
    # while it is this image; an editor who picks another one (or removes it) makes the choice theirs for good.
    generated_cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Couverture générée",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="L'image tirée automatiquement de la première page du PDF, s'il y en a une.",
    )
    summary = RichTextField("Résumé", blank=True, features=RICH_TEXT_FEATURES)
    external_url = models.URLField(
        "Lien externe", blank=True, help_text="Facultatif : la publication en ligne (vidéo, site, outil…)."
    )
    external_label = models.CharField(
        "Texte du lien externe", max_length=150, blank=True, help_text="Ex. « Voir la vidéo »."
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("publication_type"), FieldPanel("year"), FieldPanel("authors")], heading="Description"
        ),
        FieldPanel("cover", widget=ImageChooserIn(PUBLICATIONS)),
        FieldPanel("summary"),
        InlinePanel("files", heading="Documents", label="Document"),
        MultiFieldPanel([FieldPanel("external_url"), FieldPanel("external_label")], heading="Lien externe"),
        ThematiquesMixin.thematiques_panel(),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("authors"),
        index.SearchField("document_titles"),
        index.FilterField("year"),
    ]

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []
    base_form_class = PublicationPageForm

    class Meta:
        verbose_name = "Publication"
        verbose_name_plural = "Publications"

    @classmethod
    def filed_under(cls, theme, now=None):
        """The newest publications filed under ``theme``, for its thématique page."""
        return super().filed_under(theme, now).select_related("publication_type").order_by("-year", "title")[:LATEST]

    def document_titles(self):
        """The titles of the publication's documents, for the site search (a method: read at indexing time)."""
        return " ".join(f"{file.label} {file.document.title}" for file in self.files.all() if file.document_id)

    @property
    def cover_is_generated(self):
        """Whether the cover shown is the one drawn from the PDF (not an editor's choice)."""
        return self.cover_id is not None and self.cover_id == self.generated_cover_id

    def missing_for_publication(self):
        """What this version lacks to go live, as French messages (the form's rule, for publishing without the
        form: the page listing's bulk "Publier"). Reads the files of this version, a revision's included."""
        kept_files = [item for item in self.files.all() if item.document_id]
        if has_text(self.summary) or has_text(self.intro) or kept_files or self.external_url:
            return []
        return [EMPTY_PUBLICATION]

    def clean(self):
        super().clean()
        if self.external_url and not self.external_label:
            raise ValidationError({"external_label": "Indiquez le texte du lien externe."})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["files"] = self.files.select_related("document")
        context["thematiques"] = self.ordered_thematiques()
        return context


class PublicationFile(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Document",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Rangez les documents dans la collection « Publications ».",
    )
    label = models.CharField(
        "Intitulé", max_length=150, blank=True, help_text="Ex. « Version complète ». Vide : le titre du document."
    )

    panels = [FieldPanel("document", widget=DocumentChooserIn(PUBLICATIONS)), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "Document de la publication"
        verbose_name_plural = "Documents de la publication"
