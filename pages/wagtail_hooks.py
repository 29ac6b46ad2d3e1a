from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Sponsor
from .rich_text import (
    DOCUMENT_LINK_CONVERSION,
    PAGE_LINK_CONVERSION,
    SafeDocumentLinkHandler,
    SafePageLinkHandler,
)


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
