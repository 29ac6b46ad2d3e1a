"""Copies of sent mails are kept RETENTION_MONTHS["mail"] months, then ``purge_personal_data`` deletes them."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from outbox.mail import purge_mail
from outbox.models import OutgoingAttachment, OutgoingMail
from pages.privacy import registered_processings

pytestmark = pytest.mark.django_db


def mail_created(days_ago):
    mail = OutgoingMail.objects.create(
        kind="contact",
        from_email="site@example.org",
        to=["equipe@example.org"],
        subject=f"Il y a {days_ago} jours",
        body="…",
        created_at=timezone.now() - timedelta(days=days_ago),
    )
    mail.attachments.create(filename="a.txt", mimetype="text/plain", content=b"a")
    return mail


def test_purge_deletes_only_the_mails_older_than_the_cutoff_with_their_attachments():
    old, recent = mail_created(400), mail_created(10)
    assert purge_mail(timezone.now() - timedelta(days=365)) == 1
    assert list(OutgoingMail.objects.all()) == [recent]
    assert list(OutgoingAttachment.objects.values_list("mail", flat=True)) == [recent.pk]
    assert not OutgoingMail.objects.filter(pk=old.pk).exists()


def test_the_privacy_policy_lists_the_copies_of_mails_with_their_retention(settings):
    settings.RETENTION_MONTHS = {**settings.RETENTION_MONTHS, "mail": 12}
    processing = next(processing for processing in registered_processings() if processing.key == "mail")
    assert processing.title == "Copies des e-mails envoyés par le site"
    assert processing.retention_label == "12 mois"
    assert processing.purge is purge_mail


def test_purge_personal_data_deletes_the_old_copies_of_mails(settings):
    settings.RETENTION_MONTHS = {**settings.RETENTION_MONTHS, "mail": 12}
    mail_created(400), mail_created(10)
    output = StringIO()
    call_command("purge_personal_data", stdout=output)
    assert "Copies des e-mails envoyés par le site : 1 effacé(s)" in output.getvalue()
    assert OutgoingMail.objects.count() == 1
