"""Editors work in the Wagtail admin, in French: edit the history page, publish, see it on the site."""

from html import unescape

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

HISTORY = "/presentation/qui-sommes-nous/histoire-du-centre/"


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("redaction", "redaction@example.org", "un mot de passe solide")


@pytest.mark.django_db
def test_admin_edits_history_page_publishes_and_public_page_shows_it(client, admin_user, page_at):
    response = client.post(
        "/admin/login/", {"username": "redaction", "password": "un mot de passe solide"}, follow=True
    )
    assert response.status_code == 200 and response.wsgi_request.user.is_authenticated

    history = page_at(HISTORY)
    edit_url = f"/admin/pages/{history.id}/edit/"
    form_page = client.get(edit_url)
    assert form_page.status_code == 200
    assert "Note pour l'équipe éditoriale" in unescape(form_page.content.decode())

    data = nested_form_data(
        {
            "title": "Histoire du Centre",
            "slug": "histoire-du-centre",
            "intro": "Une introduction revue par l'équipe.",
            "editor_note": "",
            "body": streamfield(
                [
                    ("heading", {"text": "Quarante ans d'action", "level": "h2"}),
                    ("paragraph", rich_text("<p>Un paragraphe publié depuis l'administration.</p>")),
                ]
            ),
            "action-publish": "action-publish",
        }
    )
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    client.logout()
    html = unescape(client.get(HISTORY).content.decode())
    assert "Quarante ans d'action" in html
    assert "Un paragraphe publié depuis l'administration." in html
    assert "Une introduction revue par l'équipe." in html


@pytest.mark.django_db
def test_admin_speaks_french(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert 'lang="fr' in html
    assert "Tableau de bord" in html


@pytest.mark.django_db
def test_admin_lists_sponsors_and_site_settings_with_french_labels(client, admin_user, site):
    client.force_login(admin_user)
    sponsors = client.get("/admin/snippets/pages/sponsor/")
    assert sponsors.status_code == 200
    assert "Cofinancé par l'Union européenne" in unescape(sponsors.content.decode())
    identity = client.get(f"/admin/settings/pages/siteidentity/{site.id}/").content.decode()
    assert "Phrase de présentation" in identity and "Ligne de crédits" in identity
    contact = client.get(f"/admin/settings/contact/contactdetails/{site.id}/").content.decode()
    assert "Téléphone" in contact and "081 73 71 76" in contact


@pytest.mark.django_db
def test_no_account_exists_until_an_admin_is_created():
    assert get_user_model().objects.count() == 0


@pytest.mark.django_db
def test_page_preview_renders_in_the_admin_frame_despite_deny_policy(client, admin_user, page_at):
    client.force_login(admin_user)
    history = page_at(HISTORY)
    preview_url = f"/admin/pages/{history.id}/edit/preview/"
    data = nested_form_data(
        {
            "title": "Histoire du Centre (aperçu)",
            "slug": "histoire-du-centre",
            "intro": "",
            "editor_note": "",
            "body": streamfield([("paragraph", rich_text("<p>Texte en aperçu.</p>"))]),
        }
    )
    assert client.post(preview_url, data).json()["is_valid"] is True
    response = client.get(preview_url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "Texte en aperçu." in response.content.decode()
    assert client.get(HISTORY)["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_sponsor_snippet_preview_shows_the_partner_as_in_the_footer(client, admin_user):
    from pages.models import Sponsor

    client.force_login(admin_user)
    sponsor = Sponsor.objects.get(name="Wallonie")
    url = f"/admin/snippets/pages/sponsor/preview/{sponsor.pk}/"
    note = "Demander le fichier officiel"
    data = {"name": "Wallonie", "editor_note": note, "logo": "", "link_page": "", "link_url": ""}
    assert client.post(url, data).json()["is_valid"] is True
    html = client.get(url).content.decode()
    assert '<span class="sponsor__name">Wallonie</span>' in html
    assert note not in html
