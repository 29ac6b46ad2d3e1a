"""Hostile input on the directory page and its exports: never a 500, on SQLite as on PostgreSQL.

Run it on both (``DATABASE_URL=postgres://... pytest directory --migrations``): PostgreSQL refuses a NUL byte in a
text parameter where SQLite simply finds nothing. Control characters are refused with a 400 by
``cai_site.middleware.ControlCharacterMiddleware`` before the page sees them.
"""

import json
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from directory.factories import DirectoryEntryFactory, DirectoryPageFactory
from directory.models import DirectoryPage
from tests.helpers import shared_content
from thematiques.factories import theme

pytestmark = pytest.mark.django_db

EMPTY = "Aucun service ne correspond à votre recherche."
PARAMETERS = ("thematique", "commune", "q", "page")
VIEWS = ("", "export/csv/", "export/json/")
CONTROL_CHARACTERS = {"nul": "%00", "soh": "%01", "line-feed": "%0A", "delete": "%7F", "next-line-c1": "%C2%85"}
UNICODE = {
    "emoji-and-right-to-left": quote("🏳️‍🌈👩🏽‍🏫 الصحة \u202eabc\u202c"),
    "combining-and-nfd": quote("sante\u0301 s" + "\u0301\u0302\u0303\u0308\u030a" * 20),
    "lone-surrogate-escaped": "%ED%A0%80",  # not UTF-8: Django reads U+FFFD
}
SQL = {
    "or-true": quote("' OR '1'='1"),
    "comment": quote("x'; DROP TABLE directory_directoryentry; --"),
    "like-wildcards": quote("%_%"),
    "backslash": quote("\\"),
}
NUMBERS = {"negative": "-1", "huge": "99999999999999999999", "overflowing-float": "1e999", "nan": "NaN"}
HOSTILE = {**UNICODE, **SQL, **NUMBERS, "ten-kilobytes": "a" * 10_240}


@pytest.fixture(scope="module")
def directory(django_db_setup, django_db_blocker):
    yield from shared_content(django_db_blocker, lambda: DirectoryPage.objects.first() or DirectoryPageFactory())


@pytest.fixture
def url(directory):
    DirectoryEntryFactory(name="Exemple : un service", commune="Namur", thematiques=[theme("sante")])
    return directory.url


def listed(response):
    return BeautifulSoup(response.content, "html.parser").select(".directory-entry")


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("name", PARAMETERS)
def test_hostile_values_get_an_ordinary_answer(client, url, name, value):
    response = client.get(f"{url}?{name}={value}")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    if name == "page":  # not a page number: a page that exists
        assert len(listed(response)) == 1
    else:  # an unknown choice, or a search that finds nothing: no results and the way back
        assert listed(response) == []
        empty = soup.select_one(".results__empty")
        assert EMPTY in empty.get_text()
        assert empty.select_one("a")["href"] == url
    if name in ("thematique", "commune") or (name == "q" and value == HOSTILE["ten-kilobytes"]):
        errors = soup.select_one(".filters__errors[role=alert]")  # the form says which filter it refused
        assert errors is not None and "Un des filtres n'est pas reconnu" in errors.get_text()


def test_a_search_too_long_is_refused_by_the_form_in_french(client, url):
    soup = BeautifulSoup(client.get(f"{url}?q={'a' * 101}").content, "html.parser")
    assert "Rechercher : Assurez-vous que cette valeur comporte au plus 100 caractères" in soup.select_one(
        ".filters__errors"
    ).get_text(" ", strip=True)


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("view", VIEWS[1:])
def test_exports_with_hostile_values_are_empty_never_an_error(client, url, view, value):
    for name in ("thematique", "commune", "q"):
        response = client.get(f"{url}{view}?{name}={value}")
        assert response.status_code == 200
        if view == "export/json/":
            assert json.loads(response.content) == []
        else:
            assert len(response.content.decode("utf-8-sig").splitlines()) == 1  # the header only


@pytest.mark.parametrize("value", CONTROL_CHARACTERS.values(), ids=CONTROL_CHARACTERS.keys())
@pytest.mark.parametrize("view", VIEWS)
def test_control_characters_are_refused_with_a_french_400(client, url, view, value):
    for name in PARAMETERS:
        response = client.get(f"{url}{view}?{name}={value}")
        assert response.status_code == 400
        assert "caractères qui ne sont pas acceptés" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "thematique=sante&thematique=inconnue&thematique=sante",
        "commune=Namur&commune=Dinant&commune=Namur",
        "q=service&q=%27&q=service",
        "page=1&page=abc&page=2",
    ],
)
@pytest.mark.parametrize("view", VIEWS)
def test_repeated_parameters_are_answered_like_the_last_one(client, url, view, query):
    response = client.get(f"{url}{view}?{query}")
    assert response.status_code == 200
    if view == "":
        assert len(listed(response)) == 1


def test_raw_accents_and_search_wildcards_are_read_literally(client, url):
    DirectoryEntryFactory(name="Exemple : 100 % gratuit", commune="Éghezée")
    assert len(listed(client.get(f"{url}?commune=Éghezée"))) == 1
    assert len(listed(client.get(f"{url}?q={quote('100 %')}"))) == 1
    assert len(listed(client.get(f"{url}?q={quote('_')}"))) == 0
