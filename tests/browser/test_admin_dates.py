"""Dates and times typed with the keyboard into the real admin widgets (Wagtail's date/time picker) are saved as
typed: "9h30" is 09:30, "2027-01-20" and "20/01/2027" are 20 January 2027. The picker used to rewrite them when the
field lost focus (09:00, today). Anything else is refused in French and nothing is saved."""

import datetime

import pytest

from offices.models import OfficePage
from tests.browser.helpers import sign_in
from trainings.factories import TrainingPageFactory, TrainingSessionFactory
from trainings.models import TrainingPage

pytestmark = pytest.mark.browser

PASSWORD = "mot-de-passe-de-test"


@pytest.fixture
def admin_url(site_url, django_user_model):
    """The admin of the seeded site; a superuser to log in with."""
    django_user_model.objects.create_superuser("admin-dates", "admin@example.org", PASSWORD)
    return site_url


def type_into(browser_page, selector, text):
    """Click the field, replace its content with the keyboard, then Tab away (the picker's blur handler runs)."""
    field = browser_page.locator(selector)
    field.click()
    browser_page.keyboard.press("Control+A")
    browser_page.keyboard.press("Backspace")
    browser_page.keyboard.type(text)
    browser_page.keyboard.press("Tab")
    return field.input_value()


def save_draft(browser_page):
    with browser_page.expect_navigation():
        browser_page.locator("button.action-save").first.click()


@pytest.fixture
def training(admin_url):
    return TrainingPageFactory(
        title="Formation à dater",
        sessions=[TrainingSessionFactory.build(date=datetime.date(2026, 12, 1), starts_at=datetime.time(14))],
    )


def draft_sessions(training):
    draft = TrainingPage.objects.get(pk=training.pk).get_latest_revision_as_object()
    return [(s.date, s.starts_at, s.ends_at) for s in draft.sessions.all()]


@pytest.mark.parametrize("typed_date", ["20/01/2027", "2027-01-20"])
def test_a_session_typed_with_the_keyboard_is_saved_as_typed(admin_url, training, typed_date, page, leaves_admin):
    sign_in(page, admin_url, "admin-dates", PASSWORD, f"/admin/pages/{training.pk}/edit/")
    assert type_into(page, "#id_sessions-0-date", typed_date) == typed_date
    assert type_into(page, "#id_sessions-0-starts_at", "9h30") == "9h30"  # not rewritten on blur
    assert type_into(page, "#id_sessions-0-ends_at", "12:00") == "12:00"
    save_draft(page)
    assert page.locator(".help-critical, .error-message").count() == 0, page.locator("main").inner_text()[:1500]
    assert draft_sessions(training) == [(datetime.date(2027, 1, 20), datetime.time(9, 30), datetime.time(12))]
    # The form shows the saved values back in the admin's form.
    assert page.locator("#id_sessions-0-date").input_value() == "20/01/2027"
    assert page.locator("#id_sessions-0-starts_at").input_value() == "09:30"


def test_a_date_typed_otherwise_is_refused_in_french_and_nothing_is_saved(admin_url, training, page, leaves_admin):
    revisions = training.revisions.count()
    sign_in(page, admin_url, "admin-dates", PASSWORD, f"/admin/pages/{training.pk}/edit/")
    assert type_into(page, "#id_sessions-0-date", "demain") == "demain"
    assert type_into(page, "#id_sessions-0-starts_at", "9h") == "9h"
    save_draft(page)
    assert page.get_by_text("Date invalide : écrivez-la comme 20/01/2027.").count() == 1
    assert page.get_by_text("Heure invalide : écrivez-la comme 9h30 ou 09:30.").count() == 1
    assert page.locator("#id_sessions-0-date").input_value() == "demain"  # shown back as typed, to correct
    assert training.revisions.count() == revisions
    assert draft_sessions(training) == [(datetime.date(2026, 12, 1), datetime.time(14), datetime.time(16, 30))]


def test_office_hours_added_in_a_new_row_are_saved_as_typed(admin_url, page, leaves_admin):
    office = OfficePage.objects.live().first()
    slots = office.opening_slots.count()
    sign_in(page, admin_url, "admin-dates", PASSWORD, f"/admin/pages/{office.pk}/edit/")
    page.locator("#id_opening_slots-ADD").click()  # a row created in the browser, from the inline panel's template
    row = f"#id_opening_slots-{slots}"
    page.select_option(f"{row}-weekday", "0")
    assert type_into(page, f"{row}-opens", "9h30") == "9h30"
    assert type_into(page, f"{row}-closes", "12h00") == "12h00"
    save_draft(page)
    assert page.locator(".help-critical, .error-message").count() == 0, page.locator("main").inner_text()[:1500]
    draft = OfficePage.objects.get(pk=office.pk).get_latest_revision_as_object()
    saved = [(slot.weekday, slot.opens, slot.closes) for slot in draft.opening_slots.all()]
    assert (0, datetime.time(9, 30), datetime.time(12)) in saved
