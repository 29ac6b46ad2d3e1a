"""Publication covers drawn from the first page of the publication's PDF, never in a web request.

``manage.py make_publication_covers`` (also run at the end of ``seed_site``) gives every publication that has a PDF
and no cover an image of the PDF's first page, rendered with PDFium (pypdfium2) at a bounded size and saved as a
JPEG in the "Publications" collection. The page remembers that image in ``generated_cover``: the
cover counts as generated while it is that image. An editor who picks another image, or removes the cover, makes
the choice theirs: no later run, even with ``force``, touches it again.

A PDF that cannot give a cover (too big, not a PDF, damaged, protected by a password, without pages) leaves the
publication as it was and logs one warning line; nothing is raised to the caller.
"""

import enum
import logging
from io import BytesIO

import pypdfium2 as pdfium
from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Revision

from pagecache.signals import invalidate as clear_page_cache
from pages.collections import PUBLICATIONS, collection_named

from .models import PublicationFile, PublicationPage

logger = logging.getLogger(__name__)

COVERS_COLLECTION = PUBLICATIONS  # where the publications' PDFs are too; staff with access to one see the other
LEGACY_COVERS_COLLECTION = "Couvertures de publications"  # covers' own collection before; editorial empties it
TITLE_PREFIX = "Couverture : "
DEFAULT_MAX_BYTES = 30 * 1024 * 1024  # settings.PUBLICATION_COVER_MAX_BYTES overrides it
WIDTH = 600  # pixels; the site shows covers at most 320 px wide, so this is enough for 2x screens
MAX_HEIGHT = 1200  # a page taller than 1:2 is rendered narrower instead
MIN_SIDE = 100  # a page so long or so wide that one side would be thinner than this makes no cover
JPEG_QUALITY = 85


class Outcome(enum.Enum):
    CREATED = "créée"
    REDRAWN = "refaite"
    FAILED = "échec"
    EDITOR_COVER = "couverture choisie par l'équipe"
    EDITOR_REMOVED = "couverture générée retirée par l'équipe"
    ALREADY_GENERATED = "déjà générée"
    NO_PDF = "sans PDF"


class CoverError(Exception):
    """Why a PDF gives no cover, in words for the log."""


def max_bytes():
    return getattr(settings, "PUBLICATION_COVER_MAX_BYTES", DEFAULT_MAX_BYTES)


def cover_document(page):
    """The first PDF among the publication's documents (in the editors' order), or None."""
    for item in PublicationFile.objects.filter(page=page).select_related("document").order_by("sort_order", "pk"):
        if item.document.file_extension.lower() == "pdf":
            return item.document
    return None


def read_pdf(document, limit):
    """The document's bytes, refused past ``limit`` (checked before reading, and again while reading)."""
    try:
        size = document.file.size
    except OSError as error:
        raise CoverError(f"fichier introuvable ({error})") from error
    if size > limit:
        raise CoverError(f"PDF trop volumineux ({size} octets, limite {limit})")
    with document.file.open("rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise CoverError(f"PDF trop volumineux (plus de {limit} octets)")
    return data


def render_first_page(data):
    """A Pillow RGB image of the PDF's first page, at most WIDTH wide and MAX_HEIGHT high."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise CoverError(f"PDF illisible ou protégé ({error})") from error
    try:
        if len(pdf) < 1:
            raise CoverError("le PDF n'a aucune page")
        first = pdf[0]
        width, height = first.get_size()  # in points, page rotation applied
        if width <= 0 or height <= 0:
            raise CoverError("la première page n'a pas de dimensions")
        scale = min(WIDTH / width, MAX_HEIGHT / height)
        if min(width, height) * scale < MIN_SIDE:
            raise CoverError(f"format de page inutilisable pour une couverture ({width:.0f} × {height:.0f} pt)")
        picture = first.render(scale=scale).to_pil().convert("RGB")
    except pdfium.PdfiumError as error:
        raise CoverError(f"rendu impossible ({error})") from error
    finally:
        pdf.close()
    picture.thumbnail((WIDTH, MAX_HEIGHT), PillowImage.Resampling.LANCZOS)  # rounding never lets it grow
    return picture


def covers_collection():
    """The image collection for generated covers ("Publications" under the root), created when missing."""
    collection = collection_named(COVERS_COLLECTION)
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=COVERS_COLLECTION)
    return collection


def as_jpeg(picture, page):
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    buffer.seek(0)
    return ImageFile(buffer, name=f"couverture-{page.slug}.jpg")


def cover_title(page):
    return (TITLE_PREFIX + page.title)[: get_image_model()._meta.get_field("title").max_length]


def store_new_cover(page, picture):
    """A new image in the covers collection, set as the page's cover in the page, its draft and its live version."""
    image = get_image_model()(title=cover_title(page), collection=covers_collection(), file=as_jpeg(picture, page))
    image._set_image_file_metadata()
    image.save()
    PublicationPage.objects.filter(pk=page.pk).update(cover=image, generated_cover=image)
    clear_page_cache()  # an update() sends no signal: the cached pages showing the publication change too
    # A page with unpublished changes is edited from its latest revision: without the cover there, publishing that
    # draft would drop it. A draft in which an editor already picked a cover keeps that choice.
    for revision in Revision.objects.filter(pk__in={page.latest_revision_id, page.live_revision_id} - {None}):
        content = revision.content
        if content.get("cover") is None and content.get("generated_cover") is None:
            content["cover"] = content["generated_cover"] = image.pk
            revision.save(update_fields=["content"])
    return image


def redraw_cover(image, page, picture):
    """Replace the generated image's file in place: same image, so every use of it follows; old renditions go."""
    old_name = image.file.name
    image.file = as_jpeg(picture, page)
    image.title = cover_title(page)
    image._set_image_file_metadata()
    image.save()
    image.renditions.all().delete()
    if old_name and old_name != image.file.name:
        image.file.storage.delete(old_name)
    return image


def make_cover(page, force=False):
    """Give ``page`` a cover drawn from its PDF when it has none; returns an Outcome. Never raises for a bad PDF."""
    if page.cover_id is not None and not page.cover_is_generated:
        return Outcome.EDITOR_COVER
    if page.cover_id is None and page.generated_cover_id is not None:
        return Outcome.EDITOR_REMOVED
    if page.cover_is_generated and not force:
        return Outcome.ALREADY_GENERATED
    document = cover_document(page)
    if document is None:
        return Outcome.NO_PDF
    try:
        picture = render_first_page(read_pdf(document, max_bytes()))
        with transaction.atomic():
            if page.cover_is_generated:
                redraw_cover(page.cover, page, picture)
                return Outcome.REDRAWN
            store_new_cover(page, picture)
            return Outcome.CREATED
    except Exception as error:  # a bad PDF, a storage or decoding failure: the page stays as it was
        logger.warning(
            "Publication %s « %s » : pas de couverture tirée du document %s : %s",
            page.pk,
            page.title,
            document.pk,
            error if isinstance(error, CoverError) else f"{type(error).__name__}: {error}",
        )
        return Outcome.FAILED


def publications(publication_id=None):
    pages = PublicationPage.objects.select_related("cover").order_by("pk")
    if publication_id is not None:
        pages = pages.filter(pk=publication_id)
    return pages
