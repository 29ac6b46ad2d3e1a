"""Registering for a training in Chromium, with the keyboard alone: a person fills the form, sends it with an error,
the error summary takes the focus and its link brings them to the field, they correct it, send it and see the
confirmation; axe finds nothing in the error and confirmation states (and on a full training's form), at desktop
and phone widths.

Every request to another origin is answered locally (an empty 204) and recorded: there must be none.
"""

from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import active, assert_no_axe_violations, tab_to
from trainings.factories import RegistrationFactory, TrainingPageFactory
from trainings.models import Registration, RegistrationMode

pytestmark = pytest.mark.browser


@pytest.fixture
def training_url(site_url, settings):
    """A training open to registration on the seeded site; guard's minimum fill time and rate limit off (the live
    server shares these settings)."""
    settings.SPAM_MIN_FILL_SECONDS = 0
    settings.SPAM_RATE_LIMIT = 0
    training = TrainingPageFactory(
        title="Communication interculturelle",
        registration_mode=RegistrationMode.ON_REQUEST,
        registration_email="formations@cai.example",
        capacity=3,
    )
    return site_url + training.url


@pytest.fixture
def other_origins(page, site_url):
    """Answers every request to another origin locally; the list of those requests."""
    own = urlsplit(site_url).netloc
    requests = []

    def handle(route):
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            requests.append(route.request.url)
            route.fulfill(status=204, body=b"")

    page.route("**/*", handle)
    return requests


@pytest.mark.parametrize("width, height", [(1280, 900), (375, 812)])
def test_a_person_registers_with_the_keyboard_after_correcting_an_error(
    page, training_url, other_origins, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(training_url)
    assert page.locator(".registration__seats").inner_text() == "Plus que 3 places"

    tab_to(page, "#id_name")
    page.keyboard.type("Awa Diallo")
    page.keyboard.press("Tab")
    assert active(page) == "id_email"
    page.keyboard.type("awa@")  # a mistake
    page.keyboard.press("Tab")
    assert active(page) == "id_organisation"
    page.keyboard.type("ASBL Exemple")
    page.keyboard.press("Tab")
    assert active(page) == "id_phone"  # optional: left empty
    page.keyboard.press("Tab")
    assert active(page) == "id_accessibility_needs"
    page.keyboard.type("Boucle magnétique")
    page.keyboard.press("Tab")
    assert active(page) == "id_consent"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert active(page, "el => el.type") == "submit"  # the honeypot is never reached
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The error state: the summary has the focus, names the error and links to the field; values are kept.
    page.wait_for_function("document.activeElement.matches('[data-error-summary]')")
    summary = page.locator("[data-error-summary]")
    assert summary.locator("h3").inner_text() == "Le formulaire contient une erreur"
    assert page.title().startswith("Erreur : ")
    assert page.locator("#id_name").input_value() == "Awa Diallo"
    assert page.locator("#id_accessibility_needs").input_value() == "Boucle magnétique"
    assert page.locator("#id_consent").is_checked()
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.keyboard.press("Tab")
    assert active(page, "el => el.getAttribute('href')") == "#id_email"
    page.keyboard.press("Enter")
    assert active(page) == "id_email"
    page.keyboard.press("Control+A")
    page.keyboard.type("awa@example.org")
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The confirmation.
    assert "/inscription/merci/?ref=" in page.url
    assert page.locator("h1").inner_text() == "Inscription confirmée"
    assert "awa@example.org" in page.locator(".registration-result").inner_text()
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    registration = Registration.objects.get()
    assert (registration.email, registration.status) == ("awa@example.org", "registered")
    assert registration.accessibility_needs == "Boucle magnétique"
    assert other_origins == []


@pytest.mark.parametrize("width, height", [(1280, 900), (375, 812)])
def test_a_full_training_its_waiting_list_and_cancellation_pages_have_no_axe_violations(
    page, site_url, other_origins, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    training = TrainingPageFactory(title="Complet", registration_mode=RegistrationMode.ON_REQUEST, capacity=1)
    RegistrationFactory(training=training)
    waiting = RegistrationFactory(training=training, status="waiting", name="Awa Diallo")
    page.goto(site_url + training.url)
    assert page.locator(".registration__seats").inner_text() == "Complet : inscription sur liste d'attente"
    assert page.locator(".registration-form button").inner_text() == "M'inscrire sur la liste d'attente"
    assert_no_axe_violations(page)
    page.goto(site_url + waiting.cancel_url().removeprefix("http://localhost"))
    assert page.locator("h1").inner_text() == "Annuler votre inscription"
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert other_origins == []
