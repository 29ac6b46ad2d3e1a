"""Helpers of the registration tests: sessions to build, the form to fill and post."""

import datetime
import re

from bs4 import BeautifulSoup
from django.utils import timezone

from trainings.factories import TrainingSessionFactory

VALID = {
    "name": "Awa Diallo",
    "email": "awa@example.org",
    "organisation": "ASBL Exemple",
    "phone": "081 12 34 56",
    "accessibility_needs": "",
    "consent": "on",
}


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def session_in(days, capacity=None, start="09:30", end="16:30"):
    return TrainingSessionFactory.build(
        date=in_days(days),
        starts_at=datetime.time.fromisoformat(start),
        ends_at=datetime.time.fromisoformat(end),
        capacity=capacity,
    )


def form_of(response_or_html):
    html = response_or_html if isinstance(response_or_html, str | bytes) else response_or_html.content
    return BeautifulSoup(html, "html.parser").select_one("form.registration-form")


def started_token(client, training):
    """The signed start time guard puts in the form the visitor is shown."""
    form = form_of(client.get(training.url))
    assert form is not None, "no registration form on the page"
    return form.select_one("input[name='form-started']")["value"]


def post_registration(client, training, **changes):
    """GET the page (for guard's start time), then POST the form with VALID changed by ``changes`` (None: left
    out)."""
    data = {**VALID, "form-started": started_token(client, training), **changes}
    data = {key: value for key, value in data.items() if value is not None}
    return client.post(training.url + "inscription/", data)


def confirmation_url(response):
    assert response.status_code == 302, response.status_code
    assert re.search(r"/inscription/merci/\?ref=[\w:%-]+$", response["Location"]), response["Location"]
    return response["Location"]
