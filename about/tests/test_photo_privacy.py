"""The photo of a team member who did not agree to its publication is never shown, linked or resized for the public:
not on the team page, not in the site search, not in the member's preview. With the agreement, it shows."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import RequestFactory
from wagtail.images.models import Rendition

from about.factories import TeamFactory, TeamMemberFactory
from pages.collections import TEAM, collection_named
from pages.factories import ImageFactory

pytestmark = pytest.mark.django_db

TEAM_PAGE = "/presentation/equipe/"
SEARCH = "/recherche/"


@pytest.fixture
def photo():
    return ImageFactory(
        title="Portrait de la personne fictive plomfrit",
        file__width=300,
        file__height=300,
        file__filename="portrait-plomfrit.png",
        collection=collection_named(TEAM),
    )


def member_with(photo, consent):
    return TeamMemberFactory(
        name="Personne fictive plomfrit", team=TeamFactory(name="Accueil"), photo=photo, photo_consent=consent
    )


def public_html(client, url):
    cache.clear()  # whole pages are cached: read a fresh one
    response = client.get(url)
    assert response.status_code == 200, url
    return response.text


def traces_of(photo, html):
    """What of the photo appears in ``html``: its file, its title, any rendition's file."""
    names = [photo.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0], photo.title]
    names += [rendition.file.name.rsplit("/", 1)[-1] for rendition in Rendition.objects.filter(image=photo)]
    return [name for name in names if name in html]


def test_without_consent_the_team_page_shows_the_member_and_not_the_photo(client, photo):
    member_with(photo, consent=False)

    html = public_html(client, TEAM_PAGE)

    assert "Personne fictive plomfrit" in html
    assert traces_of(photo, html) == []
    assert "person__photo" not in html
    assert not Rendition.objects.filter(image=photo).exists()  # no resized copy was even made


def test_with_consent_the_team_page_shows_the_photo(client, photo):
    member_with(photo, consent=True)

    html = public_html(client, TEAM_PAGE)

    renditions = Rendition.objects.filter(image=photo)
    assert renditions.exists()
    assert all(rendition.url in html for rendition in renditions)
    assert "person__photo" in html


def test_withdrawn_consent_takes_the_photo_off_the_team_page(client, photo):
    member = member_with(photo, consent=True)
    assert "person__photo" in public_html(client, TEAM_PAGE)

    member.photo_consent = False
    member.save_revision().publish()

    html = public_html(client, TEAM_PAGE)
    assert "person__photo" not in html
    assert "Personne fictive plomfrit" in html
    assert all(rendition.url not in html for rendition in Rendition.objects.filter(image=photo))


def test_the_site_search_finds_the_member_and_never_their_photo(client, photo):
    member_with(photo, consent=False)

    html = public_html(client, f"{SEARCH}?q=plomfrit")

    assert "plomfrit" in html and "Membre de l" in html  # found: its name highlighted, its kind labelled
    assert traces_of(photo, html) == []
    assert not Rendition.objects.filter(image=photo).exists()


def test_the_members_preview_leaves_out_a_photo_without_consent(admin_user, photo):
    member = member_with(photo, consent=False)
    request = RequestFactory().get("/")
    request.user = admin_user

    response = member.serve_preview(request, member.default_preview_mode)
    response.render()

    assert "Personne fictive plomfrit" in response.content.decode()
    assert "person__photo" not in response.content.decode()
    assert not Rendition.objects.filter(image=photo).exists()


def staff_in(django_user_model, group_name):
    user = django_user_model.objects.create_user(username=f"staff-{group_name}", password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.parametrize(("group_name", "sees_photo"), [("Rédacteurs", False), ("Modérateurs", True)])
def test_only_those_who_see_the_team_collection_set_a_members_photo(client, django_user_model, group_name, sees_photo):
    member = member_with(None, consent=False)
    client.force_login(staff_in(django_user_model, group_name))
    html = client.get(f"/admin/snippets/about/teammember/edit/{member.pk}/").content.decode()
    assert 'name="name"' in html
    assert ('name="photo"' in html) is sees_photo
    assert ('name="photo_consent"' in html) is sees_photo
