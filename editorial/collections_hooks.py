"""Registers the image and document choosers that start in a collection (``pages.choosers``, ``pages.chooser_views``).

Not the place for the post_migrate receiver: Wagtail imports hooks lazily, and ``migrate`` ends without importing
them; ``editorial.collections.ensure_collections_after_migrate`` is connected in ``EditorialConfig.ready`` instead.
"""

from wagtail import hooks

from pages.chooser_views import document_viewset, image_viewset


@hooks.register("register_admin_viewset")
def register_image_chooser_in_collection():
    return image_viewset


@hooks.register("register_admin_viewset")
def register_document_chooser_in_collection():
    return document_viewset
