"""Factories for the directory, used by the tests."""

import factory

from pages.factories import PublishedPageFactory
from pages.models import SectionPage

from .models import DirectoryEntry, DirectoryPage


class DirectoryEntryFactory(factory.django.DjangoModelFactory):
    """A fictitious service in Namur; ``thematiques=[...]`` files it under themes."""

    class Meta:
        model = DirectoryEntry
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"exemple-{n + 1}")
    name = factory.Sequence(lambda n: f"Exemple : service {n + 1}")
    description = "Un service fictif pour les tests."
    commune = "Namur"
    street = "Rue de l'Exemple 1"
    postal_code = "5000"

    @factory.post_generation
    def thematiques(entry, create, extracted, **kwargs):
        if create and extracted:
            entry.thematiques.set(extracted)


class DirectoryPageFactory(PublishedPageFactory):
    """A published directory page, under the "Ressources" section unless ``parent`` is given."""

    class Meta:
        model = DirectoryPage

    parent = factory.LazyFunction(lambda: SectionPage.objects.get(slug="ressources"))
    title = "Répertoire des services"
    slug = factory.Sequence(lambda n: f"repertoire-test-{n + 1}")
    intro = "Les services utiles aux personnes nouvellement arrivées dans la province de Namur."
