"""The editors' guide: its screenshots and the admin menus it names exist, and staff read it in the admin (the
dashboard and the « Aide » menu link to it); nobody else does."""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from editorial.guide import GUIDE, SCREENSHOTS

IMAGE = re.compile(r"!\[[^\]]+\]\((guide/[^)\s]+)\)")
MENU_PATH = re.compile(r"« ([^»]+→[^»]+) »")  # « Paramètres → Identité du site »: a path in the admin menu
HEADING = re.compile(r"^## (.+)$", re.MULTILINE)


def guide_text():
    return GUIDE.read_text(encoding="utf-8")


def test_every_image_of_the_guide_exists():
    images = IMAGE.findall(guide_text())
    assert len(images) >= 10
    missing = [image for image in images if not (GUIDE.parent / image).is_file()]
    assert missing == []


def test_every_screenshot_is_shown_in_the_guide():
    referenced = {name.removeprefix("guide/") for name in IMAGE.findall(guide_text())}
    unused = sorted(path.name for path in SCREENSHOTS.glob("*.png") if path.name not in referenced)
    assert unused == []


def test_screenshots_are_small_pngs():
    for path in SCREENSHOTS.glob("*.png"):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path.name
        assert path.stat().st_size < 250_000, f"{path.name}: {path.stat().st_size} octets"


def menu_paths(items, request, prefix=()):
    """Every path of labels in the admin menu, e.g. ("Paramètres", "Identité du site")."""
    for item in items:
        path = (*prefix, str(item.label))
        yield path
        submenu = getattr(item, "menu", None)
        if submenu is not None:
            yield from menu_paths(submenu.menu_items_for_request(request), request, path)


@pytest.mark.django_db
def test_every_menu_path_the_guide_quotes_exists_in_the_admin():
    superuser = get_user_model().objects.create_superuser("admin-guide", "admin@example.org", "mot de passe solide")
    request = RequestFactory().get("/admin/")
    request.user = superuser
    existing = set(menu_paths(admin_menu.menu_items_for_request(request), request))
    quoted = {tuple(" ".join(part.split()) for part in path.split("→")) for path in MENU_PATH.findall(guide_text())}
    assert len(quoted) >= 5
    assert sorted(quoted - existing) == []


@pytest.fixture
def writer(db):
    """A staff member who may only enter the admin: what every role has in common."""
    group = Group.objects.create(name="Accès à l'administration (test du guide)")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user = get_user_model().objects.create_user("redactrice", "redactrice@example.org", "mot de passe solide")
    user.groups.add(group)
    return user


@pytest.mark.django_db
def test_staff_read_the_guide_in_the_admin_with_its_headings_and_screenshots(client, writer):
    client.force_login(writer)
    response = client.get(reverse("editorial_guide"))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "<title>Guide de rédaction" in html
    assert html.count("<h1") == 1  # the admin header's; the guide's own title line is not repeated
    for heading in HEADING.findall(guide_text()):
        assert re.search(rf"<h2 id=\"[a-z0-9-]+\">{re.escape(heading)}</h2>", html), heading
    assert 'href="#les-heures-douverture-et-les-fermetures-des-bureaux"' in html  # the table of contents
    screenshot = reverse("editorial_guide_screenshot", args=["tableau-de-bord.png"])
    assert f'<img alt="Le tableau de bord" src="{screenshot}"' in html
    assert 'src="guide/' not in html

    image = client.get(screenshot)
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content)[:4] == b"\x89PNG"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["absente.png", "..%2Fguide-redaction.md", "tableau-de-bord.PNG", "x.svg"])
def test_only_the_guides_screenshots_are_served(client, writer, name):
    client.force_login(writer)
    assert client.get(f"/admin/guide-de-redaction/captures/{name}", follow=True).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["editorial_guide", "editorial_guide_screenshot"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, name):
    url = reverse(name, args=["tableau-de-bord.png"] if name.endswith("screenshot") else [])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/?next=")


@pytest.mark.django_db
def test_the_dashboard_and_the_help_menu_lead_to_the_guide(client, writer):
    client.force_login(writer)
    html = unescape(client.get("/admin/").content.decode())
    assert f'<a href="{reverse("editorial_guide")}">Guide de rédaction</a>' in html  # the dashboard panel
    assert "guide.wagtail.org" not in html  # Wagtail's English guide, in the account summary, is replaced
    request = RequestFactory().get("/admin/")
    request.user = writer
    help_menu = next(item for item in admin_menu.menu_items_for_request(request) if item.name == "help")
    labels = [str(item.label) for item in help_menu.menu.menu_items_for_request(request)]
    assert labels[0] == "Guide de rédaction"
    assert not any("Wagtail" in label or "Guide de l'éditeur" in label for label in labels)
