"""Opening hours: which days an office opens, and whether it is open at a given moment.

The rules live here, once. ``schedule_data`` resolves the week's hours, the Belgian public holidays and the
exceptions staff enter into the data a page carries (the week, then the dates of the next 30 days that differ
from it). ``status_at`` reads that data at a moment in Europe/Brussels; ``offices/static/offices/js/office-status.js``
does the same in the visitor's browser (pages are cached whole, so "open now" cannot be computed on the server),
and the tests run both on the same cases.

Times are minutes after midnight; a slot that closes at midnight closes at 1440.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import easter

from pages.typography import format_date_fr

BRUSSELS = ZoneInfo("Europe/Brussels")
MIDNIGHT = 24 * 60
WINDOW_DAYS = 30  # how far ahead the page carries the dates that differ from the usual week
LOOKAHEAD_DAYS = 14  # how far ahead the status looks for the next opening

WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
HOLIDAY_REASON = "jour férié"


class State:
    OPEN = "open"
    CLOSED = "closed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Exception_:
    """A dated exception: a closure (with the reason shown to visitors) or an exceptional opening.

    An opening without hours of its own opens with the usual hours of that weekday (to open on a holiday).
    """

    kind: str  # "closure" or "opening"
    start: date
    end: date
    reason: str = ""
    slots: tuple = ()

    def covers(self, day):
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Day:
    """One date's resolved hours; ``reason`` says why the office is closed (or exceptionally open) that day."""

    date: date
    slots: tuple
    reason: str = ""
    holiday: str = ""
    kind: str = "regular"  # regular, holiday, closure, opening


def belgian_public_holidays(years):
    """The ten legal public holidays of Belgium for ``years``, {date: French name}.

    The ``holidays`` package's Belgian calendar also lists Easter Sunday and Whit Sunday, which are not among the
    ten (they fall on a Sunday anyway); they are left out.
    """
    calendar = holidays.country_holidays("BE", years=sorted(set(years)), language="fr")
    sundays = {easter(year) for year in years} | {easter(year) + timedelta(days=49) for year in years}
    return {day: name for day, name in calendar.items() if day not in sundays}


def minutes(value):
    """A ``datetime.time`` as minutes after midnight."""
    return value.hour * 60 + value.minute


def slot_minutes(opens, closes):
    """A slot as (opens, closes) minutes; a slot closing at 00:00 closes at midnight (1440)."""
    end = minutes(closes)
    return (minutes(opens), MIDNIGHT if end == 0 else end)


def merge(slots):
    """Sorted slots, touching or overlapping ones joined: 9:00–12:00 and 12:00–16:00 are one opening."""
    merged = []
    for start, end in sorted(slots):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def resolve_day(day, weekly, exceptions, public_holidays):
    """The hours of ``day``: an exceptional opening wins over a closure, a closure over a holiday, a holiday over
    the usual week."""
    usual = merge(weekly.get(day.weekday(), ()))
    covering = [exception for exception in exceptions if exception.covers(day)]
    opening = next((exception for exception in covering if exception.kind == "opening"), None)
    holiday = public_holidays.get(day, "")
    if opening:
        return Day(day, merge(opening.slots) or usual, opening.reason, holiday, "opening")
    closure = next((exception for exception in covering if exception.kind == "closure"), None)
    if closure:
        return Day(day, (), closure.reason, holiday, "closure")
    if holiday:
        return Day(day, (), HOLIDAY_REASON, holiday, "holiday")
    return Day(day, usual)


def upcoming_days(weekly, exceptions, start, days=WINDOW_DAYS):
    """The dates from ``start`` to ``start + days`` whose hours differ from the usual week, resolved."""
    dates = [start + timedelta(days=offset) for offset in range(days + 1)]
    public_holidays = belgian_public_holidays({day.year for day in dates})
    resolved = (resolve_day(day, weekly, exceptions, public_holidays) for day in dates)
    return [day for day in resolved if day.kind != "regular"]


def format_time(value):
    """Minutes after midnight as visitors read them: 540 → "9h00", 1440 → "minuit"."""
    if value >= MIDNIGHT:
        return "minuit"
    return f"{value // 60}h{value % 60:02d}"


def hhmm(value):
    """Minutes after midnight as "HH:MM" (the page's data, schema.org); midnight is "24:00"."""
    return f"{value // 60:02d}:{value % 60:02d}"


def parse_hhmm(text):
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def schedule_data(weekly, exceptions, start):
    """What a page carries for the browser: the usual week and the next 30 days that differ from it.

    ``weekly`` maps a weekday (0 = Monday) to its slots in minutes; ``exceptions`` are ``Exception_``.
    """
    return {
        "from": start.isoformat(),
        "until": (start + timedelta(days=WINDOW_DAYS)).isoformat(),
        "week": {str(weekday): [[hhmm(a), hhmm(b)] for a, b in merge(weekly.get(weekday, ()))] for weekday in range(7)},
        "days": {
            day.date.isoformat(): {"slots": [[hhmm(a), hhmm(b)] for a, b in day.slots], "reason": day.reason}
            for day in upcoming_days(weekly, exceptions, start)
        },
    }


def hours_known(data):
    """Whether staff entered any opening hours (an office with none is "not communicated", never "closed")."""
    return any(data["week"].values()) or any(day["slots"] for day in data["days"].values())


def slots_on(data, day):
    """The slots and the reason of ``day`` according to the page's data."""
    key = day.isoformat()
    if key in data["days"]:
        entry = data["days"][key]
        return [(parse_hhmm(a), parse_hhmm(b)) for a, b in entry["slots"]], entry["reason"]
    return [(parse_hhmm(a), parse_hhmm(b)) for a, b in data["week"][str(day.weekday())]], ""


def day_label(day, today):
    offset = (day - today).days
    if offset == 0:
        return "aujourd'hui"
    if offset == 1:
        return "demain"
    if offset < 7:
        return WEEKDAYS[day.weekday()]
    return f"le {format_date_fr(day, 'j F')}"


def format_date(day, with_year=True):
    """ "lundi 4 janvier 2027", "vendredi 1er janvier 2027" (pages/typography.py writes the first "1er")."""
    return format_date_fr(day, "l j F Y" if with_year else "l j F")


def format_period(start, end):
    """ "lundi 4 janvier 2027", or "du vendredi 4 au dimanche 6 décembre 2026"."""
    if start == end:
        return format_date(start)
    return f"du {format_date(start, with_year=start.year != end.year)} au {format_date(end)}"


def status_at(data, moment):
    """(state, label) of an office at ``moment`` (an aware datetime), read in Europe/Brussels.

    "Ouvert maintenant, jusqu'à 12h00" / "Fermé — ouvre lundi à 9h00" / "Fermé aujourd'hui (jour férié) — ouvre
    mardi à 9h00" / "Horaires non communiqués".
    """
    if not hours_known(data):
        return State.UNKNOWN, "Horaires non communiqués"
    local = moment.astimezone(BRUSSELS)
    today = local.date()
    now = local.hour * 60 + local.minute
    slots, reason = slots_on(data, today)
    for start, end in slots:
        if start <= now < end:
            return State.OPEN, f"Ouvert maintenant, jusqu'à {format_time(end)}"
    label = f"Fermé aujourd'hui ({reason})" if reason and not slots else "Fermé"
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = today + timedelta(days=offset)
        day_slots, _reason = slots_on(data, day) if offset else (slots, reason)
        later = [start for start, _end in day_slots if offset or start > now]
        if later:
            return State.CLOSED, f"{label} — ouvre {day_label(day, today)} à {format_time(min(later))}"
    return State.CLOSED, label
