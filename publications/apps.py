from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = "Publications"

    def ready(self):
        from thematiques.registry import FacetKind, register

        from .models import PublicationIndexPage, PublicationPage

        register(
            FacetKind(
                key="publications",
                title="Publications",
                order=30,
                latest=PublicationPage.filed_under,
                index_model=PublicationIndexPage,
                more_label="Toutes les publications sur ce thème",
                item_template="publications/includes/facet_item.html",
            )
        )
