"""The pages the site shows when something went wrong (400, 500, and 503 when the database is out): 0 axe-core
violations at desktop and phone widths, nothing scrolling sideways at 320 px, their styles applied."""

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from pages.errors import bad_request, server_error
from tests.browser.helpers import axe, describe

pytestmark = pytest.mark.browser


def error_pages():
    """(name, HTML) of each database-free error page, as the handlers render them."""
    request = RequestFactory().get("/")
    outage = None
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        outage = server_error(request)  # handled inside the except: the 503
    unexpected = None
    try:
        raise RuntimeError("bug")
    except RuntimeError:
        unexpected = server_error(request)
    assert (outage.status_code, unexpected.status_code) == (503, 500)
    return [
        ("400", bad_request(request).content),
        ("500", unexpected.content),
        ("503", outage.content),
    ]


def show(browser_page, site_url, name, html):
    """Serve ``html`` at an address of the live site, so that its stylesheet and script load from there."""
    url = f"{site_url}/__page-erreur-{name}/"
    browser_page.route(url, lambda route: route.fulfill(status=200, body=html, content_type="text/html; charset=utf-8"))
    browser_page.goto(url)


@pytest.mark.parametrize("width, height", [(1280, 900), (375, 812), (320, 640)])
def test_error_pages_are_accessible_and_fit_the_screen(page, site_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    failures = {}
    for name, html in error_pages():
        show(page, site_url, name, html)
        # The site's stylesheet applies (a page without it would pass axe in the browser's default look).
        assert "Atkinson" in page.evaluate("getComputedStyle(document.body).fontFamily"), name
        results = axe.run(page)
        if results.violations_count:
            failures[name] = describe(results.response["violations"])
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            failures[f"{name} (largeur)"] = scroll_width
    assert not failures, failures
