"""The directory page: listing, filters, links, map, exports, query budget, page-tree rules, admin."""

import csv
import io
import json
import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directory.factories import DirectoryEntryFactory, DirectoryPageFactory
from directory.models import DirectoryEntry, DirectoryPage, FreeOfCharge
from pages.models import SectionPage
from tests.helpers import count_queries, shared_content, soup_of
from thematiques.factories import theme

pytestmark = pytest.mark.django_db

EMPTY = "Aucun service ne correspond à votre recherche."


def build_page():
    """The seeded directory page if the seed makes one, else one under "Ressources"."""
    return DirectoryPage.objects.first() or DirectoryPageFactory()


@pytest.fixture(scope="module")
def directory(django_db_setup, django_db_blocker):
    yield from shared_content(django_db_blocker, build_page)


@pytest.fixture
def url(directory):
    return directory.url


@pytest.fixture
def entries():
    """Five services in three communes, filed under santé, logement or both."""
    return [
        DirectoryEntryFactory(
            key="maison-medicale",
            name="Exemple : maison médicale",
            description="Consultations de médecine générale.",
            commune="Namur",
            thematiques=[theme("sante")],
            phone="081 00 00 01",
            email="maison@example.org",
            latitude=Decimal("50.466900"),
            longitude=Decimal("4.867500"),
        ),
        DirectoryEntryFactory(
            key="aide-logement",
            name="Exemple : aide au logement",
            description="Recherche d'un logement. <b>Pas de HTML</b> : écrivez à logement@example.org.",
            commune="Namur",
            thematiques=[theme("logement")],
            phone="081/00.00.02 ; +32 470 00 00 03",
            website="https://example.org/logement",
        ),
        DirectoryEntryFactory(
            key="sante-dinant",
            name="Exemple : santé à Dinant",
            description="Un centre de santé.",
            commune="Dinant",
            postal_code="5500",
            thematiques=[theme("sante"), theme("logement")],
            latitude=Decimal("50.260600"),
            longitude=Decimal("4.912200"),
        ),
        DirectoryEntryFactory(
            key="fle-eghezee",
            name="Exemple : cours de français",
            description="Français langue étrangère.",
            commune="Éghezée",
            postal_code="5310",
            thematiques=[theme("fle-alpha-ran")],
            languages="français,anglais, arabe",
            free_of_charge=FreeOfCharge.YES,
        ),
        DirectoryEntryFactory(
            key="benevolat",
            name="Exemple : bénévolat",
            description="Devenir bénévole.",
            commune="Dinant",
            postal_code="5500",
            thematiques=[theme("volontariat")],
            hours="Lundi : 9 h – 12 h\nMardi : sur rendez-vous au 081 00 00 05 ou à rdv@example.org",
            free_of_charge=FreeOfCharge.NO,
        ),
    ]


def names(soup):
    return [h3.get_text(strip=True) for h3 in soup.select(".directory-entry .item-card__title")]


def heading(soup):
    return soup.select_one(".results__count").get_text(" ", strip=True)


# Listing and filters


def test_the_page_lists_every_service_by_name_with_the_count(client, url, entries):
    soup = soup_of(client, url)
    assert names(soup) == sorted(entry.name for entry in entries)
    assert heading(soup) == "5 services"
    assert [h1.get_text(strip=True) for h1 in soup.select("h1")] == [DirectoryPage.objects.get().title]


@pytest.mark.parametrize(
    "query, expected, count",
    [
        ("thematique=sante", ["Exemple : maison médicale", "Exemple : santé à Dinant"], "2 services (Santé)"),
        ("commune=Dinant", ["Exemple : bénévolat", "Exemple : santé à Dinant"], "2 services (Dinant)"),
        ("thematique=sante&commune=Dinant", ["Exemple : santé à Dinant"], "1 service (Santé, Dinant)"),
        ("q=logement", ["Exemple : aide au logement"], "1 service (« logement »)"),
        ("q=NAMUR+maison", ["Exemple : maison médicale"], "1 service (« NAMUR maison »)"),
        ("q=exemple&thematique=logement&commune=Namur", ["Exemple : aide au logement"], None),
        ("commune=%C3%89ghez%C3%A9e", ["Exemple : cours de français"], "1 service (Éghezée)"),
    ],
)
def test_filters_combine_and_the_count_says_how_many(client, url, entries, query, expected, count):
    soup = soup_of(client, f"{url}?{query}")
    assert names(soup) == expected
    if count:
        assert heading(soup) == count
    assert soup.title.get_text().startswith(f"{DirectoryPage.objects.get().title} : {len(expected)} service")


def test_the_filter_form_is_a_get_form_whose_submission_is_the_bookmarkable_address(client, url, entries):
    soup = soup_of(client, url)
    form = soup.select_one("form.filters")
    assert form["method"] == "get"
    assert [field["name"] for field in form.select("select, input")] == ["thematique", "commune", "q"]
    assert [option["value"] for option in form.select("select[name=commune] option")] == [
        "",
        "Dinant",
        "Éghezée",
        "Namur",
    ]
    # What the browser sends is the address to bookmark: the same results every time.
    bookmark = f"{url}?thematique=sante&commune=Namur&q="
    assert names(soup_of(client, bookmark)) == ["Exemple : maison médicale"]
    assert names(soup_of(client, bookmark)) == ["Exemple : maison médicale"]


def test_no_result_says_so_in_french_with_a_link_to_the_whole_list(client, url, entries):
    soup = soup_of(client, f"{url}?q=introuvable")
    empty = soup.select_one(".results__empty")
    assert EMPTY in empty.get_text()
    assert empty.select_one("a")["href"] == url
    assert heading(soup) == "0 service (« introuvable »)"
    assert soup.select_one("#carte-repertoire-titre") is None


def test_pagination_keeps_the_filters(client, url):
    for number in range(14):
        DirectoryEntryFactory(name=f"Exemple : service {number:02d}", thematiques=[theme("sante")])
    soup = soup_of(client, f"{url}?thematique=sante&q=service")
    assert len(names(soup)) == 12
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert parse_qs(urlsplit(next_link).query) == {"thematique": ["sante"], "q": ["service"], "page": ["2"]}
    assert names(soup_of(client, f"{url}{next_link}")) == ["Exemple : service 12", "Exemple : service 13"]


@pytest.mark.parametrize("number, first", [("abc", "00"), ("999999", "12"), ("-1", "12"), ("1e999", "00")])
def test_page_numbers_that_are_not_pages_land_on_one(client, url, number, first):
    for index in range(14):
        DirectoryEntryFactory(name=f"Exemple : service {index:02d}")
    assert names(soup_of(client, f"{url}?page={number}"))[0] == f"Exemple : service {first}"


# What each entry shows


def test_each_entry_shows_its_details(client, url, entries):
    soup = soup_of(client, url)
    entry = soup.select_one("#service-aide-logement")
    text = entry.get_text(" ", strip=True)
    assert "Recherche d'un logement." in text
    assert "Rue de l'Exemple 1 5000 Namur" in text
    assert [tag.get_text(strip=True) for tag in entry.select(".tag")] == ["Logement"]
    assert entry.select_one("a[href='https://example.org/logement']") is not None
    languages = soup.select_one("#service-fle-eghezee").get_text(" ", strip=True)
    assert "Langues parlées français, anglais, arabe" in languages
    assert "Gratuit Oui, gratuit" in languages
    hours = soup.select_one("#service-benevolat")
    assert "Lundi\u00a0: 9 h – 12 h" in hours.get_text() and hours.find("br") is not None
    assert "Gratuit Non, payant" in hours.get_text(" ", strip=True)


def test_every_phone_number_and_e_mail_address_is_a_link(client, url, entries):
    soup = soup_of(client, url)
    assert [(a.get_text(), a["href"]) for a in soup.select(".directory-entry a[href^='tel:']")] == [
        ("081/00.00.02", "tel:+3281000002"),
        ("+32 470 00 00 03", "tel:+32470000003"),
        ("081 00 00 05", "tel:+3281000005"),  # written in the hours
        ("081 00 00 01", "tel:+3281000001"),
    ]
    assert [a["href"] for a in soup.select(".directory-entry a[href^='mailto:']")] == [
        "mailto:logement@example.org",  # written in the description
        "mailto:rdv@example.org",
        "mailto:maison@example.org",
    ]
    assert "<b>Pas de HTML</b>" in soup.select_one("#service-aide-logement .item-card__text").get_text()
    for text in soup.select_one(".item-list").find_all(string=True):
        if re.search(r"\d{2,}[\s/.]\d{2}[\s.]\d{2}", text) or "@" in text:
            assert text.parent.name == "a", text
            assert text.parent["href"].startswith(("tel:", "mailto:")), text


# The map


def test_the_map_shows_the_services_of_the_current_page(client, url, entries):
    soup = soup_of(client, f"{url}?commune=Namur")
    section = soup.select_one("[data-consent-map=carte-repertoire]")
    assert section.select_one("h2").get_text(strip=True) == "Carte des services"
    assert [(a.get_text(strip=True), a["href"]) for a in section.select(".place-map__list li > a:first-child")] == [
        ("Exemple : aide au logement", "#service-aide-logement"),
        ("Exemple : maison médicale", "#service-maison-medicale"),
    ]
    markers = json.loads(soup.select_one("script#carte-repertoire").string)
    assert markers == [
        {
            "name": "Exemple : maison médicale",
            "address": "Rue de l'Exemple 1, 5000 Namur",
            "lat": 50.4669,
            "lon": 4.8675,
            "url": "#service-maison-medicale",
        }
    ]
    for point in section.select(".place-map__list li > a:first-child"):
        assert soup.select_one(point["href"]) is not None  # the anchor exists on the page


# Exports


def export(client, url, kind, query=""):
    response = client.get(f"{url}export/{kind}/{'?' + query if query else ''}")
    assert response.status_code == 200
    return response


def test_the_page_links_to_both_exports_with_its_filters(client, url, entries):
    soup = soup_of(client, f"{url}?thematique=sante&commune=Dinant")
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".directory-exports a")}
    assert links == {
        "Télécharger (CSV)": f"{url}export/csv/?thematique=sante&commune=Dinant",
        "Télécharger (JSON)": f"{url}export/json/?thematique=sante&commune=Dinant",
    }


def test_the_csv_export_is_excel_ready_and_applies_the_filters(client, url, entries):
    response = export(client, url, "csv", "thematique=sante")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="repertoire-des-services-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"]
    )
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "id",
        "nom",
        "description",
        "thematiques",
        "commune",
        "adresse",
        "code_postal",
        "latitude",
        "longitude",
        "telephone",
        "email",
        "site_web",
        "horaires",
        "langues",
        "gratuit",
    ]
    assert [row[0] for row in rows[1:]] == ["maison-medicale", "sante-dinant"]
    assert rows[2][3] == "logement|sante"  # in the menu's order
    assert rows[1][7:9] == ["50,466900", "4,867500"]


def test_the_csv_export_neutralises_cells_a_spreadsheet_would_run(client, url):
    DirectoryEntryFactory(
        key="formules",
        name='=HYPERLINK("https://example.org";"clic")',
        description="+1+2",
        commune="-Namur",
        street="@SUM(A1)",
        hours="\tindenté",
        languages="\rretour",
        phone="+32 81 00 00 00",
    )
    response = export(client, url, "csv")
    rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    row = next(row for row in rows if row[0] == "formules")
    assert row[1] == '\'=HYPERLINK("https://example.org";"clic")'
    assert row[2] == "'+1+2"
    assert row[4] == "'-Namur"
    assert row[5] == "'@SUM(A1)"
    assert row[9] == "'+32 81 00 00 00"
    assert row[12] == "'\tindenté"
    assert row[13] == "'\rretour"
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_the_json_export_has_the_same_fields_and_applies_the_filters(client, url, entries):
    response = export(client, url, "json", "commune=Namur&q=maison")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="repertoire-des-services-')
    assert response["Content-Disposition"].endswith('.json"')
    assert json.loads(response.content) == [
        {
            "id": "maison-medicale",
            "nom": "Exemple : maison médicale",
            "description": "Consultations de médecine générale.",
            "thematiques": ["sante"],
            "commune": "Namur",
            "adresse": "Rue de l'Exemple 1",
            "code_postal": "5000",
            "latitude": 50.4669,
            "longitude": 4.8675,
            "telephone": "081 00 00 01",
            "email": "maison@example.org",
            "site_web": "",
            "horaires": "",
            "langues": "",
            "gratuit": "",
        }
    ]


def test_exports_are_not_paginated(client, url):
    for number in range(15):
        DirectoryEntryFactory(name=f"Exemple : service {number:02d}")
    assert len(json.loads(export(client, url, "json").content)) == 15


def test_an_export_with_an_unknown_filter_value_is_empty_not_everything(client, url, entries):
    assert json.loads(export(client, url, "json", "thematique=inconnue").content) == []


# Query budget


def test_the_page_costs_the_same_queries_with_five_more_services(client, url, entries):
    before = count_queries(client, url, warm=True)  # warm: the footer's logos have their renditions
    filtered = count_queries(client, f"{url}?thematique=sante&commune=Namur&q=exemple")
    for number in range(5):
        DirectoryEntryFactory(thematiques=[theme("sante"), theme("asile")], commune=f"Commune {number}")
    assert count_queries(client, url) == before
    assert count_queries(client, f"{url}?thematique=sante&commune=Namur&q=exemple") == filtered


# Page-tree rules and the admin


def test_the_directory_page_has_no_children_and_is_a_singleton():
    assert DirectoryPage.clean_parent_page_models() == [SectionPage]
    assert DirectoryPage.clean_subpage_models() == []
    assert DirectoryPage.max_count == 1


def test_the_directory_page_can_be_created_under_a_section_only(home):
    assert DirectoryPage.allowed_parent_page_models() == [SectionPage]
    assert not DirectoryPage.can_create_at(home)


def test_an_entry_without_a_key_gets_one_from_its_name():
    first = DirectoryEntry.objects.create(name="Exemple : Maison de l'emploi")
    second = DirectoryEntry.objects.create(name="Exemple : Maison de l'emploi")
    assert (first.key, second.key) == ("exemple-maison-de-lemploi", "exemple-maison-de-lemploi-2")


@pytest.mark.parametrize(
    "values, field",
    [
        ({"latitude": Decimal("50.4")}, "longitude"),
        ({"longitude": Decimal("4.8")}, "latitude"),
        ({"latitude": Decimal("91"), "longitude": Decimal("4.8")}, "latitude"),
        ({"phone": "appelez-nous"}, "phone"),
        ({"postal_code": "50000"}, "postal_code"),
        ({"key": "avec espace"}, "key"),
    ],
)
def test_the_model_refuses_what_the_import_refuses(values, field):
    with pytest.raises(ValidationError) as raised:
        DirectoryEntry(**{"key": "exemple", "name": "Exemple", **values}).full_clean()
    assert field in raised.value.message_dict


def test_the_admin_lists_searches_and_filters_entries(admin_client, entries):
    index = reverse("wagtailsnippets_directory_directoryentry:list")
    response = admin_client.get(index, {"q": "dinant"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Exemple : santé à Dinant" in content and "Exemple : maison médicale" not in content
    response = admin_client.get(index, {"thematiques": theme("logement").pk, "commune__icontains": "namur"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Exemple : aide au logement" in content and "Exemple : santé à Dinant" not in content
    edit = admin_client.get(reverse("wagtailsnippets_directory_directoryentry:edit", args=[entries[0].pk]))
    assert edit.status_code == 200
    assert "Gratuit" in edit.content.decode()
