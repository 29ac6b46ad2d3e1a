"""Thématiques as a facet: a thématique page groups what is filed under it; items link back to their themes."""

import datetime
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import Page

from news.factories import NewsPageFactory
from pages.factories import StandardPageFactory
from publications.factories import PublicationPageFactory
from tests.helpers import shared_content
from thematiques.factories import theme
from trainings.factories import TrainingPageFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def build_filed():
    sante = theme("sante")
    for number in range(6):
        NewsPageFactory(
            title=f"Actu santé {number}", published_on=datetime.date(2026, 4, 1 + number), thematiques=[sante]
        )
    NewsPageFactory(title="Actu asile", published_on=datetime.date(2026, 4, 20), thematiques=[theme("asile")])
    TrainingPageFactory(
        title="Formation santé",
        sessions=[TrainingSessionFactory.build(date=datetime.date(2026, 6, 1))],
        thematiques=[sante, theme("diversite")],
    )
    TrainingPageFactory(
        title="Formation passée",
        sessions=[TrainingSessionFactory.build(date=datetime.date(2026, 1, 1))],
        thematiques=[sante],
    )
    PublicationPageFactory(
        title="Guide santé",
        year=2025,
        publication_type__name="Guide",
        thematiques=[sante, theme("lutte-contre-le-racisme")],
    )
    section = Page.objects.get(url_path="/accueil/actions-services/").specific
    return StandardPageFactory(parent=section, title="Page santé", slug="page-sante", thematiques=[sante])


@pytest.fixture(scope="module")
def shared_filed(django_db_setup, django_db_blocker):
    """Built once for the module: the tests only read it."""
    yield from shared_content(django_db_blocker, build_filed)


@pytest.fixture
def filed(shared_filed, time_machine):
    """News, trainings, a publication and a content page filed under santé, seen on 2026-05-01."""
    time_machine.move_to(datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC), tick=False)
    return shared_filed


def test_thematique_page_groups_latest_items_by_kind_with_links_to_filtered_lists(client, filed):
    soup = BeautifulSoup(client.get("/thematiques/sante/").content, "html.parser")
    groups = {section.find("h2").get_text(): section for section in soup.select(".facet-group")}
    assert list(groups) == ["Actualités", "Prochaines formations", "Publications", "Pages"]
    news = [a.get_text() for a in groups["Actualités"].select(".facet-list a")]
    assert news == ["Actu santé 5", "Actu santé 4", "Actu santé 3", "Actu santé 2"]
    assert [a.get_text() for a in groups["Prochaines formations"].select(".facet-list a")] == ["Formation santé"]
    assert [a.get_text() for a in groups["Publications"].select(".facet-list a")] == ["Guide santé"]
    assert [a.get_text() for a in groups["Pages"].select(".facet-list a")] == ["Page santé"]
    more = {section_title: section.select_one(".more-link a") for section_title, section in groups.items()}
    assert more["Actualités"]["href"] == "/ressources/actus-du-secteur/?thematique=sante"
    assert more["Prochaines formations"]["href"] == "/actions-services/formations/?thematique=sante"
    assert more["Publications"]["href"] == "/ressources/outils-et-publications/?thematique=sante"
    assert more["Pages"] is None


def test_thematique_without_content_says_so_without_empty_headings(client, filed):
    soup = BeautifulSoup(client.get("/thematiques/volontariat/").content, "html.parser")
    assert soup.select(".facet-group") == []
    assert "Aucun contenu n'est encore classé sous ce thème." in soup.get_text()


def test_every_kind_of_item_shows_its_thematiques_as_links(client, filed):
    from news.models import NewsPage
    from publications.models import PublicationPage
    from trainings.models import TrainingPage

    for page in [NewsPage.objects.first(), TrainingPage.objects.first(), PublicationPage.objects.first(), filed]:
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        links = [a["href"] for a in soup.select(".theme-links a")]
        assert "/thematiques/sante/" in links, page.url


def test_editors_pick_thematiques_from_checkboxes_not_free_text(client):
    from news.models import NewsIndexPage

    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "mot de passe")
    client.force_login(admin)
    index = NewsIndexPage.objects.get()
    html = unescape(client.get(f"/admin/pages/add/news/newspage/{index.id}/").content.decode())
    soup = BeautifulSoup(html, "html.parser")
    boxes = soup.select("input[type=checkbox][name=thematiques]")
    assert len(boxes) == 15
    assert soup.select("input[type=text][name=thematiques]") == []
    assert "Cochez les thèmes concernés" in html
