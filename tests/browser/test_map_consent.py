"""The map asks first: no request to another origin until the visitor agrees, with the keyboard alone too; the
choice lasts for the browser session, in sessionStorage, never in a cookie; axe passes and nothing scrolls
sideways, before and after the map is shown.

Every request to another origin is answered locally (a 1×1 PNG for tiles, an empty 204 for anything else) and
recorded, so that the tests can say when such requests start.
"""

import base64
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.template.loader import render_to_string

from offices.models import OfficePage
from pages.maps import MapPoint
from tests.browser.helpers import active_matches, assert_no_axe_violations, tab_to

pytestmark = pytest.mark.browser

OFFICES = "/contact/bureau-daccueil/"
OFFICE = "/contact/bureau-daccueil/saint-servais/"
BUTTON = "[data-map-load]"
CANVAS = "#carte-bureaux-carte"
TILE_HOST = "tile.openstreetmap.org"
STORAGE_KEY = "cai-map-consent"
PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


class OtherOrigins:
    """Routes every request of a page or context: its own origin goes through, any other is answered here."""

    def __init__(self, site_url):
        self.origin = origin_of(site_url)
        self.requests = []  # URLs of other origins, in order
        self.own = []  # URLs of the site itself

    def install(self, target):
        target.route("**/*", self.handle)
        return self

    def handle(self, route):
        url = route.request.url
        if origin_of(url) == self.origin:
            self.own.append(url)
            route.continue_()
            return
        self.requests.append(url)
        if urlsplit(url).hostname == TILE_HOST:
            route.fulfill(status=200, content_type="image/png", body=PNG_1X1)
        else:
            route.fulfill(status=204, body=b"")

    @property
    def tiles(self):
        return [url for url in self.requests if urlsplit(url).hostname == TILE_HOST]

    def leaflet_loaded(self):
        return [url for url in self.own if "/vendor/leaflet/" in url]


def origin_of(url):
    parts = urlsplit(url)
    return (parts.scheme, parts.hostname, parts.port)


def is_tile(request):
    return urlsplit(request.url).hostname == TILE_HOST


@pytest.fixture
def located_office_url(site_url):
    """The seeded site, its one office given coordinates (the seed leaves them empty)."""
    office = OfficePage.objects.get(slug="saint-servais")
    office.latitude = Decimal("50.478")
    office.longitude = Decimal("4.846")
    office.save_revision().publish()
    return site_url


def assert_asks_first(page, guard):
    """The map is offered, not shown: nothing from another origin, no Leaflet, the list of addresses there."""
    page.wait_for_load_state("networkidle")
    assert guard.requests == []
    assert guard.leaflet_loaded() == []
    assert page.evaluate("typeof window.L") == "undefined"
    assert page.locator("[data-map-consent]").is_visible()
    assert page.locator(BUTTON).is_visible()
    assert page.locator(CANVAS).is_hidden()
    assert page.locator(".place-map__list a.place-map__osm").first.is_visible()


def assert_map_shown(page):
    canvas = page.locator(CANVAS)
    canvas.locator(".leaflet-tile-loaded").first.wait_for()
    assert canvas.is_visible()
    assert "leaflet-container" in canvas.get_attribute("class")
    assert canvas.get_attribute("aria-label") == "Carte : Les bureaux sur la carte"
    assert canvas.get_attribute("tabindex") == "0"
    assert canvas.locator("path.leaflet-interactive").count() == 1  # the one office, as a circle marker
    assert page.locator("[data-map-consent]").is_hidden()
    status = page.locator("[data-map-status]")
    assert status.is_visible()
    assert "Carte affichée. Les images viennent d'OpenStreetMap." in status.inner_text()
    assert page.locator(".place-map__list").is_visible()


def test_the_map_waits_for_consent_given_with_the_keyboard_and_remembers_it_for_the_session(
    page, browser, located_office_url
):
    guard = OtherOrigins(located_office_url).install(page.context)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(located_office_url + OFFICES)
    assert_asks_first(page, guard)
    cookies_before = page.context.cookies()

    tab_to(page, BUTTON)
    assert guard.requests == []  # focus alone loads nothing
    with page.expect_request(is_tile):
        page.keyboard.press("Enter")
    assert_map_shown(page)
    assert guard.tiles and guard.requests == guard.tiles
    assert all(url.startswith(f"https://{TILE_HOST}/") and url.endswith(".png") for url in guard.tiles)
    assert len(guard.leaflet_loaded()) == 2  # leaflet.css and leaflet.js, from the site itself
    # The button went away with the consent text: focus is on the map, named, ready for the arrow keys.
    assert active_matches(page, CANVAS)
    pane = f"document.querySelector('{CANVAS} .leaflet-map-pane').style.transform"
    before = page.evaluate(pane)
    page.keyboard.press("ArrowRight")  # Leaflet's keyboard panning
    page.wait_for_function(f"{pane} !== {before!r}")
    assert active_matches(page, CANVAS)

    # Its popup names the office and links to its page.
    page.locator(f"{CANVAS} path.leaflet-interactive").click(force=True)
    popup = page.locator(f"{CANVAS} .leaflet-popup-content")
    assert popup.get_by_role("link", name="Saint-Servais (Namur) – siège du CAI").get_attribute("href") == OFFICE
    assert page.locator(f"{CANVAS} .leaflet-popup-close-button").get_attribute("aria-label") == "Fermer"

    # The choice is in sessionStorage, not in a cookie.
    assert page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')") == "osm"
    assert page.context.cookies() == cookies_before
    assert not [cookie for cookie in page.context.cookies() if TILE_HOST in cookie["domain"]]

    # Within the session, a reload and another page with a map show it without asking.
    with page.expect_request(is_tile):
        page.reload()
    assert_map_shown(page)
    with page.expect_request(is_tile):
        page.goto(located_office_url + OFFICE)
    page.locator("#carte-bureau-carte .leaflet-tile-loaded").first.wait_for()
    assert page.locator("#carte-bureau-carte").get_attribute("aria-label") == "Carte : Sur la carte"
    assert page.context.cookies() == cookies_before

    # A new session asks again.
    fresh = browser.new_context()
    try:
        fresh_guard = OtherOrigins(located_office_url).install(fresh)
        fresh_page = fresh.new_page()
        fresh_page.goto(located_office_url + OFFICES)
        assert_asks_first(fresh_page, fresh_guard)
        assert fresh_page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')") is None
    finally:
        fresh.close()


@pytest.mark.parametrize("width, height", [(1280, 900), (375, 812)])
def test_axe_passes_before_and_after_the_map_is_shown(page, located_office_url, width, height):
    guard = OtherOrigins(located_office_url).install(page.context)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(located_office_url + OFFICES)
    assert_asks_first(page, guard)
    assert_no_axe_violations(page)
    with page.expect_request(is_tile):
        page.locator(BUTTON).click()
    assert_map_shown(page)
    assert_no_axe_violations(page)


def test_nothing_scrolls_sideways_at_320_px_with_the_map_shown(page, located_office_url):
    OtherOrigins(located_office_url).install(page.context)
    page.set_viewport_size({"width": 320, "height": 640})
    for url in (OFFICES, OFFICE):
        page.goto(located_office_url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, f"{url} before the map"
        if page.locator(BUTTON).is_visible():
            with page.expect_request(is_tile):
                page.locator(BUTTON).click()
        page.locator(".leaflet-tile-loaded").first.wait_for()
        page.locator(".leaflet-interactive").first.click(force=True)  # an open popup must not overflow either
        page.locator(".leaflet-popup").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, f"{url} with the map"


def test_two_maps_on_one_page_start_once_and_both_show_after_one_consent(page, site_url):
    """The component adds its script once per map: it must run once, and one consent shows every map."""
    points = [
        MapPoint(name="Lieu A", address="Rue A 1, 5000 Namur", latitude=Decimal("50.46"), longitude=Decimal("4.86")),
        MapPoint(name="Lieu B", address="Rue B 2, 5000 Namur", latitude=Decimal("50.47"), longitude=Decimal("4.87")),
    ]
    body = render_to_string(
        "components/map.html", {"points": points, "map_id": "carte-une", "title": "Première carte"}
    ) + render_to_string("components/map.html", {"points": points[:1], "map_id": "carte-deux", "title": "Seconde"})
    html = f'<!DOCTYPE html><html lang="fr"><head><title>Deux cartes</title></head><body><main>{body}</main></body>'
    guard = OtherOrigins(site_url).install(page.context)
    page.route(site_url + "/deux-cartes/", lambda route: route.fulfill(content_type="text/html", body=html))
    page.goto(site_url + "/deux-cartes/")
    page.wait_for_load_state("networkidle")
    assert guard.requests == []
    assert page.locator("[data-map-load]").count() == 2
    assert page.locator("[data-map-consent]:visible").count() == 2

    with page.expect_request(is_tile):
        page.locator("[data-consent-map='carte-deux'] [data-map-load]").click()
    page.locator("#carte-une-carte .leaflet-tile-loaded").first.wait_for()
    page.locator("#carte-deux-carte .leaflet-tile-loaded").first.wait_for()
    assert page.locator("#carte-une-carte path.leaflet-interactive").count() == 2
    assert page.locator("#carte-deux-carte path.leaflet-interactive").count() == 1
    # Leaflet and its stylesheet came once; each map was built once.
    assert len(guard.leaflet_loaded()) == 2
    assert page.locator("link[data-leaflet]").count() == 1
    assert page.locator(".leaflet-container").count() == 2
    assert page.locator(".leaflet-control-zoom").count() == 2
    assert active_matches(page, "#carte-deux-carte")


def test_when_leaflet_cannot_load_the_list_stays_and_the_button_tries_again(page, located_office_url):
    guard = OtherOrigins(located_office_url).install(page.context)
    page.route("**/vendor/leaflet/leaflet.js", lambda route: route.fulfill(status=404, body=b""))
    page.goto(located_office_url + OFFICES)
    button = page.locator(BUTTON)
    button.focus()
    page.keyboard.press("Enter")
    error = page.locator("[data-map-error]")
    error.wait_for()
    assert error.inner_text() == "La carte n'a pas pu être chargée. Les adresses restent disponibles ci-dessous."
    assert button.is_visible() and active_matches(page, BUTTON)
    assert page.locator(CANVAS).is_hidden() and guard.requests == []

    page.unroute("**/vendor/leaflet/leaflet.js")
    with page.expect_request(is_tile):
        page.keyboard.press("Enter")
    assert_map_shown(page)
    assert error.is_hidden()
