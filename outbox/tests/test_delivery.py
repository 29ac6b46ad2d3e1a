"""Every mail is stored in the caller's transaction and sent after it commits, through a real SMTP server."""

import logging
import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from outbox.mail import ALREADY_SENT, FAILED, SENT, deliver, describe_error, queue_mail, send_pending
from outbox.models import OutgoingMail

pytestmark = pytest.mark.django_db

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Formation à l'interculturalité\r\nEND:VCALENDAR\r\n"


class Refused(Exception):
    """What a caller's code raises to roll its transaction back."""


def queue(**overrides):
    fields = {
        "kind": "registration",
        "to": ["participante@example.org"],
        "subject": "Votre inscription à « Accueillir en Wallonie »",
        "body": "Bonjour Amélie,\n\nNous avons bien reçu votre inscription. À bientôt !\n",
        "reply_to": ["formations@example.org"],
        "from_email": "Site du CAI <site@example.org>",
    }
    return queue_mail(**{**fields, **overrides})


def submit(**overrides):
    """What a form's view does: store the submission and its mail in one transaction, then run the commit hooks."""
    with transaction.atomic():
        return queue(**overrides)


def command_output(*args):
    output = StringIO()
    call_command("send_pending_mail", *args, stdout=output)
    return output.getvalue().strip()


def test_a_queued_mail_arrives_after_the_commit_with_its_headers_text_and_attachment(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            mail = queue(attachments=[("formation.ics", ICS.encode(), "text/calendar")])
            assert OutgoingMail.objects.get().status == OutgoingMail.Status.PENDING
        assert smtp_server.messages == []  # committed, but the commit hooks have not run yet

    [message] = smtp_server.wait_for(1)
    assert message["From"] == "Site du CAI <site@example.org>"
    assert message["To"] == "participante@example.org"
    assert message["Reply-To"] == "formations@example.org"
    # Django 5.2 folds an encoded subject onto its own line ("Subject:\r\n =?utf-8?q?…"): unfolded, it starts with
    # a space that mail clients do not show.
    assert message["Subject"].strip() == "Votre inscription à « Accueillir en Wallonie »"
    text, attachment = message.iter_parts()
    assert text.get_content_type() == "text/plain" and text.get_content_charset() == "utf-8"
    assert (
        text.get_content().replace("\r\n", "\n")
        == "Bonjour Amélie,\n\nNous avons bien reçu votre inscription. À bientôt !\n"
    )
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == "formation.ics"
    assert "SUMMARY:Formation à l'interculturalité" in attachment.get_content()
    assert smtp_server.envelopes == [("site@example.org", ["participante@example.org"])]

    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.last_error) == (OutgoingMail.Status.SENT, 1, "")
    assert mail.sent_at is not None


def test_a_rolled_back_transaction_stores_nothing_and_sends_nothing(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Refused), transaction.atomic():
        queue(attachments=[("formation.ics", ICS, "text/calendar")])
        raise Refused
    assert callbacks == []
    assert not OutgoingMail.objects.exists()
    assert smtp_server.messages == []


@pytest.mark.django_db(transaction=True)
def test_real_commits_send_and_real_rollbacks_do_not(smtp_server):
    """Without the test's surrounding transaction: what a request does in production."""
    with pytest.raises(Refused), transaction.atomic():
        queue(subject="Annulé")
        raise Refused
    with transaction.atomic():
        queue(subject="Confirmé")
        assert smtp_server.messages == []
    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Confirmé"
    assert list(OutgoingMail.objects.values_list("subject", "status")) == [("Confirmé", "sent")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not connection.features.has_select_for_update_skip_locked, reason="SQLite has no row locks (see deliver())"
)
def test_a_mail_another_process_is_sending_is_skipped_not_sent_twice(smtp_server):
    mail = OutgoingMail.objects.create(kind="contact", from_email="site@example.org", to=["a@example.org"], body="…")
    locked, release = threading.Event(), threading.Event()

    def other_process():  # e.g. the commit of a form sending this mail while cron runs send_pending_mail
        try:
            with transaction.atomic():
                OutgoingMail.objects.select_for_update().get(pk=mail.pk)
                locked.set()
                release.wait(5)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_process)
    thread.start()
    try:
        assert locked.wait(5)
        assert send_pending() == {SENT: 0, FAILED: 0, ALREADY_SENT: 1}
    finally:
        release.set()
        thread.join()
    assert smtp_server.messages == []
    assert deliver(mail.pk) == SENT


def test_with_the_mail_server_down_the_mail_is_kept_as_failed_and_the_caller_goes_on(
    smtp_server, django_capture_on_commit_callbacks, caplog
):
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True), caplog.at_level(logging.WARNING, logger="outbox"):
        mail = submit()  # raises nothing: the visitor gets their confirmation page
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.sent_at) == (OutgoingMail.Status.FAILED, 1, None)
    assert "Connection" in mail.last_error  # ConnectionRefusedError: [Errno 111] Connection refused
    assert len([record for record in caplog.records if record.name == "outbox"]) == 1
    assert f"Mail {mail.pk} (registration) not sent" in caplog.text

    smtp_server.start()
    assert command_output() == "envoyés : 1, échecs : 0, déjà envoyés : 0"
    assert len(smtp_server.wait_for(1)) == 1
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.last_error) == (OutgoingMail.Status.SENT, 2, "")

    assert command_output() == "envoyés : 0, échecs : 0, déjà envoyés : 0"  # a second run sends nothing
    assert deliver(mail.pk) == ALREADY_SENT
    assert len(smtp_server.messages) == 1


def test_send_pending_mail_reports_failures_and_still_exits_normally(smtp_server, django_capture_on_commit_callbacks):
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    assert command_output() == "envoyés : 0, échecs : 1, déjà envoyés : 0"
    assert OutgoingMail.objects.get().attempts == 2


def test_send_pending_mail_sends_the_oldest_first_and_stops_at_the_limit(
    smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            submit(subject=f"Message {number}")
    smtp_server.start()
    assert command_output("--limit", "2") == "envoyés : 2, échecs : 0, déjà envoyés : 0"
    assert [message["Subject"] for message in smtp_server.wait_for(2)] == ["Message 0", "Message 1"]
    assert send_pending() == {SENT: 1, FAILED: 0, ALREADY_SENT: 0}
    assert [message["Subject"] for message in smtp_server.wait_for(3)] == ["Message 0", "Message 1", "Message 2"]


@pytest.mark.parametrize("limit", ["0", "-3", "deux"])
def test_send_pending_mail_refuses_a_limit_that_is_not_a_positive_number(limit):
    with pytest.raises(CommandError, match="--limit attend un nombre entier positif"):
        call_command("send_pending_mail", "--limit", limit)


def test_a_line_break_in_the_subject_cannot_add_a_header(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail = submit(subject="Bonjour\r\nBcc: cible@example.org\nX-Injected: oui")
    assert mail.subject == "Bonjour Bcc: cible@example.org X-Injected: oui"
    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Bonjour Bcc: cible@example.org X-Injected: oui"
    assert message["Bcc"] is None and message["X-Injected"] is None
    assert sorted(message.keys()) == sorted(
        ["Content-Type", "MIME-Version", "Content-Transfer-Encoding", "Subject", "From", "To", "Reply-To"]
        + ["Date", "Message-ID"]
    )
    assert smtp_server.envelopes[0][1] == ["participante@example.org"]


def test_a_line_break_in_a_reply_to_address_fails_the_send_without_raising(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mail = submit(reply_to=["visiteur@example.org\r\nBcc: cible@example.org"])
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.FAILED and mail.last_error.startswith("BadHeaderError")
    assert smtp_server.messages == []


def test_subjects_are_trimmed_to_one_line_of_250_characters(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        mail = submit(subject="  " + "é" * 300 + "\n")
    assert mail.subject == "é" * 250


@pytest.mark.parametrize(
    ("to", "error"),
    [("participante@example.org", TypeError), ([], ValueError)],
)
def test_queue_mail_refuses_recipients_that_are_not_a_list_of_addresses(to, error):
    with pytest.raises(error):
        queue(to=to)


def test_a_mail_that_no_longer_exists_is_not_sent_and_raises_nothing():
    assert deliver(123456789) == ALREADY_SENT


def test_errors_recorded_on_a_mail_never_show_the_smtp_password(settings):
    settings.EMAIL_HOST_PASSWORD = "s3cret"
    assert describe_error(OSError("auth s3cret refused")) == "OSError: auth *** refused"
