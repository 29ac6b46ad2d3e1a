"""The home page routes any URL in one query, and an index page's own routes still win over a child's slug."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from news.models import NewsPage
from pages.models import StandardPage
from tests.helpers import soup_of
from trainings.models import TrainingPage, TrainingSession

from .seed_tree import all_urls

pytestmark = pytest.mark.django_db

NEWS = "/ressources/actus-du-secteur/"
TRAININGS = "/actions-services/formations/"


def add_news(index, slug):
    page = NewsPage(title=f"Actualité « {slug} »", slug=slug, published_on=datetime.date(2026, 4, 1))
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_training(index, slug):
    page = TrainingPage(title=f"Formation « {slug} »", slug=slug)
    page.sessions.add(
        TrainingSession(date=datetime.date(2026, 6, 1), starts_at=datetime.time(9), ends_at=datetime.time(12))
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("slug", ["rss", "atom"])
def test_a_news_item_slugged_like_a_feed_does_not_hide_the_feed(client, page_at, slug):
    add_news(page_at(NEWS), slug)
    response = client.get(f"{NEWS}{slug}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(f"application/{slug}+xml")


def test_a_training_slugged_agenda_does_not_hide_the_calendar(client, page_at):
    add_training(page_at(TRAININGS), "agenda")
    response = client.get(f"{TRAININGS}agenda/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


def test_a_training_slugged_archives_does_not_hide_the_archive(client, page_at):
    add_training(page_at(TRAININGS), "archives")
    assert soup_of(client, f"{TRAININGS}archives/").find("h1").get_text() == "Formations passées"


def test_children_of_a_routable_index_are_still_found_below_it(client, page_at):
    add_news(page_at(NEWS), "une-actualite")
    soup = soup_of(client, f"{NEWS}une-actualite/")
    assert soup.find("h1").get_text(strip=True) == "Actualité «\xa0une-actualite\xa0»"  # French typography


def test_unknown_paths_below_a_page_or_an_index_are_404(client):
    for url in ["/presentation/inexistante/", f"{NEWS}rss/plus-loin/", "/inexistante/plus/loin/"]:
        assert client.get(url).status_code == 404, url


def test_a_draft_page_is_not_served_but_its_live_children_are(client, page_at):
    parent = page_at("/presentation/qui-sommes-nous/")
    child = StandardPage(title="Sous-page", slug="sous-page")
    parent.add_child(instance=child)
    child.save_revision().publish()
    parent.unpublish()
    assert client.get("/presentation/qui-sommes-nous/").status_code == 404
    assert client.get("/presentation/qui-sommes-nous/sous-page/").status_code == 200


def test_one_query_routing_finds_what_wagtails_own_routing_finds(home, page_at):
    """Every seeded URL, plus the indexes' sub-routes, resolve to the same page and view as stock Wagtail."""
    add_news(page_at(NEWS), "rss")
    request = RequestFactory().get("/")
    urls = [*all_urls(), f"{NEWS}rss/", f"{NEWS}atom/", f"{TRAININGS}agenda/", f"{TRAININGS}archives/"]
    for url in urls:
        components = [part for part in url.split("/") if part]
        ours = home.route(request, components)
        stock = Page.route(home, request, components)
        assert ours.page.pk == stock.page.pk, url
        assert [getattr(arg, "__name__", arg) for arg in ours.args[:1]] == [
            getattr(arg, "__name__", arg) for arg in stock.args[:1]
        ], url


def test_editors_cannot_give_a_child_the_address_of_an_index_route(admin_client, page_at):
    """The admin refuses, in French, a news item slugged "rss": it would be hidden by the feed."""
    index = page_at(NEWS)
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    data = nested_form_data(
        {
            "title": "Flux",
            "slug": "rss",
            "intro": "",
            "editor_note": "",
            "published_on": "2026-11-20",
            "image": "",
            "image_alt": "",
            "body": streamfield([]),
            "source_url": "",
            "source_name": "",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "L'adresse « rss » est déjà utilisée par la page parente" in response.context["form"].errors["slug"][0]
    assert not NewsPage.objects.filter(slug="rss").exists()
    data["slug"] = "flux-special"
    assert admin_client.post(url, data).status_code == 302
    assert NewsPage.objects.filter(slug="flux-special").exists()
