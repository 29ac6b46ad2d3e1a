"""Every seeded page: 0 axe-core violations (default ruleset) at desktop and phone widths; no sideways scroll."""

import pytest

from tests.browser.helpers import axe, describe
from tests.seed_tree import all_urls

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width, height", [(1280, 900), (375, 812)])
def test_every_seeded_page_has_no_axe_violations(page, site_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    failures = {}
    for url in all_urls() + ["/page-inexistante/"]:
        page.goto(site_url + url)
        results = axe.run(page)
        if results.violations_count:
            failures[url] = describe(results.response["violations"])
    assert not failures, "\n".join(f"{url}\n{report}" for url, report in failures.items())


def test_nothing_scrolls_sideways_at_320_px(page, site_url):
    page.set_viewport_size({"width": 320, "height": 640})
    overflowing = {}
    for url in all_urls():
        page.goto(site_url + url)
        for state in ("closed", "open"):
            if state == "open":
                page.get_by_role("button", name="Menu", exact=True).click()
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                overflowing[f"{url} (menu {state})"] = width
    assert not overflowing, overflowing


def test_axe_check_is_live_it_reports_an_image_without_alt(page, site_url):
    """Guards the test above against passing vacuously (axe not injected, wrong ruleset…)."""
    page.goto(site_url + "/ukraine/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/static/img/favicon.svg\">')"
    )
    results = axe.run(page)
    assert "image-alt" in {violation["id"] for violation in results.response["violations"]}


# The pages that show what only demo content fills: offices with hours and a status, a closure, the directory with
# its services, filters and map, a page ending with "Où nous trouver".
DEMO_URLS = [
    "/contact/",
    "/contact/bureau-daccueil/",
    "/contact/bureau-daccueil/exemple-dinant/",
    "/contact/bureau-daccueil/exemple-ciney/",
    "/ressources/repertoires-et-cartographies/",
    "/ressources/repertoires-et-cartographies/?thematique=logement&commune=Dinant",
    "/ressources/repertoires-et-cartographies/?q=introuvable",
    "/actions-services/parcours-dintegration/",
]


@pytest.mark.parametrize("width, height", [(1280, 900), (375, 812)])
def test_offices_and_directory_with_demo_content_have_no_axe_violations(page, demo_site_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    failures = {}
    for url in DEMO_URLS:
        page.goto(demo_site_url + url)
        if "bureau-daccueil/" in url and "exemple" in url:
            assert page.locator("[data-office-status]").first.is_visible(), url  # the status script ran
        results = axe.run(page)
        if results.violations_count:
            failures[url] = describe(results.response["violations"])
    assert not failures, "\n".join(f"{url}\n{report}" for url, report in failures.items())


def test_offices_and_directory_do_not_scroll_sideways_at_320_px(page, demo_site_url):
    page.set_viewport_size({"width": 320, "height": 640})
    overflowing = {}
    for url in DEMO_URLS:
        page.goto(demo_site_url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            overflowing[url] = width
    assert not overflowing, overflowing
