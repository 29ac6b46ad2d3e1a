"""The office list, each office's page, the contact page and the "Où nous trouver" block, as visitors get them."""

import json
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from offices.factories import OfficePageFactory, closure, opening, week
from offices.models import Appointment, OfficeException, OfficePage, OpeningSlot
from tests.helpers import count_queries, soup_of
from tests.seed_tree import all_urls

LIST = "/contact/bureau-daccueil/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def dinant(db):
    today = timezone.localdate()
    return OfficePageFactory(
        title="Bureau de Dinant",
        slug="dinant",
        commune="Dinant",
        street_address="Rue de l'Exemple 1",
        postal_code="5500",
        latitude=Decimal("50.261"),
        longitude=Decimal("4.912"),
        phone="082 00 00 00",
        email="dinant@example.org",
        languages="français, arabe, anglais",
        appointment=Appointment.REQUIRED,
        opening_slots=week(monday="9:00-12:00 13:30-16:00", thursday="9:00-12:00"),
        exceptions=[
            closure(today + timedelta(days=3), today + timedelta(days=5), "formation de l'équipe"),
            closure(today + timedelta(days=60), reason="trop loin pour être affiché"),
        ],
    )


def test_the_list_shows_every_office_with_its_address_week_and_phone(client, dinant):
    soup = soup_of(client, LIST)
    cards = soup.select("article.office-card")
    assert [card.select_one(".office-card__title").get_text(strip=True) for card in cards] == [
        "Saint-Servais (Namur) – siège du CAI",
        "Bureau de Dinant",
    ]
    card = cards[1]
    assert "Rue de l'Exemple 1" in card.select_one("address").get_text()
    assert card.select_one("a[href='tel:+3282000000']").get_text() == "082 00 00 00"
    assert card.select_one("a[href='mailto:dinant@example.org']")
    rows = {row.th.get_text(): row.td.get_text() for row in card.select("table.week-hours tr")}
    assert rows["Lundi"] == "9h00–12h00, 13h30–16h00" and rows["Jeudi"] == "9h00–12h00" and rows["Mardi"] == "Fermé"
    assert "Uniquement sur rendez-vous" in card.get_text()


def test_status_is_left_to_the_browser_with_the_data_in_the_page(client, dinant):
    card = soup_of(client, LIST).select("article.office-card")[1]
    status = card.select_one("[data-office-status]")
    assert status.has_attr("hidden") and status.get_text(strip=True) == ""  # no status claimed without the script
    data = json.loads(card.select_one(f"script#{status['data-office-status']}").string)
    assert data["week"]["0"] == [["09:00", "12:00"], ["13:30", "16:00"]]
    closed = [day for day, entry in data["days"].items() if entry["reason"] == "formation de l'équipe"]
    assert len(closed) == 3
    assert "trop loin" not in json.dumps(data, ensure_ascii=False)  # only the next 30 days


def test_an_office_without_hours_says_so_and_gives_its_phone_never_closed(client):
    card = soup_of(client, LIST).select_one("article.office-card")
    status = card.select_one(".office-status")
    assert status.get_text(" ", strip=True) == "Horaires non communiqués — appelez le 081 73 71 76"
    assert status.a["href"] == "tel:+3281737176"
    assert "Fermé" not in card.get_text()


def test_an_office_without_hours_nor_phone_gives_the_centre_phone(client):
    OfficePageFactory(title="Sans horaires", slug="sans-horaires", opening_slots=[], phone="")
    card = soup_of(client, LIST).select("article.office-card")[1]
    assert card.select_one(".office-status").get_text(" ", strip=True) == (
        "Horaires non communiqués — appelez le centre au 081 73 71 76"
    )


def test_every_office_on_the_list_has_a_phone_to_tap_the_centre_s_if_it_has_none(client):
    OfficePageFactory(title="Sans téléphone", slug="sans-telephone", phone="")
    card = soup_of(client, LIST).select("article.office-card")[1]
    phone = card.select_one(".office-card__details a[href^='tel:']")
    assert phone["href"] == "tel:+3281737176" and phone.parent.get_text() == "081 73 71 76 (numéro du centre)"
    office_page = soup_of(client, "/contact/bureau-daccueil/sans-telephone/")
    assert office_page.select_one("main .office-card__details a[href='tel:+3281737176']")


def test_office_page_lists_the_next_30_days_exceptions(client, dinant):
    soup = soup_of(client, dinant.url)
    changes = [item.get_text(" ", strip=True) for item in soup.select(".office-changes li")]
    start = timezone.localdate() + timedelta(days=3)
    assert any(change.startswith("Du ") and "fermé (formation de l'équipe)" in change for change in changes)
    assert str(start.day) in changes[0] or len(changes) > 1
    assert not any("trop loin" in change for change in changes)
    assert "français, arabe, anglais" in soup.get_text()


def test_office_page_carries_json_ld_place_with_hours(client, dinant):
    soup = soup_of(client, dinant.url)
    data = json.loads(soup.select_one("script[type='application/ld+json']").string)
    assert data["@type"] == "Place" and data["name"] == "Bureau de Dinant"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Rue de l'Exemple 1",
        "postalCode": "5500",
        "addressLocality": "Dinant",
        "addressCountry": "BE",
    }
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 50.261, "longitude": 4.912}
    assert data["telephone"] == "+3282000000" and data["url"].endswith("/contact/bureau-daccueil/dinant/")
    assert {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Monday",
        "opens": "13:30",
        "closes": "16:00",
    } in data["openingHoursSpecification"]
    assert len(data["openingHoursSpecification"]) == 3
    closed_day = (timezone.localdate() + timedelta(days=4)).isoformat()
    assert {
        "@type": "OpeningHoursSpecification",
        "validFrom": closed_day,
        "validThrough": closed_day,
        "opens": "00:00",
        "closes": "00:00",
    } in data["specialOpeningHoursSpecification"]


def test_json_ld_leaves_out_geo_and_phone_when_unknown(client):
    data = json.loads(
        soup_of(client, "/contact/bureau-daccueil/saint-servais/")
        .select_one("script[type='application/ld+json']")
        .string
    )
    assert "geo" not in data and data["openingHoursSpecification"] == []
    assert data["telephone"] == "+3281737176"


def test_the_map_lists_only_offices_with_coordinates_and_every_address(client, dinant):
    soup = soup_of(client, LIST)
    markers = json.loads(soup.select_one("script#carte-bureaux").string)
    assert [marker["name"] for marker in markers] == ["Bureau de Dinant"]
    links = [a["href"] for a in soup.select(".place-map__list a.place-map__osm")]
    assert links[0].startswith("https://www.openstreetmap.org/search?") and "mlat=50.261000" in links[1]


def test_office_list_costs_the_same_queries_with_more_offices(client, dinant):
    before = count_queries(client, LIST, warm=True)
    for number in range(4):
        OfficePageFactory(
            title=f"Bureau {number}",
            slug=f"bureau-supplementaire-{number}",
            latitude=Decimal("50.4"),
            longitude=Decimal("4.8"),
            exceptions=[closure(timezone.localdate() + timedelta(days=number + 1), reason="congé")],
        )
    assert count_queries(client, LIST, warm=True) == before


def test_contact_page_answers_where_when_how(client):
    soup = soup_of(client, "/contact/")
    grid = soup.select_one(".contact-grid")
    assert grid.select_one("a[href='tel:+3281737176']").get_text() == "081 73 71 76"
    assert grid.select_one("a[href='mailto:info@cainamur.be']")
    assert "Rue Docteur Haibe 2" in grid.select_one("address").get_text()
    assert grid.select_one(".office-status").get_text(" ", strip=True).startswith("Horaires non communiqués")
    assert grid.select_one(f"a[href='{LIST}']")


def test_contact_page_carries_the_main_office_status_once_it_has_hours(client):
    office = OfficePage.objects.get(slug="saint-servais")
    office.opening_slots.add(OpeningSlot(weekday=0, opens=time(9), closes=time(12)))
    office.save_revision().publish()
    soup = soup_of(client, "/contact/")
    status = soup.select_one(".contact-grid [data-office-status]")
    assert json.loads(soup.select_one(f"script#{status['data-office-status']}").string)["week"]["0"] == [
        ["09:00", "12:00"]
    ]
    assert soup.select_one(".main-office table.week-hours")


@pytest.mark.parametrize(
    "url", ["/actions-services/parcours-dintegration/", "/actions-services/accompagnement/", "/ukraine/"]
)
def test_pages_for_newcomers_end_with_where_to_find_us(client, url):
    soup = soup_of(client, url)
    block = soup.select(".find-us")[-1]
    assert block.h2.get_text() == "Où nous trouver"
    assert block.select_one(".office-card__title a")["href"] == "/contact/bureau-daccueil/saint-servais/"
    assert "Rue Docteur Haibe 2" in block.get_text()
    assert block.select_one("a[href='tel:+3281737176']")
    assert block.select_one(f"a[href='{LIST}']").get_text() == "Tous les bureaux d'accueil et leurs horaires"


# Validation: clear French messages, nothing saved half-way.


def test_a_slot_must_close_after_it_opens_midnight_allowed():
    with pytest.raises(ValidationError, match="L'heure de fermeture doit suivre"):
        OpeningSlot(weekday=0, opens=time(14), closes=time(9)).clean()
    OpeningSlot(weekday=0, opens=time(20), closes=time(0)).clean()  # until midnight


@pytest.mark.parametrize(
    "exception, message",
    [
        (OfficeException(kind="closure", start_date=date(2027, 1, 5), reason=""), "Indiquez la raison"),
        (
            OfficeException(kind="closure", start_date=date(2027, 1, 5), end_date=date(2027, 1, 4), reason="x"),
            "La date de fin doit suivre",
        ),
        (OfficeException(kind="opening", start_date=date(2027, 1, 5), opens=time(10)), "ou aucune"),
        (opening(date(2027, 1, 5), hours="12:00-10:00"), "L'heure de fermeture doit suivre"),
    ],
)
def test_bad_exceptions_are_refused_in_french(exception, message):
    with pytest.raises(ValidationError, match=message):
        exception.clean()


def test_coordinates_come_in_pairs_and_a_photo_needs_its_description(page_at):
    office = page_at("/contact/bureau-daccueil/saint-servais/")
    office.latitude = Decimal("50.47")
    with pytest.raises(ValidationError, match="latitude et la longitude"):
        office.full_clean()
    office.longitude = Decimal("200")
    with pytest.raises(ValidationError):
        office.full_clean()


def test_offices_are_two_taps_from_every_page(client):
    for url in all_urls():
        soup = soup_of(client, url)
        link = soup.select_one("header a.header-link")
        assert link["href"] == "/contact/" and link.get_text(strip=True) == "Contact et horaires", url
        # On a phone (where the header link is hidden) the menu opens with "Nous trouver" and "Contact".
        shortcuts = [(a.get_text(strip=True), a["href"]) for a in soup.select("#menu-principal .menu-shortcut")]
        assert shortcuts == [("Nous trouver", LIST), ("Contact", "/contact/")], url
    assert soup_of(client, "/contact/").select_one(f"main a[href='{LIST}']")


def test_where_to_find_us_is_left_out_when_its_office_is_unpublished(client):
    OfficePage.objects.get(slug="saint-servais").unpublish()
    soup = soup_of(client, "/actions-services/parcours-dintegration/")
    assert soup.select(".find-us") == [] and "Où nous trouver" not in soup.get_text()
