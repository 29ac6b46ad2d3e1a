"""Factories for publications, used by the tests and by ``seed_site --demo``."""

import factory
from django.utils import timezone

from pages.factories import PublishedPageFactory

from .models import PublicationFile, PublicationIndexPage, PublicationPage, PublicationType


class PublicationTypeFactory(factory.django.DjangoModelFactory):
    """A publication type, found by name when it exists (the seed creates the usual ones: Guide, Rapport…)."""

    class Meta:
        model = PublicationType
        django_get_or_create = ("name",)

    name = "Guide"


class PublicationPageFactory(PublishedPageFactory):
    """A published publication under the publications index; a "Guide" of this year unless told otherwise.

    ``publication_type__name="Rapport"`` picks the type; ``documents=[...]`` lists documents on the page, in order
    (or pass ``files=[PublicationFile(...)]`` to label them).
    """

    class Meta:
        model = PublicationPage

    class Params:
        documents = ()

    parent = factory.LazyFunction(lambda: PublicationIndexPage.objects.get())
    title = factory.Sequence(lambda n: f"Publication {n + 1}")
    slug = factory.Sequence(lambda n: f"publication-{n + 1}")
    intro = factory.LazyAttribute(lambda page: f"Intro {page.title}")
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    publication_type = factory.SubFactory(PublicationTypeFactory)
    files = factory.LazyAttribute(
        lambda page: [
            PublicationFile(sort_order=order, document=document) for order, document in enumerate(page.documents)
        ]
    )
