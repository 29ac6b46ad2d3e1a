"""The centre's contact details (a site setting) and the contact page that shows them."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from offices.models import OfficeIndexPage, OfficePage
from pages.models import BodyPage
from pages.phone import tel_href


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
    """The contact page (/contact/): where, when and how to reach the centre.

    The centre's phone, e-mail and address come from the site settings; the status of the main office and the
    link to every office come from the offices app.
    """

    main_office = models.ForeignKey(
        OfficePage,
        verbose_name="Bureau principal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Le bureau dont l'adresse, les horaires et l'état (ouvert ou fermé) sont affichés sur cette page.",
    )

    content_panels = [*BodyPage.content_panels, FieldPanel("main_office")]

    parent_page_types = ["home.HomePage", "pages.SectionPage"]
    subpage_types = ["offices.OfficeIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        offices = OfficePage.objects.live().public()
        context["main_office"] = OfficePage.with_hours(offices.filter(pk=self.main_office_id)).first()
        context["offices_page"] = OfficeIndexPage.objects.live().public().descendant_of(self).first()
        return context

    class Meta:
        verbose_name = "Page de contact"
        verbose_name_plural = "Pages de contact"
