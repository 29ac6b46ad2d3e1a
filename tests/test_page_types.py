"""Page-tree rules of every page type, and that each renders for an anonymous visitor with its content."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from about.models import MandatesPage, TeamPage
from contact.models import ContactFormPage, ContactPage
from directory.models import DirectoryPage
from figures.models import FiguresPage
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from offices.models import OfficeIndexPage, OfficePage
from pages.models import CampaignPage, MultilingualPage, SectionPage, StandardPage
from publications.models import PublicationIndexPage, PublicationPage
from thematiques.models import ThematiqueIndexPage, ThematiquePage
from trainings.models import TrainingIndexPage, TrainingPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only_once(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage, {SectionPage, StandardPage, CampaignPage, MultilingualPage, ThematiqueIndexPage, ContactPage}
        )
        self.assertEqual(HomePage.max_count, 1)

    def test_section_page_sits_under_home_and_holds_content_and_contact_pages(self):
        self.assertAllowedParentPageTypes(SectionPage, {HomePage})
        self.assertAllowedSubpageTypes(
            SectionPage,
            {
                StandardPage,
                ContactPage,
                OfficeIndexPage,
                DirectoryPage,
                NewsIndexPage,
                TrainingIndexPage,
                PublicationIndexPage,
                TeamPage,
                MandatesPage,
                FiguresPage,
                CampaignPage,
                MultilingualPage,
            },
        )

    def test_standard_page_nests_under_home_sections_and_itself(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, SectionPage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_thematique_index_is_a_singleton_under_home_holding_thematiques(self):
        self.assertAllowedParentPageTypes(ThematiqueIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ThematiqueIndexPage, {ThematiquePage})
        self.assertEqual(ThematiqueIndexPage.max_count, 1)

    def test_thematique_page_lives_only_in_the_index_and_has_no_children(self):
        self.assertAllowedParentPageTypes(ThematiquePage, {ThematiqueIndexPage})
        self.assertAllowedSubpageTypes(ThematiquePage, set())

    def test_contact_page_is_a_singleton_under_home_or_a_section_holding_the_offices_and_the_form(self):
        self.assertAllowedParentPageTypes(ContactPage, {HomePage, SectionPage})
        self.assertAllowedSubpageTypes(ContactPage, {OfficeIndexPage, ContactFormPage})
        self.assertEqual(ContactPage.max_count, 1)

    def test_directory_page_is_a_childless_singleton_under_a_section(self):
        self.assertAllowedParentPageTypes(DirectoryPage, {SectionPage})
        self.assertAllowedSubpageTypes(DirectoryPage, set())
        self.assertEqual(DirectoryPage.max_count, 1)

    def test_offices_live_under_their_singleton_list(self):
        self.assertAllowedParentPageTypes(OfficeIndexPage, {ContactPage, SectionPage})
        self.assertAllowedSubpageTypes(OfficeIndexPage, {OfficePage})
        self.assertEqual(OfficeIndexPage.max_count, 1)
        self.assertAllowedParentPageTypes(OfficePage, {OfficeIndexPage})
        self.assertAllowedSubpageTypes(OfficePage, set())

    def test_index_pages_are_singletons_under_a_section_holding_their_items(self):
        for index, item in [
            (NewsIndexPage, NewsPage),
            (TrainingIndexPage, TrainingPage),
            (PublicationIndexPage, PublicationPage),
        ]:
            self.assertAllowedParentPageTypes(index, {SectionPage})
            self.assertAllowedSubpageTypes(index, {item})
            self.assertAllowedParentPageTypes(item, {index})
            self.assertAllowedSubpageTypes(item, set())
            self.assertEqual(index.max_count, 1)

    def test_centre_pages_have_their_place(self):
        for model in (TeamPage, MandatesPage, FiguresPage):
            self.assertAllowedParentPageTypes(model, {SectionPage})
            self.assertAllowedSubpageTypes(model, set())
            self.assertEqual(model.max_count, 1)
        for model in (CampaignPage, MultilingualPage):
            self.assertAllowedParentPageTypes(model, {HomePage, SectionPage})
            self.assertAllowedSubpageTypes(model, set())

    def test_singletons_cannot_be_created_twice(self):
        home = HomePage.objects.get()
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))
        self.assertFalse(ThematiqueIndexPage.can_create_at(home))


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_home_page_leads_with_what_the_centre_does_and_three_actions(client):
    # Issue 10 replaces issue 2's quick links to the menu's sections with the visitor's tasks.
    soup = soup_of(client, "/")
    assert "Le CAI vous accueille, vous informe et vous oriente." in soup.find("h1").get_text()
    assert [a.get_text(strip=True) for a in soup.select(".task__title")] == [
        "Trouver un bureau d'accueil",
        "Appeler le CAI",
        "S'inscrire à une formation",
    ]
    assert soup.select_one(".quick-links") is None


@pytest.mark.django_db
def test_section_page_lists_its_children_as_cards_with_intro(client):
    soup = soup_of(client, "/presentation/")
    assert soup.select_one(".page-header__intro").get_text(strip=True).startswith("Qui est le Centre")
    cards = soup.select(".card")
    assert [c.select_one(".card__link").get_text(strip=True) for c in cards] == [
        "Qui sommes-nous\u202f?",  # French typography: a narrow no-break space
        "Missions décrétales",
        "Équipe",
        "Mandats",
    ]
    assert cards[0].select_one(".card__link")["href"] == "/presentation/qui-sommes-nous/"
    assert "centre régional d'intégration" in cards[0].select_one(".card__text").get_text()


@pytest.mark.django_db
def test_standard_page_renders_body_and_lists_its_subpages(client):
    soup = soup_of(client, "/presentation/qui-sommes-nous/")
    assert "deuxième ligne" in soup.select_one(".stream").get_text()
    assert [a["href"] for a in soup.select(".subpages .card__link")] == [
        "/presentation/qui-sommes-nous/histoire-du-centre/"
    ]


@pytest.mark.django_db
def test_thematique_index_shows_every_theme_as_a_grid(client):
    soup = soup_of(client, "/thematiques/")
    links = soup.select(".theme-grid__link")
    assert len(links) == 15
    assert links[12].get_text(strip=True) == "Santé" and links[12]["href"] == "/thematiques/sante/"


@pytest.mark.django_db
def test_thematique_page_renders_its_intro(client):
    soup = soup_of(client, "/thematiques/migrants-en-transit/")
    assert "«\u00a0Migrants en transit\u00a0»" in soup.select_one(".page-header__intro").get_text()


@pytest.mark.django_db
def test_contact_page_shows_the_centre_details_from_settings(client):
    soup = soup_of(client, "/contact/")
    card = soup.select_one(".contact-grid")
    text = card.get_text(" ", strip=True)
    assert "Rue Docteur Haibe 2" in text and "5002 Saint-Servais (Namur), Belgique" in text
    assert card.select_one("a[href='tel:+3281737176']").get_text() == "081 73 71 76"
    assert card.select_one("a[href='mailto:info@cainamur.be']")


@pytest.mark.django_db
def test_editor_notes_never_reach_the_public_page(client, page_at):
    page = page_at("/presentation/equipe/")
    assert page.editor_note.startswith("À compléter")
    html = client.get("/presentation/equipe/").content.decode()
    assert page.editor_note not in html
    assert "Le CAI prépare la présentation de son équipe." in html


@pytest.mark.django_db
def test_draft_and_private_pages_are_not_served_or_listed(client, page_at):
    from wagtail.models import PageViewRestriction

    equipe = page_at("/presentation/equipe/")
    equipe.unpublish()
    mandats = page_at("/presentation/mandats/")
    PageViewRestriction.objects.create(page=mandats, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/presentation/equipe/").status_code == 404
    html = client.get("/presentation/").content.decode()
    assert "/presentation/equipe/" not in html
    assert "/presentation/mandats/" not in html
    assert "Mandats" not in client.get("/").content.decode()  # nor in the menu
    response = client.get("/presentation/mandats/")
    assert response.status_code == 302 and "/_util/login/" in response["Location"]
