"""The names staff read in the admin for the groups, collections and workflow (one source for each)."""

# The collections' names live in the base app, where the publications' covers and the upload choosers read them too.
from pages.collections import PARTNER_LOGOS, PUBLICATIONS, SITE_IMAGES, TEAM
from pages.collections import ROOT as ROOT_COLLECTION

WRITERS = "Rédacteurs"
MODERATORS = "Modérateurs"
ADMINISTRATORS = "Administrateurs"

REVIEW_WORKFLOW = "Relecture"

__all__ = [
    "ADMINISTRATORS",
    "MODERATORS",
    "PARTNER_LOGOS",
    "PUBLICATIONS",
    "REVIEW_WORKFLOW",
    "ROOT_COLLECTION",
    "SITE_IMAGES",
    "TEAM",
    "WRITERS",
]
