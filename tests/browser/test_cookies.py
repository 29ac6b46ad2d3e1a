"""An anonymous visitor gets no cookie, except the CSRF cookie on a page that shows a form.

The visitor's choices (theme, maps, videos) live in localStorage or sessionStorage; sessions and messages are for the
staff in the admin. Every request to another origin is answered locally and recorded: there must be none either.
"""

from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import answer_other_origins_locally

pytestmark = pytest.mark.browser

VISIT = [
    ("/", []),
    ("/presentation/qui-sommes-nous/histoire-du-centre/", []),
    ("/contact/ecrire/", ["csrftoken"]),
]


def test_an_anonymous_visit_sets_no_cookie_but_the_csrf_one_of_a_form(page, site_url):
    elsewhere = answer_other_origins_locally(page.context, site_url)
    for url, names in VISIT:
        page.goto(site_url + url)
        page.wait_for_load_state("networkidle")
        cookies = page.context.cookies()
        assert sorted(cookie["name"] for cookie in cookies) == names, url
    (csrf,) = cookies
    assert csrf["domain"] == urlsplit(site_url).hostname and csrf["sameSite"] == "Lax"
    assert page.locator("main form[method=post] input[name=csrfmiddlewaretoken]").count() == 1
    assert elsewhere == []
