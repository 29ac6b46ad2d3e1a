"""Rich-text link handlers for pages and documents that treat a malformed id as a missing target.

A link whose target is gone renders as ``<a>`` without ``href``: its text stays, it no longer leads anywhere.
"""

import re

from wagtail.admin.rich_text.converters.contentstate import link_entity
from wagtail.admin.rich_text.converters.html_to_contentstate import ExternalLinkElementHandler, PageLinkElementHandler
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.documents.rich_text.contentstate import DocumentLinkElementHandler, document_link_entity
from wagtail.rich_text.pages import PageLinkHandler

# Digits only, and few enough to fit the 64-bit integers of both SQLite and PostgreSQL.
WELL_FORMED_ID = re.compile(r"[0-9]{1,18}")


def is_well_formed_id(value):
    return isinstance(value, str) and WELL_FORMED_ID.fullmatch(value) is not None


class WellFormedIdMixin:
    """``get_many`` and ``extract_references`` that skip ids the database would refuse.

    The stock handlers pass the stored id straight to the database: "abc", "" or "1.5" raise ValueError on
    both databases, an id beyond 64 bits raises OverflowError on SQLite, and a missing id attribute raises
    KeyError while the reference index is updated; any of these answers the whole page with a 500.
    """

    @classmethod
    def get_many(cls, attrs_list):
        well_formed = [attrs for attrs in attrs_list if is_well_formed_id(attrs.get("id"))]
        found = iter(super().get_many(well_formed))
        return [next(found) if is_well_formed_id(attrs.get("id")) else None for attrs in attrs_list]

    @classmethod
    def extract_references(cls, attrs):
        if is_well_formed_id(attrs.get("id")):
            yield from super().extract_references(attrs)


class SafePageLinkHandler(WellFormedIdMixin, PageLinkHandler):
    pass


class SafeDocumentLinkHandler(WellFormedIdMixin, DocumentLinkHandler):
    pass


class SafePageLinkElementHandler(PageLinkElementHandler):
    """Opens a page link in the editor (Draftail); the stock handler answers 500 for a malformed id."""

    def get_attribute_data(self, attrs):
        if not is_well_formed_id(attrs.get("id")):
            return {}  # a link to nowhere, which the editor shows and lets editors fix
        return super().get_attribute_data(attrs)


class SafeDocumentLinkElementHandler(DocumentLinkElementHandler):
    """Opens a document link in the editor; the stock handler answers 500 for an id beyond 64 bits (SQLite)."""

    def get_attribute_data(self, attrs):
        if not is_well_formed_id(attrs.get("id")):
            return {}
        return super().get_attribute_data(attrs)


PAGE_LINK_CONVERSION = {
    "from_database_format": {
        "a[href]": ExternalLinkElementHandler("LINK"),
        'a[linktype="page"]': SafePageLinkElementHandler("LINK"),
    },
    "to_database_format": {"entity_decorators": {"LINK": link_entity}},
}
DOCUMENT_LINK_CONVERSION = {
    "from_database_format": {'a[linktype="document"]': SafeDocumentLinkElementHandler("DOCUMENT")},
    "to_database_format": {"entity_decorators": {"DOCUMENT": document_link_entity}},
}
