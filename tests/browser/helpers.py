"""What the browser tests share: axe with a readable report, moving through a page with the Tab key, signing in to
the admin, and answering requests to other origins locally."""

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

MAX_TABS = 150

axe = Axe()


def describe(violations):
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return "\n".join(lines)


def assert_no_axe_violations(page):
    results = axe.run(page)
    assert not results.violations_count, describe(results.response["violations"])


def active(page, expression="el => el.id"):
    """``expression`` applied to the focused element (its id by default)."""
    return page.evaluate(f"({expression})(document.activeElement)")


def active_matches(page, selector):
    return page.evaluate("selector => document.activeElement.matches(selector)", selector)


def tab_to(page, selector):
    """Press Tab until the element matching ``selector`` has focus; return the number of presses."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if active_matches(page, selector):
            return presses
    raise AssertionError(f"{selector} never received focus within {MAX_TABS} Tab presses")


def answer_other_origins_locally(target, site_url):
    """Answer every request of ``target`` (a page or a browser context) to another origin than ``site_url`` with an
    empty 204, so that nothing leaves the machine; returns the list those requests' URLs are added to."""
    own = urlsplit(site_url).netloc
    elsewhere = []

    def handle(route):
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.fulfill(status=204, body=b"")

    target.route("**/*", handle)
    return elsewhere


def sign_in(browser_page, site_url, username, password, next_path="/admin/"):
    """Sign in through the admin's real login form and wait until ``next_path`` (a path on the site) is open."""
    browser_page.goto(f"{site_url}/admin/login/?next={next_path}")
    browser_page.fill("#id_username", username)
    browser_page.fill("#id_password", password)
    browser_page.get_by_role("button", name="S'identifier").click()
    browser_page.wait_for_url(site_url + next_path)
