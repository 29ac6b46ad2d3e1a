"""Who the centre is: its team (members as reviewed snippets) and the bodies where it holds a mandate."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Prefetch
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.images.models import Rendition
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from pages.choosers import ImageChooserIn
from pages.collections import TEAM
from pages.models import BasePage
from pages.phone import tel_href


class Team(Orderable, models.Model):
    """A team or service of the centre; the team page groups members by team, in this order."""

    name = models.CharField("Nom de l'équipe ou du service", max_length=150, unique=True)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = "Équipe ou service"
        verbose_name_plural = "Équipes et services"

    def __str__(self):
        return self.name


class TeamMember(
    PreviewableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    Orderable,
    index.Indexed,
    models.Model,
):
    """A member of staff. Published, revised and reviewed like a page."""

    name = models.CharField("Nom", max_length=150)
    role = models.CharField("Fonction", max_length=150)
    team = models.ForeignKey(Team, verbose_name="Équipe ou service", on_delete=models.PROTECT, related_name="members")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Photo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_consent = models.BooleanField(
        "Accord pour publier la photo",
        default=False,
        help_text="Sans cet accord écrit de la personne, la photo n'est jamais affichée sur le site.",
    )
    email = models.EmailField("E-mail", blank=True)
    phone = models.CharField("Téléphone", max_length=40, blank=True, help_text="Ex. 081 73 71 76")

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="team_member",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="team_member",
        for_concrete_model=False,
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldPanel("team"),
        # Photos of people sit in the "Équipe" collection, which only Modérateurs and Administrateurs see: the photo
        # and its consent are theirs to set (the permission they hold and Rédacteurs do not).
        MultiFieldPanel(
            [FieldPanel("photo", widget=ImageChooserIn(TEAM)), FieldPanel("photo_consent")],
            heading="Photo",
            permission="about.publish_teammember",
        ),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")], heading="Coordonnées professionnelles"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("role"), index.AutocompleteField("name")]

    class Meta(Orderable.Meta):
        verbose_name = "Membre de l'équipe"
        verbose_name_plural = "Membres de l'équipe"

    def __str__(self):
        return f"{self.name} ({self.role})"

    @property
    def public_photo(self):
        """The photo, only when the person agreed to its publication."""
        return self.photo if self.photo_consent else None

    @property
    def phone_href(self):
        return tel_href(self.phone)

    def get_preview_template(self, request, mode_name):
        return "about/previews/team_member.html"


def teams_with_members():
    """Teams in the editors' order, each with its published members in order: three queries in all."""
    members = (
        TeamMember.objects.filter(live=True)
        .select_related("photo")
        .prefetch_related(Prefetch("photo__renditions", queryset=Rendition.objects.all()))
    )
    teams = Team.objects.prefetch_related(Prefetch("members", queryset=members, to_attr="published_members"))
    return [team for team in teams if team.published_members]


class TeamPage(BasePage):
    """/presentation/equipe/: the published team members, grouped by team."""

    page_description = "La page de l'équipe (une seule) : les membres publiés, par équipe, tirés du menu « Équipe »."
    parent_page_types = ["pages.SectionPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Page Équipe"
        verbose_name_plural = "Pages Équipe"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["teams"] = teams_with_members()
        return context


class MandatesPage(BasePage):
    """/presentation/mandats/: the bodies where the centre sits, in the editors' order."""

    content_panels = [*BasePage.content_panels, InlinePanel("mandates", heading="Mandats", label="Mandat")]

    page_description = "La page des mandats (une seule) : les organes où le centre siège, dans l'ordre choisi."
    parent_page_types = ["pages.SectionPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Page Mandats"
        verbose_name_plural = "Pages Mandats"


class Mandate(Orderable):
    page = ParentalKey(MandatesPage, on_delete=models.CASCADE, related_name="mandates")
    body = models.CharField("Organe ou réseau", max_length=200)
    role = models.CharField("Rôle du CAI", max_length=200, help_text="Ex. membre, administrateur, président.")
    since = models.CharField("Depuis", max_length=20, blank=True, help_text="Ex. 2016")
    url = models.URLField("Lien", blank=True, help_text="Facultatif : le site de l'organe.")

    panels = [
        FieldRowPanel([FieldPanel("body"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("since"), FieldPanel("url")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Mandat"
        verbose_name_plural = "Mandats"

    def __str__(self):
        return f"{self.body} – {self.role}"
