"""The thématique filter that every filtered list of items shares (news, trainings, publications)."""

import django_filters

from pages.listing import ListingFilterSet

from .models import ThematiquePage


def thematique_choices():
    return list(ThematiquePage.objects.live().order_by("path").values_list("slug", "title"))


class ThematiqueFilterSet(ListingFilterSet):
    thematique = django_filters.ChoiceFilter(
        label="Thématique",
        field_name="thematiques__slug",
        choices=thematique_choices,
        empty_label="Toutes les thématiques",
    )
