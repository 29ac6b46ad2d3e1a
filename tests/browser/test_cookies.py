"""An anonymous visitor gets no cookie, except the CSRF cookie on a page that shows a form.

The visitor's choices (theme, maps, videos) live in localStorage or sessionStorage; sessions and messages are for the
staff in the admin. Every request to another origin is answered locally and recorded: there must be none either.
"""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

VISIT = [
    ("/", []),
    ("/presentation/qui-sommes-nous/histoire-du-centre/", []),
    ("/contact/ecrire/", ["csrftoken"]),
]


def test_an_anonymous_visit_sets_no_cookie_but_the_csrf_one_of_a_form(page, site_url):
    own = urlsplit(site_url).netloc
    elsewhere = []

    def handle(route):
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.fulfill(status=204, body=b"")

    page.context.route("**/*", handle)
    for url, names in VISIT:
        page.goto(site_url + url)
        page.wait_for_load_state("networkidle")
        cookies = page.context.cookies()
        assert sorted(cookie["name"] for cookie in cookies) == names, url
    (csrf,) = cookies
    assert csrf["domain"] == urlsplit(site_url).hostname and csrf["sameSite"] == "Lax"
    assert page.locator("main form[method=post] input[name=csrfmiddlewaretoken]").count() == 1
    assert elsewhere == []
