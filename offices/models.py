"""Offices (bureaux d'accueil): where newcomers are welcomed, their opening hours and dated exceptions."""

import json
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from pages.blocks import is_file_name_alt
from pages.maps import MapPoint
from pages.models import BasePage, BodyPage
from pages.phone import tel_href

from . import hours


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Lundi"
    TUESDAY = 1, "Mardi"
    WEDNESDAY = 2, "Mercredi"
    THURSDAY = 3, "Jeudi"
    FRIDAY = 4, "Vendredi"
    SATURDAY = 5, "Samedi"
    SUNDAY = 6, "Dimanche"


class Appointment(models.TextChoices):
    UNKNOWN = "", "Non précisé"
    WALK_IN = "sans-rendez-vous", "Sans rendez-vous"
    EITHER = "avec-ou-sans", "Avec ou sans rendez-vous"
    REQUIRED = "sur-rendez-vous", "Uniquement sur rendez-vous"


class StepFreeAccess(models.TextChoices):
    UNKNOWN = "", "Non précisé"
    YES = "oui", "Accessible de plain-pied (fauteuil roulant)"
    PARTIAL = "partiel", "Partiellement accessible"
    NO = "non", "Pas d'accès de plain-pied"


class ExceptionKind(models.TextChoices):
    CLOSURE = "closure", "Fermeture"
    OPENING = "opening", "Ouverture exceptionnelle"


def validate_slot(opens, closes):
    """A slot closes after it opens; 00:00 as the closing time means midnight."""
    if opens and closes and closes.hour * 60 + closes.minute != 0 and closes <= opens:
        raise ValidationError({"closes": "L'heure de fermeture doit suivre l'heure d'ouverture (00:00 = minuit)."})


class OfficeIndexPage(BodyPage):
    """The list of offices (/contact/bureau-daccueil/): every office with its status, address, hours and phone."""

    page_description = (
        "La liste des bureaux d'accueil (une seule) : chaque bureau avec son adresse, ses horaires et son téléphone."
    )
    parent_page_types = ["contact.ContactPage", "pages.SectionPage"]
    subpage_types = ["offices.OfficePage"]
    max_count = 1

    class Meta:
        verbose_name = "Liste des bureaux d'accueil"
        verbose_name_plural = "Listes des bureaux d'accueil"

    def offices(self, today=None):
        """The live, public offices under this page, in menu order, with their hours and upcoming exceptions."""
        return OfficePage.with_hours(
            OfficePage.objects.child_of(self).live().public().select_related("photo"), today=today
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        offices = list(self.offices())
        context["offices"] = offices
        context["map_points"] = [office.map_point for office in offices]
        return context


class OfficePage(BasePage):
    """One office: where it is, how to reach it, who speaks which language there, and when it opens."""

    commune = models.CharField("Commune", max_length=100, help_text="Ex. Namur, Dinant, Ciney.")
    street_address = models.CharField("Rue et numéro", max_length=200, blank=True)
    postal_code = models.CharField("Code postal", max_length=12, blank=True)
    latitude = models.DecimalField(
        "Latitude",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
        help_text="Ex. 50.478; à relever sur openstreetmap.org (clic droit › « Afficher l'adresse »). "
        "Sans coordonnées, le bureau n'apparaît pas sur la carte.",
    )
    longitude = models.DecimalField(
        "Longitude",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
        help_text="Ex. 4.845.",
    )
    phone = models.CharField(
        "Téléphone",
        max_length=40,
        blank=True,
        help_text="Écrit comme il doit s'afficher (ex. 081 73 71 76) ; le lien d'appel est construit automatiquement.",
    )
    email = models.EmailField("Adresse e-mail", blank=True)
    public_transport = models.TextField(
        "Transports en commun", blank=True, help_text="Ex. arrêt de bus le plus proche, lignes, gare."
    )
    step_free_access = models.CharField(
        "Accès de plain-pied", max_length=20, blank=True, choices=StepFreeAccess.choices, default=StepFreeAccess.UNKNOWN
    )
    access_notes = models.TextField(
        "Informations d'accès", blank=True, help_text="Ex. entrée, étage, ascenseur, parking vélo."
    )
    languages = models.CharField(
        "Langues parlées à l'accueil",
        max_length=250,
        blank=True,
        help_text="Séparées par des virgules, ex. français, anglais, arabe.",
    )
    appointment = models.CharField(
        "Rendez-vous", max_length=20, blank=True, choices=Appointment.choices, default=Appointment.UNKNOWN
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Photo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Facultatif : la façade ou l'entrée, pour reconnaître le lieu.",
    )
    photo_alt = models.CharField(
        "Description de la photo",
        max_length=250,
        blank=True,
        help_text="Obligatoire avec une photo : ce qu'elle montre, pour les personnes qui ne la voient pas.",
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("commune"),
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Adresse",
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading="Téléphone et e-mail"),
        MultiFieldPanel(
            [
                FieldPanel("appointment"),
                FieldPanel("languages"),
                FieldPanel("public_transport"),
                FieldPanel("step_free_access"),
                FieldPanel("access_notes"),
            ],
            heading="Accueil et accès",
        ),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading="Photo"),
        InlinePanel(
            "opening_slots",
            heading="Heures d'ouverture",
            label="Plage horaire",
            help_text="Une ligne par plage : par exemple lundi 9h00–12h00 et lundi 13h30–16h00. "
            "Les jours fériés légaux belges sont fermés automatiquement.",
        ),
        InlinePanel(
            "exceptions",
            heading="Fermetures et ouvertures exceptionnelles",
            label="Exception",
            help_text="Congés, formation de l'équipe, ouverture un jour férié…",
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("commune"),
        index.SearchField("street_address"),
        index.FilterField("commune"),
    ]

    page_description = "Un bureau d'accueil : adresse, carte, accès, langues parlées, heures d'ouverture et fermetures."
    parent_page_types = ["offices.OfficeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Bureau d'accueil"
        verbose_name_plural = "Bureaux d'accueil"

    def clean(self):
        super().clean()
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = (
                "Indiquez la latitude et la longitude, ou aucune des deux."
            )
        if self.photo_id and not self.photo_alt.strip():
            errors["photo_alt"] = "Décrivez la photo pour les personnes qui ne la voient pas."
        elif self.photo_id and is_file_name_alt(self.photo_alt.strip(), self.photo):
            errors["photo_alt"] = (
                "Ce texte reprend le nom du fichier de la photo : décrivez plutôt ce qu'elle montre (la façade, "
                "l'entrée…)."
            )
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["map_points"] = [self.map_point]
        context["structured_data"] = self.structured_data(url=request.build_absolute_uri(self.url))
        return context

    # Loading -------------------------------------------------------------------------------------------------

    @classmethod
    def with_hours(cls, queryset, today=None):
        """``queryset`` with its slots and the exceptions that touch the next 30 days, in two more queries."""
        return queryset.prefetch_related(
            Prefetch("opening_slots", queryset=OpeningSlot.objects.order_by("weekday", "opens")),
            Prefetch("exceptions", queryset=OfficeException.upcoming(today), to_attr="upcoming_exceptions"),
        )

    def hours_exceptions(self):
        loaded = getattr(self, "upcoming_exceptions", None)
        rows = loaded if loaded is not None else OfficeException.upcoming().filter(office=self)
        return [row.as_rule() for row in rows]

    def weekly_slots(self):
        weekly = {}
        for slot in self.opening_slots.all():
            weekly.setdefault(slot.weekday, []).append(hours.slot_minutes(slot.opens, slot.closes))
        return weekly

    # What pages show -----------------------------------------------------------------------------------------

    @cached_property
    def schedule(self):
        """The data the page carries: the usual week and the next 30 days that differ from it."""
        return hours.schedule_data(self.weekly_slots(), self.hours_exceptions(), timezone.localdate())

    @property
    def hours_known(self):
        return hours.hours_known(self.schedule)

    @property
    def schedule_json(self):
        return json.dumps(self.schedule, separators=(",", ":"))

    @property
    def week_table(self):
        """[(day name, ["9h00–12h00", …])] for Monday to Sunday, as the week's hours table shows them."""
        week = self.schedule["week"]
        return [
            (
                label,
                [
                    f"{hours.format_time(hours.parse_hhmm(a))}–{hours.format_time(hours.parse_hhmm(b))}"
                    for a, b in week[str(value)]
                ],
            )
            for value, label in Weekday.choices
        ]

    @property
    def upcoming_changes(self):
        """The next 30 days that differ from the usual week, as visitors read them; consecutive days with the same
        hours and reason are one line ("du vendredi 4 au dimanche 6 décembre 2026 : fermé (congés)")."""
        rows = []
        for key, entry in self.schedule["days"].items():
            day = date.fromisoformat(key)
            slots = [
                f"{hours.format_time(hours.parse_hhmm(a))}–{hours.format_time(hours.parse_hhmm(b))}"
                for a, b in entry["slots"]
            ]
            previous = rows[-1] if rows else None
            if (
                previous
                and previous["end"] == day - timedelta(days=1)
                and (previous["slots"], previous["reason"])
                == (
                    slots,
                    entry["reason"],
                )
            ):
                previous["end"] = day
            else:
                rows.append({"start": day, "end": day, "open": bool(slots), "slots": slots, "reason": entry["reason"]})
        for row in rows:
            row["label"] = hours.format_period(row["start"], row["end"])
        return rows

    @property
    def address_lines(self):
        town = " ".join(part for part in (self.postal_code, self.commune) if part)
        return [line for line in (self.street_address, town) if line]

    @property
    def one_line_address(self):
        return ", ".join(self.address_lines)

    @property
    def phone_href(self):
        return tel_href(self.phone)

    @property
    def language_list(self):
        return [language.strip() for language in self.languages.split(",") if language.strip()]

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def map_point(self):
        return MapPoint(
            name=self.title,
            address=self.one_line_address,
            latitude=self.latitude,
            longitude=self.longitude,
            url=self.url,
        )

    def structured_data(self, url=""):
        """schema.org ``Place`` (the centre is a non-profit, not a government office) as a dict for JSON-LD."""
        data = {
            "@context": "https://schema.org",
            "@type": "Place",
            "name": self.title,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.street_address,
                "postalCode": self.postal_code,
                "addressLocality": self.commune,
                "addressCountry": "BE",
            },
        }
        if url:
            data["url"] = url
        if self.has_coordinates:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        if self.phone:
            data["telephone"] = self.phone_href.removeprefix("tel:")
        if self.email:
            data["email"] = self.email
        schema_days = ["https://schema.org/" + name.capitalize() for name in Weekday.names]
        data["openingHoursSpecification"] = [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": schema_days[int(weekday)], "opens": a, "closes": b}
            for weekday, slots in self.schedule["week"].items()
            for a, b in slots
        ]
        special = []
        for key, entry in self.schedule["days"].items():
            slots = entry["slots"] or [["00:00", "00:00"]]  # schema.org writes a closed day as 00:00–00:00
            special.extend(
                {"@type": "OpeningHoursSpecification", "validFrom": key, "validThrough": key, "opens": a, "closes": b}
                for a, b in slots
            )
        data["specialOpeningHoursSpecification"] = special
        return data


class OpeningSlot(Orderable):
    office = ParentalKey(OfficePage, on_delete=models.CASCADE, related_name="opening_slots")
    weekday = models.PositiveSmallIntegerField("Jour", choices=Weekday.choices)
    opens = models.TimeField("Ouverture", help_text="Ex. 09:00")
    closes = models.TimeField("Fermeture", help_text="Ex. 12:00 ; 00:00 pour minuit.")

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = "Plage horaire"
        verbose_name_plural = "Heures d'ouverture"

    def clean(self):
        super().clean()
        validate_slot(self.opens, self.closes)


class OfficeException(Orderable):
    """A dated exception to the usual week: a closure (holidays, training…) or an exceptional opening."""

    office = ParentalKey(OfficePage, on_delete=models.CASCADE, related_name="exceptions")
    kind = models.CharField("Type", max_length=10, choices=ExceptionKind.choices, default=ExceptionKind.CLOSURE)
    start_date = models.DateField("Du", help_text="Premier jour concerné.")
    end_date = models.DateField(
        "Au", null=True, blank=True, help_text="Dernier jour concerné ; laissez vide pour un seul jour."
    )
    reason = models.CharField(
        "Raison affichée",
        max_length=150,
        blank=True,
        help_text="Montrée aux visiteurs, ex. « congés de fin d'année », « formation de l'équipe ». "
        "Obligatoire pour une fermeture.",
    )
    opens = models.TimeField(
        "Ouverture", null=True, blank=True, help_text="Ouverture exceptionnelle : laissez vide pour l'horaire habituel."
    )
    closes = models.TimeField("Fermeture", null=True, blank=True, help_text="00:00 pour minuit.")

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("reason"),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")], heading="Heures (ouverture exceptionnelle)"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Exception"
        verbose_name_plural = "Fermetures et ouvertures exceptionnelles"

    @classmethod
    def upcoming(cls, today=None):
        """Exceptions that touch the next 30 days (the window a page carries)."""
        today = today or timezone.localdate()
        window_end = today + timedelta(days=hours.WINDOW_DAYS)
        return cls.objects.filter(
            Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today), start_date__lte=window_end
        ).order_by("start_date")

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "La date de fin doit suivre la date de début."})
        if self.kind == ExceptionKind.CLOSURE and not (self.reason or "").strip():
            raise ValidationError({"reason": "Indiquez la raison de la fermeture : elle est affichée aux visiteurs."})
        if (self.opens is None) != (self.closes is None):
            raise ValidationError({"closes": "Indiquez l'heure d'ouverture et l'heure de fermeture, ou aucune."})
        if self.kind == ExceptionKind.CLOSURE and self.opens:
            raise ValidationError({"opens": "Une fermeture n'a pas d'heures : laissez ces champs vides."})
        validate_slot(self.opens, self.closes)

    def as_rule(self):
        slots = (hours.slot_minutes(self.opens, self.closes),) if self.opens and self.closes else ()
        return hours.Exception_(
            kind=self.kind,
            start=self.start_date,
            end=self.end_date or self.start_date,
            reason=self.reason,
            slots=slots,
        )
