"""iCalendar (RFC 5545) files of training sessions, with Europe/Brussels times and their VTIMEZONE."""

from datetime import UTC, datetime

from django.http import HttpResponse
from django.utils.text import slugify
from icalendar import Calendar, Event

from pages.models import SiteIdentity


def build_calendar(request, sessions, name):
    identity = SiteIdentity.for_request(request)
    calendar = Calendar()
    calendar.add("prodid", f"-//{identity.site_name or identity.short_name or 'Site'}//Formations//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = datetime.now(UTC)
    for session in sessions:
        training = session.page
        event = Event()
        event.add("uid", f"formation-seance-{session.pk}@cai-namur")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts)
        event.add("dtend", session.ends)
        event.add("summary", training.title)
        event.add("location", session.place_label)
        url = training.get_full_url(request)
        event.add("url", url)
        event.add("description", f"{training.intro}\n\n{url}".strip())
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
