"""The "Relecture" review in Chromium, through the real admin: a Rédacteur signs in with the login form, changes the
history page's introduction and submits it ("Soumettre à Relecture", in French); the public page is unchanged and
the Modérateur gets a mail; the Modérateur signs in, approves; the public page shows the change.

Every request to another origin is answered locally (an empty 204) and recorded: there must be none.
"""

import re
from urllib.request import urlopen

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from editorial.names import MODERATORS, REVIEW_WORKFLOW, WRITERS
from tests.browser.helpers import answer_other_origins_locally, sign_in

pytestmark = pytest.mark.browser

HISTORY = "/presentation/qui-sommes-nous/histoire-du-centre/"
PASSWORD = "un mot de passe pour la relecture"
NEW_INTRO = "Trente ans au service des personnes venues de loin à Namur, racontés par celles et ceux qui les ont vécus"


@pytest.fixture
def staff(site_url):
    """A Rédacteur and a Modérateur, with e-mail addresses, on the seeded site."""
    users = {}
    for username, group_name in (("rita", WRITERS), ("marc", MODERATORS)):
        user = get_user_model().objects.create_user(
            username, f"{username}@cai.example", PASSWORD, first_name=username.title(), last_name="Test"
        )
        user.groups.add(Group.objects.get(name=group_name))
        users[group_name] = user
    return users


def action_menu_button(browser_page, name):
    """A button of the editor's footer action menu, opening its "more actions" dropdown when it is in there."""
    button = browser_page.locator("footer").get_by_role("button", name=name)
    if not button.first.is_visible():
        browser_page.locator("footer").get_by_role("button", name="Plus d'actions").click()
    button.first.wait_for(state="visible")
    return button.first


def public_text(site_url):
    with urlopen(site_url + HISTORY) as response:
        return response.read().decode()


def test_a_writers_change_goes_live_only_once_a_moderator_approves(
    browser, site_url, staff, smtp_server, page, leaves_admin
):
    history = Page.objects.get(url_path__endswith=HISTORY.removeprefix("/presentation")).specific
    edit_url = f"{site_url}/admin/pages/{history.pk}/edit/"
    assert NEW_INTRO not in public_text(site_url)
    elsewhere = answer_other_origins_locally(page, site_url)

    # The Rédacteur edits and submits
    sign_in(page, site_url, "rita", PASSWORD)
    page.goto(edit_url)
    page.fill("#id_intro", NEW_INTRO)
    assert not page.locator("footer").get_by_role("button", name=re.compile("^Publier")).count()
    submit = action_menu_button(page, f"Soumettre à {REVIEW_WORKFLOW}")
    assert "Moderators" not in page.locator("footer").inner_text()
    with page.expect_navigation():
        submit.click()
    assert "en cours de modération" in page.locator("main").inner_text().lower()
    assert history.workflow_states.get().workflow.name == REVIEW_WORKFLOW

    assert NEW_INTRO not in public_text(site_url)  # nothing changes before the review
    smtp_server.wait_for(1)
    assert "marc@cai.example" in {address for _sender, addresses in smtp_server.envelopes for address in addresses}

    # The Modérateur approves, from a separate session
    moderator_page = browser.new_page()
    try:
        elsewhere += answer_other_origins_locally(moderator_page, site_url)
        sign_in(moderator_page, site_url, "marc", PASSWORD)
        assert history.title in moderator_page.locator("main").inner_text()  # "awaiting your review" panel
        moderator_page.goto(edit_url)
        approve = action_menu_button(moderator_page, re.compile(r"^Approuver et publier$", re.IGNORECASE))
        with moderator_page.expect_navigation():
            approve.click()
    finally:
        moderator_page.close()

    assert NEW_INTRO in public_text(site_url)
    assert elsewhere == []
