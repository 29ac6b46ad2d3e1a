"""The notification mail of a submission, as a real SMTP server receives it: recipients by subject, Reply-To,
subject, plain-text body; a mail server that is down loses nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.contrib.forms.models import FormSubmission

from contact.models import SubjectRoute
from outbox.models import OutgoingMail

from .conftest import SENT_URL, URL, soup, typed

pytestmark = pytest.mark.django_db


def submit(client, callbacks, **changes):
    with callbacks(execute=True):
        response = client.post(URL, typed(**changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_the_notification_reaches_the_subject_address_with_reply_to_subject_and_body(
    client, form_page, smtp_server, django_capture_on_commit_callbacks
):
    form_page.subject_routes.filter(subject="Formations").update(recipients="formations@cainamur.be")
    submit(client, django_capture_on_commit_callbacks, telephone="081 00 00 00")
    [message] = smtp_server.wait_for(1)
    assert smtp_server.envelopes == [("site@localhost", ["formations@cainamur.be"])]
    assert message["To"] == "formations@cainamur.be"
    assert message["Reply-To"] == "marie@example.org"
    assert message["Subject"] == "Écrire au centre – Formations"
    body = message.get_content().replace("\r\n", "\n")  # SMTP carries lines ending in CRLF
    assert body.startswith("Message envoyé depuis la page « Écrire au centre » (http://localhost/contact/ecrire/)")
    assert (
        "\n\nNom : Marie Dupont\n"
        "E-mail : marie@example.org\n"
        "Téléphone : 081 00 00 00\n"
        "Sujet : Formations\n"
        "Message :\n"
        "Bonjour,\nje voudrais m'inscrire.\n\n"
    ) in body
    assert "consentement" not in body.lower() and "site-internet" not in body and "form-started" not in body


def test_each_subject_goes_to_its_own_addresses_and_a_subject_without_any_to_the_page_address(
    client, form_page, smtp_server, django_capture_on_commit_callbacks
):
    form_page.subject_routes.filter(subject="Parcours d'intégration").update(
        recipients="parcours@cainamur.be, accueil@cainamur.be"
    )
    form_page.subject_routes.filter(subject="Autre question").update(recipients="")
    form_page.to_address = "secretariat@cainamur.be"
    form_page.save_revision().publish()
    submit(client, django_capture_on_commit_callbacks, sujet="Parcours d'intégration")
    submit(client, django_capture_on_commit_callbacks, sujet="Autre question")
    submit(client, django_capture_on_commit_callbacks, sujet="Formations")
    smtp_server.wait_for(3)
    assert [recipients for _, recipients in smtp_server.envelopes] == [
        ["parcours@cainamur.be", "accueil@cainamur.be"],
        ["secretariat@cainamur.be"],
        ["info@cainamur.be"],
    ]
    assert [submission.form_data["sujet"] for submission in FormSubmission.objects.order_by("pk")] == [
        "Parcours d'intégration",
        "Autre question",
        "Formations",
    ]


def test_the_sender_is_the_page_from_address_when_set(
    client, form_page, smtp_server, django_capture_on_commit_callbacks
):
    form_page.from_address = "formulaires@cainamur.be"
    form_page.save_revision().publish()
    submit(client, django_capture_on_commit_callbacks)
    [message] = smtp_server.wait_for(1)
    assert message["From"] == "formulaires@cainamur.be"


def test_a_subject_with_line_breaks_cannot_add_headers(
    client, form_page, smtp_server, django_capture_on_commit_callbacks
):
    hostile = "Formations\r\nBcc: victime@example.org\r\nX-Injected: oui"
    SubjectRoute.objects.filter(page=form_page, subject="Formations").update(subject=hostile)
    form_page.subject = "Contact\nCc: autre@example.org"
    form_page.save()
    submit(client, django_capture_on_commit_callbacks, sujet=hostile, nom="Marie\r\nBcc: encore@example.org")
    [message] = smtp_server.wait_for(1)
    assert smtp_server.envelopes[0][1] == ["info@cainamur.be"]
    assert message["Bcc"] is None and message["Cc"] is None and message["X-Injected"] is None
    assert "\n" not in message["Subject"] and "\r" not in message["Subject"]
    assert message["Subject"].strip().startswith("Contact Cc: autre@example.org – Formations Bcc: victime@example.org")
    # what was typed is in the body, as typed, where it is only text
    assert "Nom :\nMarie\nBcc: encore@example.org" in message.get_content().replace("\r\n", "\n")


def test_with_the_mail_server_down_the_submission_is_kept_confirmed_and_sent_later(
    client, form_page, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, typed(), follow=True)
    assert response.redirect_chain == [(SENT_URL, 302)]
    assert soup(response).select_one("h1").get_text() == "Message envoyé"
    assert FormSubmission.objects.filter(page=form_page).count() == 1
    stored = OutgoingMail.objects.get(kind="contact")
    assert not stored.is_sent and stored.attempts == 1
    assert smtp_server.messages == []

    smtp_server.start()
    call_command("send_pending_mail", stdout=StringIO())
    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Écrire au centre – Formations"
    stored.refresh_from_db()
    assert stored.is_sent


def test_without_any_recipient_the_submission_is_still_stored(client, form_page, django_capture_on_commit_callbacks):
    form_page.subject_routes.update(recipients="")
    form_page.to_address = ""
    form_page.save_revision().publish()
    submit(client, django_capture_on_commit_callbacks)
    assert FormSubmission.objects.count() == 1 and OutgoingMail.objects.count() == 0


def test_wagtails_own_send_mail_queues_instead_of_sending(form_page, mailoutbox):
    """Whatever calls the page's send_mail, the mail goes through the outbox (stored, sent after the commit)."""
    form = form_page.get_form(typed(), page=form_page)
    assert form.is_valid(), form.errors
    queued = form_page.send_mail(form)
    assert queued.pk and OutgoingMail.objects.get().to == ["info@cainamur.be"]
    assert mailoutbox == []  # not sent yet: the test's transaction has not committed
