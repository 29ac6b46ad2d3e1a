"""Where staff find the guide: the admin's « Aide » menu (instead of Wagtail's English guide and release notes) and
a short panel at the top of the dashboard."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from .guide import TITLE, GuideView, screenshot


@hooks.register("register_admin_urls")
def guide_urls():
    return [
        path("guide-de-redaction/", GuideView.as_view(), name="editorial_guide"),
        path("guide-de-redaction/captures/<str:name>", screenshot, name="editorial_guide_screenshot"),
    ]


@hooks.register("register_help_menu_item")
def guide_menu_item():
    return MenuItem(TITLE, reverse("editorial_guide"), name="guide-de-redaction", icon_name="help", order=900)


@hooks.register("construct_help_menu")
def hide_wagtail_english_help(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(("editor-guide", "whats-new-in-wagtail"))]


class GuidePanel(Component):
    name = "editorial_guide"
    template_name = "editorial/guide_panel.html"
    order = 50  # first: before Wagtail's own panels

    def get_context_data(self, parent_context):
        return {"url": reverse("editorial_guide"), "title": TITLE}


@hooks.register("construct_homepage_panels")
def add_guide_panel(request, panels):
    panels.append(GuidePanel())
