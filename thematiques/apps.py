from django.apps import AppConfig


class ThematiquesConfig(AppConfig):
    name = "thematiques"
    verbose_name = "Thématiques"

    def ready(self):
        from pages.models import StandardPage

        from .registry import FacetKind, register

        register(FacetKind(key="pages", title="Pages", order=100, latest=StandardPage.filed_under))
