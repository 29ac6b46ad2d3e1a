"""Shared fixtures. The seed command is the fixture: the test database is seeded once, like a fresh site."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from seed.builder import SeedBuilder


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        SeedBuilder().build()


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home(site):
    return site.root_page.specific


@pytest.fixture
def page_at(home):
    """The live page at a public URL path, e.g. page_at("/presentation/equipe/")."""

    def find(url):
        return Page.objects.get(url_path=home.url_path + url.lstrip("/")).specific

    return find


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()
