"""Répertoire des services: organisations and services useful to newcomers, their page, filters, map and exports."""

import re
import unicodedata
from decimal import Decimal

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from pages.facets import ThematiquesMixin
from pages.listing import listing_context
from pages.maps import MapPoint
from pages.models import BodyPage
from pages.phone import tel_href
from thematiques.filters import ThematiqueFilterSet
from thematiques.models import ThematiquePage

from .exports import csv_response, json_response

LATITUDE_RANGE = (Decimal("-90"), Decimal("90"))
LONGITUDE_RANGE = (Decimal("-180"), Decimal("180"))
KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
# Several numbers in one field are separated by ";", "," or " ou ". Not "/": "081/12 34 56" is one Belgian number.
PHONE_SEPARATORS = re.compile(r"\s*(?:;|,|\bou\b|\n)\s*")
PHONE_CHARACTERS = re.compile(r"^\+?[\d\s./()-]+$")


def phone_numbers(text):
    """The numbers written in a phone field, one string each."""
    return [part for part in PHONE_SEPARATORS.split(text or "") if part.strip()]


def validate_phone(value):
    """Every number in the field can be dialled: digits with the usual separators, 8 to 15 digits."""
    for number in phone_numbers(value):
        digits = re.sub(r"\D", "", number)
        if not PHONE_CHARACTERS.match(number) or not 8 <= len(digits) <= 15:
            raise ValidationError(
                "« %(number)s » n'est pas un numéro de téléphone (chiffres, espaces, « / », « . » ou « + » ; "
                "plusieurs numéros séparés par « ; »).",
                params={"number": number},
                code="invalid_phone",
            )


def sort_key(text):
    """Alphabetical order that ignores accents and case ("Éghezée" between "Dinant" and "Fernelmont")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


class FreeOfCharge(models.TextChoices):
    UNKNOWN = "", "Non précisé"
    YES = "oui", "Oui, gratuit"
    NO = "non", "Non, payant"


class DirectoryEntry(models.Model):
    """An organisation or a service of the directory, managed as a snippet or imported from a CSV file."""

    key = models.CharField(
        "Identifiant",
        max_length=64,
        unique=True,
        blank=True,
        validators=[
            RegexValidator(
                KEY_PATTERN,
                "Lettres sans accents, chiffres, points, tirets et traits bas uniquement, sans espace.",
            )
        ],
        help_text=(
            "Identifiant stable, la colonne « id » du fichier d'import : une nouvelle importation met à jour "
            "l'entrée qui porte le même identifiant. Rempli automatiquement à partir du nom si vous le laissez "
            "vide. Ne le changez pas ensuite."
        ),
    )
    name = models.CharField("Nom", max_length=200, help_text="Le nom de l'organisation ou du service.")
    description = models.TextField(
        "Description courte",
        max_length=1000,
        blank=True,
        help_text="Deux ou trois phrases : ce que le service propose et pour qui.",
    )
    thematiques = models.ManyToManyField(
        "thematiques.ThematiquePage",
        blank=True,
        related_name="+",
        verbose_name="Thématiques",
        help_text="Cochez les thèmes concernés : le répertoire se filtre par thématique.",
    )
    commune = models.CharField(
        "Commune", max_length=100, blank=True, help_text="Ex. « Namur ». Le répertoire se filtre par commune."
    )
    street = models.CharField(
        "Adresse", max_length=200, blank=True, help_text="Rue et numéro, ex. « Rue de l'Exemple 1 »."
    )
    postal_code = models.CharField(
        "Code postal",
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", "Un code postal belge : quatre chiffres.")],
        help_text="Quatre chiffres, ex. « 5000 ».",
    )
    latitude = models.DecimalField(
        "Latitude",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(LATITUDE_RANGE[0]), MaxValueValidator(LATITUDE_RANGE[1])],
        help_text=(
            "Pour la carte, en degrés décimaux, ex. 50.466900. Remplissez la latitude et la longitude, ou aucune."
        ),
    )
    longitude = models.DecimalField(
        "Longitude",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(LONGITUDE_RANGE[0]), MaxValueValidator(LONGITUDE_RANGE[1])],
        help_text="Pour la carte, en degrés décimaux, ex. 4.867100.",
    )
    phone = models.CharField(
        "Téléphone",
        max_length=100,
        blank=True,
        validators=[validate_phone],
        help_text="Ex. « 081 00 00 00 ». Plusieurs numéros : séparez-les par « ; ». Chaque numéro devient un lien.",
    )
    email = models.EmailField("E-mail", blank=True, help_text="Une adresse de contact.")
    website = models.URLField("Site web", max_length=300, blank=True, help_text="L'adresse complète, avec https://.")
    hours = models.TextField(
        "Horaires",
        max_length=1000,
        blank=True,
        help_text="Texte libre, ex. « Lundi au vendredi, 9 h – 12 h ; le mercredi sur rendez-vous ».",
    )
    languages = models.CharField(
        "Langues parlées",
        max_length=200,
        blank=True,
        help_text="Séparées par des virgules, ex. « français, anglais, arabe ».",
    )
    free_of_charge = models.CharField(
        "Gratuit",
        max_length=3,
        choices=FreeOfCharge.choices,
        default=FreeOfCharge.UNKNOWN,
        blank=True,
        help_text="Le service est-il gratuit pour la personne qui le sollicite ?",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("key"), FieldPanel("description")],
            heading="Service",
        ),
        ThematiquesMixin.thematiques_panel(),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("commune")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Adresse",
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")], heading="Contact"),
        MultiFieldPanel(
            [FieldPanel("hours"), FieldPanel("languages"), FieldPanel("free_of_charge")], heading="En pratique"
        ),
    ]

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "Service du répertoire"
        verbose_name_plural = "Services du répertoire"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = self.free_key(slugify(self.name)[:56] or "service")
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError({missing: "Indiquez la latitude et la longitude, ou aucune des deux."})

    def free_key(self, base):
        """``base``, or ``base-2``, ``base-3``… whichever no other entry uses."""
        others = DirectoryEntry.objects.filter(key__startswith=base).exclude(pk=self.pk)
        taken = set(others.values_list("key", flat=True))
        key, number = base, 1
        while key in taken:
            number += 1
            key = f"{base}-{number}"
        return key

    @property
    def anchor(self):
        return f"service-{self.key}"

    @property
    def one_line_address(self):
        """ "Rue de l'Exemple 1, 5000 Namur"."""
        town = " ".join(part for part in (self.postal_code, self.commune) if part)
        return ", ".join(part for part in (self.street, town) if part)

    def phone_links(self):
        """Each number of the phone field with its ``tel:`` link."""
        return [(number, tel_href(number)) for number in phone_numbers(self.phone)]

    def language_list(self):
        return [language.strip() for language in self.languages.split(",") if language.strip()]

    def ordered_thematiques(self):
        """Thématiques in menu order; uses the rows the listing prefetched."""
        return sorted(self.thematiques.all(), key=lambda theme: theme.path)

    def map_point(self):
        return MapPoint(
            name=self.name,
            address=self.one_line_address,
            latitude=self.latitude,
            longitude=self.longitude,
            url=f"#{self.anchor}",
        )


def commune_choices():
    communes = DirectoryEntry.objects.exclude(commune="").order_by().values_list("commune", flat=True).distinct()
    return [(commune, commune) for commune in sorted(communes, key=sort_key)]


class DirectoryFilterSet(ThematiqueFilterSet):
    """Thématique, commune and a text search; any combination, all in the query string."""

    commune = django_filters.ChoiceFilter(label="Commune", choices=commune_choices, empty_label="Toutes les communes")
    q = django_filters.CharFilter(
        label="Rechercher",
        method="search",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def search(self, queryset, name, value):
        """Every word in the name, the description or the commune.

        A plain ORM search: a few hundred entries, partial words must match ("inter" finds "interculturel"), and
        Wagtail's search backend would need its own index kept in step with the imports.
        """
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(description__icontains=word) | Q(commune__icontains=word)
            )
        return queryset

    def selected_labels(self):
        """As ``ListingFilterSet.selected_labels``, which reads labels from choices: the search has none."""
        if not self.is_bound or not self.is_valid():
            return []
        labels = []
        for name, value in self.form.cleaned_data.items():
            if value in ("", None):
                continue
            field = self.form.fields[name]
            labels.append(f"« {value} »" if name == "q" else dict(field.choices).get(value, value))
        return labels


class DirectoryPage(RoutablePageMixin, BodyPage):
    """/ressources/repertoires-et-cartographies/: the directory, filtered, on a map, and exported for partners."""

    page_description = (
        "Le répertoire des services (un seul) : la liste filtrée et la carte des services, tirés du menu "
        "« Répertoire des services »."
    )
    parent_page_types = ["pages.SectionPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Répertoire des services"
        verbose_name_plural = "Répertoires des services"

    @staticmethod
    def entries():
        return DirectoryEntry.objects.prefetch_related(
            Prefetch("thematiques", queryset=ThematiquePage.objects.order_by("path"))
        )

    def filterset(self, request):
        return DirectoryFilterSet(request.GET, queryset=self.entries())

    @path("")
    def index_view(self, request):
        context = listing_context(self.filterset(request), request, "service", "services")
        context["map_points"] = [entry.map_point() for entry in context["page_obj"].object_list]
        return self.render(request, context_overrides=context)

    # Wagtail's URL pattern takes no dot in a path segment, so the exports live at export/csv/ and export/json/.
    @path("export/csv/", name="export_csv")
    def export_csv_view(self, request):
        return csv_response(self.filterset(request).results())

    @path("export/json/", name="export_json")
    def export_json_view(self, request):
        return json_response(self.filterset(request).results())
