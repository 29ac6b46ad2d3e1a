"""The site search at /recherche/: kinds ranked together, groups below, filters, privacy, synonyms, promotions."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction
from wagtail.search.index import AutocompleteField, SearchField, get_indexed_models

from about.factories import TeamMemberFactory
from directory.factories import DirectoryEntryFactory
from news.factories import NewsPageFactory
from publications.factories import PublicationPageFactory
from sitesearch.models import Synonym, UnansweredQuery
from thematiques.factories import theme

SEARCH = "/recherche/"


def results_of(client, query_string, status=200):
    response = client.get(f"{SEARCH}?{query_string}")
    assert response.status_code == status, query_string
    return BeautifulSoup(response.content, "html.parser")


def hits(soup):
    """(kind, title) of every result, in order, groups included."""
    return [
        (hit.select_one(".search-hit__kind").get_text(strip=True), hit.select_one(".search-hit__title").get_text())
        for hit in soup.select(".search-hit")
    ]


def heading(soup):
    return soup.find("h1").get_text(strip=True)


@pytest.mark.django_db
def test_every_kind_is_found_labelled_and_snippets_come_as_groups_below(client):
    NewsPageFactory(title="Zorblax au marché", intro="Une actualité sur le zorblax.")
    # Titles only: on SQLite the test database has no FTS table and Wagtail's fallback reads the titles alone
    # (bodies, intros and documents are proved on PostgreSQL, test_postgresql.py).
    publication = PublicationPageFactory(title="Guide zorblax")
    DirectoryEntryFactory(name="Service zorblax", description="Accueil et orientation.")
    TeamMemberFactory(name="Personne fictive zorblax", role="Chargée de projet")
    soup = results_of(client, "q=zorblax")
    found = hits(soup)
    assert set(found[:2]) == {("Actualité", "Zorblax au marché"), ("Publication", "Guide zorblax")}
    assert found[2:] == [("Service", "Service zorblax"), ("Membre de l'équipe", "Personne fictive zorblax")]
    assert heading(soup) == "4 résultats pour « zorblax »"
    assert [h2.get_text(" ", strip=True) for h2 in soup.select(".search-results__heading")] == [
        "Dans le répertoire des services (1)",
        "Dans l'équipe (1)",
    ]
    assert (
        soup.select(".search-hit__title a")[[title for _, title in found].index("Guide zorblax")]["href"]
        == publication.url
    )


@pytest.mark.django_db
def test_matched_words_are_marked_in_title_and_excerpt_and_markup_in_content_is_escaped(client):
    NewsPageFactory(
        title="Permanence <b>juridique</b>", intro="La permanence juridique <script>alert(1)</script> a lieu."
    )
    soup = results_of(client, "q=juridique")
    hit = next(hit for hit in soup.select(".search-hit") if "Permanence" in hit.get_text())
    assert [mark.get_text() for mark in hit.select("mark")] == ["juridique", "juridique"]
    assert hit.select_one(".search-hit__title").get_text() == "Permanence <b>juridique</b>"
    assert "<script>alert(1)</script>" in hit.select_one(".search-hit__excerpt").get_text()
    assert soup.find("script", string="alert(1)") is None
    assert hit.find("b") is None


@pytest.mark.django_db
def test_a_word_only_in_a_note_for_editors_finds_nothing(client):
    NewsPageFactory(title="Actualité ordinaire", editor_note="Vérifier le quorglub avant publication.")
    soup = results_of(client, "q=quorglub")
    assert hits(soup) == []
    assert heading(soup) == "0 résultat pour « quorglub »"


def test_no_model_indexes_a_note_for_editors():
    def names(fields):
        for field in fields:
            if isinstance(field, AutocompleteField):
                continue  # read by the admin's page search (autocomplete) only, never by the public search
            yield field.field_name
            yield from names(getattr(field, "fields", []))

    indexed = {model.__name__: set(names(model.get_search_fields())) for model in get_indexed_models()}
    assert {name for name, fields in indexed.items() if "editor_note" in fields} == set()
    assert "document_titles" in indexed["PublicationPage"]  # the documents' titles are searchable


@pytest.mark.django_db
def test_drafts_and_private_pages_never_appear(client):
    draft = NewsPageFactory(title="Brouillon plomfrit")
    draft.unpublish()
    private = NewsPageFactory(title="Réservée plomfrit")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    TeamMemberFactory(name="Personne fictive plomfrit", draft=True)
    NewsPageFactory(title="Publique plomfrit")
    assert hits(results_of(client, "q=plomfrit")) == [("Actualité", "Publique plomfrit")]


@pytest.mark.django_db
def test_filters_by_kind_and_thematique(client):
    NewsPageFactory(title="Gravulon santé", thematiques=[theme("sante")])
    NewsPageFactory(title="Gravulon logement", thematiques=[theme("logement")])
    PublicationPageFactory(title="Gravulon guide", thematiques=[theme("sante")])
    DirectoryEntryFactory(name="Gravulon service")
    assert {title for _, title in hits(results_of(client, "q=gravulon&type=actualite"))} == {
        "Gravulon santé",
        "Gravulon logement",
    }
    assert {title for _, title in hits(results_of(client, "q=gravulon&thematique=sante"))} == {
        "Gravulon santé",
        "Gravulon guide",
    }
    assert hits(results_of(client, "q=gravulon&type=service")) == [("Service", "Gravulon service")]


@pytest.mark.django_db
@pytest.mark.parametrize("query_string", ["q=x&type=inconnu", "q=x&thematique=inconnue", "type=<script>"])
def test_an_unknown_filter_value_is_a_french_400(client, query_string):
    soup = results_of(client, query_string, status=400)
    assert "La recherche n'a pas pu être faite" in soup.select_one("[role=alert]").get_text()
    assert soup.select(".search-hit") == []


@pytest.mark.django_db
def test_results_are_paginated_and_keep_the_query_in_page_links(client):
    for number in range(12):
        NewsPageFactory(title=f"Trombelux {number}")
    soup = results_of(client, "q=trombelux")
    assert len(soup.select(".search-hit")) == 10
    assert heading(soup) == "12 résultats pour « trombelux »"
    assert soup.select_one(".pagination a[rel=next]")["href"] == "?q=trombelux&page=2"
    assert len(results_of(client, "q=trombelux&page=2").select(".search-hit")) == 2


@pytest.mark.django_db
def test_the_results_page_costs_the_same_queries_with_50_more_items(client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{SEARCH}?q=flambrot").status_code == 200
        return len(captured)

    def add(news, entries, members):
        for _ in range(news):
            NewsPageFactory(title="Flambrot actualité")
        for _ in range(entries):
            DirectoryEntryFactory(name="Flambrot service")
        for _ in range(members):
            TeamMemberFactory(name="Personne fictive Flambrot")

    # More matches than one page of results holds, so that the page shows one page type before and after (the
    # specific rows cost one query per page type shown: bounded by the number of types, never by the items).
    add(news=11, entries=2, members=2)
    client.get(f"{SEARCH}?q=flambrot")  # the first search creates its Query row
    before = queries()
    add(news=25, entries=13, members=12)
    assert queries() == before


@pytest.mark.django_db
def test_visitors_words_are_expanded_with_the_sites_words(client):
    # The seed already knows "papiers"; editors add a second site word to it.
    Synonym.objects.update_or_create(term="papiers", defaults={"site_terms": "titre de séjour\ncarte de résident"})
    NewsPageFactory(title="Renouveler son titre de séjour")
    soup = results_of(client, "q=papiers")
    assert ("Actualité", "Renouveler son titre de séjour") in hits(soup)
    assert "« titre de séjour »" in soup.select_one("main").get_text()


@pytest.mark.django_db
def test_a_promoted_page_comes_first_for_its_query(client):
    NewsPageFactory(title="Klupsen au centre")
    promoted = NewsPageFactory(title="Page choisie par l'équipe")
    SearchPromotion.objects.create(query=Query.get("Klupsen"), page=promoted, sort_order=0)
    found = hits(results_of(client, "q=klupsen"))
    assert found == [("Résultat mis en avant", "Page choisie par l'équipe"), ("Actualité", "Klupsen au centre")]


@pytest.mark.django_db
def test_searches_are_counted_and_those_that_find_nothing_are_listed_for_editors(client):
    NewsPageFactory(title="Sprolage")
    client.get(f"{SEARCH}?q=Sprolage")
    client.get(f"{SEARCH}?q=++Introuvable%20%20mot++")
    client.get(f"{SEARCH}?q=introuvable+mot")
    client.get(f"{SEARCH}?q=" + "y" * 5000)  # too long: searched (truncated), never recorded
    assert Query.get("sprolage").daily_hits.get().hits == 1
    assert list(UnansweredQuery.objects.values_list("query_string", "hits")) == [("introuvable mot", 2)]
    assert not Query.objects.filter(query_string__startswith="yyy").exists()


@pytest.mark.django_db
def test_the_report_of_searches_without_results_is_in_french_in_the_admin(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "secret")
    client.force_login(user)
    client.get(f"{SEARCH}?q=vide+de+sens")
    response = client.get("/admin/reports/recherches-sans-resultat/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Recherches sans résultat" in soup.find("h1").get_text()
    row = soup.select_one("tbody tr")
    assert "vide de sens" in row.get_text()
    assert "1" in [cell.get_text(strip=True) for cell in row.find_all("td")]
    menu = client.get("/admin/").content.decode()
    assert "/admin/reports/recherches-sans-resultat/" in menu


@pytest.mark.django_db
def test_an_editor_without_the_permission_cannot_see_the_report(client):
    user = get_user_model().objects.create_user("editor", "editor@example.org", "secret")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/reports/recherches-sans-resultat/")
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_a_synonym_is_edited_in_the_admin_with_french_labels(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "secret")
    client.force_login(user)
    page = client.get("/admin/snippets/sitesearch/synonym/add/").content.decode()
    assert "Terme des visiteurs" in page and "Termes du site" in page


def test_document_titles_field_is_a_search_field():
    from publications.models import PublicationPage

    assert any(
        isinstance(field, SearchField) and field.field_name == "document_titles"
        for field in PublicationPage.get_search_fields()
    )


@pytest.mark.django_db
def test_pages_and_site_root_are_not_listed_as_results(client):
    soup = results_of(client, "q=accueil")
    urls = [a["href"] for a in soup.select(".search-hit__title a")]
    assert Page.objects.get(depth=1).url not in urls
