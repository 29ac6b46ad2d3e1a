"""The image and document collections, who may use each, and every file filed in one of them.

``ensure_collections()`` (idempotent: run it as often as you like) makes the four collections under the root, gives
each group its permissions there, takes every permission off the root (so that nothing is filed there by default),
gives the root a French name, and moves what still sits in the root into the collection that fits it.

Who may do what (images and documents alike):

- Rédacteurs add, change and choose in "Images du site" and "Publications". Not "Équipe": photos of people are
  seen only by Modérateurs and Administrateurs. Not "Logos partenaires": the logos are the Administrateurs' job
  (footer, site identity), and a writer has no field where a logo is chosen. No delete: an image or a document
  used on a live page would vanish without review.
- Modérateurs and Administrateurs add, change, choose and delete in all four.

The groups are found by name, or made empty when missing, so that this works before or after
``editorial.roles.ensure_roles()``; run that one first when both run.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission

from about.models import TeamMember
from pages.collections import ALL, collection_named
from pages.models import SiteIdentity, Sponsor
from publications.covers import LEGACY_COVERS_COLLECTION
from publications.models import PublicationPage

from .french_admin import name_root_page
from .names import ADMINISTRATORS, MODERATORS, PARTNER_LOGOS, PUBLICATIONS, ROOT_COLLECTION, SITE_IMAGES, TEAM, WRITERS
from .roles import last_app_with_models

REQUIRED_TABLES = {"auth_group", "auth_permission", "wagtailcore_collection", "wagtailcore_groupcollectionpermission"}
USE = ("add", "change", "choose")
MANAGE = (*USE, "delete")

# group -> {collection -> actions}
ACCESS = {
    WRITERS: {SITE_IMAGES: USE, PUBLICATIONS: USE},
    MODERATORS: dict.fromkeys(ALL, MANAGE),
    ADMINISTRATORS: dict.fromkeys(ALL, MANAGE),
}


def codenames(actions):
    """The permission codenames of ``actions`` on images and documents, as (app label, codename) pairs."""
    return [
        (app, f"{action}_{model}")
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in actions
    ]


def permissions(actions):
    wanted = codenames(actions)
    found = {
        (perm.content_type.app_label, perm.codename): perm
        for perm in Permission.objects.filter(
            content_type__app_label__in={app for app, _ in wanted}, codename__in={code for _, code in wanted}
        ).select_related("content_type")
    }
    missing = [pair for pair in wanted if pair not in found]
    if missing:
        raise LookupError(f"Permissions introuvables : {missing}")
    return [found[pair] for pair in wanted]


def ensure_permissions_exist():
    """On a new database, post_migrate reaches this app before the images' and documents' permissions exist."""
    for label in ("wagtailimages", "wagtaildocs"):
        create_permissions(apps.get_app_config(label), verbosity=0)


def ensure_root():
    root = Collection.get_first_root_node()
    if root is None:
        root = Collection.add_root(name=ROOT_COLLECTION)
    elif root.name != ROOT_COLLECTION:
        root.name = ROOT_COLLECTION
        root.save(update_fields=["name"])
    return root


def ensure_collection(root, name):
    return collection_named(name) or root.add_child(name=name)


def set_permissions(group, collection, wanted):
    """Exactly ``wanted`` for ``group`` on ``collection`` among image and document permissions."""
    current = GroupCollectionPermission.objects.filter(
        group=group, collection=collection, permission__content_type__app_label__in=("wagtailimages", "wagtaildocs")
    )
    current.exclude(permission__in=wanted).delete()
    have = set(current.values_list("permission_id", flat=True))
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=group, collection=collection, permission=perm)
        for perm in wanted
        if perm.pk not in have
    )


def fitting_collection_names():
    """Image id -> the name of the collection its use calls for (team photo, logo, publication cover)."""
    fits = {}
    covers = PublicationPage.objects.values_list("cover_id", "generated_cover_id")
    for ids in covers:
        fits.update(dict.fromkeys(filter(None, ids), PUBLICATIONS))
    logos = [
        *Sponsor.objects.values_list("logo_id", flat=True),
        *SiteIdentity.objects.values_list("logo_id", flat=True),
    ]
    fits.update(dict.fromkeys(filter(None, logos), PARTNER_LOGOS))
    fits.update(dict.fromkeys(filter(None, TeamMember.objects.values_list("photo_id", flat=True)), TEAM))  # wins
    return fits


def file_what_sits_in_root(root, collections):
    """Images and documents left in the root go to the collection that fits; returns how many moved."""
    moved = 0
    fits = fitting_collection_names()
    images = get_image_model().objects.filter(collection=root)
    for image_id in images.values_list("pk", flat=True):
        name = fits.get(image_id, SITE_IMAGES)
        moved += get_image_model().objects.filter(pk=image_id).update(collection=collections[name])
    # Documents: the site's files are its publications (PDFs, reports); "Publications" is where staff look for them.
    moved += get_document_model().objects.filter(collection=root).update(collection=collections[PUBLICATIONS])
    return moved


def retire_legacy_covers_collection(root, collections):
    """Covers were once filed in a collection of their own, without permissions: they belong in "Publications"."""
    legacy = root.get_children().filter(name=LEGACY_COVERS_COLLECTION).first()
    if legacy is None:
        return
    get_image_model().objects.filter(collection=legacy).update(collection=collections[PUBLICATIONS])
    in_use = (
        legacy.get_descendants().exists()
        or get_image_model().objects.filter(collection=legacy).exists()
        or get_document_model().objects.filter(collection=legacy).exists()
    )
    if not in_use:
        legacy.delete()


@transaction.atomic
def ensure_collections():
    """Make the collections and their permissions as described above; returns {name: Collection}."""
    ensure_permissions_exist()
    root = ensure_root()
    # Wagtail keeps collections sorted by name: "Images du site" comes first of the four, so Wagtail's own upload
    # forms, which preselect nothing a group may use, start there (for uploads from page bodies and news items).
    collections = {name: ensure_collection(root, name) for name in ALL}
    GroupCollectionPermission.objects.filter(collection=root).delete()
    for group_name, access in ACCESS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for name, collection in collections.items():
            set_permissions(group, collection, permissions(access.get(name, ())))
    retire_legacy_covers_collection(root, collections)
    file_what_sits_in_root(root, collections)
    return collections


def ensure_collections_after_migrate(app_config, verbosity=1, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate handler, connected after ``ensure_roles_after_migrate`` and, like it, acting once per migrate:
    on the last app that has models, when every table and permission exists. Also names the page tree's root in
    French ("Racine"), which staff see in the explorer."""
    if using != DEFAULT_DB_ALIAS or app_config is not last_app_with_models():
        return
    if not REQUIRED_TABLES.issubset(connections[using].introspection.table_names()):
        return  # a partial migrate (e.g. back to zero): nothing to file
    ensure_collections()
    name_root_page()
    if verbosity >= 1:
        print("  Collections : en place")
