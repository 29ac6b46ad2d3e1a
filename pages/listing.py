"""Listing helpers shared by the index pages: filter sets, pagination, result counts.

Views stay thin: an index page builds a ``ListingFilterSet`` (django-filter) from the query string and hands it
to ``listing_context``. Bad input never raises: an unknown value gives no results and a French message.
"""

from urllib.parse import urlencode

import django_filters
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet, Window
from django.utils.translation import ngettext

PAGE_SIZE = 12
FAST_PAGES = 1000  # page numbers read with their count in one query (higher ones would overflow SQL's OFFSET)


def paginate(items, page_number, per_page=PAGE_SIZE):
    """The requested page; a number past the end gives the last page, anything not a number the first.

    For a queryset, the page's items and the total count come from one query (``COUNT(*) OVER ()``) instead of
    Django's two; a page past the end (or no result at all) falls back to ``Paginator.get_page``.
    """
    paginator = Paginator(items, per_page)
    if not isinstance(items, QuerySet):
        return paginator.get_page(page_number)
    try:
        number = int(page_number) if page_number not in (None, "") else 1
    except (TypeError, ValueError):
        return paginator.get_page(page_number)
    if not 1 <= number <= FAST_PAGES:  # pages far out (usually past the end): Django clamps them to the last page
        return paginator.get_page(page_number)
    bottom = (number - 1) * per_page
    rows = list(items.annotate(listing_total=Window(Count("pk")))[bottom : bottom + per_page])
    if not rows:
        return paginator.get_page(page_number)
    paginator.count = rows[0].listing_total  # read by num_pages, without a COUNT query of its own
    return paginator._get_page(rows, number, paginator)  # Django's hook for building a page


def year_choices(years):
    """Choices for a year filter, from ``QuerySet.dates(..., "year")`` or plain years."""
    return [(str(getattr(year, "year", year)), str(getattr(year, "year", year))) for year in years]


class ListingFilterSet(django_filters.FilterSet):
    """A filter set of optional choices. Only its own parameters are read: ``?page=2`` is left to the view."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = {name: data.get(name, "") for name in self.base_filters}
        super().__init__(data, *args, **kwargs)
        for listing_filter in self.filters.values():
            # Choices given as a function (a query) are read once: the form's validation, its rendering and the
            # active filters' labels would otherwise each run the query again.
            choices = listing_filter.extra.get("choices")
            if callable(choices):
                listing_filter.extra["choices"] = list(choices())

    @property
    def is_filtered(self):
        return self.is_bound and any(self.data.get(name) for name in self.filters)

    def results(self):
        """The filtered queryset; with any unknown value it is empty (and the form's errors say why)."""
        if not self.is_bound:
            return self.queryset.all()
        if not self.is_valid():
            return self.queryset.none()
        return self.qs

    def selected_labels(self):
        """The human labels of the active filters, for the page title ("Santé, 2025")."""
        if not self.is_bound or not self.is_valid():
            return []
        labels = []
        for name, value in self.form.cleaned_data.items():
            if value not in ("", None):
                labels.append(dict(self.form.fields[name].choices).get(value, value))
        return labels

    def query_string(self):
        """The active filters as a query string, for pagination links."""
        if not self.is_bound:
            return ""
        return urlencode({name: self.data[name] for name in self.filters if self.data.get(name)})


def count_label(count, singular, plural):
    """ "1 actualité", "12 actualités", "0 actualité".

    French puts 0 in the singular; without a catalog for these French source strings, ``ngettext`` falls back to
    English's rule (singular for 1 only), so 0 is passed as 1.
    """
    return f"{count} {ngettext(singular, plural, max(count, 1))}"


def listing_context(filterset, request, singular, plural):
    """What an index template needs: the filtered page of results, its count in words, the active filters."""
    page_obj = paginate(filterset.results(), request.GET.get("page"))
    count = page_obj.paginator.count
    return {
        "form": filterset.form,
        "is_filtered": filterset.is_filtered,
        "page_obj": page_obj,
        "result_count": count,
        "result_label": count_label(count, singular, plural),
        "filter_labels": filterset.selected_labels(),
        "query_string": filterset.query_string(),
    }
