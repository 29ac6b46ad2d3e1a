from django.apps import AppConfig


class ThematiquesConfig(AppConfig):
    name = "thematiques"
    verbose_name = "Thématiques"
