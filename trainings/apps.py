from django.apps import AppConfig


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = "Formations"

    def ready(self):
        from thematiques.registry import FacetKind, register

        from .models import TrainingIndexPage, TrainingPage

        register(
            FacetKind(
                key="trainings",
                title="Prochaines formations",
                order=20,
                latest=TrainingPage.filed_under,
                index_model=TrainingIndexPage,
                more_label="Toutes les formations sur ce thème",
                item_template="trainings/includes/facet_item.html",
            )
        )
