from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PublicationType


class PublicationTypeViewSet(SnippetViewSet):
    model = PublicationType
    icon = "doc-full"
    menu_label = "Types de publication"
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["name", "slug"]
    sort_order_field = "sort_order"


register_snippet(PublicationTypeViewSet)
