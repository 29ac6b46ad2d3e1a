"""The site search in the browser: no axe violation on its results (with and without results) at both widths, and
the header's search reached, filled and sent with the keyboard alone, on a wide screen and on a phone."""

import pytest

from tests.browser.helpers import active_matches, assert_no_axe_violations, tab_to

pytestmark = pytest.mark.browser

WIDTHS = {"375px": {"width": 375, "height": 812}, "1280px": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("viewport", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("query", ["formation", "zzxqwv"], ids=["with-results", "without-results"])
def test_search_results_have_no_axe_violations(page, site_url, viewport, query):
    page.set_viewport_size(viewport)
    page.goto(f"{site_url}/recherche/?q={query}")
    heading = page.locator("h1").inner_text()
    assert heading.endswith(f"pour « {query} »")
    assert (page.locator(".search-hit").count() > 0) == (query == "formation")
    assert_no_axe_violations(page)


def test_the_header_search_works_with_the_keyboard_on_a_wide_screen(page, site_url):
    page.set_viewport_size(WIDTHS["1280px"])
    page.goto(site_url + "/")
    tab_to(page, "#recherche-entete-q")
    page.keyboard.type("formation")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=formation")
    assert page.locator("h1").inner_text().endswith("pour « formation »")
    assert page.locator(".search-hit").count() > 0


def test_the_header_search_button_opens_the_form_on_a_phone(page, site_url):
    page.set_viewport_size(WIDTHS["375px"])
    page.goto(site_url + "/")
    assert page.locator("#recherche-entete").is_hidden()
    assert page.locator(".site-header").bounding_box()["height"] <= 120
    tab_to(page, ".search-toggle")
    assert page.locator(".search-toggle").get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.locator(".search-toggle").get_attribute("aria-expanded") == "true"
    assert active_matches(page, "#recherche-entete-q")
    page.keyboard.type("formation")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=formation")
    assert page.locator(".search-hit").count() > 0


def test_without_javascript_the_phone_button_is_a_link_to_the_search_page(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport=WIDTHS["375px"])
    tab = context.new_page()
    tab.goto(site_url + "/")
    toggle = tab.locator(".search-toggle")
    assert toggle.is_visible()
    toggle.click()
    tab.wait_for_url("**/recherche/")
    tab.locator("main input[name=q]").fill("formation")
    tab.locator("main button[type=submit]").click()
    tab.wait_for_url("**/recherche/?q=formation**")
    assert tab.locator(".search-hit").count() > 0
    context.close()
