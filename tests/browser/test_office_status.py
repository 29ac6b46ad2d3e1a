"""The office status script: the same answers as the Python rules, shown in the page, and nothing without it."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from offices.hours import status_at
from offices.tests.hours_cases import CASES

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).resolve().parents[2] / "offices" / "static" / "offices" / "js" / "office-status.js"


@pytest.fixture
def status_script(browser):
    """A blank page holding only the status script, in a browser set to another time zone than Brussels."""
    context = browser.new_context(timezone_id="America/New_York", locale="en-US")
    page = context.new_page()
    page.set_content("<!DOCTYPE html><html><head><title>t</title></head><body></body></html>")
    page.add_script_tag(path=str(SCRIPT))
    yield page
    context.close()


def test_the_script_answers_like_the_python_rules_on_every_case(status_script):
    answers = status_script.evaluate(
        "cases => cases.map(([data, moment]) => window.CAIOfficeHours.statusAt(data, moment))",
        [[case.data(), case.epoch_ms] for case in CASES],
    )
    python = [list(status_at(case.data(), case.moment)) for case in CASES]
    mismatches = [(case.name, js, py) for case, js, py in zip(CASES, answers, python, strict=True) if js != py]
    assert not mismatches
    assert python == [list(case.expected) for case in CASES]


def status_of(page, element_id):
    element = page.locator(f"[data-office-status='{element_id}']")
    data = json.loads(page.locator(f"script#{element_id}").text_content())
    return element, data


def test_each_office_on_the_list_shows_the_status_the_rules_give(page, demo_site_url):
    moment = datetime(2027, 1, 11, 9, 30, tzinfo=UTC)  # a Monday, 10h30 in Brussels
    page.clock.set_fixed_time(moment)
    page.goto(demo_site_url + "/contact/bureau-daccueil/")
    shown = page.locator("[data-office-status]")
    assert shown.count() == 3  # the three demo offices; the seeded one has no hours yet
    for index in range(shown.count()):
        element = shown.nth(index)
        data = json.loads(page.locator(f"script#{element.get_attribute('data-office-status')}").text_content())
        state, label = status_at(data, moment)
        assert element.is_visible() and element.inner_text() == label
        assert f"office-status--{state}" in element.get_attribute("class")
    assert "Ouvert maintenant, jusqu'à 12h00" in [shown.nth(i).inner_text() for i in range(shown.count())]
    unknown = page.locator(".office-status--unknown")
    assert unknown.inner_text().startswith("Horaires non communiqués — appelez le 081 73 71 76")
    assert unknown.get_by_role("link").get_attribute("href") == "tel:+3281737176"


def test_without_javascript_the_week_is_shown_and_no_status_is_claimed(browser, demo_site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site_url + "/contact/bureau-daccueil/exemple-dinant/")
    assert not page.locator("[data-office-status]").is_visible()
    assert page.get_by_text("Ouvert maintenant").count() == 0 and page.get_by_text("Fermé —").count() == 0
    table = page.locator("table.week-hours")
    assert table.is_visible() and "9h00–12h00, 13h30–16h00" in table.inner_text()
    context.close()
