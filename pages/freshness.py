"""When cached pages stop being right on their own, without anyone changing content.

Whole public pages are cached (the ``pagecache`` app) and cleared whenever content changes. Some of what they show
also changes with time alone: a training session that ends leaves "Prochaines formations" (home page, agenda,
thématiques) and sends its training to the archive; a date moves the offices' next 30 days and the registration
deadlines. Rather than a short lifetime for every page, a cached page lives until the next such moment:

- the next local midnight (Europe/Brussels), for everything computed per day;
- the earliest moment given by the registered sources: each app that shows time-dependent content registers a
  function ``source(now) -> datetime | None`` (trainings: the end of the next session to end).

"Ouvert maintenant" is not in the list: the office pages carry their hours as data and the visitor's browser says
whether an office is open (``offices/static/offices/js/office-status.js``), so it is right in a cached page.
"""

import datetime

from django.utils import timezone

_sources = []


def register(source):
    """Add ``source(now)``: the next moment (aware datetime) after ``now`` when cached pages may change, or None."""
    if source not in _sources:
        _sources.append(source)
    return source


def next_midnight(now):
    local = timezone.localtime(now)
    tomorrow = local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time(), tzinfo=local.tzinfo)


def next_change(now=None):
    """The next moment after ``now`` when a page may change by time alone: midnight or a registered source's."""
    now = now or timezone.now()
    moments = [next_midnight(now)]
    for source in _sources:
        moment = source(now)
        if moment is not None and moment > now:
            moments.append(moment)
    return min(moments)
