from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Actualités"

    def ready(self):
        from thematiques.registry import FacetKind, register

        from .models import NewsIndexPage, NewsPage

        register(
            FacetKind(
                key="news",
                title="Actualités",
                order=10,
                latest=NewsPage.filed_under,
                index_model=NewsIndexPage,
                more_label="Toutes les actualités sur ce thème",
                item_template="news/includes/facet_item.html",
            )
        )
