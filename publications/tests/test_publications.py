"""Outils et publications: combined filters, counts, documents with format and size, query budget."""

import pytest
from wagtail.models import Collection

from pages.factories import DocumentFactory, ImageFactory
from publications.factories import PublicationPageFactory
from publications.models import PublicationType
from tests.helpers import count_queries, shared_content, soup_of
from thematiques.factories import theme

pytestmark = pytest.mark.django_db

INDEX = "/ressources/outils-et-publications/"


def build_catalogue():
    return [
        PublicationPageFactory(
            title="Guide santé 2024",
            year=2024,
            publication_type__name="Guide",
            thematiques=[theme("sante")],
            documents=[DocumentFactory(title="Guide santé", size=1_258_291)],
        ),
        PublicationPageFactory(
            title="Rapport santé 2024",
            year=2024,
            publication_type__name="Rapport",
            thematiques=[theme("sante"), theme("migrations")],
        ),
        PublicationPageFactory(
            title="Guide racisme 2019",
            year=2019,
            publication_type__name="Guide",
            thematiques=[theme("lutte-contre-le-racisme")],
        ),
        PublicationPageFactory(
            title="CAIstiques 2021", year=2021, publication_type__name="CAIstiques", thematiques=[theme("migrations")]
        ),
    ]


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    """Built once for the module: the tests only read it."""
    yield from shared_content(django_db_blocker, build_catalogue)


def titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".item-card__title a")]


def test_index_lists_publications_newest_year_first_with_count(client, catalogue):
    soup = soup_of(client, INDEX)
    assert titles(soup) == ["Guide santé 2024", "Rapport santé 2024", "CAIstiques 2021", "Guide racisme 2019"]
    assert soup.select_one(".results__count").get_text(strip=True) == "4 publications"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?thematique=sante", ["Guide santé 2024", "Rapport santé 2024"]),
        ("?type=guide", ["Guide santé 2024", "Guide racisme 2019"]),
        ("?annee=2021", ["CAIstiques 2021"]),
        ("?thematique=sante&type=guide", ["Guide santé 2024"]),
        ("?thematique=migrations&type=rapport&annee=2024", ["Rapport santé 2024"]),
        ("?thematique=sante&annee=2019", []),
    ],
)
def test_filters_combine(client, catalogue, query, expected):
    soup = soup_of(client, INDEX + query)
    assert titles(soup) == expected
    count = soup.select_one(".results__count").get_text(" ", strip=True)
    assert count.startswith(f"{len(expected)} publication")
    if not expected:
        assert "Aucune publication ne correspond à ces critères." in soup.select_one(".results__empty").get_text()


@pytest.mark.parametrize("query", ["?type=roman", "?annee=deux-mille", "?annee=1850"])
def test_unknown_values_give_no_results_and_a_french_message(client, catalogue, query):
    soup = soup_of(client, INDEX + query)
    assert titles(soup) == []
    assert soup.select_one(".filters__errors[role=alert]") is not None


def test_type_list_is_seeded_and_extensible(client, catalogue):
    seeded = list(PublicationType.objects.values_list("name", flat=True))
    assert seeded[:7] == ["Brochure", "Guide", "Rapport", "Coaxions", "CAIstiques", "Vidéo", "Outil pédagogique"]
    PublicationType.objects.create(name="Affiche")
    assert "affiche" in [o["value"] for o in soup_of(client, INDEX).select("#id_type option")]


def test_documents_show_format_and_size(client, catalogue):
    soup = soup_of(client, INDEX)
    assert "(PDF, 1,2 Mo)" in soup.select(".item-card")[0].select_one(".item-card__files").get_text()
    page = soup_of(client, catalogue[0].url)
    download = page.select_one(".downloads li")
    assert download.find("a").get_text() == "Guide santé"
    assert "(PDF, 1,2 Mo)" in download.get_text()
    assert client.get(download.find("a")["href"]).status_code == 200


def test_publication_page_shows_type_year_authors_link_and_thematiques(client):
    publication = PublicationPageFactory(
        title="Vidéo d'exemple",
        year=2023,
        publication_type__name="Vidéo",
        thematiques=[theme("interculturalite")],
        authors="Équipe du CAI",
        external_url="https://www.example.org/video",
        external_label="Voir la vidéo",
    )
    soup = soup_of(client, publication.url)
    assert soup.select_one(".page-header__meta").get_text(strip=True) == "Vidéo · 2023"
    assert "Équipe du CAI" in soup.select_one(".facts").get_text()
    assert soup.select_one(".downloads a[href='https://www.example.org/video']").get_text() == "Voir la vidéo"
    assert [a["href"] for a in soup.select(".theme-links a")] == ["/thematiques/interculturalite/"]


def test_publications_collection_exists():
    assert Collection.objects.filter(name="Publications").exists()


def test_query_counts_do_not_grow_with_more_publications(client, catalogue):
    cover = ImageFactory(title="Couverture", file__width=300, file__height=400)
    catalogue[0].cover = cover
    catalogue[0].save_revision().publish()
    urls = [INDEX, INDEX + "?thematique=sante&type=guide", catalogue[0].url]
    client.get("/")
    before = {url: count_queries(client, url, warm=True) for url in urls}
    for number in range(3):  # the lists grow by 3 items: a query per item would show
        PublicationPageFactory(
            title=f"Guide {number}",
            year=2024,
            publication_type__name="Guide",
            thematiques=[theme("sante"), theme("asile")],
            documents=[DocumentFactory(title=f"Doc {number}")],
            cover=ImageFactory(title=f"C{number}", file__width=300, file__height=400),
        )
    after = {url: count_queries(client, url, warm=True) for url in urls}
    assert after == before
