"""Spam protection of the contact form (guard, scope "contact"): a rejected submission gets the neutral French
message, keeps what was typed, and is neither stored nor mailed."""

import pytest
import time_machine
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from guard.spam import NEUTRAL_MESSAGE, new_start_token
from outbox.models import OutgoingMail

from .conftest import URL, soup, typed

pytestmark = pytest.mark.django_db


def assert_rejected(response, typed_name="Marie Dupont", stored=0):
    assert response.status_code == 200
    page_soup = soup(response)
    notice = page_soup.select_one("[data-form-summary]")
    assert notice["tabindex"] == "-1"
    assert NEUTRAL_MESSAGE in notice.get_text()
    assert page_soup.select_one("#id_nom")["value"] == typed_name  # what the person typed is kept
    assert page_soup.title.get_text().startswith("Erreur : ")
    assert FormSubmission.objects.count() == stored and OutgoingMail.objects.count() == stored
    return page_soup


def test_a_filled_honeypot_is_rejected_with_the_neutral_message(client, form_page, mailoutbox):
    page_soup = assert_rejected(client.post(URL, typed(**{"site-internet": "https://spam.example"})))
    assert page_soup.select_one("input[name=site-internet]").get("value", "") == ""
    assert mailoutbox == []


def test_a_form_sent_too_fast_is_rejected_and_goes_through_once_a_person_would_have_filled_it(
    client, form_page, settings
):
    settings.SPAM_MIN_FILL_SECONDS = 3
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        page_soup = assert_rejected(client.post(URL, typed()))
        renewed = typed(**{"form-started": page_soup.select_one("input[name=form-started]")["value"]})
        traveller.shift(10)
        assert client.post(URL, renewed).status_code == 302
    assert FormSubmission.objects.count() == 1


def test_a_missing_or_forged_start_time_is_rejected(client, form_page):
    assert_rejected(client.post(URL, typed(**{"form-started": None})))
    assert_rejected(client.post(URL, typed(**{"form-started": new_start_token() + "x"})))


def test_the_rate_limit_rejects_the_submission_over_the_limit(client, form_page, settings):
    settings.SPAM_RATE_LIMIT = 2
    assert client.post(URL, typed()).status_code == 302
    assert client.post(URL, typed()).status_code == 302
    assert_rejected(client.post(URL, typed(nom="Troisième")), typed_name="Troisième", stored=2)
    # another address has its own count
    assert client.post(URL, typed(), REMOTE_ADDR="198.51.100.7").status_code == 302


def test_an_invalid_form_is_not_counted_against_the_rate_limit(client, form_page, settings):
    settings.SPAM_RATE_LIMIT = 1
    for _ in range(3):
        assert client.post(URL, typed(nom="")).status_code == 200
    assert client.post(URL, typed()).status_code == 302
