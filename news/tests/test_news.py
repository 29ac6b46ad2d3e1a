"""Actus du secteur: listing, filters, bad input, pagination, feeds, item page, query budget."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from news.factories import NewsPageFactory
from pages.factories import ImageFactory
from tests.helpers import count_queries, shared_content, soup_of
from thematiques.factories import theme

pytestmark = pytest.mark.django_db

INDEX = "/ressources/actus-du-secteur/"
ATOM = "{http://www.w3.org/2005/Atom}"


def build_news():
    """26 items, one every 10 days back from 2026-06-30; every third is about santé, 2025 and 2026."""
    items = []
    for number in range(26):
        themes = [theme("sante")] if number % 3 == 0 else [theme("asile")]
        published_on = datetime.date(2026, 6, 30) - datetime.timedelta(days=10 * number)
        items.append(NewsPageFactory(title=f"Actu {number:02d}", published_on=published_on, thematiques=themes))
    return items


@pytest.fixture(scope="module")
def news(django_db_setup, django_db_blocker):
    """Built once for the module: the tests below only read it."""
    yield from shared_content(django_db_blocker, build_news)


def titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".item-card__title a")]


def test_index_lists_newest_first_twelve_per_page(client, news):
    first = soup_of(client, INDEX)
    assert titles(first) == [f"Actu {n:02d}" for n in range(12)]
    third = soup_of(client, INDEX + "?page=3")
    assert titles(third) == ["Actu 24", "Actu 25"]
    assert first.select_one(".results__count").get_text(strip=True) == "26 actualités"


@pytest.mark.parametrize(
    "value, expected_first", [("999", "Actu 24"), ("abc", "Actu 00"), ("-1", "Actu 24"), ("", "Actu 00")]
)
def test_bad_page_numbers_land_on_a_valid_page(client, news, value, expected_first):
    assert titles(soup_of(client, f"{INDEX}?page={value}"))[0] == expected_first


def test_filter_by_thematique(client, news):
    soup = soup_of(client, INDEX + "?thematique=sante")
    assert titles(soup) == [f"Actu {n:02d}" for n in range(0, 26, 3)]
    assert soup.select_one(".results__count").get_text(" ", strip=True) == "9 actualités (Santé)"
    assert soup.title.get_text().startswith("Actus du secteur : 9 actualités (Santé)")


def test_filter_by_year(client, news):
    soup = soup_of(client, INDEX + "?annee=2025")
    dates = [t["datetime"] for t in soup.select(".item-card time")]
    assert dates and all(d.startswith("2025") for d in dates)
    assert {o["value"] for o in soup.select("#id_annee option")} == {"", "2026", "2025"}


def test_filters_combine_and_keep_the_filter_in_pagination_links(client, news):
    for number in range(14):
        NewsPageFactory(
            title=f"Santé 2025 {number}",
            published_on=datetime.date(2025, 3, 1) + datetime.timedelta(days=number),
            thematiques=[theme("sante")],
        )
    soup = soup_of(client, INDEX + "?thematique=sante&annee=2025")
    count = soup.select_one(".results__count").get_text(" ", strip=True)
    assert count.startswith("16 actualités") and "Santé, 2025" in count
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert next_link == "?thematique=sante&annee=2025&page=2"
    assert len(titles(soup_of(client, INDEX + next_link))) == 4


@pytest.mark.parametrize("query", ["?thematique=inconnue", "?annee=1990", "?annee=abc", "?thematique=sante&annee=20x5"])
def test_unknown_filter_values_show_a_french_no_results_message(client, news, query):
    response = client.get(INDEX + query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert titles(soup) == []
    assert "Aucune actualité ne correspond à ces critères." in soup.select_one(".results__empty").get_text()
    assert soup.select_one(".filters__errors[role=alert]") is not None
    assert soup.select_one(".results__count").get_text(strip=True) == "0 actualité"


def test_head_announces_the_feeds(client, news):
    soup = soup_of(client, INDEX)
    links = {link["type"]: link["href"] for link in soup.select("link[rel=alternate]")}
    assert links == {"application/rss+xml": INDEX + "rss/", "application/atom+xml": INDEX + "atom/"}


def test_rss_feed_lists_the_newest_twenty_with_absolute_urls_and_dates(client, news):
    response = client.get(INDEX + "rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert len(items) == 20
    assert [item.findtext("title") for item in items[:2]] == ["Actu 00", "Actu 01"]
    assert items[0].findtext("link") == f"http://localhost{INDEX}{news[0].slug}/"  # host name of the Wagtail site
    assert items[0].findtext("pubDate").startswith("Tue, 30 Jun 2026")
    assert items[0].findtext("category") == "Santé"
    assert channel.findtext("link") == f"http://localhost{INDEX}"


def test_atom_feed_parses_and_filters_by_thematique(client, news):
    root = ET.fromstring(client.get(INDEX + "atom/?thematique=sante").content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 9
    assert entries[0].findtext(f"{ATOM}title") == "Actu 00"
    assert entries[0].find(f"{ATOM}link").get("href").startswith("http://localhost/")
    assert "Santé" in root.findtext(f"{ATOM}title")


def test_feed_for_an_unknown_thematique_is_a_404(client, news):
    assert client.get(INDEX + "rss/?thematique=inconnue").status_code == 404


def test_news_page_shows_date_image_source_and_thematiques_as_links(client):
    item = NewsPageFactory(
        title="Une actualité",
        published_on=datetime.date(2026, 2, 3),
        thematiques=[theme("sante"), theme("asile")],
        image=ImageFactory(),
        image_alt="Une salle",
        source_url="https://www.example.org/article",
        source_name="Exemple Info",
    )
    soup = soup_of(client, item.url)
    assert soup.select_one(".page-header__meta time")["datetime"] == "2026-02-03"
    assert soup.select_one(".figure img")["alt"] == "Une salle"
    assert soup.select_one(".source a")["href"] == "https://www.example.org/article"
    links = [(a.get_text(), a["href"]) for a in soup.select(".theme-links a")]
    assert links == [("Asile", "/thematiques/asile/"), ("Santé", "/thematiques/sante/")]


def test_index_and_item_query_counts_do_not_grow_with_more_news(client):
    """Lists filtered to a theme of their own go from 1 to 4 items: a query per item would show."""
    image = ImageFactory()
    first = NewsPageFactory(
        title="Première", published_on=datetime.date(2027, 1, 1), thematiques=[theme("mena")], image=image
    )
    urls = [
        INDEX + "?thematique=mena",
        INDEX + "?thematique=mena&annee=2027",
        first.url,
        INDEX + "rss/?thematique=mena",
    ]
    urls.append("/")
    client.get("/")
    before = {url: count_queries(client, url, warm=True) for url in urls}
    for number in range(3):
        NewsPageFactory(
            title=f"Plus {number}",
            published_on=datetime.date(2027, 1, 2),
            thematiques=[theme("mena"), theme("asile")],
            image=ImageFactory(title=f"P{number}"),
        )
    assert len(soup_of(client, INDEX + "?thematique=mena").select(".item-card")) == 4
    after = {url: count_queries(client, url, warm=True) for url in urls}
    assert after == before
