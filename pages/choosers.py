"""Image and document choosers whose "Upload" tab files the new file in the collection that fits the field.

Wagtail's choosers preselect no collection in their upload form: the model's default, the root, which no group
may use, or else whichever collection comes first. Here a field names its collection (``ImageChooserIn(TEAM)``);
its chooser opens with ``?collection=<id>``, kept on every URL of the modal, and the upload form starts on that
collection. Only the starting choice changes: the form still offers only the collections the user may add to
(Wagtail checks that on upload), so a writer without access to "Équipe" never sees it, and may pick another one.
The listing is not narrowed: an image already uploaded elsewhere can still be chosen.

The widgets live here (models import them); the views, which Wagtail's modules build only once models are loaded,
live in ``pages.chooser_views`` and are registered by ``editorial.collections_hooks``.
"""

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.images.widgets import AdminImageChooser

from .collections import collection_named

PARAMETER = "collection"
IMAGES_VIEWSET = "images_in_collection_chooser"
DOCUMENTS_VIEWSET = "documents_in_collection_chooser"


class InCollectionMixin:
    """A chooser widget whose modal opens on the chooser of ``pages.chooser_views``, starting on the collection
    ``collection_name`` (Wagtail's own chooser when that collection does not exist)."""

    def __init__(self, collection_name, **kwargs):
        self.collection_name = collection_name
        super().__init__(**kwargs)

    def get_chooser_modal_url(self):
        collection = collection_named(self.collection_name)
        if collection is None:
            return super().get_chooser_modal_url()
        return f"{reverse(self.in_collection_url_name)}?{urlencode({PARAMETER: collection.pk})}"


class ImageChooserIn(InCollectionMixin, AdminImageChooser):
    in_collection_url_name = f"{IMAGES_VIEWSET}:choose"


class DocumentChooserIn(InCollectionMixin, AdminDocumentChooser):
    in_collection_url_name = f"{DOCUMENTS_VIEWSET}:choose"
