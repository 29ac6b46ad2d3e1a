"""schema.org ``Event``s for a training's page (JSON-LD): one per session."""

import re
from decimal import Decimal

from django.db.models import prefetch_related_objects

from pages.structured_data import SCHEMA_CONTEXT, organisation

SCHEDULED = "https://schema.org/EventScheduled"
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"
ONLINE = "https://schema.org/OnlineEventAttendanceMode"
# An amount in euros as editors write it: "20 €", "12,50 €", "€ 20", "20 euros".
EUROS = re.compile(r"(?:€\s*(\d+(?:[.,]\d{1,2})?)|(\d+(?:[.,]\d{1,2})?)\s*(?:€|euros?\b|EUR\b))", re.IGNORECASE)


def price_in_euros(text):
    """The one amount in euros a price text names ("20 € par jour" → 20), None when it names none or several."""
    amounts = [first or second for first, second in EUROS.findall(text or "")]
    if len(amounts) != 1:
        return None
    return Decimal(amounts[0].replace(",", "."))


def offer(training, url):
    """Free (price 0) when the training says so; a paid training's amount when its price text names exactly one,
    with the text itself as description ("par jour", "repas compris"); None otherwise: no price is ever guessed."""
    if training.is_free:
        price = Decimal(0)
    else:
        price = price_in_euros(training.price)
        if price is None:
            return None
    data = {"@type": "Offer", "price": str(price), "priceCurrency": "EUR", "url": url}
    if not training.is_free:
        data["description"] = training.price
    return data


def organisers(training, request):
    """The training's organisers (their site if known), or the centre when none is named."""
    named = [
        {"@type": "Organization", "name": organiser.name, **({"url": organiser.website} if organiser.website else {})}
        for organiser in training.organisers.all()
    ]
    return named or [organisation(request)]


def location(session, url):
    """Where a session takes place: a ``Place`` with its address, or the training's page for an online session
    (the meeting link itself is sent to the people registered, never published)."""
    if session.online:
        return {"@type": "VirtualLocation", "url": url}
    place = {"@type": "Place", "name": session.place_name or session.place_address}
    if session.place_address:
        place["address"] = session.place_address
    return place


def training_events(training, request):
    """One ``Event`` per session, in date order, with Brussels times (their UTC offset written out)."""
    prefetch_related_objects([training], "organisers")  # the page's "Organisé par" reads the same, no new query
    url = training.get_full_url(request)
    organizer = organisers(training, request)
    price = offer(training, url)
    events = []
    for session in training.sorted_sessions():
        event = {
            "@context": SCHEMA_CONTEXT,
            "@type": "Event",
            "name": training.title,
            "startDate": session.starts.isoformat(),
            "endDate": session.ends.isoformat(),
            "eventStatus": SCHEDULED,
            "eventAttendanceMode": ONLINE if session.online else OFFLINE,
            "location": location(session, url),
            "organizer": organizer,
            "url": url,
        }
        if price is not None:
            event["offers"] = price
        events.append(event)
    return events
