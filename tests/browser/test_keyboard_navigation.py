"""The menu works with the keyboard alone, on desktop and in the mobile menu ("Menu", then "Fermer"; Escape closes it
and gives focus back), and without JavaScript."""

import pytest

from tests.browser.helpers import active_matches

pytestmark = pytest.mark.browser

MAX_TABS = 80


def focused_text(page):
    """The focused element's text, its spaces (a narrow no-break space before "?") made plain."""
    return page.evaluate("document.activeElement && document.activeElement.textContent.replace(/\\s+/g, ' ').trim()")


def tab_until(page, predicate, what):
    """Press Tab until ``predicate`` holds; return the number of presses."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if predicate():
            return presses
    raise AssertionError(f"{what} never received focus within {MAX_TABS} Tab presses")


def tab_to_link(page, text):
    return tab_until(
        page,
        lambda: page.evaluate("document.activeElement.tagName") == "A" and focused_text(page) == text,
        f"link {text!r}",
    )


def test_desktop_keyboard_opens_thematiques_and_reaches_sante(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "/")
    tab_to_link(page, "Thématiques")
    page.keyboard.press("Tab")
    toggle = page.get_by_role("button", name="Sous-menu Thématiques")
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == toggle.get_attribute(
        "aria-controls"
    )
    assert toggle.get_attribute("aria-expanded") == "false"
    menu = page.get_by_role("navigation", name="Menu principal")
    assert not menu.get_by_role("link", name="Santé").is_visible()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    tab_to_link(page, "Santé")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "/thematiques/sante/")
    assert page.locator("h1").inner_text() == "Santé"


def test_closed_dropdowns_keep_keyboard_users_out_of_their_links(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "/")
    # Ukraine is the last top item. Skip link, brand, the search box and its button, "Contact et horaires", the
    # theme toggle, 8 top links and 5 toggles come before it: the 31 links of the closed dropdowns and the phone's
    # shortcuts are not in the way.
    presses = tab_to_link(page, "Ukraine")
    assert presses <= 19
    menu = page.get_by_role("navigation", name="Menu principal")
    assert not menu.get_by_role("link", name="Asile").is_visible()


def test_escape_closes_the_dropdown_and_returns_focus_to_its_toggle(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "/")
    toggle = page.get_by_role("button", name="Sous-menu Présentation")
    toggle.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused_text(page) == "Qui sommes-nous ?"
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == toggle.get_attribute(
        "aria-controls"
    )
    assert (
        not page.get_by_role("navigation", name="Menu principal")
        .get_by_role("link", name="Qui sommes-nous ?")
        .is_visible()
    )


def test_hover_opens_a_dropdown(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "/")
    menu = page.get_by_role("navigation", name="Menu principal")
    assert not menu.get_by_role("link", name="Chiffres").is_visible()
    menu.get_by_role("link", name="Ressources", exact=True).hover()
    assert menu.get_by_role("link", name="Chiffres").is_visible()


def test_mobile_menu_button_opens_the_menu_and_a_section_and_reaches_sante(page, site_url):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site_url + "/")
    assert page.get_by_role("button", name="Menu", exact=True).is_visible()
    button = page.locator(".menu-button")
    assert button.get_attribute("aria-expanded") == "false"
    menu = page.get_by_role("navigation", name="Menu principal")
    assert not menu.get_by_role("link", name="Santé").is_visible()
    tab_until(page, lambda: focused_text(page) == "Menu", "the mobile menu button")
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert focused_text(page) == "Fermer"
    assert page.get_by_role("button", name="Fermer", exact=True).is_visible()
    assert menu.get_by_role("link", name="Nous trouver").is_visible()
    # On the home page no section is current: every accordion starts closed.
    assert not menu.get_by_role("link", name="Santé").is_visible()
    page.keyboard.press("Tab")
    assert focused_text(page) == "Nous trouver"
    toggle = menu.get_by_role("button", name="Sous-menu Thématiques")
    tab_until(
        page,
        lambda: (
            page.evaluate("document.activeElement.getAttribute('aria-controls')")
            == toggle.get_attribute("aria-controls")
        ),
        "the Thématiques toggle",
    )
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    tab_to_link(page, "Santé")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "/thematiques/sante/")
    assert page.locator("h1").inner_text() == "Santé"


def test_escape_closes_the_mobile_menu_and_returns_focus_to_its_button(page, site_url):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site_url + "/thematiques/sante/")
    button = page.locator(".menu-button")
    button.focus()
    page.keyboard.press("Enter")
    assert focused_text(page) == "Fermer"
    menu = page.get_by_role("navigation", name="Menu principal")
    assert menu.get_by_role("link", name="Santé").is_visible()  # the current section starts open
    tab_to_link(page, "Santé")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert button.inner_text().strip() == "Menu"
    assert page.locator("#menu-principal").is_hidden()
    assert active_matches(page, ".menu-button")


@pytest.mark.parametrize("width", [1280, 375])
def test_without_javascript_every_menu_link_is_reachable(browser, site_url, width):
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + "/")
    assert page.locator(".menu-button").is_hidden()
    assert page.locator(".theme-toggle--header").is_hidden()
    assert page.locator(".theme-toggle--menu").is_hidden()
    tab_to_link(page, "Santé")
    assert page.evaluate("document.activeElement.closest('nav').getAttribute('aria-label')") == "Menu principal"
    assert page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Santé").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "/thematiques/sante/")
    context.close()
