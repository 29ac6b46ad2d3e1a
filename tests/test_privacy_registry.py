"""The registry of personal-data processings and ``purge_personal_data``, which deletes what is kept too long."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from pages import privacy
from pages.privacy import Processing, registered_processings


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
