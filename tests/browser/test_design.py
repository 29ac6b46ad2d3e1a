"""The new look in the browser: the dark theme passes axe and the toggle remembers it without a cookie; a phone's
first screen holds the three tasks; header, footer and menu keep their sizes; tap targets are 44 px; the mobile menu
opens on the current section; the home page loads nothing from another origin, loads its fonts and stays light.

Every page type is checked with axe in the light theme at 375 and 1280 px by test_accessibility.py (seeded pages,
offices, directory) and test_content_pages.py (news, trainings, publications with demo content): not repeated here.

The tests share one browser context (one per module): each one opens its own tab in it and leaves the storage empty.
Every request to another origin is answered locally (an empty 204) and recorded.
"""

from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import assert_no_axe_violations, axe, describe

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
SMALL_PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}

HOME = "/"
CONTENT_PAGE = "/presentation/qui-sommes-nous/histoire-du-centre/"  # inside "Présentation"
NEWS_INDEX = "/ressources/actus-du-secteur/"
NEWS_ITEM = "/ressources/actus-du-secteur/exemple-actualite-01/"
PUBLICATION = "/ressources/outils-et-publications/exemple-publication-01/"
CONTACT_FORM = "/contact/ecrire/"
DARK_THEME_URLS = [HOME, CONTENT_PAGE, NEWS_INDEX, NEWS_ITEM, PUBLICATION, CONTACT_FORM]

TASKS = ["Trouver un bureau d'accueil", "Appeler le CAI", "S'inscrire à une formation"]
MIN_TAP = 44
TAP_TARGETS = [
    ".task__link",
    ".menu-button",
    ".theme-toggle",
    ".menu-shortcut",
    ".menu__link",
    ".menu__toggle",
    ".footer-action",
    ".footer-legal__links a",
]

KB = 1024
PAGE_BUDGET = 250 * KB
SCRIPT_BUDGET = 30 * KB
FONT_BUDGET = 80 * KB


class OtherOrigins:
    """Answers every request to another origin with an empty 204 and keeps its URL; the site's own go through."""

    def __init__(self):
        self.origin = None
        self.requests = []

    def handle(self, route):
        url = route.request.url
        if self.origin is None or origin_of(url) == self.origin:
            route.continue_()
        else:
            self.requests.append(url)
            route.fulfill(status=204, body=b"")


def origin_of(url):
    parts = urlsplit(url)
    return (parts.scheme, parts.hostname, parts.port)


@pytest.fixture(scope="module")
def other_origins():
    return OtherOrigins()


@pytest.fixture(scope="module")
def shared_context(browser, other_origins):
    """One light-theme context for the module (a new context per test costs more than the test's own checks)."""
    context = browser.new_context(color_scheme="light", viewport=PHONE)
    context.route("**/*", other_origins.handle)
    yield context
    context.close()


def open_tab(shared_context, other_origins, site_url):
    other_origins.origin = origin_of(site_url)
    other_origins.requests.clear()
    tab = shared_context.new_page()
    tab.site_url = site_url  # read by visit()
    return tab


def close_tab(tab, shared_context):
    if tab.url.startswith(tab.site_url):
        tab.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    shared_context.clear_cookies()
    tab.close()


@pytest.fixture
def tab(shared_context, other_origins, site_url):
    """A fresh tab on the seeded site; its storage and cookies emptied afterwards."""
    tab = open_tab(shared_context, other_origins, site_url)
    yield tab
    close_tab(tab, shared_context)


@pytest.fixture
def demo_tab(shared_context, other_origins, demo_site_url):
    """A fresh tab on the seeded site with its demo content (news, publications, trainings, office hours)."""
    tab = open_tab(shared_context, other_origins, demo_site_url)
    yield tab
    close_tab(tab, shared_context)


def visit(tab, url, viewport=PHONE):
    tab.set_viewport_size(viewport)
    response = tab.goto(tab.site_url + url)
    assert response.status == 200, url
    return response


def box(tab, selector):
    handle = tab.locator(selector).first
    assert handle.count(), f"{selector}: absent"
    return handle.bounding_box()


def page_background(tab):
    return tab.evaluate("getComputedStyle(document.body).backgroundColor")


def is_dark(colour):
    """True for an rgb()/rgba() colour whose mean channel is under half."""
    channels = [float(value) for value in colour[colour.index("(") + 1 : colour.index(")")].replace(",", " ").split()]
    return sum(channels[:3]) / 3 < 128


# Dark theme


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_dark_theme_pages_have_no_axe_violations(demo_tab, viewport):
    tab = demo_tab
    tab.emulate_media(color_scheme="dark")
    failures = {}
    for url in DARK_THEME_URLS:
        visit(tab, url, viewport)
        assert tab.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        assert is_dark(page_background(tab)), f"{url}: the dark theme did not apply ({page_background(tab)})"
        results = axe.run(tab)
        if results.violations_count:
            failures[url] = describe(results.response["violations"])
    assert not failures, "\n".join(f"{url}\n{report}" for url, report in failures.items())


def test_theme_toggle_turns_dark_and_is_remembered_in_local_storage_not_a_cookie(tab):
    visit(tab, CONTENT_PAGE, DESKTOP)
    toggle = tab.locator(".theme-toggle--header")  # on a wide screen, in the header
    assert tab.evaluate("document.documentElement.dataset.theme") is None
    assert toggle.get_attribute("aria-pressed") == "false"
    assert not is_dark(page_background(tab))

    toggle.click()
    assert tab.locator("html[data-theme='dark']").count() == 1
    assert toggle.get_attribute("aria-pressed") == "true"
    assert is_dark(page_background(tab))

    tab.reload()
    assert tab.locator("html[data-theme='dark']").count() == 1
    assert toggle.get_attribute("aria-pressed") == "true"
    assert is_dark(page_background(tab))
    assert tab.evaluate("document.cookie") == ""
    assert tab.evaluate("localStorage.getItem('cai-theme')") == "dark"
    assert_no_axe_violations(tab)

    toggle.click()  # back to light, remembered as a choice too
    assert tab.locator("html[data-theme='light']").count() == 1
    assert toggle.get_attribute("aria-pressed") == "false"
    assert tab.evaluate("localStorage.getItem('cai-theme')") == "light"
    assert not is_dark(page_background(tab))


# Sizes and first screen


def test_home_first_screen_on_a_phone_holds_the_title_the_three_tasks_and_the_languages_link(demo_tab):
    """With demo content, the task cards show their details too (office status, next training)."""
    tab = demo_tab
    visit(tab, HOME, PHONE)
    links = tab.locator(".task__link")
    assert [text.strip() for text in tab.locator(".task__link .task__title").all_inner_texts()] == TASKS
    assert links.nth(1).get_attribute("href").startswith("tel:")
    elements = {"h1": tab.locator("h1")}
    elements.update({f".task__link {title!r}": links.nth(index) for index, title in enumerate(TASKS)})
    elements[".hero__languages a"] = tab.locator(".hero__languages a")
    below = {}
    for name, locator in elements.items():
        assert locator.count() == 1, name
        bottom = locator.bounding_box()["y"] + locator.bounding_box()["height"]
        if bottom > PHONE["height"]:
            below[name] = f"bottom at {bottom:.0f} px"
    assert not below, f"below the first screen of 375×812: {below}"


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["375px", "320px"])
def test_header_stays_under_120_px_on_phones_and_nothing_scrolls_sideways(tab, viewport):
    for url in (HOME, CONTENT_PAGE):
        visit(tab, url, viewport)
        height = box(tab, ".site-header")["height"]
        assert height <= 120, f"{url} at {viewport['width']} px: .site-header is {height:.0f} px high"
        scroll_width = tab.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= viewport["width"], f"{url} at {viewport['width']} px: scrollWidth {scroll_width}"
        # Room is kept for the search button a later issue adds (44 px and a gap) between the brand and the buttons.
        room = tab.evaluate(
            """() => {
                const brand = document.querySelector('.brand').getBoundingClientRect();
                const actions = document.querySelector('.site-header__actions').getBoundingClientRect();
                return actions.left - brand.right;
            }"""
        )
        assert room >= 44 + 8, f"{url} at {viewport['width']} px: only {room:.0f} px free in the header"


def test_footer_fits_one_phone_screen(tab):
    visit(tab, HOME, PHONE)
    height = box(tab, ".site-footer")["height"]
    assert height <= PHONE["height"], f".site-footer is {height:.0f} px high at 375 px"


def test_desktop_menu_keeps_its_sections_on_one_row_with_their_submenus_closed(tab):
    visit(tab, CONTENT_PAGE, DESKTOP)  # a page of "Présentation": on a wide screen even its section starts closed
    tops = tab.locator(".menu__item").evaluate_all("items => items.map(item => item.getBoundingClientRect().top)")
    assert len(tops) == 8
    assert len(set(tops)) == 1, f".menu__item tops at 1280 px: {tops}"
    toggles = tab.locator(".menu__toggle")
    assert toggles.count() == 5
    for index in range(toggles.count()):
        toggle = toggles.nth(index)
        assert toggle.get_attribute("aria-expanded") == "false"
        assert tab.locator("#" + toggle.get_attribute("aria-controls")).is_hidden()
    assert tab.locator(".menu-button").is_hidden()
    assert tab.locator(".menu-shortcuts").is_hidden()


def test_tap_targets_are_at_least_44_px_on_a_phone(tab):
    visit(tab, HOME, PHONE)
    tab.locator(".menu-button").click()
    small = []
    for selector in TAP_TARGETS:
        sizes = tab.locator(selector).evaluate_all(
            """elements => elements
                .filter(element => element.getClientRects().length)
                .map(element => {
                    const rect = element.getBoundingClientRect();
                    return [element.textContent.trim().replace(/\\s+/g, " "), rect.width, rect.height];
                })"""
        )
        assert sizes, f"{selector}: nothing visible on the home page at 375 px with the menu open"
        small += [
            f"{selector} {text!r}: {width:.1f}×{height:.1f}"
            for text, width, height in sizes
            if width < MIN_TAP or height < MIN_TAP
        ]
    assert not small, "tap targets under 44×44 px at 375 px:\n" + "\n".join(small)


# The mobile menu


def test_mobile_menu_opens_with_shortcuts_and_the_current_section(tab):
    visit(tab, CONTENT_PAGE, PHONE)
    button = tab.locator(".menu-button")
    panel = tab.locator("#menu-principal")
    assert button.inner_text().strip() == "Menu"
    assert button.get_attribute("aria-expanded") == "false"
    assert panel.is_hidden()

    button.click()
    assert button.inner_text().strip() == "Fermer"
    assert button.get_attribute("aria-expanded") == "true"
    assert panel.is_visible()
    links = panel.get_by_role("link")
    assert [links.nth(0).inner_text().strip(), links.nth(1).inner_text().strip()] == ["Nous trouver", "Contact"]

    menu = tab.get_by_role("navigation", name="Menu principal")
    toggles = {
        name: menu.get_by_role("button", name=f"Sous-menu {name}")
        for name in ("Présentation", "Actions/Services", "Thématiques", "Ressources", "Contact")
    }
    expanded = {name: toggle.get_attribute("aria-expanded") for name, toggle in toggles.items()}
    assert expanded == {
        "Présentation": "true",
        "Actions/Services": "false",
        "Thématiques": "false",
        "Ressources": "false",
        "Contact": "false",
    }
    assert menu.get_by_role("link", name="Qui sommes-nous ?").is_visible()
    assert menu.get_by_role("link", name="Santé").is_hidden()

    toggles["Thématiques"].click()
    assert toggles["Thématiques"].get_attribute("aria-expanded") == "true"
    assert menu.get_by_role("link", name="Santé").is_visible()
    assert menu.get_by_role("link", name="Qui sommes-nous ?").is_visible()  # accordions stay open together

    button.click()
    assert button.inner_text().strip() == "Menu"
    assert panel.is_hidden()


# Requests, fonts and weight


def test_home_loads_nothing_from_another_origin_and_loads_its_fonts(tab, other_origins):
    font_responses = []
    tab.on("response", lambda response: font_responses.append(response) if "/fonts/" in response.url else None)
    visit(tab, HOME, PHONE)
    tab.wait_for_load_state("networkidle")
    tab.evaluate("document.fonts.ready.then(() => true)")
    assert tab.evaluate("""document.fonts.check('16px "Atkinson Hyperlegible Next"')""")
    assert tab.evaluate("""document.fonts.check('bold 16px "Atkinson Hyperlegible Next"')""")
    loaded = tab.evaluate(
        """[...document.fonts]
            .filter(face => face.family.replace(/"/g, "") === "Atkinson Hyperlegible Next" && face.status === "loaded")
            .map(face => String(face.weight))
            .sort()"""
    )
    assert loaded == ["400", "700"]
    assert sorted(urlsplit(response.url).path.rsplit("/", 1)[-1] for response in font_responses) == [
        "atkinson-hyperlegible-next-400.woff2",
        "atkinson-hyperlegible-next-700.woff2",
    ]
    assert all(response.status == 200 for response in font_responses)
    assert tab.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Atkinson Hyperlegible Next"')
    assert other_origins.requests == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_home_page_first_load_stays_within_its_weight_budget(browser, demo_site_url, viewport):
    """Raw body sizes (the live server does not compress): an upper bound of what a visitor downloads. A context
    of its own, for an empty cache."""
    context = browser.new_context(viewport=viewport)
    other_origins = OtherOrigins()
    other_origins.origin = origin_of(demo_site_url)
    context.route("**/*", other_origins.handle)
    tab = context.new_page()
    responses = []
    tab.on("response", lambda response: responses.append(response))
    tab.goto(demo_site_url + HOME, wait_until="networkidle")
    tab.evaluate("document.fonts.ready.then(() => true)")
    sizes = {"total": 0, "script": 0, "font": 0}
    detail = []
    for response in responses:
        if 300 <= response.status < 400:
            continue
        size = len(response.body())
        kind = response.request.resource_type
        sizes["total"] += size
        if kind in ("script", "font"):
            sizes[kind] += size
        detail.append(f"{kind} {urlsplit(response.url).path} {size / KB:.1f} KB")
    context.close()
    report = f"{sizes} at {viewport['width']} px:\n" + "\n".join(detail)
    assert other_origins.requests == []
    assert sizes["font"] > 0 and sizes["script"] > 0, report  # the measure saw them
    assert sizes["total"] <= PAGE_BUDGET, report
    assert sizes["script"] <= SCRIPT_BUDGET, report
    assert sizes["font"] <= FONT_BUDGET, report


def test_on_a_phone_the_theme_toggle_is_in_the_menu_and_both_toggles_agree(tab):
    visit(tab, CONTENT_PAGE, PHONE)
    assert tab.locator(".theme-toggle--header").is_hidden()
    tab.locator(".menu-button").click()
    toggle = tab.locator(".theme-toggle--menu")
    assert toggle.is_visible() and toggle.inner_text().strip() == "Thème sombre"
    toggle.click()
    assert tab.locator("html[data-theme='dark']").count() == 1
    assert tab.locator(".theme-toggle[aria-pressed='true']").count() == 2
    assert tab.evaluate("localStorage.getItem('cai-theme')") == "dark"
