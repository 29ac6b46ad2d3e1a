"""The home page: what the centre does for you and three actions first; then news, trainings, a publication, themes."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from pages.models import BodyPage
from pages.routing import route_in_one_query

from .sections import home_sections


class HomePage(BodyPage):
    """The home page, task first: one sentence on what the centre does for you, then three actions (find an office
    with the main office's status today, call, register for a training) and help in other languages; below, the
    latest news, the next sessions with their places left, a publication and the themes.

    Every block is chosen by editors; where they choose nothing, the latest items stand in.
    """

    lead = models.CharField(
        "Phrase d'accueil",
        max_length=200,
        blank=True,
        help_text=(
            "Le titre de la page d'accueil : une phrase simple qui dit ce que le centre fait pour le visiteur. "
            "Vide : le nom du centre."
        ),
    )
    languages_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Aide dans d'autres langues",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Liée sous les trois actions du haut de la page. Vide : la première page multilingue publiée.",
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
        FieldPanel("editor_note", heading="Note pour l'équipe éditoriale"),
        FieldPanel("title"),
        FieldPanel("lead"),
        FieldPanel("intro"),
        FieldPanel("languages_page"),
        FieldPanel("featured_news"),
        FieldPanel("featured_trainings"),
        FieldPanel("featured_publication"),
        FieldPanel("body"),
    ]

    page_description = (
        "La page d'accueil du site (une seule) : les actions principales, les actualités, les formations et les "
        "thématiques."
    )
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
