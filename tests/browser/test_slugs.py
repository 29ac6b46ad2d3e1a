"""Page addresses made in the browser are plain ASCII: the title's accents are transliterated when Wagtail copies it
into the address field, and so are the accents an editor types into the address field itself."""

import pytest
from playwright.sync_api import expect

from pages.models import SectionPage
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "mot-de-passe-de-test"


@pytest.fixture
def add_page_path(site_url, django_user_model):
    django_user_model.objects.create_superuser("admin-adresses", "adresses@example.org", PASSWORD)
    section = SectionPage.objects.get(slug="ressources")
    return f"/admin/pages/add/pages/standardpage/{section.pk}/"


def test_the_address_made_from_a_title_with_accents_is_ascii(site_url, add_page_path, page, leaves_admin):
    sign_in(page, site_url, "admin-adresses", PASSWORD, add_page_path)
    page.locator("#id_title").fill("Rapport d'activité")
    page.locator("#id_title").press("Tab")
    page.get_by_role("tab", name="Promotion").click()
    # Wagtail copies the title into the address from its own event handlers: wait for it (a loaded machine is slow).
    expect(page.locator("#id_slug")).to_have_value("rapport-dactivite")


def test_accents_typed_into_the_address_are_transliterated_not_dropped(site_url, add_page_path, page, leaves_admin):
    sign_in(page, site_url, "admin-adresses", PASSWORD, add_page_path)
    page.get_by_role("tab", name="Promotion").click()
    slug = page.locator("#id_slug")
    slug.fill("Élèves-à-Namur-cœur")
    slug.press("Tab")  # the field's blur handler cleans it
    expect(slug).to_have_value("eleves-a-namur-coeur")
