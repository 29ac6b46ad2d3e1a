"""The image and document collections staff file things in: their French names, and finding them by name.

The names live here, at the ground floor, so that every app can file an upload in the right collection (the
publications' covers, the choosers of the photo and logo fields); ``editorial.names`` re-exports them and
``editorial.collections`` creates the collections and their permissions.
"""

from wagtail.models import Collection

ROOT = "Toutes les collections"  # Wagtail calls the root collection "Root"; staff see this name instead
SITE_IMAGES = "Images du site"
PUBLICATIONS = "Publications"
TEAM = "Équipe"
PARTNER_LOGOS = "Logos partenaires"

ALL = (SITE_IMAGES, PUBLICATIONS, TEAM, PARTNER_LOGOS)


def collection_named(name):
    """The collection ``name`` directly under the root, or None when it does not exist (yet)."""
    root = Collection.get_first_root_node()
    if root is None:
        return None
    return root.get_children().filter(name=name).order_by("path").first()
