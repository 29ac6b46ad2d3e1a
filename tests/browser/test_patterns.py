"""The pattern library (/motifs/), seen by a member of staff: no axe violation on a phone and on a wide screen."""

import pytest

from tests.browser.helpers import assert_no_axe_violations, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def staff_password(django_user_model, site_url):
    django_user_model.objects.create_user("equipe", password="mot-de-passe-de-test", is_staff=True)
    return "mot-de-passe-de-test"


@pytest.mark.parametrize("width, height", [(375, 812), (1280, 900)])
def test_pattern_library_has_no_axe_violations(page, site_url, staff_password, width, height):
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, site_url, "equipe", staff_password, "/motifs/")
    assert page.get_by_role("heading", level=1).inner_text() == "Bibliothèque de motifs"
    assert page.locator(".swatch").count() >= 20
    assert page.locator(".icon-list__item").count() >= 10
    # The swatches take their colour from the tokens: the page's background swatch is the page's background.
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.swatch--color-bg .swatch__sample')).backgroundColor"
    ) == page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert_no_axe_violations(page)
