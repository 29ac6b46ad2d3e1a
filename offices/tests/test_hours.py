"""The opening-hours rules (offices/hours.py): holidays, exceptions, slots and the status at a moment."""

from datetime import date

import pytest

from offices.hours import (
    HOLIDAY_REASON,
    Exception_,
    belgian_public_holidays,
    format_period,
    hours_known,
    resolve_day,
    schedule_data,
    status_at,
)

from .hours_cases import CASES, OFFICE_WEEK, slots


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_status_at_a_moment_in_brussels(case):
    assert status_at(case.data(), case.moment) == case.expected


@pytest.mark.parametrize("year", [2026, 2027, 2028, 2040])
def test_the_ten_belgian_legal_holidays_any_year(year):
    days = belgian_public_holidays([year])
    assert len(days) == 10
    assert {date(year, 1, 1), date(year, 5, 1), date(year, 7, 21), date(year, 8, 15)} <= set(days)
    assert {date(year, 11, 1), date(year, 11, 11), date(year, 12, 25)} <= set(days)


@pytest.mark.parametrize(
    "easter_monday, ascension, whit_monday",
    [
        (date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)),
        (date(2028, 4, 17), date(2028, 5, 25), date(2028, 6, 5)),
    ],
)
def test_moveable_holidays_are_computed(easter_monday, ascension, whit_monday):
    days = belgian_public_holidays([easter_monday.year])
    assert days[easter_monday] == "Lundi de Pâques"
    assert ascension in days and whit_monday in days


def test_easter_and_whit_sunday_are_not_among_the_ten():
    days = belgian_public_holidays([2027])
    assert date(2027, 3, 28) not in days and date(2027, 5, 16) not in days


def test_a_holiday_closes_by_default_and_staff_can_open_on_it():
    christmas = date(2028, 12, 25)  # a Monday
    holidays = belgian_public_holidays([2028])
    closed = resolve_day(christmas, OFFICE_WEEK, [], holidays)
    assert closed.slots == () and closed.reason == HOLIDAY_REASON and closed.holiday == "Noël"
    opened = resolve_day(christmas, OFFICE_WEEK, [Exception_("opening", christmas, christmas)], holidays)
    assert opened.slots == ((540, 720), (810, 960)) and opened.kind == "opening"


def test_touching_slots_are_one_opening():
    day = resolve_day(date(2027, 1, 11), {0: slots("9:00-12:00 12:00-16:00")}, [], {})
    assert day.slots == ((540, 960),)


def test_page_data_holds_the_week_and_only_the_days_that_differ():
    data = schedule_data(
        OFFICE_WEEK,
        [Exception_("closure", date(2026, 12, 28), date(2026, 12, 31), "congés d'hiver")],
        date(2026, 12, 1),
    )
    assert data["from"] == "2026-12-01" and data["until"] == "2026-12-31"
    assert data["week"]["0"] == [["09:00", "12:00"], ["13:30", "16:00"]] and data["week"]["2"] == []
    assert data["days"] == {
        "2026-12-25": {"slots": [], "reason": "jour férié"},
        **{f"2026-12-{day}": {"slots": [], "reason": "congés d'hiver"} for day in range(28, 32)},
    }


def test_a_closure_beyond_the_30_days_is_not_carried():
    data = schedule_data(
        OFFICE_WEEK, [Exception_("closure", date(2027, 3, 1), date(2027, 3, 2), "x")], date(2027, 1, 4)
    )
    assert data["days"] == {}


def test_hours_not_entered_are_unknown_not_closed():
    data = schedule_data({}, [], date(2027, 1, 4))
    assert not hours_known(data)


def test_periods_read_as_french_dates():
    assert format_period(date(2027, 1, 4), date(2027, 1, 4)) == "lundi 4 janvier 2027"
    assert format_period(date(2026, 12, 4), date(2026, 12, 6)) == "du vendredi 4 décembre au dimanche 6 décembre 2026"
    assert (
        format_period(date(2026, 12, 31), date(2027, 1, 1)) == "du jeudi 31 décembre 2026 au vendredi 1er janvier 2027"
    )
