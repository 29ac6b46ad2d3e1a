from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, Organiser


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = "Publics cibles"
    list_display = ["name", "slug"]
    sort_order_field = "sort_order"


class OrganiserViewSet(SnippetViewSet):
    model = Organiser
    icon = "user"
    menu_label = "Organisateurs"
    list_display = ["name", "website"]


class TrainingsViewSetGroup(SnippetViewSetGroup):
    items = (AudienceViewSet, OrganiserViewSet)
    menu_icon = "date"
    menu_label = "Formations"
    menu_order = 310


register_snippet(TrainingsViewSetGroup)
