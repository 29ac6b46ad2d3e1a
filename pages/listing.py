"""Listing helpers shared by the index pages: facet filter forms, pagination, result counts.

Views stay thin: an index page builds a filter form from the query string, asks it for its queryset and
paginates it. Bad input never raises: an unknown value gives no results and a French message.
"""

from django import forms
from django.core.paginator import Paginator

PAGE_SIZE = 12
NO_RESULTS = "Aucun résultat ne correspond à ces critères."


def plural(count, singular, plural_form):
    """ "1 actualité", "12 actualités", "0 actualité" (French uses the singular for 0 and 1)."""
    return f"{count} {singular if count < 2 else plural_form}"


def paginate(items, page_number, per_page=PAGE_SIZE):
    """The requested page; a number past the end gives the last page, anything not a number the first."""
    return Paginator(items, per_page).get_page(page_number)


def listing_context(form, queryset, request, singular, plural_form):
    """What an index template needs: the filtered page of results, its count in words, the active filters."""
    page_obj = paginate(form.filter_queryset(queryset), request.GET.get("page"))
    count = page_obj.paginator.count
    return {
        "form": form,
        "page_obj": page_obj,
        "result_count": count,
        "result_label": plural(count, singular, plural_form),
        "filter_labels": form.selected_labels(),
        "query_string": form.query_string(),
    }


def thematique_choices():
    from thematiques.models import ThematiquePage

    return list(ThematiquePage.objects.live().order_by("path").values_list("slug", "title"))


class FacetFilterForm(forms.Form):
    """A GET form of optional choice filters. Subclasses set choices and map each field to a queryset filter."""

    thematique = forms.ChoiceField(label="Thématique", required=False)

    def __init__(self, data=None, **kwargs):
        # Only the filter parameters are read: ?page=2 and the like are left to the view.
        data = {name: data.get(name, "") for name in self.base_fields} if data is not None else None
        super().__init__(data, **kwargs)
        self.fields["thematique"].choices = [("", "Toutes les thématiques"), *thematique_choices()]

    @property
    def is_filtered(self):
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    def filter_queryset(self, queryset):
        """Apply the valid filters; with an unknown value the result is empty (and ``errors`` say why)."""
        if not self.is_bound:
            return queryset
        if not self.is_valid():
            return queryset.none()
        for name, value in self.cleaned_data.items():
            if value not in ("", None):
                queryset = self.apply(queryset, name, value)
        return queryset

    def apply(self, queryset, name, value):
        if name == "thematique":
            return queryset.filter(thematiques__slug=value)
        raise NotImplementedError(name)

    def selected_labels(self):
        """The human labels of the active filters, for the page title ("Santé, 2025")."""
        if not self.is_bound or not self.is_valid():
            return []
        labels = []
        for name, value in self.cleaned_data.items():
            if value not in ("", None):
                labels.append(dict(self.fields[name].choices).get(value, value))
        return labels

    def query_string(self):
        """The active filters as a query string, for pagination links."""
        from urllib.parse import urlencode

        if not self.is_bound:
            return ""
        return urlencode({name: self.data[name] for name in self.fields if self.data.get(name)})


def year_choices(dates):
    """Choices for a year filter from ``QuerySet.dates(..., "year")``."""
    return [("", "Toutes les années"), *((str(day.year), str(day.year)) for day in dates)]
