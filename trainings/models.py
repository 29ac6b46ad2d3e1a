"""Formations: trainings with dated sessions, their index (upcoming and archive) and iCalendar files.

Whether a session is past is decided at request time, in Europe/Brussels (``timezone.localtime()``).
"""

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Max, Min, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable

from guard.spam import NEUTRAL_MESSAGE, SpamRejected, check_submission
from pages.editing import has_text
from pages.facets import ThematiquesMixin
from pages.forms import SitePageForm
from pages.listing import listing_context
from pages.models import BasePage, BodyPage, ListItem
from pages.privacy import Processing
from thematiques.facet import LATEST
from thematiques.filters import ThematiqueFilterSet

from . import emails
from .forms import RegistrationForm, seats_label
from .ical import calendar_filename, calendar_name, calendar_response

BRUSSELS = ZoneInfo("Europe/Brussels")

# The confirmation page after registering reads a signed reference to the registration, valid for this long.
CONFIRMATION_SALT = "trainings.registration-done"
CONFIRMATION_MAX_AGE = 3600


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


def next_session_moment(now):
    """The next start or end of a session after ``now``: cached pages that list sessions change then
    (``pages.freshness``; registered in ``TrainingsConfig.ready``)."""
    now = timezone.localtime(now)
    today, moment = now.date(), now.time().replace(tzinfo=None)
    moments = []
    for field in ("starts_at", "ends_at"):
        session = (
            TrainingSession.objects.filter(Q(date__gt=today) | Q(date=today, **{f"{field}__gt": moment}))
            .order_by("date", field)
            .values_list("date", field)
            .first()
        )
        if session:
            moments.append(datetime.combine(*session, tzinfo=BRUSSELS))
    return min(moments, default=None)


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


TRAINING_WITHOUT_TEXT = (
    "Une formation sans texte ne peut pas être publiée : décrivez-la ici (contenu, objectifs, méthode) ou au moins "
    "dans l'introduction."
)
TRAINING_WITHOUT_SESSION = (
    "Ajoutez au moins une séance (date et heures) : une formation sans séance ne peut pas être publiée. En "
    "attendant, « Enregistrer le brouillon » garde votre travail."
)


class TrainingPageForm(SitePageForm):
    """The training's edit form: it refuses to drop a session people registered for, or to switch the seat
    counting of a training that has registrations (Wagtail would delete the removed sessions on save, and the
    registrations protect them: a ProtectedError, a 500, instead of a French message).

    An empty training cannot be published: one without any session (the "Séances" panel's minimum of one, which
    Wagtail waives for drafts), or without any text, neither an introduction nor a content.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sessions = self.formsets.get("sessions")
        if sessions is not None:
            sessions.error_messages["too_few_forms"] = TRAINING_WITHOUT_SESSION

    def publishing_gaps(self):
        if has_text(self.cleaned_data.get("intro")) or has_text(self.cleaned_data.get("body")):
            return {}
        return {"body": TRAINING_WITHOUT_TEXT}

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        sessions = self.formsets.get("sessions")
        removed = [form.instance.pk for form in getattr(sessions, "deleted_forms", []) if form.instance.pk]
        if removed and Registration.objects.filter(session__in=removed).exists():
            self.add_error(
                None,
                "Une séance supprimée a des inscriptions : elle ne peut pas être supprimée. Annulez ou déplacez "
                "d'abord ces inscriptions (menu « Formations › Inscriptions »), ou modifiez la date de la séance.",
            )
        if "session_choice" in self.changed_data and Registration.objects.filter(training_id=self.instance.pk).exists():
            self.add_error(
                "session_choice",
                "Cette formation a déjà des inscriptions : le choix des séances ne peut plus changer.",
            )
        return cleaned_data


class TrainingIndexPage(RoutablePageMixin, BasePage):
    """/actions-services/formations/: upcoming trainings by next session, an archive, an iCalendar feed."""

    page_description = "L'agenda des formations (un seul sur le site) : à venir, archives et calendrier iCal."
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
    page_description = (
        "Une formation avec ses séances (dates, heures, lieu), son public, son prix et son mode d'inscription."
    )

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
    registration_email = models.EmailField(
        "E-mail d'inscription",
        blank=True,
        help_text="« Par e-mail » : l'adresse affichée aux visiteurs. « Sur inscription » : l'adresse qui reçoit "
        "chaque nouvelle inscription (vide : l'e-mail des « Coordonnées du centre »).",
    )
    registration_deadline = models.DateField("Date limite d'inscription", null=True, blank=True)
    capacity = models.PositiveIntegerField(
        "Nombre de places",
        null=True,
        blank=True,
        help_text="Pour toute la formation. Vide : places illimitées. Une fois les places prises, les inscriptions "
        "vont sur une liste d'attente.",
    )
    session_choice = models.BooleanField(
        "Séances au choix",
        default=False,
        help_text="Chaque séance est une date au choix avec ses propres places : la personne en choisit une. "
        "Sinon, l'inscription vaut pour toutes les séances (les journées d'un même cycle).",
    )

    content_panels = [
        *BasePage.content_panels,
        InlinePanel("sessions", heading="Séances", label="Séance", min_num=1),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("organisers", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Public et organisation",
        ),
        FieldRowPanel([FieldPanel("is_free"), FieldPanel("price")], heading="Prix"),
        MultiFieldPanel(
            [
                FieldPanel("registration_mode"),
                FieldPanel("registration_deadline"),
                FieldPanel("registration_url"),
                FieldPanel("registration_email"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("session_choice")]),
            ],
            heading="Inscription",
        ),
        ThematiquesMixin.thematiques_panel(),
    ]

    parent_page_types = ["trainings.TrainingIndexPage"]
    subpage_types = []
    base_form_class = TrainingPageForm

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
        if self.session_choice and self.capacity is not None:
            errors["capacity"] = "Avec des séances au choix, indiquez le nombre de places sur chaque séance."
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
        """The sessions by date, read once per page instance (the page, its seats and its form all ask)."""
        if "_sorted_sessions" not in self.__dict__:
            self._sorted_sessions = sorted(self.sessions.all(), key=lambda session: (session.date, session.starts_at))
        return self._sorted_sessions

    def is_past(self, now=None):
        """True when every session has ended (a training without sessions is not called past)."""
        sessions = self.sorted_sessions()
        now = now or timezone.localtime()
        return bool(sessions) and all(session.has_ended(now) for session in sessions)

    def registration_open(self, now=None):
        now = now or timezone.localtime()
        if self.is_past(now):
            return False
        if self.session_choice and not self.sessions_to_choose(now):
            return False  # every session to choose from has started
        return self.registration_deadline is None or self.registration_deadline >= now.date()

    def sessions_to_choose(self, now=None):
        """The sessions a visitor may still pick, when sessions are alternatives: those that have not started."""
        now = now or timezone.localtime()
        return [session for session in self.sorted_sessions() if session.starts > now]

    def shows_registration_form(self, now=None):
        return self.registration_mode == RegistrationMode.ON_REQUEST and self.registration_open(now)

    # Seats. Counted at request time: a page that shows them (and the form's CSRF token) is left out of any cache.

    def seats_taken(self):
        """Registered people (not waiting, not cancelled) per session pk, or under None for the whole training."""
        rows = (
            Registration.objects.filter(training=self, status=RegistrationStatus.REGISTERED)
            .values("session")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return {row["session"]: row["count"] for row in rows}

    def seats_left(self, session=None, taken=None):
        """Seats left for the whole training, or for ``session`` when sessions are alternatives (None: no limit)."""
        taken = self.seats_taken() if taken is None else taken
        if self.session_choice:
            if session is None or session.capacity is None:
                return None
            return max(session.capacity - taken.get(session.pk, 0), 0)
        if self.capacity is None:
            return None
        return max(self.capacity - taken.get(None, 0), 0)

    def missing_for_publication(self):
        """What this version lacks to go live, as French messages (the form's rules, for publishing without the
        form: the page listing's bulk "Publier"). Reads the sessions of this version, a revision's included."""
        missing = [] if has_text(self.intro) or has_text(self.body) else [TRAINING_WITHOUT_TEXT]
        if not list(self.sessions.all()):
            missing.append(TRAINING_WITHOUT_SESSION)
        return missing

    def get_context(self, request, *args, registration_form=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.localtime()
        shows_form = self.shows_registration_form(now)
        context.update(
            {
                "sessions": [(session, session.has_ended(now)) for session in self.sorted_sessions()],
                "is_past": self.is_past(now),
                "registration_open": self.registration_open(now),
                "thematiques": self.ordered_thematiques(),
            }
        )
        if shows_form:
            taken = self.seats_taken()
            choices = self.sessions_to_choose(now) if self.session_choice else []
            if registration_form is None:
                registration_form = RegistrationForm(training=self, sessions=choices, seats=taken)
            if self.session_choice:
                full = bool(choices) and all(self.seats_left(session, taken) == 0 for session in choices)
                seats = ""
            else:
                left = self.seats_left(taken=taken)
                full, seats = left == 0, seats_label(left)
            context.update(
                {
                    "registration_form": registration_form,
                    "registration_seats": seats,
                    "registration_full": full,
                    "registration_retention": REGISTRATION_PROCESSING.retention_label,
                }
            )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.registration_mode == RegistrationMode.ON_REQUEST:
            # Places left and the form's CSRF token are per request: never store this page in a shared cache.
            add_never_cache_headers(response)
        return response

    @path("agenda/", name="ical")
    def ical_view(self, request):
        sessions = self.sessions.select_related("page").order_by("date", "starts_at")
        return calendar_response(request, sessions, f"{self.slug}.ics", name=self.title)

    @path("inscription/", name="register")
    def register_view(self, request):
        """The registration form posts here; a valid one redirects to its confirmation (POST/redirect/GET)."""
        if request.method != "POST" or not self.shows_registration_form():
            return redirect(self.url + "#inscription")
        now = timezone.localtime()
        form = RegistrationForm(
            request.POST,
            training=self,
            sessions=self.sessions_to_choose(now) if self.session_choice else [],
            seats=self.seats_taken(),
            request=request,
        )
        if not form.is_valid():
            return self.render(request, registration_form=form)
        try:
            check_submission(form, request, scope="registration")
        except SpamRejected:
            # Guard's one neutral message, whatever the check that failed; nothing stored, nothing mailed.
            form.add_error(None, NEUTRAL_MESSAGE)
            return self.render(request, registration_form=form)
        registration = Registration.objects.register(self, request=request, **form.registration_details())
        reference = signing.dumps(registration.pk, salt=CONFIRMATION_SALT)
        query = urlencode({"ref": reference})  # in the query string: Wagtail's URLs take no ":" in a path
        return redirect(f"{self.url}{self.reverse_subpage('registration_done')}?{query}")

    @path("inscription/merci/", name="registration_done")
    def registration_done_view(self, request):
        """Whether the person is registered or waiting, read from a signed, short-lived reference (no cookie)."""
        try:
            pk = signing.loads(request.GET.get("ref", ""), salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
        except signing.SignatureExpired:
            registration = None
        except signing.BadSignature as error:
            raise Http404 from error
        else:
            registration = get_object_or_404(Registration.objects.select_related("session"), pk=pk, training=self)
        response = self.render(
            request,
            template="trainings/registration_done.html",
            context_overrides={"registration": registration},
        )
        add_never_cache_headers(response)
        return response

    @path("inscription/annulation/<str:token>/", name="cancel_registration")
    def cancel_registration_view(self, request, token):
        """GET shows the registration and a button; only the POST cancels (mail scanners follow links)."""
        registration = get_object_or_404(Registration.objects.select_related("session"), token=token, training=self)
        cancellable = registration.can_be_cancelled()
        if request.method == "POST":
            if cancellable:
                registration.cancel(request=request)
            return redirect(self.url + self.reverse_subpage("cancel_registration", args=[registration.token]))
        response = self.render(
            request,
            template="trainings/registration_cancel.html",
            context_overrides={"registration": registration, "cancellable": cancellable},
        )
        add_never_cache_headers(response)
        return response


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
    capacity = models.PositiveIntegerField(
        "Nombre de places",
        null=True,
        blank=True,
        help_text="Seulement pour une formation à « séances au choix ». Vide : places illimitées.",
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("online"),
        FieldRowPanel([FieldPanel("place_name"), FieldPanel("place_address")]),
        FieldPanel("capacity"),
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


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", "Inscrit"
    WAITING = "waiting", "Liste d'attente"
    CANCELLED = "cancelled", "Annulé"


def new_token():
    return secrets.token_urlsafe(32)


def lock_seats(training_pk, session_pk=None):
    """Lock the training's row (and the session's), then read them fresh. Call inside ``transaction.atomic()``.

    Every change of who holds a seat (registering, cancelling, moving up) takes this lock before it counts the
    seats, so two people asking for the last seat at the same moment are served one after the other: the second
    counts the first one's registration and goes on the waiting list. (SQLite ignores FOR UPDATE, but it lets
    one writer at a time anyway.)
    """
    training = TrainingPage.objects.select_for_update(of=("self",)).get(pk=training_pk)
    session = None
    if session_pk is not None:
        session = TrainingSession.objects.select_for_update().get(pk=session_pk, page_id=training_pk)
    return training, session


class RegistrationQuerySet(models.QuerySet):
    def holding_seats(self):
        return self.filter(status=RegistrationStatus.REGISTERED)

    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")

    def for_seats_of(self, training, session):
        """The registrations that share a pool of seats: the training's, or the session's when sessions are
        alternatives."""
        queryset = self.filter(training=training)
        return queryset.filter(session=session) if training.session_choice else queryset

    def register(self, training, *, session=None, request=None, **details):
        """Register someone: a seat if one is free, else the waiting list; the mails leave with the commit."""
        with transaction.atomic():
            training, session = lock_seats(training.pk, session.pk if session is not None else None)
            # People already waiting go first, should seats have been added since they registered.
            self.fill_free_seats(training, session, request=request)
            left = training.seats_left(session, taken=self._taken(training, session))
            status = RegistrationStatus.WAITING if left == 0 else RegistrationStatus.REGISTERED
            registration = self.create(training=training, session=session, status=status, **details)
            emails.send_registration_mails(registration, request=request)
        return registration

    def _taken(self, training, session):
        count = self.for_seats_of(training, session).holding_seats().count()
        return {session.pk if training.session_choice and session else None: count}

    def fill_free_seats(self, training, session=None, request=None):
        """Move waiting people up, first come first served, while seats are free. Call with the seats locked."""
        left = training.seats_left(session, taken=self._taken(training, session))
        waiting = self.for_seats_of(training, session).waiting()
        promoted = list(waiting if left is None else waiting[:left])
        now = timezone.now()
        for registration in promoted:
            registration.status = RegistrationStatus.REGISTERED
            registration.promoted_at = now
            registration.save(update_fields=["status", "promoted_at"])
            emails.send_promotion_mail(registration, request=request)
        return promoted


class Registration(models.Model):
    """Someone's registration for a training (or for one of its sessions when sessions are alternatives).

    Values are stored as typed; templates escape them. The token is the secret of the cancellation link.
    """

    training = models.ForeignKey(
        TrainingPage, on_delete=models.PROTECT, related_name="registrations", verbose_name="Formation"
    )
    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name="Séance",
        help_text="Seulement pour une formation à « séances au choix ».",
    )
    name = models.CharField("Nom et prénom", max_length=150)
    email = models.EmailField("E-mail")
    organisation = models.CharField("Organisation", max_length=200)
    phone = models.CharField("Téléphone", max_length=40, blank=True)
    accessibility_needs = models.TextField("Besoins d'accessibilité", blank=True)
    status = models.CharField(
        "Statut", max_length=20, choices=RegistrationStatus, default=RegistrationStatus.REGISTERED
    )
    created_at = models.DateTimeField("Inscrit le", default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField("Annulé le", null=True, blank=True, editable=False)
    promoted_at = models.DateTimeField("Sorti de la liste d'attente le", null=True, blank=True, editable=False)
    token = models.CharField("Jeton d'annulation", max_length=64, unique=True, default=new_token, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "Inscription"
        verbose_name_plural = "Inscriptions aux formations"
        indexes = [models.Index(fields=["training", "session", "status", "created_at"], name="registration_seats")]

    def __str__(self):
        return f"{self.name} – {self.training.title}"

    @property
    def is_registered(self):
        return self.status == RegistrationStatus.REGISTERED

    @property
    def is_waiting(self):
        return self.status == RegistrationStatus.WAITING

    def sessions(self):
        """The sessions this registration is for: the chosen one, or all of the training's."""
        if self.session_id is not None:
            return [self.session]
        return self.training.sorted_sessions()

    def waiting_position(self):
        """1 for the first person waiting for the same seats, None when not waiting."""
        if not self.is_waiting:
            return None
        ahead = (
            Registration.objects.for_seats_of(self.training, self.session)
            .waiting()
            .filter(Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk))
        )
        return ahead.count() + 1

    def can_be_cancelled(self):
        return self.status != RegistrationStatus.CANCELLED and not self.training.is_past()

    def cancel(self, request=None, by_staff=False):
        """Cancel, and give a freed seat to the first person waiting, in one transaction under the seats' lock.

        Returns False when it was already cancelled.
        """
        with transaction.atomic():
            training, session = lock_seats(self.training_id, self.session_id)
            current = Registration.objects.select_for_update().get(pk=self.pk)
            if current.status == RegistrationStatus.CANCELLED:
                return False
            self.status = RegistrationStatus.CANCELLED
            self.cancelled_at = timezone.now()
            self.save(update_fields=["status", "cancelled_at"])
            emails.send_cancellation_mails(self, request=request, by_staff=by_staff)
            if current.status == RegistrationStatus.REGISTERED:
                Registration.objects.fill_free_seats(training, session, request=request)
        return True

    def cancel_url(self, request=None):
        training = self.training
        return training.get_full_url(request) + training.reverse_subpage("cancel_registration", args=[self.token])


def fill_seats_after_publish(sender, instance, **kwargs):
    """Seats added to a published training (or session) go to the people waiting, first come first served."""
    if not Registration.objects.filter(training=instance, status=RegistrationStatus.WAITING).exists():
        return
    with transaction.atomic():
        training, _ = lock_seats(instance.pk)
        if training.session_choice:
            for session in training.sessions.select_for_update():
                Registration.objects.fill_free_seats(training, session)
        else:
            Registration.objects.fill_free_seats(training)


def purge_registrations(cutoff):
    """Delete the registrations of trainings whose last session ended before ``cutoff``; returns how many."""
    ended = (
        TrainingPage.objects.annotate(last_date=Max("sessions__date"))
        .filter(last_date__lt=timezone.localtime(cutoff).date())
        .values("pk")
    )
    _, deleted = Registration.objects.filter(training__in=ended).delete()
    return deleted.get(Registration._meta.label, 0)


# Listed on the privacy policy (registered from TrainingsConfig.ready()); purge_personal_data calls the purge.
REGISTRATION_PROCESSING = Processing(
    key="registration",
    title="Inscriptions aux formations",
    data="Nom, e-mail, organisation, téléphone (facultatif), besoins d'accessibilité (facultatif), séance choisie.",
    purpose="Organiser la formation, gérer les places et la liste d'attente, vous tenir informé.",
    legal_basis="L'exécution de votre inscription (mesures précontractuelles à votre demande).",
    recipients="L'équipe du CAI qui organise la formation ; l'organisateur partenaire le cas échéant.",
    retention="après la fin de la formation",
    purge=purge_registrations,
    order=20,
)
