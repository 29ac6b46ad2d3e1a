"""Hostile queries on the search: a 200 or a 400 with a French message, never a 500, on SQLite and PostgreSQL."""

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitesearch.forms import INVALID_CHARACTER, SearchForm
from sitesearch.text import engine_query, excerpt, normalise_query, stems

SEARCH = "/recherche/"


def main_text(response):
    return BeautifulSoup(response.content, "html.parser").find("main").get_text(" ", strip=True)


@pytest.mark.django_db
def test_an_empty_search_shows_the_form_and_a_french_hint(client):
    for query_string in ("", "?q=", "?q=+++"):
        response = client.get(SEARCH + query_string)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.find("h1").get_text(strip=True) == "Rechercher sur le site"
        assert "Tapez un ou plusieurs mots" in soup.select_one("#search-hint").get_text()
        assert soup.select_one("main form[role=search] input[name=q]") is not None


@pytest.mark.django_db
def test_a_ten_thousand_character_search_is_cut_with_a_french_message(client):
    response = client.get(SEARCH + "?q=" + "formation " * 1000)
    assert response.status_code == 200
    assert "seuls ses 200 premiers caractères ont été utilisés" in main_text(response)
    assert len(BeautifulSoup(response.content, "html.parser").select_one("main input[name=q]")["value"]) <= 200


@pytest.mark.django_db
def test_a_nul_byte_is_refused_with_a_french_400(client):
    response = client.get(SEARCH + "?q=forma%00tion")
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "html.parser").find("html")["lang"] == "fr-BE"


@pytest.mark.django_db
def test_the_form_refuses_control_characters_in_french():
    form = SearchForm({"q": "forma\x00tion"})
    assert not form.is_valid()
    assert form.errors["q"] == [INVALID_CHARACTER]


HOSTILE = [
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "'; DROP TABLE wagtailcore_page; --",
    '"formation',
    "formation\"'(",
    "le la les de des du",
    "*",
    "NEAR(a b) AND NOT OR",
    "a:b {col}:c ^d",
    "%_\\",
    "🏳️‍🌈 الصحة \u202eabc",
    "100%",
    "-",
    "'''",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_an_ordinary_french_answer(client, query):
    response = client.get(SEARCH + "?q=" + quote(query))
    assert response.status_code == 200, query
    soup = BeautifulSoup(response.content, "html.parser")
    assert "pour «" in soup.find("h1").get_text() or soup.find("h1").get_text(strip=True) == "Rechercher sur le site"
    assert soup.find("script", string=lambda text: text and "alert(1)" in text) is None


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=300))
def test_any_printable_query_gets_a_200(client, query):
    response = client.get(SEARCH, {"q": query, "type": "", "thematique": ""})
    assert response.status_code == 200


@given(st.text(max_size=400))
def test_text_helpers_never_fail_and_never_let_markup_through(text):
    assert len(normalise_query(text)) <= 100
    engine_query(text)
    passage = excerpt(text + " <b>x</b>", stems(text.split()))
    assert "<b>" not in passage
