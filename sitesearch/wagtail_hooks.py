from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import UnansweredQueriesReportView, unanswered_permission_policy
from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "Synonymes de recherche"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["term", "site_terms"]
    search_fields = ["term", "site_terms"]
    search_backend_name = None  # a short list, searched in the database


register_snippet(SynonymViewSet)


@hooks.register("register_admin_urls")
def register_unanswered_queries_report():
    return [
        path(
            "reports/recherches-sans-resultat/",
            UnansweredQueriesReportView.as_view(),
            name="sitesearch_unanswered",
        ),
        path(
            "reports/recherches-sans-resultat/results/",
            UnansweredQueriesReportView.as_view(results_only=True),
            name="sitesearch_unanswered_results",
        ),
    ]


class UnansweredQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return unanswered_permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_unanswered_queries_menu_item():
    return UnansweredQueriesMenuItem(
        "Recherches sans résultat",
        reverse("sitesearch_unanswered"),
        name="recherches-sans-resultat",
        icon_name="search",
        order=1310,
    )
