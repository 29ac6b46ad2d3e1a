"""Fixtures of the contact form's tests: the seeded form page, its URL, and what a person would type."""

import pytest
from bs4 import BeautifulSoup

from contact.factories import ContactFormPageFactory
from contact.models import ContactFormPage
from guard.spam import new_start_token

URL = "/contact/ecrire/"
SENT_URL = URL + "?envoye=1"


@pytest.fixture(autouse=True)
def spam_checks_off(settings):
    """No minimum fill time and no rate limit, except in the tests of those checks (they set their own)."""
    settings.SPAM_MIN_FILL_SECONDS = 0
    settings.SPAM_RATE_LIMIT = 0


@pytest.fixture
def no_form_page(db):
    """No contact form page (the seed's, once it has one, is deleted inside the test's transaction)."""
    for page in ContactFormPage.objects.all():
        page.delete()


@pytest.fixture
def form_page(no_form_page):
    """The contact form as the tests know it (factory defaults), whatever the seed made of it."""
    return ContactFormPageFactory()


def typed(**changes):
    """What a person types in the seeded form, with ``changes`` (None removes a field, as an unticked box)."""
    data = {
        "nom": "Marie Dupont",
        "e_mail": "marie@example.org",
        "telephone": "",
        "sujet": "Formations",
        "message": "Bonjour,\r\nje voudrais m'inscrire.",
        "consentement": "on",
        "site-internet": "",
        "form-started": new_start_token(),
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")
