"""The centre's contact details (a site setting) and the contact page that shows them."""

import re

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from pages.models import BodyPage


def tel_href(number, country_code="32"):
    """Turn a number as people write it ("081 73 71 76") into a ``tel:`` URI in international form."""
    digits = re.sub(r"[^\d+]", "", number or "")
    if not digits:
        return ""
    if digits.startswith("+"):
        return f"tel:{digits}"
    if digits.startswith("00"):
        return f"tel:+{digits[2:]}"
    if digits.startswith("0"):
        return f"tel:+{country_code}{digits[1:]}"
    return f"tel:{digits}"


@register_setting(icon="mail")
class ContactDetails(BaseSiteSetting):
    organisation_name = models.CharField(
        "Nom de l'organisation",
        max_length=200,
        blank=True,
        help_text="Tel qu'affiché en tête du bloc de contact du pied de page.",
    )
    street_address = models.CharField("Rue et numéro", max_length=200, blank=True)
    postal_code = models.CharField("Code postal", max_length=12, blank=True)
    locality = models.CharField("Localité", max_length=100, blank=True, help_text="Ex. Saint-Servais (Namur)")
    country = models.CharField("Pays", max_length=100, blank=True)
    phone = models.CharField(
        "Téléphone",
        max_length=40,
        blank=True,
        help_text="Écrit comme il doit s'afficher (ex. 081 73 71 76) ; le lien d'appel est construit automatiquement.",
    )
    email = models.EmailField("Adresse e-mail", blank=True)

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [FieldPanel("street_address"), FieldPanel("postal_code"), FieldPanel("locality"), FieldPanel("country")],
            heading="Adresse",
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading="Téléphone et e-mail"),
    ]

    class Meta:
        verbose_name = "Coordonnées du centre"

    @property
    def phone_href(self):
        return tel_href(self.phone)

    @property
    def address_lines(self):
        """The address as lines: street, then "postcode locality, country"."""
        town = " ".join(part for part in (self.postal_code, self.locality) if part)
        last = ", ".join(part for part in (town, self.country) if part)
        return [line for line in (self.street_address, last) if line]


class ContactPage(BodyPage):
    """The general contact page: the centre's details from the site settings, and an optional body."""

    parent_page_types = ["pages.SectionPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Page de contact"
        verbose_name_plural = "Pages de contact"
