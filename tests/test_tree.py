"""The seeded tree reproduces the centre's menu: labels, order and URLs."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from pages.typography import french_spacing

from .seed_tree import MENU, OFF_MENU, all_urls

pytestmark = pytest.mark.django_db


def menu_from_html(html):
    soup = BeautifulSoup(html, "html.parser")
    menu = soup.select_one("nav[aria-label='Menu principal'] ul.menu")
    items = []
    for li in menu.find_all("li", class_="menu__item", recursive=False):
        link = li.find("a", class_="menu__link")
        children = [(a.get_text(strip=True), a["href"]) for a in li.select("ul.submenu a")]
        items.append((link.get_text(strip=True), link["href"], children))
    return items


def test_menu_lists_sections_in_seed_order_with_their_urls(client):
    response = client.get("/")
    # Menu labels are set with French typography, like titles (issue 10).
    expected = [
        (french_spacing(title), url, [(french_spacing(child), child_url) for child, child_url in children])
        for title, url, children in MENU
    ]
    assert menu_from_html(response.content.decode()) == expected


def test_every_seeded_page_is_live_at_its_url_with_its_title(client):
    expected = {url: title for title, url, _ in MENU}
    expected.update({url: title for _, _, children in MENU for title, url in children})
    expected.update(OFF_MENU)
    for url in all_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        soup = BeautifulSoup(response.content, "html.parser")
        h1 = soup.find("h1").get_text(strip=True)
        if url == "/":
            # Issue 10: the home page's title is the sentence that says what the centre does for the visitor.
            assert h1 == french_spacing(
                "Vous arrivez dans la province de Namur ? Le CAI vous accueille, vous informe et vous oriente."
            )
        else:
            assert h1 == french_spacing(expected[url]), url  # titles are set with French typography


def test_history_and_privacy_pages_are_not_in_the_menu(client, page_at):
    html = client.get("/").content.decode()
    for url in OFF_MENU:
        assert page_at(url).show_in_menus is False
        assert f'href="{url}"' not in menu_html(html)


def menu_html(html):
    soup = BeautifulSoup(html, "html.parser")
    return str(soup.select_one("nav[aria-label='Menu principal']"))


def test_seed_creates_no_page_outside_the_seed_tree(home):
    urls = {"/" + page.url_path[len(home.url_path) :] for page in home.get_descendants()}
    assert urls == set(all_urls()) - {"/"}


@pytest.mark.parametrize(
    "url, model",
    [
        ("/", "home.HomePage"),
        ("/presentation/", "pages.SectionPage"),
        ("/actions-services/", "pages.SectionPage"),
        ("/ressources/", "pages.SectionPage"),
        ("/contact/", "contact.ContactPage"),
        ("/contact/bureau-daccueil/", "offices.OfficeIndexPage"),
        ("/contact/bureau-daccueil/saint-servais/", "offices.OfficePage"),
        ("/contact/ecrire/", "contact.ContactFormPage"),
        ("/thematiques/", "thematiques.ThematiqueIndexPage"),
        ("/thematiques/sante/", "thematiques.ThematiquePage"),
        ("/presentation/qui-sommes-nous/histoire-du-centre/", "pages.StandardPage"),
        ("/ukraine/", "pages.MultilingualPage"),
        ("/campagne-discrimination/", "pages.CampaignPage"),
        ("/presentation/equipe/", "about.TeamPage"),
        ("/presentation/mandats/", "about.MandatesPage"),
        ("/ressources/chiffres/", "figures.FiguresPage"),
        ("/ressources/actus-du-secteur/", "news.NewsIndexPage"),
        ("/actions-services/formations/", "trainings.TrainingIndexPage"),
        ("/ressources/outils-et-publications/", "publications.PublicationIndexPage"),
        ("/mentions-legales/", "pages.StandardPage"),
    ],
)
def test_seeded_pages_have_fitting_types(page_at, url, model):
    assert page_at(url)._meta.label == model


def test_default_site_serves_the_home_page_and_wagtail_welcome_page_is_gone(site):
    assert site.root_page.specific._meta.label == "home.HomePage"
    assert not Page.objects.filter(depth=2, slug="home").exists()
