"""The admin staff meet is French: no English left on the main screens, the login page included."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from about.models import Team, TeamMember
from editorial.french_admin import ROOT_PAGE_TITLE, name_root_page

# The English that Wagtail or Django left on these screens, as whole words of the visible text.
ENGLISH_LEFTOVERS = [
    "Password",  # the login form's password label
    "Root",  # the root page's title in the explorer and the breadcrumbs
    "True",  # boolean cells (read by screen readers)
    "False",
    "None",  # "last published by" of a publication without a user
    "Any",  # the "has child pages" filter
    "Status",  # "Status actuel de la page", "Status :" in Wagtail's French
    "Permanent",  # the redirects filter
    "Temporary",
    "Site name",  # the sites listing
    "Root page",
]
LEFTOVER = re.compile(r"(?<![\w'’])(" + "|".join(re.escape(word) for word in ENGLISH_LEFTOVERS) + r")(?![\w'’])")

MAIN_URLS = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/images/multiple/add/",
    "/admin/documents/",
    "/admin/documents/multiple/add/",
    "/admin/collections/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/forms/",
    "/admin/redirects/",
    "/admin/sites/",
    "/admin/workflows/list/",
    "/admin/workflows/tasks/index/",
    "/admin/reports/locked/",
    "/admin/reports/site-history/",
    "/admin/reports/aging-pages/",
    "/admin/reports/workflow/",
    "/admin/account/",
]


def visible_text(response):
    """What a person reads or hears: the text of the page, without scripts, styles, templates nor icons.

    Hidden filters count (a click opens them); the side panel's problem counter does not: it holds "None" while
    hidden, until the page's script writes the count.
    """
    soup = BeautifulSoup(response.content, "html.parser")
    skipped = soup(["script", "style", "template", "svg", "noscript"]) + soup.select("[data-side-panel-toggle-counter]")
    for hidden in skipped:
        hidden.decompose()
    return " ".join(soup.get_text(" ").split())


def leftovers(text):
    return sorted({match.group(1) for match in LEFTOVER.finditer(text)})


def admin_urls(home):
    urls = [*MAIN_URLS, f"/admin/pages/{home.pk}/", f"/admin/pages/{home.pk}/edit/"]
    for model in get_snippet_models():
        urls.append(reverse(model.snippet_viewset.get_url_name("list")))
        first = model.objects.first()
        if first is not None:
            urls.append(reverse(model.snippet_viewset.get_url_name("edit"), args=[first.pk]))
    for model in settings_registry:
        urls.append(reverse("wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name]))
    return urls


@pytest.fixture
def team_members(db):
    team = Team.objects.first() or Team.objects.create(name="Direction")
    TeamMember.objects.create(name="Avec accord", role="Coordinatrice", team=team, photo_consent=True)
    TeamMember.objects.create(name="Sans accord", role="Formateur", team=team, photo_consent=False)


@pytest.fixture
def redirect(site):
    return Redirect.objects.create(old_path="/ancienne-adresse", redirect_link="/contact/", is_permanent=False)


@pytest.mark.django_db
def test_the_main_admin_screens_answer_in_french(admin_client, home, team_members, redirect):
    found = {}
    for url in admin_urls(home):
        response = admin_client.get(url, follow=True)  # a site setting's address leads to the current site's
        assert response.status_code == 200, url
        words = leftovers(visible_text(response))
        if words:
            found[url] = words
    assert found == {}


@pytest.mark.django_db
def test_the_login_page_is_french(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("label", attrs={"for": "id_password"}).get_text(" ", strip=True).startswith("Mot de passe")
    assert leftovers(visible_text(response)) == []


@pytest.mark.django_db
def test_the_login_form_still_logs_in(client, admin_user):
    response = client.post("/admin/login/", {"username": admin_user.username, "password": "password"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_booleans_read_oui_or_non_in_listings(admin_client, team_members):
    soup = BeautifulSoup(admin_client.get("/admin/snippets/about/teammember/").content, "html.parser")
    header = [th.get_text(" ", strip=True) for th in soup.select("table thead th")]
    assert "Accord photo" in header
    column = header.index("Accord photo")
    cells = {}
    for row in soup.select("table tbody tr"):
        texts = [cell.get_text(" ", strip=True) for cell in row.select("td")]
        name = next(text for text in texts if "accord" in text)
        cells[name.split(" Modifier")[0]] = texts[column]
    assert cells["Avec accord"] == "Oui" and cells["Sans accord"] == "Non"


@pytest.mark.django_db
def test_the_redirect_filter_and_the_sites_listing_are_translated(admin_client, redirect):
    text = visible_text(admin_client.get("/admin/redirects/"))
    assert "Permanente" in text and "Temporaire" in text
    text = visible_text(admin_client.get("/admin/sites/"))
    assert "Nom du site" in text and "Page racine" in text


@pytest.mark.django_db
def test_the_root_page_has_a_french_title_and_renaming_is_idempotent(admin_client, home):
    root = Page.objects.get(depth=1)
    assert root.title == ROOT_PAGE_TITLE
    assert name_root_page() is False
    Page.objects.filter(depth=1).update(title="Root", draft_title="Root")
    assert name_root_page() is True
    assert f"Exploration: {ROOT_PAGE_TITLE}" in visible_text(admin_client.get("/admin/pages/"))


@pytest.mark.django_db
def test_a_publication_without_a_user_reads_systeme(admin_client):
    text = visible_text(admin_client.get("/admin/reports/aging-pages/"))
    assert "système" in text and "None" not in text
