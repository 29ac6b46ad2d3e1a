"""Full-text search on PostgreSQL: French stems, accents ignored, typos forgiven, every indexed text searched.

Needs the real migrations (``--migrations``): sitesearch's 0002 creates unaccent, pg_trgm and ``french_unaccent``.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from news.factories import NewsPageFactory
from pages.factories import DocumentFactory
from publications.factories import PublicationPageFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: full-text search with french_unaccent and pg_trgm (run with DATABASE_URL=postgres://…)",
)


@pytest.fixture
def search(client, db):
    def titles(query):
        response = client.get("/recherche/", {"q": query})
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        return [title.get_text() for title in soup.select(".search-hit__title")], soup

    return titles


@pytest.mark.django_db
def test_the_text_search_configuration_ignores_accents_and_stems_french():
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('french_unaccent', 'Intégrations réussies')::text")
        vector = cursor.fetchone()[0]
        assert "'integr'" in vector and "é" not in vector, vector
        cursor.execute("SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm') ORDER BY 1")
        assert [row[0] for row in cursor.fetchall()] == ["pg_trgm", "unaccent"]


def test_a_plural_finds_the_singular(search):
    NewsPageFactory(title="Calendrier", intro="Une formation sur l'accueil des primo-arrivants.")
    titles, _ = search("formations")
    assert "Calendrier" in titles


def test_a_word_without_its_accents_finds_it_accented(search):
    NewsPageFactory(title="Nouvelles du parcours", intro="Le parcours d'intégration change en 2026.")
    titles, soup = search("integration")
    assert "Nouvelles du parcours" in titles
    hit = next(hit for hit in soup.select(".search-hit") if "Nouvelles du parcours" in hit.get_text())
    assert [mark.get_text() for mark in hit.select(".search-hit__excerpt mark")] == ["intégration"]


def test_a_typo_finds_the_word_through_fuzzy_matching(search):
    NewsPageFactory(title="Formation interculturelle de printemps")
    titles, soup = search("formaton")
    assert "Formation interculturelle de printemps" in titles
    assert "les plus proches" in soup.find("main").get_text()


def test_the_body_and_the_documents_titles_are_searched(search):
    PublicationPageFactory(title="Guide annuel", documents=[DocumentFactory(title="Annexe glorpatique")])
    titles, _ = search("glorpatique")
    assert titles == ["Guide annuel"]


def test_only_stop_words_and_hostile_strings_find_nothing_without_error(search):
    for query in ("le la les de", "' OR 1=1 --", '"unbalanced', "a & b | !c", "<->", ":*"):
        search(query)
