from django.apps import AppConfig
from django.db.models.signals import post_migrate
from wagtail.users.apps import WagtailUsersAppConfig


class EditorialConfig(AppConfig):
    """How the centre's staff work in the admin: roles and review, collections, the to-do list, help."""

    default = True  # the app's config, beside EditorialUsersConfig below (which only replaces wagtail.users)
    name = "editorial"
    verbose_name = "Travail éditorial"

    def ready(self):
        from .collections import ensure_collections_after_migrate
        from .roles import ensure_roles_after_migrate

        # No sender: editorial has no models, so Django sends it no post_migrate (see ensure_roles_after_migrate).
        # Receivers run in the order they are connected: the groups first, then their collections.
        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="editorial.ensure_roles")
        post_migrate.connect(ensure_collections_after_migrate, dispatch_uid="editorial.ensure_collections")


class EditorialUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with user views that keep superusers out of reach of other user managers
    (``editorial.users``). Listed in INSTALLED_APPS in place of "wagtail.users"."""

    user_viewset = "editorial.users.UserViewSet"
