"""Factories for offices and their hours, used by the tests and by ``seed_site --demo``."""

import datetime

import factory

from pages.factories import PublishedPageFactory

from .models import ExceptionKind, OfficeException, OfficeIndexPage, OfficePage, OpeningSlot


def clock(text):
    """ "9:30" → time(9, 30)."""
    hours, minutes = text.split(":")
    return datetime.time(int(hours), int(minutes))


def week(**days):
    """Opening slots from a readable week: ``week(monday="9:00-12:00 13:30-16:00", friday="9:00-12:00")``."""
    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    slots = []
    for name, text in days.items():
        for slot in text.split():
            opens, closes = slot.split("-")
            slots.append(OpeningSlot(weekday=names.index(name), opens=clock(opens), closes=clock(closes)))
    return slots


def closure(start, end=None, reason="fermeture exceptionnelle"):
    return OfficeException(kind=ExceptionKind.CLOSURE, start_date=start, end_date=end, reason=reason)


def opening(start, end=None, reason="", hours=None):
    """An exceptional opening; ``hours`` "10:00-12:00", else the usual hours of that weekday."""
    opens = closes = None
    if hours:
        opens, closes = (clock(part) for part in hours.split("-"))
    return OfficeException(
        kind=ExceptionKind.OPENING, start_date=start, end_date=end, reason=reason, opens=opens, closes=closes
    )


class OfficePageFactory(PublishedPageFactory):
    """A published office under the office list. ``opening_slots=week(...)`` and ``exceptions=[closure(...)]``
    are saved with the page (and its revision), as the admin's inline panels save them."""

    class Meta:
        model = OfficePage

    parent = factory.LazyFunction(lambda: OfficeIndexPage.objects.get())
    title = factory.Sequence(lambda n: f"Bureau {n + 1}")
    slug = factory.Sequence(lambda n: f"bureau-{n + 1}")
    commune = "Namur"
    street_address = factory.Sequence(lambda n: f"Rue de l'Exemple {n + 1}")
    postal_code = "5000"
    opening_slots = factory.LazyFunction(lambda: week(monday="9:00-12:00 13:30-16:00", wednesday="9:00-12:00"))
    exceptions = factory.LazyFunction(list)
