"""A training's page carries one schema.org Event per session: dates in Brussels time, place or online, organiser,
and an offer only when the price is known."""

import datetime
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import SiteIdentity
from tests.helpers import soup_of
from trainings.factories import TrainingPageFactory, TrainingSessionFactory
from trainings.models import Organiser
from trainings.structured_data import price_in_euros

pytestmark = pytest.mark.django_db


def events_of(client, training):
    [script] = soup_of(client, training.url).select('script[type="application/ld+json"]')
    return json.loads(script.string)


def sessions():
    return [
        TrainingSessionFactory.build(
            date=datetime.date(2030, 1, 15),
            starts_at=datetime.time(9, 30),
            ends_at=datetime.time(12),
            place_name="Salle A",
            place_address="Rue de l'Exemple 1, 5000 Namur",
        ),
        TrainingSessionFactory.build(
            date=datetime.date(2030, 6, 3),
            starts_at=datetime.time(13),
            ends_at=datetime.time(16, 30),
            online=True,
            place_name="",
            place_address="",
        ),
    ]


def test_one_event_per_session_with_exactly_its_properties(client, site):
    training = TrainingPageFactory(title="Communication interculturelle", is_free=True, sessions=sessions())
    url = "http://localhost" + training.url
    centre = {"@type": "NGO", "name": SiteIdentity.for_site(site).site_name, "url": "http://localhost/"}
    offer = {"@type": "Offer", "price": "0", "priceCurrency": "EUR", "url": url}
    in_person, online = events_of(client, training)
    assert in_person == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Communication interculturelle",
        "startDate": "2030-01-15T09:30:00+01:00",  # winter time
        "endDate": "2030-01-15T12:00:00+01:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": "Salle A", "address": "Rue de l'Exemple 1, 5000 Namur"},
        "organizer": [centre],
        "url": url,
        "offers": offer,
    }
    assert online == {
        **in_person,
        "startDate": "2030-06-03T13:00:00+02:00",  # summer time
        "endDate": "2030-06-03T16:30:00+02:00",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": url},
    }


def test_named_organisers_replace_the_centre(client):
    partner = Organiser.objects.create(name="ASBL Partenaire", website="https://partenaire.example")
    other = Organiser.objects.create(name="Autre partenaire")
    training = TrainingPageFactory(organisers=[partner, other])
    [event] = events_of(client, training)
    assert event["organizer"] == [
        {"@type": "Organization", "name": "ASBL Partenaire", "url": "https://partenaire.example"},
        {"@type": "Organization", "name": "Autre partenaire"},
    ]


def test_a_paid_training_offers_the_one_amount_its_price_names_and_nothing_when_it_is_unclear(client):
    paid = TrainingPageFactory(is_free=False, price="20,50 € par jour, repas compris")
    [event] = events_of(client, paid)
    assert event["offers"] == {
        "@type": "Offer",
        "price": "20.50",
        "priceCurrency": "EUR",
        "url": "http://localhost" + paid.url,
        "description": "20,50 € par jour, repas compris",
    }
    unclear = TrainingPageFactory(is_free=False, price="Selon le nombre de participants")
    assert "offers" not in events_of(client, unclear)[0]  # never claimed free, never guessed
    two_prices = TrainingPageFactory(is_free=False, price="10 € (étudiants), 30 € (autres)")
    assert "offers" not in events_of(client, two_prices)[0]


@pytest.mark.parametrize(
    ("text", "amount"),
    [("20 €", "20"), ("€ 15", "15"), ("12,5 euros", "12.5"), ("25 EUR la journée", "25"), ("Prix libre", None)],
)
def test_price_in_euros_reads_the_amount_editors_write(text, amount):
    assert price_in_euros(text) == (None if amount is None else Decimal(amount))


def test_the_organisers_are_read_once_for_the_page_and_its_event_data(client):
    training = TrainingPageFactory(organisers=[Organiser.objects.create(name="ASBL Partenaire")])
    client.get(training.url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(training.url).content.decode()
    assert "ASBL Partenaire" in html.split("</head>")[0] and "ASBL Partenaire" in html.split("</head>")[1]
    assert len([query for query in queries if "trainings_organiser" in query["sql"]]) == 1
