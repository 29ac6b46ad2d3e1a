"""iCalendar (RFC 5545) files of training sessions, with Europe/Brussels times and their VTIMEZONE."""

from datetime import UTC, datetime

from django.http import HttpResponse
from django.utils.text import slugify
from icalendar import Calendar, Event
from wagtail.models import Site

from pages.models import SiteIdentity


def site_identity(request):
    """The identity of the request's site, or of the default site for a mail sent without a request."""
    if request is not None:
        return SiteIdentity.for_request(request)
    return SiteIdentity.for_site(Site.objects.get(is_default_site=True))


def one_line(text):
    """Text for a one-line property (a title typed with a line break must not break the file)."""
    return " ".join(str(text).split())


def build_calendar(request, sessions, name):
    """The calendar of ``sessions``; ``request`` may be None (the default site's identity and URLs then)."""
    identity = site_identity(request)
    calendar = Calendar()
    calendar.add("prodid", f"-//{identity.site_name or identity.short_name or 'Site'}//Formations//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", one_line(name))
    stamp = datetime.now(UTC)
    for session in sessions:
        training = session.page
        event = Event()
        event.add("uid", f"formation-seance-{session.pk}@cai-namur")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts)
        event.add("dtend", session.ends)
        event.add("summary", one_line(training.title))
        event.add("location", one_line(session.place_label))
        url = training.get_full_url(request)
        event.add("url", url)
        intro = "\n".join(str(training.intro).splitlines())  # a textarea sends CRLF; icalendar refuses a bare CR
        event.add("description", f"{intro}\n\n{url}".strip())
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def calendar_name(request, title):
    """ "Formations – CAI Namur": a calendar's title followed by the centre's short name from the settings."""
    short_name = SiteIdentity.for_request(request).short_name
    return f"{title} – {short_name}" if short_name else title


def calendar_filename(request, stem):
    """ "formations-cai-namur.ics": a file name with the centre's short name from the settings."""
    short_name = SiteIdentity.for_request(request).short_name
    return f"{slugify(f'{stem} {short_name}')}.ics"


def calendar_response(request, sessions, filename, name):
    response = HttpResponse(
        build_calendar(request, sessions, name).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
