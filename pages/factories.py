"""The content factories every app builds on: published pages, images and documents.

The tests and ``seed_site --demo`` create their content with these factories (and the apps' own, in each app's
``factories.py``), so that both make pages the way an editor does: added under their index, then published.
"""

from pathlib import Path

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.models import Collection

from .models import StandardPage

EXAMPLE_PDF = Path(__file__).resolve().parent / "files" / "exemple.pdf"


def example_pdf(size=None):
    """The bytes of the example PDF (one page saying it is a fictitious document).

    With ``size``, the file is padded to exactly ``size`` bytes with a trailing PDF comment, which readers ignore:
    for tests about the size shown next to a download link.
    """
    data = EXAMPLE_PDF.read_bytes()
    if size is None:
        return data
    padding = size - len(data) - 2  # "%" and "\n" around the padding
    if padding < 0:
        raise ValueError(f"The example PDF already has {len(data)} bytes: ask for at least {len(data) + 2}.")
    return data + b"%" + b"0" * padding + b"\n"


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent``, then published: live, with one revision, as if an editor had published it.

    Parental relations go to the constructor and are saved with the page (modelcluster holds them until then):
    ``thematiques=[...]`` (a ParentalManyToManyField) or child objects such as a training's ``sessions=[...]``.
    Each concrete factory sets ``parent`` to the index its pages live under.
    """

    class Meta:
        abstract = True
        skip_postgeneration_save = True  # publishing saves the page; no second save after it

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create:
            page.save_revision().publish()


class StandardPageFactory(PublishedPageFactory):
    """A published content page; pass its ``parent`` (a section or another content page)."""

    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page {n + 1}")
    slug = factory.Sequence(lambda n: f"page-{n + 1}")


class ImageFactory(wagtail_factories.ImageFactory):
    """A plain coloured PNG in the root collection; ``file__width``, ``file__height``, ``file__color`` change it."""

    title = factory.Sequence(lambda n: f"Image {n + 1}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=800, height=450, color=(10, 90, 112), format="PNG", filename="image.png")


class DocumentFactory(wagtail_factories.DocumentFactory):
    """The example PDF, in the root collection; ``size=<bytes>`` pads it to that size."""

    class Params:
        size = None

    title = factory.Sequence(lambda n: f"Document {n + 1}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyAttribute(
        lambda document: ContentFile(example_pdf(document.size), f"{slugify(document.title)}.pdf")
    )
