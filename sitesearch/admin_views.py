"""The admin report « Recherches sans résultat »: what visitors looked for and did not find."""

from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import UnansweredQuery

# Superusers, and the groups given « Can view recherche sans résultat » in the admin.
unanswered_permission_policy = ModelPermissionPolicy(UnansweredQuery)


class UnansweredQueriesReportView(ReportView):
    page_title = "Recherches sans résultat"
    permission_policy = unanswered_permission_policy
    permission_required = "view"
    header_icon = "search"
    index_url_name = "sitesearch_unanswered"
    index_results_url_name = "sitesearch_unanswered_results"
    is_searchable = True
    search_fields = ["query_string"]
    default_ordering = "-hits"
    columns = [
        Column("query_string", label="Recherche", sort_key="query_string"),
        NumberColumn("hits", label="Nombre de recherches", sort_key="hits"),
        DateColumn("last_searched_at", label="Dernière recherche", sort_key="last_searched_at"),
    ]
    list_export = ["query_string", "hits", "last_searched_at"]
    export_headings = {
        "query_string": "Recherche",
        "hits": "Nombre de recherches",
        "last_searched_at": "Dernière recherche",
    }

    def get_base_queryset(self):
        return UnansweredQuery.objects.all()

    def get_queryset(self):
        return self.get_base_queryset()
