"""The Content-Security-Policy holds in Chromium: one page of every public page type (and the search results, the
privacy policy, a 404) loads without a single CSP violation or Permissions-Policy error; the map and the videos still
show after consent; the admin (a page's edit view, its preview panel, the image chooser) still works under its own
policy, and the userbar shows on public pages for a signed-in editor.

Violations are collected twice: by a ``securitypolicyviolation`` listener that an init script adds to every document
before its own scripts run, and from Chromium's console ("Refused to …"). Every request to another origin is
answered locally (a 1×1 PNG for map tiles, an empty page for video players).
"""

import base64
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from wagtail.models import Page

from tests.browser.helpers import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "mot-de-passe-de-test"
TILE_HOST = "tile.openstreetmap.org"
PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
EMPTY_PLAYER = b"<!DOCTYPE html><html lang='fr'><head><title>Lecteur</title></head><body></body></html>"

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(
    event.effectiveDirective + " refused " + (event.blockedURI || "(inline)") + " in " +
    (event.sourceFile || event.documentURI) + ":" + event.lineNumber + " " + (event.sample || "")
  );
});
"""

EXTRA_URLS = [
    "/recherche/?q=formation",  # search results
    "/politique-de-confidentialite/",  # the consent settings (PersonalDataBlock)
    "/page-inexistante/",  # the 404 page
]


class Watch:
    """What a page reports: CSP violations (listener and console), Permissions-Policy errors, script errors; and
    the requests to other origins, answered here."""

    def __init__(self, browser_page, site_url):
        self.page = browser_page
        self.origin = urlsplit(site_url).netloc
        self.console = []
        self.errors = []
        self.elsewhere = []  # (url, referer) of requests to other origins
        browser_page.add_init_script(COLLECT_VIOLATIONS)
        browser_page.on("console", self.on_console)
        browser_page.on("pageerror", lambda error: self.errors.append(str(error)))
        browser_page.context.route("**/*", self.handle)

    def on_console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Refused to" in text or "Permissions-Policy" in text:
            self.console.append(f"{message.type}: {text}")

    def handle(self, route):
        request = route.request
        if urlsplit(request.url).netloc == self.origin:
            route.continue_()
            return
        self.elsewhere.append((request.url, request.header_value("referer")))
        if urlsplit(request.url).hostname == TILE_HOST:
            route.fulfill(status=200, content_type="image/png", body=PNG_1X1)
        else:
            route.fulfill(status=200, content_type="text/html", body=EMPTY_PLAYER)

    def violations(self):
        """The violations of every frame of the page (the listener), then the console's."""
        found = []
        for frame in self.page.frames:
            try:
                found += frame.evaluate("window.__cspViolations || []")
            except PlaywrightError:  # a frame that went away meanwhile
                continue
        return found + self.console


def one_url_per_page_type():
    """The first live page (in tree order) of every page type of the site: new page types are covered too."""
    urls = {}
    for page in Page.objects.live().public().specific().order_by("path"):
        if page.depth > 1:
            urls.setdefault(type(page).__name__, page.url)
    return urls


def assert_the_listener_is_live(browser_page, watch):
    """Guards the checks against passing vacuously: an inline script and a style attribute are refused and seen."""
    browser_page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__inlineRan = true";
          document.body.appendChild(script);
          document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>');
        }"""
    )
    browser_page.wait_for_function("window.__cspViolations.length >= 2")
    assert browser_page.evaluate("window.__inlineRan") is None
    seen = " ".join(watch.violations())
    assert "script-src-elem refused inline" in seen
    assert "style-src-attr refused inline" in seen


def test_one_page_of_every_public_type_has_no_csp_violation_and_the_map_still_shows(page, demo_site_url):
    urls = one_url_per_page_type()
    # The page types the issue names, so that this test cannot shrink unnoticed.
    assert {
        "HomePage",
        "StandardPage",
        "NewsIndexPage",
        "NewsPage",
        "TrainingIndexPage",
        "TrainingPage",
        "PublicationIndexPage",
        "PublicationPage",
        "ThematiquePage",
        "ContactPage",
        "OfficePage",
        "ContactFormPage",
        "DirectoryPage",
    } <= set(urls)
    watch = Watch(page, demo_site_url)
    page.goto(demo_site_url + "/")
    assert_the_listener_is_live(page, watch)

    failures = {}
    for url in [*urls.values(), "/presentation/qui-sommes-nous/histoire-du-centre/", *EXTRA_URLS]:
        watch.console.clear()
        response = page.goto(demo_site_url + url)
        page.wait_for_load_state("networkidle")
        assert response.status == (404 if url == "/page-inexistante/" else 200), url
        assert "default-src 'self'" in response.headers["content-security-policy"], url
        # site.js ran (it swaps no-js for js before the first paint) and site.css applied (the site's font).
        assert page.evaluate("document.documentElement.classList.contains('js')"), url
        assert "Atkinson" in page.evaluate("getComputedStyle(document.body).fontFamily"), url
        if problems := watch.violations() + watch.errors:
            failures[url] = problems
    assert not failures, "\n".join(f"{url}: {problems}" for url, problems in failures.items())
    assert watch.elsewhere == []  # nothing left the machine without consent

    # The map, after consent: Leaflet (a static file) draws the tiles and the markers, with no violation.
    page.goto(demo_site_url + "/contact/bureau-daccueil/")
    page.locator("[data-map-load]").first.click()
    page.locator(".leaflet-tile-loaded").first.wait_for()
    page.locator(".leaflet-overlay-pane path").first.wait_for()
    assert watch.violations() + watch.errors == []
    tiles = [(url, referer) for url, referer in watch.elsewhere if urlsplit(url).hostname == TILE_HOST]
    assert tiles
    # The tiles alone send the site's origin (OpenStreetMap's tile policy asks for a Referer), not the page.
    assert {referer for _, referer in tiles} == {demo_site_url + "/"}
    assert [url for url, _ in watch.elsewhere if urlsplit(url).hostname != TILE_HOST] == []


def test_the_videos_play_after_consent_under_the_policy(page, videos_url):
    watch = Watch(page, videos_url)
    page.goto(videos_url + "/ressources/videos/")
    assert watch.elsewhere == []
    for provider, host in (("youtube", "www.youtube-nocookie.com"), ("vimeo", "player.vimeo.com")):
        with page.expect_request(lambda request, host=host: urlsplit(request.url).hostname == host):
            page.locator(f"figure[data-consent-embed='{provider}'] [data-embed-load]").click()
        frame = page.frame_locator(f"figure[data-consent-embed='{provider}'] iframe")
        assert frame.locator("title").text_content() == "Lecteur"  # the player's document loaded in the frame
    assert watch.violations() + watch.errors == []
    assert {urlsplit(url).hostname for url, _ in watch.elsewhere} == {"www.youtube-nocookie.com", "player.vimeo.com"}


@pytest.fixture
def editor_url(demo_site_url, django_user_model):
    django_user_model.objects.create_superuser("admin-csp", "csp@example.org", PASSWORD)
    return demo_site_url


def test_the_userbar_the_admin_edit_view_its_preview_and_the_image_chooser_work(editor_url, page, leaves_admin):
    watch = Watch(page, editor_url)
    sign_in(page, editor_url, "admin-csp", PASSWORD)

    # On the public site, the userbar of a signed-in editor works under the public policy.
    response = page.goto(editor_url + "/")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    userbar = page.locator("wagtail-userbar")
    userbar.locator("#wagtail-userbar-trigger").click()
    expect(userbar.get_by_role("menuitem", name="Modifier cette page")).to_be_visible()
    assert watch.violations() + watch.errors == []

    # The edit view, under the admin's own policy.
    news = Page.objects.get(url_path__endswith="/exemple-actualite-01/")
    response = page.goto(f"{editor_url}/admin/pages/{news.pk}/edit/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    title = page.locator("#id_title")
    assert title.input_value() == news.title
    title.fill("Titre modifié sous CSP")

    # The preview panel frames the preview (same origin: frame-ancestors 'self' there, 'none' elsewhere).
    page.locator("[data-side-panel-toggle='preview']").click()
    # The panel refreshes after a pause in typing: a generous bound, that only a stalled preview exceeds.
    preview_title = page.frame_locator("#w-preview-iframe").locator("h1")
    expect(preview_title).to_have_text("Titre modifié sous CSP", timeout=30_000)

    # The social image's chooser (promote tab) opens its modal, lists the images and chooses one.
    page.get_by_role("tab", name="Promotion").click()
    page.locator("#id_social_image-chooser .unchosen [data-chooser-action-choose]").click()
    choice = page.locator(".modal [data-chooser-modal-choice]").first
    choice.wait_for()
    choice.click()
    expect(page.locator(".modal")).to_be_hidden()
    expect(page.locator("#id_social_image-chooser")).not_to_have_class("blank")
    image_id = int(page.locator("#id_social_image").input_value())

    # Saved as a draft: the title and the image reach the revision.
    with page.expect_navigation():
        page.locator("button.action-save").first.click()
    draft = Page.objects.get(pk=news.pk).get_latest_revision_as_object()
    assert (draft.title, draft.social_image_id) == ("Titre modifié sous CSP", image_id)

    assert watch.errors == []
    # The admin's policy allows its own inline scripts and styles: no violation there either.
    assert watch.violations() == []
