"""Factories for news items, used by the tests and by ``seed_site --demo``."""

import factory
from django.utils import timezone

from pages.factories import PublishedPageFactory

from .models import NewsIndexPage, NewsPage


class NewsPageFactory(PublishedPageFactory):
    """A published news item under the news index; ``thematiques=[...]`` files it under themes."""

    class Meta:
        model = NewsPage

    parent = factory.LazyFunction(lambda: NewsIndexPage.objects.get())
    title = factory.Sequence(lambda n: f"Actualité {n + 1}")
    slug = factory.Sequence(lambda n: f"actualite-{n + 1}")
    intro = factory.LazyAttribute(lambda page: f"Intro {page.title}")
    published_on = factory.LazyFunction(timezone.localdate)
