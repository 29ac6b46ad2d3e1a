"""Cases for the opening-hours rules, shared by the Python tests and the browser test of the status script.

Each case: an office's week and exceptions, a moment (UTC), and the status expected in Europe/Brussels.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from offices.hours import Exception_, schedule_data


def hm(text):
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def slots(text):
    """ "9:00-12:00 13:30-16:00" → [(540, 720), (810, 960)]; "20:00-24:00" closes at midnight."""
    return [tuple(hm(part) for part in slot.split("-")) for slot in text.split()]


MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
OFFICE_WEEK = {MON: slots("9:00-12:00 13:30-16:00"), TUE: slots("9:00-12:00 13:30-16:00"), THU: slots("9:00-12:00")}
EVERY_DAY_MORNING = {day: slots("9:00-12:00") for day in range(7)}


@dataclass
class Case:
    name: str
    moment: datetime  # UTC
    expected: tuple
    week: dict = field(default_factory=lambda: OFFICE_WEEK)
    exceptions: list = field(default_factory=list)

    def data(self):
        """The data a page rendered the day before would carry (pages are cached)."""
        return schedule_data(self.week, self.exceptions, self.moment.date() - timedelta(days=1))

    @property
    def epoch_ms(self):
        return int(self.moment.timestamp() * 1000)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


CASES = [
    # 2027-01-11 is a Monday; Brussels is UTC+1 in winter.
    Case("open in the morning slot", utc(2027, 1, 11, 9, 30), ("open", "Ouvert maintenant, jusqu'à 12h00")),
    Case("a minute before 12:00", utc(2027, 1, 11, 10, 59), ("open", "Ouvert maintenant, jusqu'à 12h00")),
    Case("12:00 exactly is closed", utc(2027, 1, 11, 11, 0), ("closed", "Fermé — ouvre aujourd'hui à 13h30")),
    Case("lunch break between two slots", utc(2027, 1, 11, 12, 15), ("closed", "Fermé — ouvre aujourd'hui à 13h30")),
    Case("second slot of the day", utc(2027, 1, 11, 13, 0), ("open", "Ouvert maintenant, jusqu'à 16h00")),
    Case("after the last slot", utc(2027, 1, 11, 15, 0), ("closed", "Fermé — ouvre demain à 9h00")),
    Case("before opening", utc(2027, 1, 12, 6, 0), ("closed", "Fermé — ouvre aujourd'hui à 9h00")),
    Case("a closed weekday", utc(2027, 1, 13, 9, 0), ("closed", "Fermé — ouvre demain à 9h00")),
    Case("two days ahead: the weekday's name", utc(2027, 1, 14, 12, 0), ("closed", "Fermé — ouvre lundi à 9h00")),
    Case("the weekend", utc(2027, 1, 16, 10, 0), ("closed", "Fermé — ouvre lundi à 9h00")),
    Case("midnight, start of the day", utc(2027, 1, 11, 23, 0), ("closed", "Fermé — ouvre aujourd'hui à 9h00")),
    Case(
        "a slot until midnight, a minute before",
        utc(2027, 1, 11, 22, 59),
        ("open", "Ouvert maintenant, jusqu'à minuit"),
        week={MON: slots("20:00-24:00")},
    ),
    Case(
        "a slot until midnight, at midnight",
        utc(2027, 1, 11, 23, 0),
        ("closed", "Fermé — ouvre lundi à 20h00"),
        week={MON: slots("20:00-24:00")},
    ),
    Case(
        "a closure range, with its reason",
        utc(2027, 1, 12, 9, 0),
        ("closed", "Fermé aujourd'hui (congés de l'équipe) — ouvre jeudi à 9h00"),
        exceptions=[Exception_("closure", date(2027, 1, 11), date(2027, 1, 13), "congés de l'équipe")],
    ),
    Case(
        "a long closure: the next opening is a date",
        utc(2026, 12, 22, 9, 0),
        ("closed", "Fermé aujourd'hui (congés d'hiver) — ouvre le 4 janvier à 9h00"),
        exceptions=[Exception_("closure", date(2026, 12, 21), date(2027, 1, 3), "congés d'hiver")],
    ),
    Case(
        "a closure up to the end of a month: the next opening is the first, written 1er",
        utc(2027, 1, 20, 9, 0),
        ("closed", "Fermé aujourd'hui (congés d'hiver) — ouvre le 1er février à 9h00"),
        exceptions=[Exception_("closure", date(2027, 1, 18), date(2027, 1, 31), "congés d'hiver")],
    ),
    # 2027-05-06 is Ascension Thursday, a public holiday.
    Case("a public holiday", utc(2027, 5, 6, 8, 0), ("closed", "Fermé aujourd'hui (jour férié) — ouvre lundi à 9h00")),
    Case(
        "an exceptional opening on a holiday, usual hours",
        utc(2027, 5, 6, 8, 0),
        ("open", "Ouvert maintenant, jusqu'à 12h00"),
        exceptions=[Exception_("opening", date(2027, 5, 6), date(2027, 5, 6), "permanence exceptionnelle")],
    ),
    Case(
        "an exceptional opening on a holiday, its own hours",
        utc(2027, 5, 6, 7, 30),
        ("closed", "Fermé — ouvre aujourd'hui à 10h00"),
        exceptions=[Exception_("opening", date(2027, 5, 6), date(2027, 5, 6), "", ((600, 660),))],
    ),
    Case(
        "an exceptional opening wins over a closure",
        utc(2027, 1, 12, 9, 0),
        ("open", "Ouvert maintenant, jusqu'à 12h00"),
        exceptions=[
            Exception_("closure", date(2027, 1, 11), date(2027, 1, 13), "congés"),
            Exception_("opening", date(2027, 1, 12), date(2027, 1, 12), "", ((540, 720),)),
        ],
    ),
    Case(
        "Easter Monday 2027", utc(2027, 3, 29, 8, 0), ("closed", "Fermé aujourd'hui (jour férié) — ouvre demain à 9h00")
    ),
    Case(
        "Easter Monday 2028", utc(2028, 4, 17, 8, 0), ("closed", "Fermé aujourd'hui (jour férié) — ouvre demain à 9h00")
    ),
    # Daylight saving time: Brussels moves to UTC+2 on the last Sunday of March, back to UTC+1 in October.
    Case(
        "DST 2026: Saturday before, UTC+1",
        utc(2026, 3, 28, 8, 30),
        ("open", "Ouvert maintenant, jusqu'à 12h00"),
        week=EVERY_DAY_MORNING,
    ),
    Case(
        "DST 2026: Sunday after the change, UTC+2",
        utc(2026, 3, 29, 7, 30),
        ("open", "Ouvert maintenant, jusqu'à 12h00"),
        week=EVERY_DAY_MORNING,
    ),
    Case(
        "DST 2026: 06:30 UTC is 8h30",
        utc(2026, 3, 29, 6, 30),
        ("closed", "Fermé — ouvre aujourd'hui à 9h00"),
        week=EVERY_DAY_MORNING,
    ),
    Case(
        "DST 2026 ends: 08:30 UTC is 9h30",
        utc(2026, 10, 25, 8, 30),
        ("open", "Ouvert maintenant, jusqu'à 12h00"),
        week=EVERY_DAY_MORNING,
    ),
    Case(
        "DST 2026 ends: 07:30 UTC is 8h30",
        utc(2026, 10, 25, 7, 30),
        ("closed", "Fermé — ouvre aujourd'hui à 9h00"),
        week=EVERY_DAY_MORNING,
    ),
    Case(
        "DST 2027 (Easter Sunday is no holiday)",
        utc(2027, 3, 28, 7, 30),
        ("open", "Ouvert maintenant, jusqu'à 12h00"),
        week=EVERY_DAY_MORNING,
    ),
    Case(
        "DST 2027: 10:00 UTC is noon; Easter Monday is closed, so a week later",
        utc(2027, 3, 28, 10, 0),
        ("closed", "Fermé — ouvre le 4 avril à 9h00"),
        week={SUN: slots("9:00-12:00"), MON: slots("9:00-12:00")},
    ),
    Case(
        "DST 2027 ends", utc(2027, 10, 31, 8, 30), ("open", "Ouvert maintenant, jusqu'à 12h00"), week=EVERY_DAY_MORNING
    ),
    Case(
        "DST 2027 ends: 10:59 UTC is 11h59",
        utc(2027, 10, 31, 10, 59),
        ("open", "Ouvert maintenant, jusqu'à 12h00"),
        week=EVERY_DAY_MORNING,
    ),
    Case("hours not communicated", utc(2027, 1, 11, 9, 30), ("unknown", "Horaires non communiqués"), week={}),
]
