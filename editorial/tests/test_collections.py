"""Collections: their permissions per group, nothing in (or allowed on) the root, uploads that start in the collection
that fits the field they come from, and the team's photos out of the writers' sight."""

import re
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import post_migrate
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, Page, Site

from about.factories import TeamMemberFactory
from editorial.collections import ensure_collections
from editorial.names import (
    ADMINISTRATORS,
    MODERATORS,
    PARTNER_LOGOS,
    PUBLICATIONS,
    ROOT_COLLECTION,
    SITE_IMAGES,
    TEAM,
    WRITERS,
)
from editorial.roles import last_app_with_models
from pages.collections import collection_named
from pages.factories import DocumentFactory, ImageFactory
from pages.models import SiteIdentity, Sponsor
from publications.covers import LEGACY_COVERS_COLLECTION
from publications.factories import PublicationPageFactory
from seed.builder import SeedBuilder

pytestmark = pytest.mark.django_db

USE = {"add", "change", "choose"}
MANAGE = USE | {"delete"}
EXPECTED = {
    WRITERS: {SITE_IMAGES: USE, PUBLICATIONS: USE, TEAM: set(), PARTNER_LOGOS: set()},
    MODERATORS: dict.fromkeys((SITE_IMAGES, PUBLICATIONS, TEAM, PARTNER_LOGOS), MANAGE),
    ADMINISTRATORS: dict.fromkeys((SITE_IMAGES, PUBLICATIONS, TEAM, PARTNER_LOGOS), MANAGE),
}


def root():
    return Collection.get_first_root_node()


def actions(group_name, collection, model):
    rows = GroupCollectionPermission.objects.filter(
        group__name=group_name, collection=collection, permission__content_type__model=model
    )
    return {codename.removesuffix(f"_{model}") for codename in rows.values_list("permission__codename", flat=True)}


def snapshot():
    collections = list(Collection.objects.order_by("path").values_list("pk", "path", "name"))
    rows = sorted(GroupCollectionPermission.objects.values_list("pk", "group_id", "collection_id", "permission_id"))
    groups = sorted(Group.objects.values_list("pk", "name"))
    return collections, rows, groups


def staff(group_name, username):
    """A user of ``group_name`` who can open the admin (the roles give that; here it is made sure of)."""
    group = Group.objects.get(name=group_name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user = get_user_model().objects.create_user(username=username, email=f"{username}@example.org", password="x")
    user.groups.add(group)
    return user


def refused(response):
    """Wagtail's admin answers a refused permission with a 403, or a redirect to the dashboard with a message."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


def png(name="photo.png"):
    buffer = BytesIO()
    PillowImage.new("RGB", (40, 40), (10, 90, 112)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def chooser_urls(html):
    """The chooser modal URLs in an edit form, with the collection each starts on (None for Wagtail's own)."""
    found = re.findall(r"/admin/(images|documents)/chooser(?:-in-collection)?/(?:\?collection=(\d+))?", html)
    return {(kind, int(pk) if pk else None) for kind, pk in found}


# The collections and their permissions


def test_the_four_collections_sit_under_a_root_with_a_french_name():
    assert root().name == ROOT_COLLECTION == "Toutes les collections"
    names = list(root().get_children().values_list("name", flat=True))
    assert set(names) >= {SITE_IMAGES, PUBLICATIONS, TEAM, PARTNER_LOGOS}
    assert names[0] == SITE_IMAGES  # first: where Wagtail's own upload forms start


@pytest.mark.parametrize("group_name", [WRITERS, MODERATORS, ADMINISTRATORS])
@pytest.mark.parametrize("model", ["image", "document"])
def test_each_group_has_exactly_its_permissions_on_each_collection(group_name, model):
    for name, expected in EXPECTED[group_name].items():
        assert actions(group_name, collection_named(name), model) == expected, (group_name, name)


def test_no_group_has_any_permission_on_the_root():
    editors, _ = Group.objects.get_or_create(name="Editors")  # as Wagtail's own migration leaves it
    GroupCollectionPermission.objects.create(
        group=editors, collection=root(), permission=Permission.objects.get(codename="add_image")
    )
    ensure_collections()
    assert not GroupCollectionPermission.objects.filter(collection=root()).exists()


def test_running_it_again_changes_nothing():
    ensure_collections()
    before = snapshot()
    ensure_collections()
    ensure_collections()
    assert snapshot() == before


def test_it_puts_back_what_was_changed_and_renames_wagtails_root():
    site_images = collection_named(SITE_IMAGES)
    GroupCollectionPermission.objects.filter(group__name=WRITERS, collection=site_images).delete()
    GroupCollectionPermission.objects.create(
        group=Group.objects.get(name=WRITERS),
        collection=collection_named(TEAM),
        permission=Permission.objects.get(codename="choose_image"),
    )
    Collection.objects.filter(pk=root().pk).update(name="Root")

    ensure_collections()

    assert root().name == ROOT_COLLECTION
    assert actions(WRITERS, site_images, "image") == USE
    assert actions(WRITERS, collection_named(TEAM), "image") == set()


def test_it_runs_after_migrate():
    Collection.objects.filter(pk=root().pk).update(name="Root")
    Page.objects.filter(depth=1).update(title="Root")
    config = last_app_with_models()  # editorial has no models: Django sends it no post_migrate of its own
    post_migrate.send(sender=config, app_config=config, verbosity=0, interactive=False, using="default", plan=[])
    assert Page.objects.get(depth=1).title == "Racine"
    assert root().name == ROOT_COLLECTION


def test_files_left_in_the_root_go_where_they_fit():
    photo, logo, identity_logo, cover, other = (ImageFactory(title=title) for title in "ABCDE")
    TeamMemberFactory(photo=photo, photo_consent=False)
    Sponsor.objects.create(name="Partenaire fictif", logo=logo)
    SiteIdentity.for_site(Site.objects.get(is_default_site=True))  # made when missing
    SiteIdentity.objects.update(logo=identity_logo)
    PublicationPageFactory(cover=cover)
    document = DocumentFactory()
    assert {image.collection_id for image in (photo, logo, cover, other)} == {root().pk}

    ensure_collections()

    def where(item):
        item.refresh_from_db()
        return item.collection.name

    assert where(photo) == TEAM
    assert where(logo) == where(identity_logo) == PARTNER_LOGOS
    assert where(cover) == where(document) == PUBLICATIONS
    assert where(other) == SITE_IMAGES
    assert not get_image_model().objects.filter(collection=root()).exists()
    assert not get_document_model().objects.filter(collection=root()).exists()


def test_covers_of_the_former_covers_collection_join_publications():
    legacy = root().add_child(name=LEGACY_COVERS_COLLECTION)
    cover = ImageFactory(title="Couverture : ancien guide", collection=legacy)
    ensure_collections()
    cover.refresh_from_db()
    assert cover.collection.name == PUBLICATIONS
    assert not Collection.objects.filter(name=LEGACY_COVERS_COLLECTION).exists()


def test_the_seed_files_its_images_and_documents_in_the_right_collections():
    SeedBuilder(demo=True).build()
    images = get_image_model().objects.select_related("collection")
    portraits = images.filter(title__startswith="Exemple : portrait fictif")
    assert portraits.exists() and {image.collection.name for image in portraits} == {TEAM}
    illustrations = images.filter(title__startswith="Illustration décorative (démo)")
    assert illustrations.exists()
    assert {image.collection.get_parent().name for image in illustrations} == {SITE_IMAGES}
    documents = get_document_model().objects.filter(title__startswith="Exemple :").select_related("collection")
    assert documents.exists() and {document.collection.name for document in documents} == {PUBLICATIONS}
    assert not images.filter(collection=root()).exists()
    assert not get_document_model().objects.filter(collection=root()).exists()


# Who sees the team's photos


@pytest.fixture
def team_photo():
    return ImageFactory(title="Portrait de la personne fictive zorblax", collection=collection_named(TEAM))


def test_a_writer_never_sees_the_team_photos(client, team_photo):
    ImageFactory(title="Vue du bâtiment fictif", collection=collection_named(SITE_IMAGES))
    client.force_login(staff(WRITERS, "redactrice"))

    listing = client.get(reverse("wagtailimages:index"))
    chooser = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    edit = client.get(reverse("wagtailimages:edit", args=[team_photo.pk]))
    chosen = client.get(reverse("wagtailimages_chooser:chosen", args=[team_photo.pk]))

    assert listing.status_code == 200 and "Vue du bâtiment fictif" in listing.text
    assert "zorblax" not in listing.text
    assert "Vue du bâtiment fictif" in chooser and "zorblax" not in chooser
    assert refused(edit) and refused(chosen)


@pytest.mark.parametrize("group_name", [MODERATORS, ADMINISTRATORS])
def test_moderators_and_administrators_see_the_team_photos(client, team_photo, group_name):
    client.force_login(staff(group_name, "relecteur"))
    assert "zorblax" in client.get(reverse("wagtailimages:index")).text
    assert "zorblax" in client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert client.get(reverse("wagtailimages:edit", args=[team_photo.pk])).status_code == 200


def test_a_writer_uploads_nowhere_near_the_root_or_the_team(client):
    client.force_login(staff(WRITERS, "redacteur"))
    html = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    offered = set(re.findall(r'<option value="(\d+)"', html.split('name="image-chooser-upload-collection"')[1]))
    assert offered == {str(collection_named(SITE_IMAGES).pk), str(collection_named(PUBLICATIONS).pk)}


# Uploads start in the collection of the field they come from


def selected_collection(response, prefix):
    """The collection the chooser's upload form starts on (its selected option)."""
    assert response.status_code == 200
    form = response.json()["html"].split(f'name="{prefix}-collection"')[1].split("</select>")[0]
    return int(re.search(r'<option value="(\d+)"[^>]*selected', form).group(1))


def test_a_team_members_photo_field_uploads_to_the_team_collection(client, admin_user):
    member = TeamMemberFactory()
    client.force_login(admin_user)
    edit = client.get(reverse("wagtailsnippets_about_teammember:edit", args=[member.pk]))
    assert chooser_urls(edit.text) == {("images", collection_named(TEAM).pk)}

    moderator = staff(MODERATORS, "moderatrice")
    client.force_login(moderator)
    url = reverse("images_in_collection_chooser:choose") + f"?collection={collection_named(TEAM).pk}"
    assert selected_collection(client.get(url), "image-chooser-upload") == collection_named(TEAM).pk

    create = reverse("images_in_collection_chooser:create") + f"?collection={collection_named(TEAM).pk}"
    response = client.post(
        create,
        {
            "image-chooser-upload-title": "Portrait fictif",
            "image-chooser-upload-file": png(),
            "image-chooser-upload-collection": collection_named(TEAM).pk,
        },
    )
    assert response.status_code == 200 and response.json()["step"] == "chosen"
    uploaded = get_image_model().objects.get(title="Portrait fictif")
    assert uploaded.collection == collection_named(TEAM) and uploaded.uploaded_by_user == moderator


def test_logo_fields_upload_to_the_partner_logos(client, admin_user):
    client.force_login(admin_user)
    sponsor = Sponsor.objects.create(name="Partenaire fictif")
    site = Site.objects.get(is_default_site=True)
    logos = collection_named(PARTNER_LOGOS).pk
    sponsor_form = client.get(reverse("wagtailsnippets_pages_sponsor:edit", args=[sponsor.pk])).text
    identity_form = client.get(reverse("wagtailsettings:edit", args=["pages", "siteidentity", site.pk])).text
    assert ("images", logos) in chooser_urls(sponsor_form)
    assert ("images", logos) in chooser_urls(identity_form)
    assert ("images", None) in chooser_urls(identity_form)  # the sharing image: Wagtail's chooser, "Images du site"

    client.force_login(staff(ADMINISTRATORS, "administratrice"))
    url = reverse("images_in_collection_chooser:choose") + f"?collection={logos}"
    assert selected_collection(client.get(url), "image-chooser-upload") == logos


def test_a_publications_cover_and_files_upload_to_publications(client, admin_user):
    publication = PublicationPageFactory()
    publications = collection_named(PUBLICATIONS).pk
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[publication.pk])).text
    assert ("images", publications) in chooser_urls(html)  # the cover
    assert ("documents", publications) in chooser_urls(html)  # the files, in the inline panel

    writer = staff(WRITERS, "redacteur")
    client.force_login(writer)
    url = reverse("documents_in_collection_chooser:choose") + f"?collection={publications}"
    assert selected_collection(client.get(url), "document-chooser-upload") == publications
    create = reverse("documents_in_collection_chooser:create") + f"?collection={publications}"
    response = client.post(
        create,
        {
            "document-chooser-upload-title": "Rapport fictif",
            "document-chooser-upload-file": SimpleUploadedFile("rapport.pdf", b"%PDF-1.4\n%%EOF\n"),
            "document-chooser-upload-collection": publications,
        },
    )
    assert response.status_code == 200 and response.json()["step"] == "chosen"
    assert get_document_model().objects.get(title="Rapport fictif").collection_id == publications


def test_elsewhere_uploads_start_in_the_site_images(client):
    client.force_login(staff(MODERATORS, "moderateur"))
    html = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    select = html.split('name="image-chooser-upload-collection"')[1].split("</select>")[0]
    first = re.search(r'<option value="(\d+)"', select).group(1)
    assert int(first) == collection_named(SITE_IMAGES).pk  # nothing selected: the browser shows the first one


def test_a_bad_collection_parameter_is_ignored(client):
    client.force_login(staff(MODERATORS, "moderateur"))
    for value in ("abc", "999999", "-1"):
        url = reverse("images_in_collection_chooser:choose") + f"?collection={value}"
        assert client.get(url).status_code == 200
