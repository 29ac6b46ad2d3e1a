"""The pattern library (/motifs/): who may see it, and what it shows."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import override_settings

from pages.templatetags.icons import sprite_icon_names
from pages.views import colour_tokens

URL = "/motifs/"
PATTERNS_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "patterns.css"


@pytest.fixture
def editor(django_user_model):
    """A Wagtail editor: admin access through a group, not Django staff."""
    user = django_user_model.objects.create_user("redaction", password="x")
    group = Group.objects.create(name="Rédaction (test)")
    group.permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))
    user.groups.add(group)
    return user


def test_anonymous_visitors_get_the_ordinary_404(client, db):
    response = client.get(URL)
    assert response.status_code == 404
    assert "Bibliothèque de motifs" not in response.content.decode()


def test_a_signed_in_visitor_without_admin_access_gets_a_404(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visiteur", password="x"))
    assert client.get(URL).status_code == 404


def test_staff_see_the_page_never_cached_and_not_indexed(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("equipe", password="x", is_staff=True))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="page-header__title">Bibliothèque de motifs</h1>' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-store" in response["Cache-Control"]


def test_editors_with_wagtail_admin_access_see_the_page(client, editor):
    client.force_login(editor)
    assert client.get(URL).status_code == 200


@override_settings(DEBUG=True)
def test_everyone_sees_the_page_when_debug_is_on(client, db):
    assert client.get(URL).status_code == 200


@pytest.fixture
def pattern_html(client, admin_user):
    client.force_login(admin_user)
    return client.get(URL).content.decode()


def test_every_colour_token_has_a_swatch_with_its_name_and_values(pattern_html):
    tokens = colour_tokens()
    names = [token["name"] for token in tokens]
    assert {"--color-text", "--color-bg", "--color-primary", "--color-focus", "--chart-1", "--chart-4"} <= set(names)
    swatches = re.findall(r'<li class="swatch swatch--([\w-]+)">', pattern_html)
    assert swatches == [name[2:] for name in names]
    background = next(token for token in tokens if token["name"] == "--color-bg")
    assert (background["light"], background["dark"]) == ("#ffffff", "#0f181c")
    assert "clair #ffffff · sombre #0f181c" in pattern_html


def test_every_swatch_has_its_colour_rule_in_the_pattern_stylesheet():
    css = PATTERNS_CSS.read_text(encoding="utf-8")
    missing = [
        token["name"]
        for token in colour_tokens()
        if f".swatch--{token['name'][2:]} .swatch__sample {{\n  background: var({token['name']});" not in css
    ]
    assert not missing, f"add a rule to static/css/patterns.css for {missing}"


def test_every_icon_of_the_sprite_is_shown_with_its_name(pattern_html):
    names = sorted(sprite_icon_names())
    assert len(names) >= 10
    shown = re.findall(r'<li class="icon-list__item"><svg class="icon icon--([\w-]+)" aria-hidden="true"', pattern_html)
    assert shown == names
    for name in names:
        assert f"<code>{name}</code>" in pattern_html


def test_the_page_shows_the_components_with_the_site_classes(pattern_html):
    for fragment in [
        '<a class="button" href=',
        'class="notice"',
        '<ul class="cards">',
        '<li class="item-card">',
        '<li class="session-card">',
        '<li class="tag">',
        "office-status office-status--open",
        "office-status office-status--closed",
        '<figure class="quote">',
        '<table class="data-table">',
        '<nav class="pagination" aria-label="Pagination">',
        '<nav class="breadcrumbs" aria-label="Fil d\'Ariane">',
        'class="form-field form-field--email form-field--error"',
        'class="form-field__error" id="motif-courriel_error"',
        'aria-invalid="true"',
        '<fieldset class="form-field__group"',
        '<div class="form-field__checkbox">',
        "1er décembre 2026",  # date_fr
        'href="tel:',  # contact_links
    ]:
        assert fragment in pattern_html, fragment
