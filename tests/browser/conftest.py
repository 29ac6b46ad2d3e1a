"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Where Chromium is missing they are skipped with a message, except with CI=true, where that is a failure.
"""

import os
from pathlib import Path

import pytest
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import Page

from pages.factories import StandardPageFactory
from seed.builder import SeedBuilder

# Playwright's sync API runs an event loop in this thread; the ORM calls made here are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists() or IN_CI:
        return
    skip = pytest.mark.skip(
        reason=f"Chromium absent ({CHROMIUM}) : tests navigateur ignorés (apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(
            f"CI=true but Chromium is missing at {CHROMIUM}: .ci/run must install it (apt-get install chromium)."
        )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


def forget_content_type_ids():
    """Transactional tests empty the database between tests, content types included, and the next seed gives them
    new ids: forget the ids Wagtail's forms app keeps for the whole process (never stale outside tests)."""
    get_form_types.cache_clear()


@pytest.fixture
def site_url(live_server, transactional_db):
    """The live server's address, serving the seeded site."""
    forget_content_type_ids()
    SeedBuilder().build()
    return live_server.url


@pytest.fixture
def demo_site_url(live_server, transactional_db):
    """The live server's address, serving the seeded site with its demo news, trainings and publications."""
    forget_content_type_ids()
    SeedBuilder(demo=True).build()
    return live_server.url


@pytest.fixture
def leaves_admin(page):
    """For tests that end in the admin: before the browser page closes and the database is emptied, leave for a
    blank page and give the server a moment to answer the last admin requests. An open edit view keeps pinging its
    editing session, and leaving it releases the session: a write landing during the flush broke it ("table is
    locked", a foreign key). Ask for it after ``page`` and after the site's URL fixture, so that it runs first."""
    yield
    page.goto("about:blank")
    page.wait_for_timeout(1000)


@pytest.fixture
def videos_url(site_url):
    """The seeded site and /ressources/videos/: a YouTube video, then a Vimeo one (fictitious addresses, answered
    locally). For the consent tests and the CSP tests."""
    StandardPageFactory(
        parent=Page.objects.get(slug="ressources", depth=3).specific,
        title="Des vidéos",
        slug="videos",
        body=[
            (
                "video",
                {
                    "video": "https://www.youtube.com/watch?v=CAI-exemple",
                    "title": "Le CAI en deux minutes",
                    "transcript": "<p>Bonjour, voici le CAI.</p>",
                },
            ),
            ("video", {"video": "https://vimeo.com/100000001", "title": "Une formation filmée", "transcript": ""}),
        ],
    )
    return site_url
