"""A new page whose address is already taken by a sibling (often a draft that Wagtail's autosave made from a new page
someone abandoned) is refused with a French message that names that page and links to its edit view."""

from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.models import StandardPage

PARENT = "/presentation/qui-sommes-nous/"


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser("redaction", "redaction@example.org", "un mot de passe solide")
    client.force_login(user)
    return client


def new_page_data(title, slug, **actions):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "",
            "editor_note": "",
            "body": streamfield([("paragraph", rich_text("<p>Un paragraphe.</p>"))]),
            **actions,
        }
    )


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["pages", "standardpage", parent.pk])


@pytest.mark.django_db
def test_a_draft_saved_from_the_add_view_then_started_again_is_offered_back(editor_client, page_at):
    parent = page_at(PARENT)
    response = editor_client.post(add_url(parent), new_page_data("Horaires d'été", "horaires-ete"))
    assert response.status_code == 302, unescape(response.content.decode())[:3000]
    draft = parent.get_children().get(slug="horaires-ete")
    assert not draft.live

    # Abandoned, then someone starts the same page again: the clash names the draft and offers it.
    again = editor_client.post(add_url(parent), new_page_data("Horaires d'été", "horaires-ete"))
    assert again.status_code == 200
    message = unescape(again.context["form"].errors["slug"][0])
    assert "« Horaires d'été » (brouillon, non publiée)" in message
    assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in message
    assert parent.get_children().filter(slug__startswith="horaires-ete").count() == 1


@pytest.mark.django_db
def test_a_new_page_whose_slug_is_taken_by_a_draft_sibling_names_the_draft_and_links_to_it(editor_client, page_at):
    parent = page_at(PARENT)
    draft = parent.add_child(
        instance=StandardPage(title="Horaires d'été (ancien essai)", slug="horaires-ete", live=False)
    )
    draft.save_revision()
    pages_before = Page.objects.count()

    response = editor_client.post(
        add_url(parent), new_page_data("Horaires d'été", "horaires-ete", **{"action-publish": "action-publish"})
    )

    assert response.status_code == 200
    html = unescape(response.content.decode())
    errors = response.context["form"].errors["slug"]
    assert len(errors) == 1
    message = unescape(errors[0])
    assert "L'adresse « horaires-ete » est déjà prise" in message
    assert "« Horaires d'été (ancien essai) » (brouillon, non publiée)" in message
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert f'<a href="{edit_url}">ouvrez « Horaires d\'été (ancien essai) »</a>' in message
    assert f'<a href="{edit_url}">' in html  # rendered as a link, not escaped text
    assert "already in use" not in html and "est déjà utilisé au niveau de la page parent" not in html
    assert Page.objects.count() == pages_before


@pytest.mark.django_db
def test_a_live_sibling_is_named_as_published(editor_client, page_at):
    parent = page_at(PARENT)
    sibling = parent.get_children().live().first()
    response = editor_client.post(add_url(parent), new_page_data("Un doublon", sibling.slug))
    assert response.status_code == 200
    message = unescape(response.context["form"].errors["slug"][0])
    assert f"« {sibling.title} » (publiée)" in message
    assert reverse("wagtailadmin_pages:edit", args=[sibling.pk]) in message


@pytest.mark.django_db
def test_editing_a_page_does_not_clash_with_itself(editor_client, page_at):
    parent = page_at(PARENT)
    draft = parent.add_child(instance=StandardPage(title="Brouillon", slug="brouillon-a-reprendre", live=False))
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]), new_page_data("Brouillon repris", "brouillon-a-reprendre")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().title == "Brouillon repris"


@pytest.mark.django_db
def test_a_slug_made_from_the_title_is_explained_too(editor_client, page_at):
    """The address left empty is made from the title (pages/forms.py clean_slug): the clash names the draft too."""
    parent = page_at(PARENT)
    parent.add_child(instance=StandardPage(title="Horaires d'été", slug="horaires-dete", live=False))
    response = editor_client.post(add_url(parent), new_page_data("Horaires d'été", ""))
    assert response.status_code == 200
    message = unescape(response.context["form"].errors["slug"][0])
    assert "L'adresse « horaires-dete » est déjà prise" in message
    assert "« Horaires d'été » (brouillon, non publiée)" in message
