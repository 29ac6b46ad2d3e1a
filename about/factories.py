"""Factories for teams and team members, used by the tests and by ``seed_site --demo``.

Names are plainly fictitious ("Personne fictive 3"): never a generated name, phone number or address of a person.
"""

import factory

from .models import Team, TeamMember


class TeamFactory(factory.django.DjangoModelFactory):
    """A team, found by name when it exists."""

    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Équipe {n + 1}")


class TeamMemberFactory(factory.django.DjangoModelFactory):
    """A team member, saved then published with one revision like a page; ``draft=True`` leaves it unpublished."""

    class Meta:
        model = TeamMember
        skip_postgeneration_save = True  # publishing saves the member; no second save after it

    class Params:
        draft = factory.Trait(live=False)

    name = factory.Sequence(lambda n: f"Personne fictive {n + 1}")
    role = "Chargé·e de projet"
    team = factory.SubFactory(TeamFactory)

    @factory.post_generation
    def publish(member, create, extracted, **kwargs):
        if not create:
            return
        revision = member.save_revision()
        if member.live:
            revision.publish()
