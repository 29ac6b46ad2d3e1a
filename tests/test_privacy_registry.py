"""The registry of personal-data processings and ``purge_personal_data``, which deletes what is kept too long."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from contact.models import ContactFormPage
from outbox.mail import queue_mail
from outbox.models import OutgoingMail
from pages import privacy
from pages.privacy import Processing, registered_processings
from trainings.factories import RegistrationFactory, TrainingPageFactory, TrainingSessionFactory
from trainings.models import Registration


@pytest.fixture
def store(settings):
    """A processing whose data is a list of dates (the oldest ten months old), kept six months."""
    now = timezone.now()
    kept = [now - timedelta(days=30 * months) for months in range(11)]

    def purge(cutoff):
        old = [moment for moment in kept if moment < cutoff]
        for moment in old:
            kept.remove(moment)
        return len(old)

    settings.RETENTION_MONTHS = {**settings.RETENTION_MONTHS, "test-store": 6}
    privacy.register(Processing("test-store", "Données d'essai", "dates", "tester", "aucune", "personne", purge=purge))
    yield kept
    privacy._REGISTRY.pop("test-store")


@pytest.mark.django_db
def test_purge_deletes_what_is_older_than_the_retention_and_says_so(store):
    output = StringIO()
    call_command("purge_personal_data", stdout=output)
    assert len(store) == 7  # 0 to 6 months old stay
    assert "Données d'essai : 4 effacé(s)" in output.getvalue()
    output = StringIO()
    call_command("purge_personal_data", stdout=output)  # idempotent
    assert len(store) == 7 and "Données d'essai : 0 effacé(s)" in output.getvalue()


@pytest.mark.django_db
def test_a_dry_run_reports_what_it_would_delete(store):
    output = StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=output)
    assert "Données d'essai : 4 à effacer" in output.getvalue()


def test_processings_without_a_setting_say_their_retention_in_words():
    logs = next(processing for processing in registered_processings() if processing.key == "server-logs")
    assert logs.retention_label == "30 jours au maximum" and logs.cutoff() is None


def test_the_cutoff_follows_the_months_of_the_settings(settings):
    settings.RETENTION_MONTHS = {"x": 12}
    processing = Processing("x", "X", "", "", "", "", retention="après la formation")
    now = datetime(2027, 6, 1, tzinfo=timezone.get_current_timezone())
    assert processing.cutoff(now).date() == datetime(2026, 6, 1).date()
    assert processing.retention_label == "12 mois (après la formation)"


@pytest.mark.django_db
def test_purge_deletes_old_messages_registrations_and_mails_and_keeps_recent_ones(django_capture_on_commit_callbacks):
    long_ago = timezone.now() - timedelta(days=400)
    form_page = ContactFormPage.objects.get()
    old_message, new_message = (FormSubmission.objects.create(page=form_page, form_data={}) for _ in range(2))
    FormSubmission.objects.filter(pk=old_message.pk).update(submit_time=long_ago)

    def training_on(day):
        return TrainingPageFactory(sessions=[TrainingSessionFactory.build(date=day)])

    old_registration = RegistrationFactory(training=training_on(long_ago.date()))
    new_registration = RegistrationFactory(training=training_on(timezone.localdate() - timedelta(days=30)))

    old_mail, new_mail = (queue_mail(kind="test", to=["x@example.org"], subject="s", body="b") for _ in range(2))
    OutgoingMail.objects.filter(pk=old_mail.pk).update(created_at=long_ago)

    output = StringIO()
    call_command("purge_personal_data", stdout=output)
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [new_message.pk]
    assert list(Registration.objects.values_list("pk", flat=True)) == [new_registration.pk]
    assert list(OutgoingMail.objects.values_list("pk", flat=True)) == [new_mail.pk]
    assert old_registration.pk != new_registration.pk
    text = output.getvalue()
    for line in ["Formulaire de contact : 1 effacé(s)", "Inscriptions aux formations : 1 effacé(s)"]:
        assert line in text
    assert "Copies des e-mails envoyés par le site : 1 effacé(s)" in text


@pytest.mark.django_db
def test_the_privacy_policy_explains_video_choices_and_links_osm_policy(client):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get("/politique-de-confidentialite/").content, "html.parser")
    text = soup.find("main").get_text(" ", strip=True)
    assert "Les vidéos YouTube ou Vimeo d'une page ne se chargent que si vous cliquez" in text
    assert soup.select_one("main a[href='https://wiki.osmfoundation.org/wiki/Privacy_Policy']") is not None
