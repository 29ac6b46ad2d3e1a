"""A new page under a menu section joins the menu without anyone ticking a box; the box sits in the content tab.

Menu sections are the home page's children shown in the menu (``pages.navigation`` lists them and their direct
children). Anywhere else (under the home page itself, under a page of the second level, under an index of news or
trainings) the box starts unticked: those pages would not be in the menu anyway, or would add a whole section.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.admin.panels import FieldPanel
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages.editing import is_menu_section
from pages.models import BasePage, StandardPage

SECTION = "/presentation/"
SECOND_LEVEL = "/presentation/qui-sommes-nous/"


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("menus", "menus@example.org", "un mot de passe solide")
    client.force_login(user)
    return user


def add_form(client, parent):
    response = client.get(f"/admin/pages/add/pages/standardpage/{parent.pk}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def menu_box(soup):
    return soup.select_one('input[type="checkbox"][name="show_in_menus"]')


def submitted_as_a_browser_would(soup, title, slug):
    """The add form's fields as the browser sends them untouched (the menu box as it was rendered), with a title."""
    data = nested_form_data(
        {"title": title, "slug": slug, "intro": "", "editor_note": "", "body": streamfield([]), "action-publish": "1"}
    )
    if menu_box(soup).has_attr("checked"):
        data["show_in_menus"] = "on"
    return data


def menu_titles(client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select("nav a")]


@pytest.mark.django_db
def test_the_seeded_sections_are_menu_sections_and_their_pages_are_not(page_at, home):
    assert is_menu_section(page_at(SECTION))
    assert not is_menu_section(page_at(SECOND_LEVEL))
    assert not is_menu_section(home)


@pytest.mark.django_db
def test_a_page_added_under_a_menu_section_appears_in_the_menu_without_ticking_the_box(client, editor, page_at):
    section = page_at(SECTION)
    soup = add_form(client, section)
    assert menu_box(soup).has_attr("checked")

    response = client.post(
        f"/admin/pages/add/pages/standardpage/{section.pk}/",
        submitted_as_a_browser_would(soup, "Nos partenaires", "nos-partenaires"),
    )
    assert response.status_code == 302
    assert StandardPage.objects.get(slug="nos-partenaires").show_in_menus
    assert "Nos partenaires" in menu_titles(client)


@pytest.mark.django_db
def test_a_page_added_below_the_second_level_starts_out_of_the_menu(client, editor, page_at):
    parent = page_at(SECOND_LEVEL)
    soup = add_form(client, parent)
    assert not menu_box(soup).has_attr("checked")

    response = client.post(
        f"/admin/pages/add/pages/standardpage/{parent.pk}/",
        submitted_as_a_browser_would(soup, "Un détail", "un-detail"),
    )
    assert response.status_code == 302
    assert not StandardPage.objects.get(slug="un-detail").show_in_menus


@pytest.mark.django_db
def test_a_page_added_under_the_home_page_starts_out_of_the_menu(client, editor, home):
    assert not menu_box(add_form(client, home)).has_attr("checked")


@pytest.mark.django_db
def test_unticking_the_box_keeps_a_new_page_out_of_the_menu(client, editor, page_at):
    section = page_at(SECTION)
    data = submitted_as_a_browser_would(add_form(client, section), "Page discrète", "page-discrete")
    del data["show_in_menus"]
    assert client.post(f"/admin/pages/add/pages/standardpage/{section.pk}/", data).status_code == 302
    assert not StandardPage.objects.get(slug="page-discrete").show_in_menus
    assert "Page discrète" not in menu_titles(client)


def test_the_menu_box_is_in_the_content_tab_with_a_french_label():
    def field_panels(panels):
        return [panel for panel in panels if isinstance(panel, FieldPanel) and panel.field_name == "show_in_menus"]

    (panel,) = field_panels(BasePage.content_panels)
    assert panel.heading == "Afficher dans le menu" and "menu principal" in panel.help_text
    promote = [child for panel in BasePage.promote_panels for child in [panel, *getattr(panel, "children", [])]]
    assert not field_panels(promote)


@pytest.mark.django_db
def test_the_menu_box_is_rendered_in_the_content_tab(client, editor, page_at):
    soup = add_form(client, page_at(SECTION))
    assert menu_box(soup.select_one("#tab-contenu")) is not None
    assert menu_box(soup.select_one("#tab-promotion")) is None
