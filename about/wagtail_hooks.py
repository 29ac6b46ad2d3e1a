from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Team, TeamMember


class TeamMemberViewSet(SnippetViewSet):
    model = TeamMember
    icon = "user"
    menu_label = "Membres"
    # A tick or a cross, read "Oui" / "Non" (editorial/templates/wagtailadmin/tables/boolean_cell.html), not True/False.
    list_display = ["name", "role", "team", BooleanColumn("photo_consent", label="Accord photo")]
    list_filter = ["team", "live"]
    sort_order_field = "sort_order"


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    menu_label = "Équipes et services"
    sort_order_field = "sort_order"


class TeamGroup(SnippetViewSetGroup):
    items = (TeamMemberViewSet, TeamViewSet)
    menu_icon = "group"
    menu_label = "Équipe"
    menu_order = 305


register_snippet(TeamGroup)
