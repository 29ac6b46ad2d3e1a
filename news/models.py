"""Actus du secteur: news items, their index with filters, and RSS/Atom feeds."""

import django_filters
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images.models import Rendition
from wagtail.search import index

from pages.blocks import is_file_name_alt
from pages.editing import has_text
from pages.facets import ThematiquesMixin
from pages.forms import SitePageForm
from pages.listing import listing_context, year_choices
from pages.models import BasePage, BodyPage
from thematiques.facet import LATEST
from thematiques.filters import ThematiqueFilterSet
from thematiques.models import ThematiquePage

from .feeds import NewsAtomFeed, NewsRssFeed


class NewsFilterSet(ThematiqueFilterSet):
    annee = django_filters.ChoiceFilter(
        label="Année", field_name="published_on", lookup_expr="year", empty_label="Toutes les années"
    )

    def __init__(self, data=None, *args, years=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["annee"].extra["choices"] = year_choices(years)


class NewsIndexPage(RoutablePageMixin, BasePage):
    """/ressources/actus-du-secteur/: the news, newest first, filtered by thématique and year, with feeds."""

    page_description = "La liste des actualités (une seule sur le site), avec ses filtres et ses flux RSS et Atom."
    parent_page_types = ["pages.SectionPage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = "Index des actualités"
        verbose_name_plural = "Index des actualités"

    def news_items(self):
        return (
            NewsPage.objects.live()
            .public()
            .descendant_of(self)
            .defer_streamfields()
            .select_related("image")
            .prefetch_related("thematiques", Prefetch("image__renditions", queryset=Rendition.objects.all()))
            .order_by("-published_on", "-pk")
        )

    def filterset(self, request):
        years = NewsPage.objects.live().descendant_of(self).dates("published_on", "year", order="DESC")
        return NewsFilterSet(request.GET, queryset=self.news_items(), years=years)

    @path("")
    def index_view(self, request):
        context = listing_context(self.filterset(request), request, "actualité", "actualités")
        return self.render(request, context_overrides=context)

    @path("rss/", name="rss")
    def rss_view(self, request):
        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_view(self, request):
        return NewsAtomFeed(self)(request)

    def feed_items(self, request, limit=20):
        """The newest items for a feed, for one thématique with ?thematique=<slug> (404 if unknown)."""
        items = self.news_items()
        slug = request.GET.get("thematique")
        theme = None
        if slug:
            theme = ThematiquePage.objects.live().filter(slug=slug).first()
            if theme is None:
                raise Http404("Thématique inconnue.")
            items = items.filter(thematiques=theme)
        return theme, list(items[:limit])


NEWS_WITHOUT_TEXT = (
    "Une actualité sans texte ne peut pas être publiée : écrivez son contenu (ou au moins son introduction). En "
    "attendant, « Enregistrer le brouillon » garde votre travail."
)


IMAGE_WITHOUT_ALT = "Décrivez l'image pour les personnes qui ne la voient pas, ou cochez « Image décorative »."
FILE_NAME_ALT = (
    "Ce texte reprend le nom du fichier de l'image : décrivez plutôt ce que l'image montre, ou cochez « Image "
    "décorative »."
)


def news_gaps(intro, body, image, image_alt, image_decorative):
    """What a news item lacks to go live, as ``{field name: French message}``: some text (an empty item would take
    a home-page card and a feed entry with nothing to read), and for its image, alt text written by a person or an
    explicit "décorative" choice (an empty alt text never silently makes an image decorative)."""
    gaps = {}
    if not (has_text(intro) or has_text(body)):
        gaps["body"] = NEWS_WITHOUT_TEXT
    if image is not None and not (image_alt or "").strip() and not image_decorative:
        gaps["image_alt"] = IMAGE_WITHOUT_ALT
    return gaps


class NewsPageForm(SitePageForm):
    def publishing_gaps(self):
        data = self.cleaned_data
        return news_gaps(
            data.get("intro"), data.get("body"), data.get("image"), data.get("image_alt"), data.get("image_decorative")
        )

    def clean(self):
        """The image's file name or title is never accepted as its alt text, in a draft either."""
        cleaned_data = super().clean()
        image, alt = cleaned_data.get("image"), (cleaned_data.get("image_alt") or "").strip()
        if image is not None and alt and is_file_name_alt(alt, image):
            self.add_error("image_alt", FILE_NAME_ALT)
        return cleaned_data


class NewsPage(ThematiquesMixin, BodyPage):
    """A news item of the sector: a date, an optional image, its text, its source."""

    page_description = "Une actualité du secteur : date, texte, image et source facultatives, classée par thématique."
    published_on = models.DateField(
        "Date de publication",
        default=timezone.localdate,
        help_text="La date affichée ; les actualités sont classées de la plus récente à la plus ancienne.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Facultative. Affichée en tête de l'article et dans les listes.",
    )
    image_alt = models.CharField(
        "Texte alternatif de l'image",
        max_length=250,
        blank=True,
        help_text=(
            "Ce que l'image montre, pour les personnes qui ne la voient pas (pas le nom du fichier). Obligatoire "
            "avec une image, sauf si vous cochez « Image décorative »."
        ),
    )
    image_decorative = models.BooleanField(
        "Image décorative",
        default=False,
        help_text=(
            "Cochez seulement si l'image n'apporte aucune information (un motif, une ambiance) : les lecteurs "
            "d'écran la passeront alors sous silence."
        ),
    )
    source_url = models.URLField("Lien vers la source", blank=True, help_text="Facultatif : l'article d'origine.")
    source_name = models.CharField(
        "Nom de la source", max_length=150, blank=True, help_text="Ex. le nom du média ou de l'organisme."
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("published_on"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_decorative")], heading="Image"
        ),
        FieldPanel("body"),
        ThematiquesMixin.thematiques_panel(),
        MultiFieldPanel([FieldPanel("source_url"), FieldPanel("source_name")], heading="Source"),
    ]
    search_fields = [*BodyPage.search_fields, index.FilterField("published_on")]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    base_form_class = NewsPageForm

    class Meta:
        verbose_name = "Actualité"
        verbose_name_plural = "Actualités"

    def missing_for_publication(self):
        """What this version lacks to go live, as French messages (the form's rule, for publishing without the
        form: the page listing's bulk "Publier")."""
        return list(news_gaps(self.intro, self.body, self.image, self.image_alt, self.image_decorative).values())

    @property
    def image_alt_text(self):
        """The alt attribute of the image: empty when it is decorative."""
        return "" if self.image_decorative else self.image_alt

    @classmethod
    def filed_under(cls, theme, now=None):
        """The newest items filed under ``theme``, for its thématique page."""
        return super().filed_under(theme, now).order_by("-published_on", "-pk")[:LATEST]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["thematiques"] = self.ordered_thematiques()
        return context
