"""The admin form of every page of the site."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from .routing import reserved_by_parent


class SitePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        if slug and self.parent_page is not None and reserved_by_parent(self.parent_page, slug):
            self.add_error(
                "slug",
                forms.ValidationError(
                    f"L'adresse « {slug} » est déjà utilisée par la page parente (flux, agenda, archives…) : "
                    "la page serait introuvable. Choisissez un autre identifiant d'adresse."
                ),
            )
        return cleaned_data
