"""Factories for trainings and their sessions, used by the tests and by ``seed_site --demo``."""

import datetime

import factory
from django.utils import timezone

from pages.factories import PublishedPageFactory

from .models import Registration, RegistrationStatus, TrainingIndexPage, TrainingPage, TrainingSession


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    """A session, to ``build()`` and pass in a training's ``sessions=[...]``: the training saves it with itself."""

    class Meta:
        model = TrainingSession

    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    starts_at = datetime.time(9, 30)
    ends_at = datetime.time(16, 30)
    place_name = "Salle A"
    place_address = "Rue de l'Exemple 1, 5000 Namur"


class TrainingPageFactory(PublishedPageFactory):
    """A published training under the trainings index, with one session in a month unless ``sessions`` says.

    ``thematiques``, ``audiences`` and ``organisers`` take lists, saved with the page.
    """

    class Meta:
        model = TrainingPage

    parent = factory.LazyFunction(lambda: TrainingIndexPage.objects.get())
    title = factory.Sequence(lambda n: f"Formation {n + 1}")
    slug = factory.Sequence(lambda n: f"formation-{n + 1}")
    intro = factory.LazyAttribute(lambda page: f"Intro {page.title}")
    sessions = factory.LazyFunction(lambda: [TrainingSessionFactory.build()])


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration stored as it is (status given, no seat counting, no mail): for tests and demo content.
    People registering go through ``Registration.objects.register``."""

    class Meta:
        model = Registration

    training = factory.SubFactory(TrainingPageFactory)
    session = None
    name = factory.Sequence(lambda n: f"Personne {n + 1}")
    email = factory.Sequence(lambda n: f"personne{n + 1}@example.org")
    organisation = "ASBL Exemple"
    status = RegistrationStatus.REGISTERED
