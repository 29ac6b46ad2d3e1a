"""The dashboard's « À compléter » and « Pages à relire » panels (Wagtail's ``construct_homepage_panels``)."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .dashboard import REVIEW_MONTHS, review_rows, todo_rows


class TodoPanel(Component):
    """Every page and snippet the user may edit that still carries a note for editors or a "pending" block."""

    name = "editorial_todo"
    template_name = "editorial/panels/todo.html"
    order = 230  # after the pages to re-read (short, often empty), before the user's recent edits (250)

    def get_context_data(self, parent_context):
        return {"rows": todo_rows(parent_context["request"].user)}


class ReviewPanel(Component):
    """Practical pages (offices, integration path, trainings) not published for twelve months, oldest first."""

    name = "editorial_review"
    template_name = "editorial/panels/review.html"
    order = 225  # after Wagtail's review panels (210, 220) and before the long "À compléter" list

    def get_context_data(self, parent_context):
        return {"rows": review_rows(parent_context["request"].user), "months": REVIEW_MONTHS}


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    panels.extend([TodoPanel(), ReviewPanel()])
