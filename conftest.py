"""Shared fixtures. The seed command is the fixture: the test database is seeded once, like a fresh site."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from seed.builder import SeedBuilder

pytest_plugins = ["tests.smtp"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, seeded once like a fresh site; its value is the report of that first seed run."""
    with django_db_blocker.unblock():
        return SeedBuilder().build()


@pytest.fixture(scope="session")
def fresh_seed_report(django_db_setup):
    """What ``seed_site`` reported when it built the test database from nothing."""
    return django_db_setup


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


def pytest_collection_modifyitems(config, items):
    """A test that asks for Playwright's ``page`` or ``browser`` (even by naming a parameter ``page``) drives
    Chromium: it must be marked ``browser``. Unmarked, it would also reorder the suite (Playwright parametrizes it at
    session scope) and run database tests after the transactional browser tests have emptied the database."""
    stray = [
        item.nodeid
        for item in items
        if "browser_name" in getattr(item, "fixturenames", ()) and item.get_closest_marker("browser") is None
    ]
    if stray:
        raise pytest.UsageError("Tests using Playwright without @pytest.mark.browser: " + ", ".join(stray))
