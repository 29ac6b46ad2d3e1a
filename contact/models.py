"""The centre's contact details (a site setting), the contact page that shows them, and the contact form."""

from django.db import models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractFormField,
    EmailFormMixin,
    FormMixin,
    FormSubmission,
    validate_to_address,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from guard.spam import NEUTRAL_MESSAGE, SpamRejected, check_submission, spam_protected
from offices.models import OfficeIndexPage, OfficePage
from outbox.mail import queue_mail
from pages.blocks import RICH_TEXT_FEATURES
from pages.models import BasePage, BodyPage, SiteIdentity
from pages.phone import tel_href
from pages.privacy import registered_processings
from pages.queries import public_q
from pages.sitewide import RememberedSiteSetting

from .exports import SafeSubmissionsListView
from .forms import CONSENT_FIELD, SUBJECT_FIELD, ContactFormBuilder, ContactFormPageAdminForm
from .panels import PermissionedInlinePanel

# The named permission to change where a form's messages go and who sends them (contact.change_form_recipients).
RECIPIENTS_PERMISSION = "contact.change_form_recipients"
SENT_PARAMETER = "envoye"  # ?envoye=1: the confirmation, after the redirect that follows a submission


@register_setting(icon="mail")
class ContactDetails(RememberedSiteSetting, BaseSiteSetting):
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

    page_description = (
        "La page de contact (une seule) : adresse, téléphone et horaires, tirés des « Coordonnées du centre »."
    )
    parent_page_types = ["home.HomePage", "pages.SectionPage"]
    subpage_types = ["offices.OfficeIndexPage", "contact.ContactFormPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        offices = OfficePage.objects.live().public()
        context["main_office"] = OfficePage.with_hours(offices.filter(pk=self.main_office_id)).first()
        # The office list and the contact form, in one query (the first live, public one of each kind).
        below = Page.objects.live().filter(public_q()).descendant_of(self).type(OfficeIndexPage, ContactFormPage)
        found = {}
        for item in below.order_by("path"):
            found.setdefault(item.specific_class, item)
        context["offices_page"] = found.get(OfficeIndexPage)
        context["form_page"] = found.get(ContactFormPage)
        return context

    class Meta:
        verbose_name = "Page de contact"
        verbose_name_plural = "Pages de contact"


class ContactFormField(AbstractFormField):
    """A field of the contact form, as staff define it (label, type, required, help text…)."""

    page = ParentalKey("ContactFormPage", on_delete=models.CASCADE, related_name="form_fields")

    class Meta(AbstractFormField.Meta):
        verbose_name = "Champ du formulaire"
        verbose_name_plural = "Champs du formulaire"


class SubjectRoute(Orderable):
    """A subject visitors choose on the contact form, and the addresses its messages go to."""

    page = ParentalKey("ContactFormPage", on_delete=models.CASCADE, related_name="subject_routes")
    subject = models.CharField(
        "Sujet",
        max_length=150,
        help_text="Tel que proposé aux visiteurs dans le choix « Sujet » (ex. Formations).",
    )
    recipients = models.CharField(
        "Destinataires",
        max_length=255,
        blank=True,
        validators=[validate_to_address],
        help_text="Adresses e-mail qui reçoivent les messages de ce sujet, séparées par des virgules. "
        "Vide : l'adresse de réception de la page.",
    )

    panels = [FieldPanel("subject"), FieldPanel("recipients", permission=RECIPIENTS_PERMISSION)]

    class Meta(Orderable.Meta):
        verbose_name = "Sujet et destinataires"
        verbose_name_plural = "Sujets et destinataires"

    def __str__(self):
        return self.subject

    @property
    def recipient_list(self):
        return [address.strip() for address in self.recipients.split(",") if address.strip()]


class ContactFormPage(EmailFormMixin, FormMixin, BasePage):
    """The contact form (/contact/ecrire/): fields staff edit, a subject that chooses the recipients, consent.

    ``AbstractEmailForm`` is ``EmailFormMixin + FormMixin + Page``: the same mixins on the site's base page. A
    submission is stored (Wagtail's ``FormSubmission``, listed in the admin's "Formulaires") and its notification
    queued in the outbox in one transaction, then the visitor is redirected to the confirmation (``?envoye=1``), so
    that reloading it sends nothing again.

    The form carries a CSRF token and the guard's signed start time: the page is never cached whole (see
    ``serve``).
    """

    submissions_list_view_class = SafeSubmissionsListView

    thank_you_text = RichTextField(
        "Texte de remerciement",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Affiché après l'envoi. Vide : « Merci, votre message a bien été envoyé. Nous vous répondrons "
        "dès que possible. »",
    )

    content_panels = [
        *BasePage.content_panels,
        FormSubmissionsPanel(heading="Messages reçus"),
        InlinePanel(
            "form_fields",
            heading="Champs du formulaire",
            label="Champ",
            help_text="Le choix du sujet s'affiche avant le premier champ « texte multiligne » (le message) ; la "
            "case de consentement s'ajoute à la fin.",
        ),
        PermissionedInlinePanel(
            "subject_routes",
            heading="Sujets et destinataires",
            label="Sujet",
            min_num=1,
            help_text="Les sujets proposés aux visiteurs (choix obligatoire). Chaque message part aux destinataires "
            "de son sujet.",
        ),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "to_address",
                    heading="Adresse de réception",
                    help_text="Reçoit les messages des sujets sans destinataires. Plusieurs adresses : séparez-les "
                    "par des virgules.",
                    permission=RECIPIENTS_PERMISSION,
                ),
                FieldPanel(
                    "from_address",
                    heading="Adresse d'expédition",
                    help_text="L'expéditeur des e-mails de notification. Vide : l'adresse d'envoi du site.",
                    permission=RECIPIENTS_PERMISSION,
                ),
                FieldPanel(
                    "subject",
                    heading="Objet de l'e-mail de notification",
                    help_text="Suivi du sujet choisi (ex. « Message du site – Formations »). Vide : le titre de la "
                    "page.",
                ),
            ],
            heading="E-mail de notification",
        ),
    ]

    base_form_class = ContactFormPageAdminForm
    form_builder = ContactFormBuilder

    page_description = (
        "Le formulaire de contact (un seul, sous la page de contact) : ses champs, ses sujets et leurs destinataires."
    )
    parent_page_types = ["contact.ContactPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Formulaire de contact"
        verbose_name_plural = "Formulaires de contact"
        permissions = [("change_form_recipients", "Modifier les destinataires des formulaires")]

    # The form

    def get_form_class(self, request=None):
        builder = self.form_builder(
            self.get_form_fields(),
            subjects=[route.subject for route in self.subject_routes.all()],
            centre_name=centre_name(request),
        )
        return spam_protected(builder.get_form_class())

    def get_form(self, *args, request=None, **kwargs):
        """Wagtail's ``get_form``, given the request when there is one (the consent sentence names the centre)."""
        parameters = {**self.get_form_parameters(), **kwargs}
        return self.get_form_class(request)(*args, **parameters)

    def get_data_fields(self):
        """The columns of the admin's submissions list: the date, then the stored fields and the subject in form
        order (the subject's column stands even when no subject is left in the list)."""
        builder = self.form_builder(self.get_form_fields(), subjects=[""])
        fields = [(name, field.label) for name, field in builder.formfields.items() if name != CONSENT_FIELD]
        return [("submit_time", "Date d'envoi"), *fields]

    # Serving

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            form = self.get_form(request.POST, request.FILES, page=self, user=request.user, request=request)
            spam_message = ""
            if form.is_valid():
                try:
                    check_submission(form, request, scope="contact")
                except SpamRejected:
                    spam_message = NEUTRAL_MESSAGE
                else:
                    self.process_form_submission(form)
                    return redirect(f"{self.get_url(request)}?{SENT_PARAMETER}=1")
            response = self.render_form(request, form, spam_message=spam_message)
        elif request.GET.get(SENT_PARAMETER):
            response = self.render_landing_page(request)
        else:
            response = self.render_form(request, self.get_form(page=self, user=request.user, request=request))
        # A CSRF token and a signed start time per visitor: never cached whole, by the site or by a proxy.
        add_never_cache_headers(response)
        return response

    def render_form(self, request, form, spam_message=""):
        context = self.get_context(request)
        context.update(form=form, spam_message=spam_message, error_summary=form.error_summary())
        return TemplateResponse(request, self.get_template(request), context)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        processing = {item.key: item for item in registered_processings()}.get("contact")
        context["retention"] = processing.retention_label if processing else ""
        return context

    # A submission

    def process_form_submission(self, form):
        """Store the submission and queue its notification, both or neither."""
        data = form.submission_data()
        with transaction.atomic():
            submission = FormSubmission.objects.create(form_data=data, page=self)
            self.send_mail(form, data)
        return submission

    def send_mail(self, form, data=None):
        """Queue the notification in the outbox (never sent directly: it leaves after the commit)."""
        data = form.submission_data() if data is None else data
        recipients = self.recipients_for(data.get(SUBJECT_FIELD, ""))
        if not recipients:
            return None
        return queue_mail(
            kind="contact",
            to=recipients,
            subject=self.notification_subject(data.get(SUBJECT_FIELD, "")),
            body=self.notification_body(form, data),
            reply_to=self.reply_to(form, data),
            from_email=self.from_address or None,
        )

    def recipients_for(self, subject):
        """The addresses of the subject's route, else the page's reception address."""
        for route in self.subject_routes.all():
            if route.subject == subject and route.recipient_list:
                return route.recipient_list
        return [address.strip() for address in self.to_address.split(",") if address.strip()]

    def notification_subject(self, subject):
        prefix = self.subject or self.title
        return f"{prefix} – {subject}" if subject else prefix

    def reply_to(self, form, data):
        """The visitor's e-mail address, from the first e-mail field they filled."""
        for field in self.get_form_fields():
            if field.field_type == "email" and data.get(field.clean_name):
                return [data[field.clean_name]]
        return []

    def notification_body(self, form, data):
        sent_at = timezone.localtime()
        header = (
            f"Message envoyé depuis la page « {self.title} » ({self.full_url}) le {sent_at:%d/%m/%Y} à {sent_at:%H:%M}."
        )
        footer = "Tous les messages reçus : l'administration du site, menu « Formulaires »."
        return "\n\n".join([header, "\n".join(form.notification_lines(data)), footer]) + "\n"


def centre_name(request):
    """The centre as the consent sentence names it: "le CAI Namur" (the site identity's short name)."""
    identity = SiteIdentity.for_request(request) if request is not None else None
    return f"le {identity.short_name}" if identity and identity.short_name else "le centre"


def purge_contact_submissions(cutoff):
    """Delete the submissions of contact forms sent before ``cutoff``; return how many."""
    pages = ContactFormPage.objects.values("pk")
    deleted, _ = FormSubmission.objects.filter(page__in=pages, submit_time__lt=cutoff).delete()
    return deleted
