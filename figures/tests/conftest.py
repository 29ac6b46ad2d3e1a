"""Chromium for the figures' browser test, launched as the site's browser tests launch it (tests/browser/conftest.py),
and the seeded site with its demo charts."""

import pytest

from seed.builder import SeedBuilder
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(f"CI=true but Chromium is missing at {CHROMIUM} (apt-get install chromium).")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def demo_site_url(live_server, transactional_db):
    """The live server's address, serving the seeded site with its demo charts on the Chiffres page."""
    SeedBuilder(demo=True).build()
    return live_server.url
