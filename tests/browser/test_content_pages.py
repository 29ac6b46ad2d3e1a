"""News, trainings, publications and thématiques in the browser: axe at both widths, filters by keyboard."""

import pytest

from tests.browser.test_accessibility import axe, describe

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/ressources/actus-du-secteur/",
    "/ressources/actus-du-secteur/?thematique=sante&annee=2026",
    "/ressources/actus-du-secteur/?thematique=inconnue",
    "/ressources/actus-du-secteur/?page=2",
    "/ressources/actus-du-secteur/exemple-actualite-01/",
    "/actions-services/formations/",
    "/actions-services/formations/archives/",
    "/actions-services/formations/exemple-formation-02/",
    "/actions-services/formations/exemple-formation-01/",
    "/ressources/outils-et-publications/",
    "/ressources/outils-et-publications/?type=guide",
    "/ressources/outils-et-publications/exemple-publication-01/",
    "/thematiques/asile/",
    "/presentation/equipe/",
    "/presentation/mandats/",
    "/ressources/chiffres/",
    "/campagne-discrimination/",
    "/ukraine/",
]


@pytest.mark.parametrize("width, height", [(1280, 900), (375, 812)])
def test_content_page_types_have_no_axe_violations(page, demo_site_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    failures = {}
    for url in PAGES:
        response = page.goto(demo_site_url + url)
        assert response.status == 200, url
        results = axe.run(page)
        if results.violations_count:
            failures[url] = describe(results.response["violations"])
        if width == 375:
            assert page.evaluate("document.documentElement.scrollWidth") <= width, url
    assert not failures, "\n".join(f"{url}\n{report}" for url, report in failures.items())


def test_news_filters_work_with_the_keyboard_and_state_the_result_count(page, demo_site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site_url + "/ressources/actus-du-secteur/")
    theme_select = page.locator("#id_thematique")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_thematique":
            break
    assert page.evaluate("document.activeElement.id") == "id_thematique"
    for _ in range(20):
        if theme_select.evaluate("select => select.options[select.selectedIndex].text") == "Asile":
            break
        page.keyboard.press("ArrowDown")
    assert theme_select.input_value() == "asile"
    page.keyboard.press("Tab")  # year
    page.keyboard.press("Tab")  # the submit button
    assert page.evaluate("document.activeElement.textContent.trim()") == "Filtrer"
    page.keyboard.press("Enter")
    page.wait_for_url("**/ressources/actus-du-secteur/?thematique=asile*")
    heading = page.locator("#resultats").inner_text()
    count = page.locator(".item-card").count()
    assert heading.startswith(f"{count} actualité") and "(Asile)" in heading
    assert count > 0
    assert f"{count} actualité" in page.title() and "Asile" in page.title()


def test_content_pages_do_not_scroll_sideways_at_320_px(page, demo_site_url):
    page.set_viewport_size({"width": 320, "height": 640})
    overflowing = {}
    for url in PAGES:
        page.goto(demo_site_url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            overflowing[url] = width
    assert not overflowing, overflowing
