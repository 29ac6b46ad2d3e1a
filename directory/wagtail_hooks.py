from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import DirectoryEntry


class DirectoryEntryViewSet(SnippetViewSet):
    model = DirectoryEntry
    icon = "list-ul"
    menu_label = "Répertoire des services"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "commune", "phone", "email", "key"]
    list_filter = {"thematiques": ["exact"], "commune": ["icontains"], "free_of_charge": ["exact"]}
    list_per_page = 50
    # Searched in the database (the model is not in Wagtail's search index): partial words match.
    search_fields = ["name", "description", "commune", "key"]
    search_backend_name = None


register_snippet(DirectoryEntryViewSet)
