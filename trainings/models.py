"""Formations: trainings with dated sessions, their index (upcoming and archive) and iCalendar files.

Whether a session is past is decided at request time, in Europe/Brussels (``timezone.localtime()``).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Min, Prefetch, Q
from django.utils import timezone
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable

from pages.facets import ThematiquesMixin
from pages.listing import listing_context
from pages.models import BasePage, BodyPage, ListItem
from thematiques.facet import LATEST
from thematiques.filters import ThematiqueFilterSet

from .ical import calendar_filename, calendar_name, calendar_response

BRUSSELS = ZoneInfo("Europe/Brussels")


class Audience(ListItem):
    """A target audience ("public cible"): a list editors extend in the admin."""

    class Meta(ListItem.Meta):
        verbose_name = "Public cible"
        verbose_name_plural = "Publics cibles"


class Organiser(models.Model):
    """Who organises a training: the centre or a partner."""

    name = models.CharField("Nom", max_length=150, unique=True)
    website = models.URLField("Site web", blank=True)

    panels = [FieldPanel("name"), FieldPanel("website")]

    class Meta:
        ordering = ["name"]
        verbose_name = "Organisateur"
        verbose_name_plural = "Organisateurs"

    def __str__(self):
        return self.name


def upcoming_q(now, prefix="sessions__"):
    """Sessions that have not ended at ``now`` (a Brussels-aware datetime)."""
    today, moment = now.date(), now.time().replace(tzinfo=None)
    return Q(**{f"{prefix}date__gt": today}) | Q(**{f"{prefix}date": today, f"{prefix}ends_at__gt": moment})


def audience_choices():
    return list(Audience.objects.values_list("slug", "name"))


class TrainingFilterSet(ThematiqueFilterSet):
    public = django_filters.ChoiceFilter(
        label="Public cible", field_name="audiences__slug", choices=audience_choices, empty_label="Tous les publics"
    )


class RegistrationMode(models.TextChoices):
    ON_REQUEST = "on_request", "Sur inscription (avec date limite)"
    LINK = "link", "Via un lien externe"
    EMAIL = "email", "Par e-mail"
    NONE = "none", "Sans inscription"


class TrainingIndexPage(RoutablePageMixin, BasePage):
    """/actions-services/formations/: upcoming trainings by next session, an archive, an iCalendar feed."""

    parent_page_types = ["pages.SectionPage"]
    subpage_types = ["trainings.TrainingPage"]
    max_count = 1

    class Meta:
        verbose_name = "Index des formations"
        verbose_name_plural = "Index des formations"

    def trainings(self):
        return (
            TrainingPage.objects.live()
            .public()
            .descendant_of(self)
            .defer_streamfields()
            .prefetch_related("thematiques", "audiences")
        )

    def upcoming_trainings(self, now):
        sessions = TrainingSession.objects.filter(upcoming_q(now, prefix="")).order_by("date", "starts_at")
        return (
            self.trainings()
            .annotate(next_date=Min("sessions__date", filter=upcoming_q(now)))
            .filter(next_date__isnull=False)
            .prefetch_related(Prefetch("sessions", queryset=sessions, to_attr="listed_sessions"))
            .order_by("next_date", "title", "pk")
        )

    def past_trainings(self, now):
        sessions = TrainingSession.objects.order_by("date", "starts_at")
        return (
            self.trainings()
            .annotate(next_date=Min("sessions__date", filter=upcoming_q(now)), last_date=Max("sessions__date"))
            .filter(next_date__isnull=True, last_date__isnull=False)
            .prefetch_related(Prefetch("sessions", queryset=sessions, to_attr="listed_sessions"))
            .order_by("-last_date", "title", "pk")
        )

    def render_listing(self, request, trainings, archive):
        filterset = TrainingFilterSet(request.GET, queryset=trainings)
        context = listing_context(filterset, request, "formation", "formations")
        past_suffix = " " + ngettext("passée", "passées", max(context["result_count"], 1))  # French: 0 is singular
        suffix = past_suffix if archive else " à venir"
        return self.render(request, context_overrides={**context, "archive": archive, "count_suffix": suffix})

    @path("")
    def upcoming_view(self, request):
        return self.render_listing(request, self.upcoming_trainings(timezone.localtime()), archive=False)

    @path("archives/", name="archives")
    def archive_view(self, request):
        return self.render_listing(request, self.past_trainings(timezone.localtime()), archive=True)

    @path("agenda/", name="ical")
    def ical_view(self, request):
        now = timezone.localtime()
        sessions = (
            TrainingSession.objects.filter(upcoming_q(now, prefix=""))
            .filter(page__in=self.trainings().values("pk"))
            .select_related("page")
            .order_by("date", "starts_at")
        )
        return calendar_response(
            request, sessions, calendar_filename(request, "formations"), name=calendar_name(request, self.title)
        )


class TrainingPage(RoutablePageMixin, ThematiquesMixin, BodyPage):
    audiences = ParentalManyToManyField(
        Audience,
        blank=True,
        related_name="trainings",
        verbose_name="Public cible",
        help_text="La liste se complète dans « Formations › Publics cibles ».",
    )
    organisers = ParentalManyToManyField(
        Organiser,
        blank=True,
        related_name="trainings",
        verbose_name="Organisateur(s)",
        help_text="Le CAI ou un partenaire. La liste se complète dans « Formations › Organisateurs ».",
    )
    is_free = models.BooleanField("Gratuite", default=True)
    price = models.CharField(
        "Prix",
        max_length=100,
        blank=True,
        help_text="Si la formation est payante, ex. « 20 € par jour, repas compris ».",
    )
    registration_mode = models.CharField(
        "Inscription", max_length=20, choices=RegistrationMode, default=RegistrationMode.ON_REQUEST
    )
    registration_url = models.URLField("Lien d'inscription", blank=True)
    registration_email = models.EmailField("E-mail d'inscription", blank=True)
    registration_deadline = models.DateField("Date limite d'inscription", null=True, blank=True)

    content_panels = [
        *BasePage.content_panels,
        InlinePanel("sessions", heading="Séances", label="Séance", min_num=1),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("audiences", widget=forms.CheckboxSelectMultiple), FieldPanel("organisers")],
            heading="Public et organisation",
        ),
        FieldRowPanel([FieldPanel("is_free"), FieldPanel("price")], heading="Prix"),
        MultiFieldPanel(
            [
                FieldPanel("registration_mode"),
                FieldPanel("registration_deadline"),
                FieldPanel("registration_url"),
                FieldPanel("registration_email"),
            ],
            heading="Inscription",
        ),
        ThematiquesMixin.thematiques_panel(),
    ]

    parent_page_types = ["trainings.TrainingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Formation"
        verbose_name_plural = "Formations"

    def clean(self):
        super().clean()
        errors = {}
        if self.registration_mode == RegistrationMode.LINK and not self.registration_url:
            errors["registration_url"] = "Indiquez le lien d'inscription."
        if self.registration_mode == RegistrationMode.EMAIL and not self.registration_email:
            errors["registration_email"] = "Indiquez l'adresse e-mail d'inscription."
        if not self.is_free and not self.price:
            errors["price"] = "Indiquez le prix, ou cochez « Gratuite »."
        if errors:
            raise ValidationError(errors)

    @classmethod
    def filed_under(cls, theme, now):
        """The next trainings filed under ``theme``, by their next session, for its thématique page."""
        return (
            super()
            .filed_under(theme, now)
            .annotate(next_date=Min("sessions__date", filter=upcoming_q(now)))
            .filter(next_date__isnull=False)
            .order_by("next_date", "title")
        )[:LATEST]

    def sorted_sessions(self):
        return sorted(self.sessions.all(), key=lambda session: (session.date, session.starts_at))

    def is_past(self, now=None):
        """True when every session has ended (a training without sessions is not called past)."""
        sessions = self.sorted_sessions()
        now = now or timezone.localtime()
        return bool(sessions) and all(session.has_ended(now) for session in sessions)

    def registration_open(self, now=None):
        now = now or timezone.localtime()
        if self.is_past(now):
            return False
        return self.registration_deadline is None or self.registration_deadline >= now.date()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.localtime()
        context.update(
            {
                "sessions": [(session, session.has_ended(now)) for session in self.sorted_sessions()],
                "is_past": self.is_past(now),
                "registration_open": self.registration_open(now),
                "thematiques": self.ordered_thematiques(),
            }
        )
        return context

    @path("agenda/", name="ical")
    def ical_view(self, request):
        sessions = self.sessions.select_related("page").order_by("date", "starts_at")
        return calendar_response(request, sessions, f"{self.slug}.ics", name=self.title)


class TrainingSession(Orderable):
    page = ParentalKey(TrainingPage, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField("Date")
    starts_at = models.TimeField("Début", help_text="Heure de Bruxelles, ex. 09:30")
    ends_at = models.TimeField("Fin", help_text="Heure de Bruxelles, ex. 16:30")
    online = models.BooleanField("En ligne", default=False)
    place_name = models.CharField(
        "Lieu", max_length=150, blank=True, help_text="Ex. le nom de la salle ou du bâtiment."
    )
    place_address = models.CharField("Adresse du lieu", max_length=250, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("online"),
        FieldRowPanel([FieldPanel("place_name"), FieldPanel("place_address")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Séance"
        verbose_name_plural = "Séances"

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "L'heure de fin doit suivre l'heure de début."
        if not self.online and not self.place_name:
            errors["place_name"] = "Indiquez le lieu, ou cochez « En ligne »."
        if errors:
            raise ValidationError(errors)

    @property
    def starts(self):
        return datetime.combine(self.date, self.starts_at, tzinfo=BRUSSELS)

    @property
    def ends(self):
        return datetime.combine(self.date, self.ends_at, tzinfo=BRUSSELS)

    def has_ended(self, now):
        return self.ends <= now

    @property
    def place_label(self):
        if self.online:
            return "En ligne"
        return ", ".join(part for part in (self.place_name, self.place_address) if part)
