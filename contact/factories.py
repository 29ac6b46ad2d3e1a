"""Factories for the contact form, used by the tests (and by the seed, which builds the same page)."""

import factory

from pages.factories import PublishedPageFactory

from .models import ContactFormField, ContactFormPage, ContactPage, SubjectRoute

CENTRE_EMAIL = "info@cainamur.be"


def form_fields():
    """The fields of the seeded form: name, e-mail, phone (optional), message; the subject is added by the page."""
    return [
        ContactFormField(label="Nom", field_type="singleline", required=True),
        ContactFormField(label="E-mail", field_type="email", required=True, help_text="Pour vous répondre."),
        ContactFormField(
            label="Téléphone",
            field_type="singleline",
            required=False,
            help_text="Facultatif : si vous préférez que nous vous appelions.",
        ),
        ContactFormField(label="Message", field_type="multiline", required=True),
    ]


def routes(recipients=CENTRE_EMAIL, subjects=("Parcours d'intégration", "Formations", "Autre question")):
    return [SubjectRoute(subject=subject, recipients=recipients) for subject in subjects]


class ContactFormPageFactory(PublishedPageFactory):
    """The published contact form under the contact page, with the seeded fields and subjects by default."""

    class Meta:
        model = ContactFormPage

    parent = factory.LazyFunction(lambda: ContactPage.objects.get())
    title = "Écrire au centre"
    slug = "ecrire"
    intro = "Posez votre question : l'équipe concernée vous répond par e-mail ou par téléphone."
    to_address = CENTRE_EMAIL
    form_fields = factory.LazyFunction(form_fields)
    subject_routes = factory.LazyFunction(routes)
