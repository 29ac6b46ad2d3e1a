"""The home page: the mission, quick links, the latest news, the next sessions, a publication, the themes."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from pages.blocks import LinkBlock
from pages.models import BasePage, BodyPage
from pages.routing import route_in_one_query

from .sections import home_sections


class HomePage(BodyPage):
    """The home page: the mission, quick links, the latest news, the next sessions, a publication, the themes.

    Every block is chosen by editors; where they choose nothing, the latest items stand in.
    """

    quick_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        max_num=8,
        verbose_name="Accès rapides",
        help_text="Jusqu'à 8 liens vers les services clés. Vide : les rubriques du menu principal.",
    )
    featured_news = StreamField(
        [("news", blocks.PageChooserBlock(page_type="news.NewsPage", label="Actualité"))],
        blank=True,
        max_num=3,
        verbose_name="Actualités à la une",
        help_text="Jusqu'à 3. Vide : les 3 plus récentes.",
    )
    featured_trainings = StreamField(
        [("training", blocks.PageChooserBlock(page_type="trainings.TrainingPage", label="Formation"))],
        blank=True,
        max_num=3,
        verbose_name="Formations à la une",
        help_text="Jusqu'à 3 ; leur prochaine séance est affichée. Vide : les 3 prochaines séances.",
    )
    featured_publication = models.ForeignKey(
        "publications.PublicationPage",
        verbose_name="Publication à la une",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Vide : la publication la plus récente.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("quick_links"),
        FieldPanel("featured_news"),
        FieldPanel("featured_trainings"),
        FieldPanel("featured_publication"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.SectionPage",
        "pages.StandardPage",
        "pages.CampaignPage",
        "pages.MultilingualPage",
        "thematiques.ThematiqueIndexPage",
        "contact.ContactPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "Page d'accueil"
        verbose_name_plural = "Pages d'accueil"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(self, request))
        return context

    def route(self, request, path_components):
        """Find the page for a URL in one query instead of one per level; sub-routes keep their precedence."""
        if path_components:
            return route_in_one_query(self, request, path_components)
        return super().route(request, path_components)
