"""Error pages that help: a 404 that suggests close live pages, and 400/500 pages that never need the database."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError, ProgrammingError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from pages.errors import (
    ERROR_PAGE_EMAIL,
    ERROR_PAGE_PHONE,
    ERROR_PAGE_SECTIONS,
    bad_request,
    rank_suggestions,
    server_error,
)
from pages.factories import StandardPageFactory

SEARCH_LABEL = "Rechercher sur le site"


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def suggestions(response):
    """The (title, href) pairs under « Vouliez-vous dire : », or [] when the 404 offers none."""
    section = soup_of(response).select_one(".error-page__suggestions")
    if section is None:
        return []
    assert section.find("h2").get_text() == "Vouliez-vous dire\xa0:"
    return [(link.get_text(strip=True), link["href"]) for link in section.select("a")]


def assert_search_form(soup):
    form = soup.find("main").select_one("form[role=search]")  # the header may hold a search form of its own
    assert form is not None
    assert form["action"] == "/recherche/" and form["method"] == "get"
    field = form.select_one("input[type=search]")
    label = form.find("label", attrs={"for": field["id"]})
    assert field["name"] == "q" and label.get_text(strip=True) == SEARCH_LABEL
    return form


def landmark_names(soup):
    """The accessible names of the page's search landmarks."""
    names = []
    for form in soup.select("form[role=search]"):
        labelled_by = form.get("aria-labelledby")
        names.append(soup.find(id=labelled_by).get_text(strip=True) if labelled_by else form.get("aria-label"))
    return names


# The ranking alone, without a database.


CANDIDATES = [
    ("/presentation/", "Présentation"),
    ("/presentation/qui-sommes-nous/", "Qui sommes-nous ?"),
    ("/presentation/qui-sommes-nous/histoire-du-centre/", "Histoire du Centre"),
    ("/actions-services/formations/", "Formations"),
    ("/actions-services/formations/exemple-formation/", "Exemple de formation"),
    ("/ressources/chiffres/", "Chiffres"),
]


@pytest.mark.parametrize(
    "path, first",
    [
        ("/presentation/histoire-du-centr/", "Histoire du Centre"),
        ("/formaton/", "Formations"),
        ("/information/centre-de-ressources/chiffres.html", "Chiffres"),
        ("/presentaton/", "Présentation"),
    ],
)
def test_ranking_puts_the_closest_page_first(path, first):
    assert rank_suggestions(path, CANDIDATES)[0]["title"] == first


def test_ranking_offers_at_most_three_pages():
    candidates = [(f"/actions-services/formation-{n}/", f"Formation {n}") for n in range(10)]
    assert len(rank_suggestions("/formation/", candidates)) == 3


@pytest.mark.parametrize("path", ["/", "/zqxjkv-wpty/", "/a/", "/2019/"])
def test_ranking_offers_nothing_for_unlike_paths(path):
    assert rank_suggestions(path, CANDIDATES) == []


# The 404 page on the seeded site.


@pytest.mark.django_db
def test_mistyped_address_suggests_the_page_it_resembles(client):
    response = client.get("/presentation/histoire-du-centr/")
    assert response.status_code == 404
    assert suggestions(response)[0] == ("Histoire du Centre", "/presentation/qui-sommes-nous/histoire-du-centre/")
    assert len(suggestions(response)) <= 3


@pytest.mark.django_db
def test_typo_in_a_section_name_suggests_that_section(client):
    response = client.get("/formaton/")
    assert response.status_code == 404
    assert suggestions(response)[0] == ("Formations", "/actions-services/formations/")


@pytest.mark.django_db
def test_gibberish_gets_a_404_without_suggestions(client):
    response = client.get("/zqxjkv-wpty-mmrq/")
    assert response.status_code == 404
    assert suggestions(response) == []
    assert "Vouliez-vous dire" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/" + "a" * 10_000 + "/",
        "/formations/" + "é" * 400 + "/",
        "/presentation/<script>/",
        "/presentation/histoire du centr/",
    ],
)
def test_long_or_odd_paths_get_a_plain_404_never_a_500(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert suggestions(response) == []
    assert soup_of(response).find("h1").get_text() == "Page introuvable"


@pytest.mark.django_db
def test_404_page_is_french_with_search_sections_and_contact(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    soup = soup_of(response)
    assert soup.find("html")["lang"] == "fr-be"
    assert soup.find("title").get_text().startswith("Page introuvable – ")
    assert soup.select_one("meta[name=robots]")["content"] == "noindex"
    assert_search_form(soup)
    names = landmark_names(soup)
    assert len(names) == len(set(names)), names  # beside the header's search box, a landmark of its own name
    main = soup.find("main")
    sections = [link.get_text(strip=True) for link in main.select(".error-page__sections a")]
    assert sections[:5] == ["Accueil", "Présentation", "Actions/Services", "Thématiques", "Ressources"]
    assert main.find("a", string="Contactez-nous")["href"] == "/contact/"


@pytest.mark.django_db
def test_suggestions_cost_one_query_whatever_the_number_of_pages(client, page_at):
    def queries_for_a_404():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/presentation/histoire-du-centr/").status_code == 404
        return len(captured)

    client.get("/presentation/histoire-du-centr/")  # warm the caches (site root paths, settings)
    before = queries_for_a_404()
    parent = page_at("/presentation/")
    for number in range(20):
        StandardPageFactory(parent=parent, title=f"Page ajoutée {number}", slug=f"page-ajoutee-{number}")
    assert queries_for_a_404() == before


@pytest.mark.django_db
def test_a_private_page_is_never_suggested(client, page_at):
    from wagtail.models import PageViewRestriction

    history = page_at("/presentation/qui-sommes-nous/histoire-du-centre/")
    PageViewRestriction.objects.create(page=history, restriction_type=PageViewRestriction.LOGIN)
    titles = [title for title, _ in suggestions(client.get("/presentation/histoire-du-centr/"))]
    assert "Histoire du Centre" not in titles


# The 500 and 400 pages: no database at all.


def test_500_and_400_pages_render_where_database_access_is_forbidden():
    # No django_db mark: pytest-django turns any database access in this test into an error.
    assert server_error(RequestFactory().get("/")).status_code == 500
    assert bad_request(RequestFactory().get("/")).status_code == 400


@pytest.mark.django_db
def test_500_page_renders_without_any_query_and_links_to_sections(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    soup = soup_of(response)
    assert soup.find("html")["lang"] == "fr-BE"
    assert soup.find("h1").get_text() == "Le site rencontre un problème"
    assert landmark_names(soup) == [SEARCH_LABEL]
    assert_search_form(soup)
    hrefs = [link["href"] for link in soup.select(".error-page__sections a")]
    assert hrefs == ["/"] + [url for _, url in ERROR_PAGE_SECTIONS]
    assert soup.find("a", string="Contactez-nous")["href"] == "/contact/"


@pytest.mark.django_db
def test_500_handler_answers_even_when_a_query_fails(client):
    """A database error that is not an outage (a missing table after a failed deploy) is a 500, rendered without
    the database; an outage is a 503 (ops/tests/test_db_errors.py)."""
    client.raise_request_exception = False
    failure = ProgrammingError('relation "pages_standardpage" does not exist')
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=failure) as cursor:
        response = client.get("/presentation/")
    assert cursor.called  # the page itself did hit the broken database
    assert response.status_code == 500
    soup = soup_of(response)
    assert soup.find("h1").get_text() == "Le site rencontre un problème"
    assert_search_form(soup)


def test_an_unreachable_database_is_a_503_not_a_500(client):
    client.raise_request_exception = False
    failure = OperationalError("la base de données est injoignable")
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=failure):
        response = client.get("/presentation/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert soup_of(response).find("h1").get_text() == "Le site est momentanément indisponible"


@pytest.mark.django_db
def test_400_page_has_the_search_box_and_sections_without_any_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = bad_request(RequestFactory().get("/"))
    assert response.status_code == 400
    soup = soup_of(response)
    assert soup.find("h1").get_text() == "Adresse non valide"
    assert_search_form(soup)
    assert len(soup.select(".error-page__sections a")) == len(ERROR_PAGE_SECTIONS) + 1


@pytest.mark.django_db
def test_sections_of_the_database_free_pages_are_live_menu_sections(client):
    """ERROR_PAGE_SECTIONS is written by hand: it must name live pages of the main menu, under their titles."""
    menu = soup_of(client.get("/")).select_one("nav[aria-label='Menu principal'] .menu")
    top_level = {link["href"]: link.get_text(strip=True) for link in menu.select(":scope > li > a.menu__link")}
    for title, url in ERROR_PAGE_SECTIONS:
        assert top_level.get(url) == title, url
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_database_free_pages_give_the_centres_phone_and_e_mail_as_seeded(site):
    """ERROR_PAGE_PHONE and ERROR_PAGE_EMAIL are written by hand: they must be the centre's details, as seeded."""
    from contact.models import ContactDetails

    details = ContactDetails.for_site(site)
    assert (details.phone, details.email) == (ERROR_PAGE_PHONE, ERROR_PAGE_EMAIL)
    request = RequestFactory().get("/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        outage = server_error(request)
    for response in (bad_request(request), server_error(request), outage):
        links = {link["href"]: link.get_text() for link in soup_of(response).select(".error-page__reach a")}
        assert links == {"tel:+3281737176": "081 73 71 76", "mailto:info@cainamur.be": "info@cainamur.be"}
