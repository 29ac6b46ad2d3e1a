from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """How the centre's staff work in the admin: roles and review, collections, the to-do list, help."""

    name = "editorial"
    verbose_name = "Travail éditorial"
