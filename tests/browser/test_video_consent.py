"""A video asks first: no request to YouTube or Vimeo until the visitor clicks the button that names the host (the
keyboard alone will do); then the player comes from www.youtube-nocookie.com. « Toujours afficher les vidéos
YouTube » is remembered in localStorage, never in a cookie, and withdrawn from the privacy policy page. Axe passes on
the notice at both widths.

The video exists only in these tests (the seed has none: a real video is someone else's content). Every request to
another origin is answered here (an empty player page) and recorded, so that the tests say when such requests start.
"""

from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import active_matches, assert_no_axe_violations, tab_to

pytestmark = pytest.mark.browser

VIDEOS = "/ressources/videos/"
PRIVACY = "/politique-de-confidentialite/"
YOUTUBE = "figure[data-consent-embed='youtube']"
VIMEO = "figure[data-consent-embed='vimeo']"
PLAYER_SRC = "https://www.youtube-nocookie.com/embed/CAI-exemple?feature=oembed"
STORAGE_KEY = "cai-video-consent-youtube"
VIDEO_HOSTS = ("youtube", "vimeo", "ytimg", "googlevideo")
EMPTY_PLAYER = b"<!DOCTYPE html><html lang='fr'><head><title>Lecteur</title></head><body></body></html>"


class OtherOrigins:
    """Routes every request of a context: the site's own go through, any other is recorded and answered here."""

    def __init__(self, site_url):
        self.origin = origin_of(site_url)
        self.requests = []

    def install(self, context):
        context.route("**/*", self.handle)
        return self

    def handle(self, route):
        url = route.request.url
        if origin_of(url) == self.origin:
            route.continue_()
            return
        self.requests.append(url)
        route.fulfill(status=200, content_type="text/html", body=EMPTY_PLAYER)

    @property
    def to_video_hosts(self):
        return [url for url in self.requests if any(host in urlsplit(url).hostname for host in VIDEO_HOSTS)]


def origin_of(url):
    parts = urlsplit(url)
    return (parts.scheme, parts.hostname, parts.port)


def is_youtube_player(request):
    return request.url == PLAYER_SRC


def assert_asks_first(page, guard):
    page.wait_for_load_state("networkidle")
    assert guard.requests == []
    assert page.locator("main iframe").count() == 0
    for figure in (YOUTUBE, VIMEO):
        assert page.locator(f"{figure} [data-embed-consent]").is_visible()
        assert page.locator(f"{figure} [data-embed-load]").is_visible()
        assert page.locator(f"{figure} [data-embed-remember]").is_visible()
        assert page.locator(f"{figure} [data-embed-player]").is_hidden()


def assert_youtube_shown(page):
    frame = page.locator(f"{YOUTUBE} [data-embed-player] iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == PLAYER_SRC
    assert frame.get_attribute("title") == "Vidéo YouTube : Le CAI en deux minutes"
    assert page.locator(f"{YOUTUBE} [data-embed-consent]").is_hidden()
    assert page.locator(f"{YOUTUBE} figcaption").inner_text() == "Le CAI en deux minutes"


def test_the_video_waits_for_a_click_given_with_the_keyboard_and_loads_from_nocookie(page, videos_url):
    guard = OtherOrigins(videos_url).install(page.context)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(videos_url + VIDEOS)
    assert_asks_first(page, guard)
    assert page.locator(f"{YOUTUBE} [data-embed-load]").inner_text() == "Afficher la vidéo YouTube"
    cookies_before = page.context.cookies()

    tab_to(page, f"{YOUTUBE} [data-embed-load]")
    assert guard.requests == []  # focus alone loads nothing
    with page.expect_request(is_youtube_player):
        page.keyboard.press("Enter")
    assert_youtube_shown(page)
    assert guard.requests == [PLAYER_SRC]  # the player only, from the privacy-enhanced host; Vimeo still waits
    assert page.locator(f"{VIMEO} [data-embed-load]").is_visible()
    # The button went with the notice: the focus is on the player.
    assert active_matches(page, f"{YOUTUBE} iframe")
    # Without the box ticked nothing is remembered, and no cookie was set.
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    assert page.context.cookies() == cookies_before

    # A reload asks again.
    seen = len(guard.requests)
    page.reload()
    page.wait_for_load_state("networkidle")
    assert len(guard.requests) == seen
    assert page.locator("main iframe").count() == 0
    assert page.locator(f"{YOUTUBE} [data-embed-load]").is_visible()


@pytest.mark.parametrize("width, height", [(1280, 900), (375, 812)])
def test_axe_passes_on_the_video_notice(page, videos_url, width, height):
    guard = OtherOrigins(videos_url).install(page.context)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(videos_url + VIDEOS)
    assert_asks_first(page, guard)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_no_axe_violations(page)


def test_always_show_is_remembered_until_withdrawn_on_the_privacy_page(page, videos_url):
    guard = OtherOrigins(videos_url).install(page.context)
    page.goto(videos_url + VIDEOS)
    assert_asks_first(page, guard)
    label = page.get_by_label("Toujours afficher les vidéos YouTube")
    label.check()
    with page.expect_request(is_youtube_player):
        page.locator(f"{YOUTUBE} [data-embed-load]").click()
    assert_youtube_shown(page)
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") == "toujours"
    assert not [cookie for cookie in page.context.cookies() if "youtube" in cookie["domain"]]

    # Reloaded, the YouTube player shows at once; Vimeo still asks.
    with page.expect_request(is_youtube_player):
        page.reload()
    assert_youtube_shown(page)
    assert page.locator(f"{VIMEO} [data-embed-consent]").is_visible()
    assert page.locator(f"{VIMEO} iframe").count() == 0
    assert not [url for url in guard.requests if "vimeo" in url]

    # The privacy policy lists the choice and withdraws it.
    page.goto(videos_url + PRIVACY)
    section = page.locator("[data-consent-settings]")
    assert section.locator("[data-consent-nojs]").is_hidden()
    youtube_choice = section.locator("[data-consent-choice='cai-video-consent-youtube']")
    assert youtube_choice.is_visible()
    assert "Toujours afficher les vidéos YouTube (Google)." in youtube_choice.inner_text()
    assert section.locator("[data-consent-choice='cai-video-consent-vimeo']").is_hidden()
    assert section.locator("[data-consent-choice='cai-map-consent']").is_hidden()
    assert section.locator("[data-consent-none]").is_hidden()
    assert_no_axe_violations(page)

    tab_to(page, "[data-consent-choice='cai-video-consent-youtube'] [data-consent-withdraw]")
    page.keyboard.press("Enter")
    status = section.locator("[data-consent-status]")
    assert status.inner_text() == (
        "Votre accord pour YouTube (Google) est retiré : chaque vidéo YouTube vous demandera à nouveau votre accord."
    )
    assert active_matches(page, "[data-consent-status]")
    assert youtube_choice.is_hidden()
    assert section.locator("[data-consent-none]").is_visible()
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None

    # Back on the videos, the notice is back and nothing goes to YouTube.
    guard = OtherOrigins(videos_url).install(page.context)
    page.goto(videos_url + VIDEOS)
    assert_asks_first(page, guard)


def test_the_map_choice_of_the_tab_can_be_withdrawn_too(page, site_url):
    page.goto(site_url + PRIVACY)
    section = page.locator("[data-consent-settings]")
    assert section.locator("[data-consent-none]").is_visible()
    page.evaluate("sessionStorage.setItem('cai-map-consent', 'osm')")  # as consent-map.js does
    page.reload()
    map_choice = section.locator("[data-consent-choice='cai-map-consent']")
    assert "cartes OpenStreetMap" in map_choice.inner_text()
    map_choice.get_by_role("button", name="Retirer mon accord pour les cartes OpenStreetMap").click()
    assert page.evaluate("sessionStorage.getItem('cai-map-consent')") is None
    assert map_choice.is_hidden()
