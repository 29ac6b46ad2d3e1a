"""The contact form in Chromium, with the keyboard alone: a person fills it, sends it with an error, the error
summary takes the focus and its link brings them to the field, they correct it, send it and see the
confirmation; axe finds nothing in the error and the confirmation states, at desktop and phone widths.

Every request to another origin is answered locally (an empty 204) and recorded: there must be none.
"""

from urllib.parse import urlsplit

import pytest
from wagtail.contrib.forms.models import FormSubmission

from contact.factories import ContactFormPageFactory
from contact.models import ContactFormPage
from tests.browser.helpers import active, assert_no_axe_violations, tab_to

pytestmark = pytest.mark.browser

URL = "/contact/ecrire/"


@pytest.fixture
def form_url(site_url, settings):
    """The seeded site with its contact form (added here while the seed has none), no minimum fill time."""
    settings.SPAM_MIN_FILL_SECONDS = 0
    settings.SPAM_RATE_LIMIT = 0
    if not ContactFormPage.objects.exists():
        ContactFormPageFactory()
    return site_url + URL


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
def test_a_person_sends_the_form_with_the_keyboard_after_correcting_an_error(
    page, form_url, other_origins, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(form_url)

    tab_to(page, "#id_nom")
    page.keyboard.type("Marie Dupont")
    page.keyboard.press("Tab")
    assert active(page) == "id_e_mail"
    page.keyboard.type("marie@")  # a mistake
    tab_to(page, "input[name=sujet]")
    page.keyboard.press("ArrowDown")  # the second subject, checked by the arrow
    assert active(page, "el => el.value") == "Formations" and active(page, "el => el.checked")
    tab_to(page, "#id_message")
    page.keyboard.type("Bonjour,")
    page.keyboard.press("Enter")  # a new line in the message, not a submission
    page.keyboard.type("je voudrais m'inscrire à une formation.")
    page.keyboard.press("Tab")
    assert active(page) == "id_consentement"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert active(page, "el => el.type") == "submit"  # the honeypot is never reached
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The error state: the summary has the focus, names the error and links to the field; values are kept.
    page.wait_for_function("document.activeElement.matches('[data-form-summary]')")
    summary = page.locator("[data-form-summary]")
    assert summary.locator("h2").inner_text() == "Le formulaire contient 1 erreur"
    assert page.title().startswith("Erreur : ")
    assert page.locator("#id_nom").input_value() == "Marie Dupont"
    assert page.locator("input[name=sujet][value=Formations]").is_checked()
    assert page.locator("#id_consentement").is_checked()
    assert page.locator("#id_e_mail").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.keyboard.press("Tab")
    assert active(page, "el => el.getAttribute('href')") == "#id_e_mail"
    page.keyboard.press("Enter")
    assert active(page) == "id_e_mail"
    page.keyboard.press("Control+A")
    page.keyboard.type("marie@example.org")
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The confirmation.
    assert page.url == form_url + "?envoye=1"
    assert page.locator("h1").inner_text() == "Message envoyé"
    assert page.locator(".contact-form__confirmation").is_visible()
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    submission = FormSubmission.objects.get()
    assert submission.form_data["e_mail"] == "marie@example.org"
    assert submission.form_data["sujet"] == "Formations"
    assert submission.form_data["message"].splitlines() == ["Bonjour,", "je voudrais m'inscrire à une formation."]
    assert other_origins == []
