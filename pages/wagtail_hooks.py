from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Sponsor
from .rich_text import (
    DOCUMENT_LINK_CONVERSION,
    PAGE_LINK_CONVERSION,
    SafeDocumentLinkHandler,
    SafePageLinkHandler,
)
from .uploads import install_rendition_guard


class SponsorViewSet(SnippetViewSet):
    model = Sponsor
    icon = "image"
    menu_label = "Partenaires (pied de page)"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "logo", "link_url"]
    sort_order_field = "sort_order"


register_snippet(SponsorViewSet)


# The stock page and document link handlers pass the stored id to the database: a malformed one answers 500.
# order=1: after Wagtail's own hooks (its apps come after ours in INSTALLED_APPS), so that ours replace its handlers.
@hooks.register("register_rich_text_features", order=1)
def register_safe_link_handlers(features):
    features.register_link_type(SafePageLinkHandler)
    features.register_link_type(SafeDocumentLinkHandler)
    # The same for the editor (Draftail), which opens the stored rich text.
    features.register_converter_rule("contentstate", "link", PAGE_LINK_CONVERSION)
    features.register_converter_rule("contentstate", "document-link", DOCUMENT_LINK_CONVERSION)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_incomplete_pages(request, action_type, objects, action_class_instance):
    """The page listing's bulk "Publier" publishes each page's latest version without its edit form, hence without
    the form's publishing rules (a news item with no text…): check them on that version, and refuse in French."""
    if action_type != "publish" or not objects or not isinstance(objects[0], Page):
        return None
    refused = []
    for page in objects:
        version = page.specific.get_latest_revision_as_object()
        check = getattr(version, "missing_for_publication", None)
        if check is not None:
            refused.extend(f"« {page.title} » : {message}" for message in check())
    if not refused:
        return None
    for message in refused:
        messages.error(request, message)
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("wagtailadmin_explore", args=[objects[0].get_parent().pk])
    return redirect(back)


# Renditions of an image Pillow refuses (stored before the upload checks) draw Wagtail's broken image, not a 500.
# Here because every rendition reads the image-operation hooks first: this module is loaded before any is made.
install_rendition_guard()
