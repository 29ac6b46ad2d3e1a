"""Hostile input on every filtered list, feed and calendar: never a 500, on SQLite as on PostgreSQL.

PostgreSQL refuses a NUL byte in a text parameter where SQLite simply finds nothing, so this file must also run
with ``DATABASE_URL=postgres://...`` (see CONVENTIONS.md, "Tests").
"""

import datetime
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cai_site.middleware import has_control_character
from news.factories import NewsPageFactory
from publications.factories import PublicationPageFactory
from thematiques.factories import theme
from trainings.factories import TrainingPageFactory, TrainingSessionFactory

NEWS = "/ressources/actus-du-secteur/"
TRAININGS = "/actions-services/formations/"
PUBLICATIONS = "/ressources/outils-et-publications/"

# Every filtered list, feed and calendar of the seeded site, with the parameters it reads. The calendar reads
# none: it is given the list's parameters anyway, which it must ignore.
PARAMETERS_READ = {
    NEWS: ("thematique", "annee", "page"),
    NEWS + "rss/": ("thematique",),
    NEWS + "atom/": ("thematique",),
    TRAININGS: ("thematique", "public", "page"),
    TRAININGS + "archives/": ("thematique", "public", "page"),
    TRAININGS + "agenda/": ("thematique", "public", "page"),
    PUBLICATIONS: ("thematique", "type", "annee", "page"),
}
URLS = list(PARAMETERS_READ)
URL_PARAMETERS = [(url, name) for url, names in PARAMETERS_READ.items() for name in names]
LISTS = {  # list → its "no results" message (templates/components/results.html and the index templates)
    NEWS: "Aucune actualité ne correspond à ces critères.",
    TRAININGS: "Aucune formation à venir ne correspond à ces critères.",
    TRAININGS + "archives/": "Aucune formation passée ne correspond à ces critères.",
    PUBLICATIONS: "Aucune publication ne correspond à ces critères.",
}

# Values as they appear in the query string (already percent-encoded).
CONTROL_CHARACTERS = {"nul": "%00", "soh": "%01", "line-feed": "%0A", "delete": "%7F", "next-line-c1": "%C2%85"}
UNICODE = {
    "emoji-and-right-to-left": quote("🏳️‍🌈👩🏽‍🏫 الصحة \u202eabc\u202c"),
    "combining-and-nfd": quote("sante\u0301 s" + "\u0301\u0302\u0303\u0308\u030a" * 20),
}
NUMBERS = {"negative": "-1", "huge": "99999999999", "overflowing-float": "1e999"}
HOSTILE = {**UNICODE, **NUMBERS, "ten-kilobytes": "a" * 10_240}

BAD_REQUEST_TITLE = "Adresse non valide"


def get(client, url, name, value):
    return client.get(f"{url}?{name}={value}")


def assert_french_bad_request(response):
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("html")["lang"] == "fr-BE"
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == [BAD_REQUEST_TITLE]
    assert "caractères qui ne sont pas acceptés" in soup.find("main").get_text()
    assert soup.select_one("link[rel=stylesheet]")["href"] == "/static/css/site.css"


def publish_one_item(url):
    """One item in the list at ``url``, so that a refused filter visibly hides it (never the whole list)."""
    if url == NEWS:
        NewsPageFactory(thematiques=[theme("sante")])
    elif url == PUBLICATIONS:
        PublicationPageFactory(thematiques=[theme("sante")])
    else:
        day = timezone.localdate() + datetime.timedelta(days=-30 if url.endswith("archives/") else 30)
        TrainingPageFactory(thematiques=[theme("sante")], sessions=[TrainingSessionFactory.build(date=day)])


def listed_items(response):
    return BeautifulSoup(response.content, "html.parser").select(".item-list > li")


# The decision itself, without HTTP


@pytest.mark.parametrize(
    "path, query_string",
    [
        ("/ressources/actus-du-secteur/", ""),
        ("/ressources/actus-du-secteur/", "thematique=sante&annee=2025&page=2"),
        ("/ressources/", "q=caf%C3%A9+cr%C3%A8me"),  # percent-encoded UTF-8 and "+" for a space
        ("/ressources/", "q=%E2%80%AEabc"),  # U+202E right-to-left override: a format character, not a control
        ("/ressources/", "q=%FF%FE"),  # not UTF-8: decoded as U+FFFD, like Django does
        ("/ressources/", "q=100%&r=%"),  # stray percent signs
        ("/ressources/é/", "annee=2024&annee=2025"),
    ],
)
def test_ordinary_addresses_have_no_control_character(path, query_string):
    assert not has_control_character(path, query_string)


@pytest.mark.parametrize(
    "path, query_string",
    [
        ("/ressources/\x00/", ""),
        ("/ressources/\n", ""),
        ("/", "thematique=%00"),
        ("/", "%00=1"),  # in a parameter's name
        ("/", "annee=%0a"),  # lower-case hex
        ("/", "annee=%7F"),
        ("/", "annee=2024&thematique=%C2%85"),  # U+0085, a C1 control written in UTF-8
        ("/", "page=%09"),
        ("/", "page=\x01"),  # not percent-encoded at all
    ],
)
def test_control_characters_are_found_in_path_or_query_string(path, query_string):
    assert has_control_character(path, query_string)


# Through HTTP


@pytest.mark.django_db
@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("url, name", URL_PARAMETERS)
def test_hostile_values_get_an_ordinary_answer_never_a_server_error(client, url, name, value):
    response = get(client, url, name, value)
    assert response.status_code < 500
    if url in LISTS and name != "page":  # an unknown filter value: no results, and the form says which filter
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        assert LISTS[url] in soup.select_one(".results__empty").get_text()
        assert soup.select_one(".filters__errors[role=alert]") is not None
    elif url.endswith(("rss/", "atom/")):  # a feed of an unknown thématique (NewsIndexPage.feed_items)
        assert response.status_code == 404
    else:  # a page number that is not one, or a parameter the calendar does not read
        assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("value", CONTROL_CHARACTERS.values(), ids=CONTROL_CHARACTERS.keys())
@pytest.mark.parametrize("url, name", URL_PARAMETERS)
def test_control_characters_in_a_parameter_are_refused_with_a_french_400(client, url, name, value):
    assert_french_bad_request(get(client, url, name, value))


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS)
def test_nul_byte_in_the_path_is_refused_with_a_french_400(client, url):
    assert_french_bad_request(client.get(url[:-1] + "%00/"))


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/%00", "/admin/%00/", "/static/css/site%00.css", "/media/%0A.png", "/?%00=1"])
def test_control_characters_are_refused_before_any_app_sees_them(client, url):
    assert_french_bad_request(client.get(url))


@pytest.mark.django_db
@pytest.mark.parametrize("url", [NEWS + "rss/?thematique=%00", NEWS + "a%00b/", PUBLICATIONS + "?annee=%C2%85"])
def test_the_400_page_does_not_query_the_database(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 400
    assert len(queries) == 0, [query["sql"] for query in queries]


@pytest.mark.django_db
def test_the_400_answer_keeps_the_security_headers(client):
    # The middleware sits inside SecurityMiddleware, which adds its headers to every answer, this one included.
    response = client.get(NEWS + "rss/?thematique=%00")
    assert response.status_code == 400
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


# With one item in each list (publishing it is the slow part, so each test loops over a few values).


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTS)
def test_unknown_filter_values_never_show_the_whole_list(client, url):
    publish_one_item(url)
    assert len(listed_items(client.get(url))) == 1
    filters = [name for name in PARAMETERS_READ[url] if name != "page"]
    for name in filters:
        for value in (UNICODE["combining-and-nfd"], NUMBERS["huge"], NUMBERS["negative"]):
            response = get(client, url, name, value)
            assert response.status_code == 200
            assert listed_items(response) == [], f"{url}?{name}={value}"


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTS)
def test_out_of_range_page_numbers_land_on_a_page_that_exists(client, url):
    publish_one_item(url)
    for value in ("99999999999999999999", "-5", "1e999", "NaN"):
        response = get(client, url, "page", value)
        assert response.status_code == 200, value
        assert len(listed_items(response)) == 1, value


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, query, status",
    [
        (NEWS, "annee=2024&annee=2025", 200),
        (NEWS, "thematique=sante&thematique=asile&page=1&page=2", 200),
        (NEWS + "rss/", "thematique=inconnue&thematique=asile", 200),  # the last one counts, like request.GET
        (NEWS + "atom/", "thematique=sante&thematique=inconnue", 404),
        (TRAININGS, "public=x&public=y&page=1&page=2", 200),
        (TRAININGS + "archives/", "thematique=sante&thematique=sante", 200),
        (TRAININGS + "agenda/", "page=1&page=2", 200),
        (PUBLICATIONS, "annee=2024&annee=2025&type=a&type=b", 200),
    ],
)
def test_repeated_parameters_are_answered_like_a_single_one(client, url, query, status):
    assert client.get(f"{url}?{query}").status_code == status


@pytest.mark.django_db
def test_raw_accented_letters_in_the_query_string_are_not_taken_for_control_characters(client):
    # Not percent-encoded: the WSGI server hands the UTF-8 bytes over as Latin-1, where "É" (C3 89) would look
    # like "Ã" followed by the C1 control U+0089.
    response = client.get(NEWS + "?thematique=ÉÀÈ")
    assert response.status_code == 200
    assert LISTS[NEWS] in response.content.decode()
