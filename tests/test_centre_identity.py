"""The centre's name, phone and e-mail shown on the site come from the settings editors edit, never a literal."""

import datetime
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from icalendar import Calendar
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from contact.models import ContactDetails
from pages.models import SiteIdentity
from trainings.models import TrainingPage, TrainingSession

pytestmark = pytest.mark.django_db

NEWS = "/ressources/actus-du-secteur/"
TRAININGS = "/actions-services/formations/"


@pytest.fixture
def renamed(site):
    identity = SiteIdentity.for_site(site)
    identity.site_name = "Centre renommé par l'équipe"
    identity.short_name = "Sigle-Test"
    identity.save()
    details = ContactDetails.for_site(site)
    details.phone = "010 00 00 00"
    details.email = "inscriptions@example.org"
    details.save()
    return identity


@pytest.fixture
def training(page_at):
    page = TrainingPage(title="Une formation", slug="une-formation")
    page.sessions.add(
        TrainingSession(
            date=datetime.date(2030, 6, 1), starts_at=datetime.time(9), ends_at=datetime.time(12), online=True
        )
    )
    page_at(TRAININGS).add_child(instance=page)
    page.save_revision().publish()
    return page


def soup(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


def test_header_and_tab_title_use_the_names_from_the_settings(client, renamed):
    page = soup(client, "/presentation/")
    assert page.select_one(".brand__name").get_text(strip=True) == "Centre renommé par l'équipe"
    assert page.title.get_text() == "Présentation – Sigle-Test"


def test_header_shows_the_short_name_as_a_typographic_wordmark_until_a_logo_is_set(client):
    brand = soup(client, "/presentation/").select_one("header .brand")
    assert brand.select_one(".brand__wordmark").get_text(strip=True) == "CAI Namur"
    assert brand.select_one(".brand__name").get_text(strip=True) == (
        "Centre d'action interculturelle de la province de Namur"
    )
    assert brand.find("img") is None and brand.find("svg") is None  # no drawn symbol


def test_header_shows_the_official_logo_with_its_alt_once_editors_set_it(client, site):
    identity = SiteIdentity.for_site(site)
    identity.logo = get_image_model().objects.create(title="Logo du CAI", file=get_test_image_file())
    identity.logo_alt = "CAI Namur, Centre d'action interculturelle"
    identity.full_clean()
    identity.save()
    brand = soup(client, "/presentation/").select_one("header .brand")
    assert brand.select_one("img.brand__logo")["alt"] == "CAI Namur, Centre d'action interculturelle"
    assert brand.select_one(".brand__wordmark") is None


def test_a_logo_without_alt_text_is_refused_in_french(site):
    identity = SiteIdentity.for_site(site)
    identity.logo = get_image_model().objects.create(title="Logo du CAI", file=get_test_image_file())
    identity.logo_alt = "  "
    with pytest.raises(ValidationError) as error:
        identity.full_clean()
    assert error.value.message_dict["logo_alt"] == [
        "Indiquez le texte alternatif du logo : ce que le logo dit (ex. « CAI Namur »)."
    ]
    identity.logo = None
    identity.full_clean()  # without a logo, no alt text is needed


def test_the_admin_refuses_a_logo_without_alt_text(client, admin_user, site):
    client.force_login(admin_user)
    url = f"/admin/settings/pages/siteidentity/{site.id}/"
    logo = get_image_model().objects.create(title="Logo du CAI", file=get_test_image_file())
    identity = SiteIdentity.for_site(site)
    data = {
        "site_name": identity.site_name,
        "short_name": identity.short_name,
        "tagline": identity.tagline,
        "logo": logo.pk,
        "logo_alt": "",
        "contact_page": identity.contact_page_id or "",
        "privacy_page": identity.privacy_page_id or "",
        "accessibility_page": identity.accessibility_page_id or "",
        "legal_notice_page": identity.legal_notice_page_id or "",
        "credits": identity.credits,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Indiquez le texte alternatif du logo" in unescape(response.content.decode())
    assert SiteIdentity.for_site(site).logo is None
    data["logo_alt"] = "CAI Namur"
    assert client.post(url, data).status_code == 302
    assert SiteIdentity.objects.get(pk=identity.pk).logo_alt == "CAI Namur"


def test_without_names_in_the_settings_no_literal_name_appears(client, site):
    identity = SiteIdentity.for_site(site)
    identity.site_name = identity.short_name = ""
    identity.save()
    page = soup(client, "/presentation/")
    assert page.title.get_text() == "Présentation"
    assert page.select_one(".brand__name").get_text(strip=True) == "Accueil"
    assert page.select_one(".brand__wordmark") is None
    assert "Centre d'action interculturelle" not in page.select_one("header").get_text()


def test_feeds_are_titled_with_the_name_from_the_settings(client, renamed):
    rss = client.get(f"{NEWS}rss/").content.decode()
    assert "<title>Actus du secteur – Centre renommé par l'équipe</title>" in rss
    assert "Centre d'action interculturelle de la province de Namur" not in rss
    atom = client.get(f"{NEWS}atom/?thematique=sante").content.decode()
    assert "Centre renommé par l" in atom and "Santé" in atom


def test_calendars_are_named_with_the_short_name_from_the_settings(client, renamed, training):
    response = client.get(f"{TRAININGS}agenda/")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == "Formations – Sigle-Test"
    assert "Centre renommé par l'équipe" in str(calendar["prodid"])
    assert response["Content-Disposition"] == 'attachment; filename="formations-sigle-test.ics"'
    assert "Namur" not in response.content.decode()


def test_on_request_registration_gives_the_phone_and_email_from_the_settings(client, renamed, training):
    block = soup(client, training.url).select_one(".registration")
    links = {a["href"]: a.get_text() for a in block.find_all("a")}
    assert links["tel:+3210000000"] == "010 00 00 00"
    assert links["mailto:inscriptions@example.org?subject=Une%20formation"] == "inscriptions@example.org"
