from django.apps import AppConfig


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = "Formations"

    def ready(self):
        from wagtail.signals import page_published

        from pages import freshness, privacy
        from thematiques.registry import FacetKind, register

        from .models import (
            REGISTRATION_PROCESSING,
            TrainingIndexPage,
            TrainingPage,
            fill_seats_after_publish,
            next_session_moment,
        )

        privacy.register(REGISTRATION_PROCESSING)
        freshness.register(next_session_moment)  # sessions that start or end change the cached listings
        page_published.connect(fill_seats_after_publish, sender=TrainingPage, dispatch_uid="trainings-fill-seats")

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
