"""Dates and times typed in the admin: the spellings editors use are read as written, anything else is refused in
French with the expected form, and nothing is saved. Through the real admin views (pages, inline panels)."""

import datetime
import json
import re
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from offices.models import OfficeIndexPage, OfficePage
from pages.admin_dates import (
    DATE_INVALID,
    DATETIME_INVALID,
    TIME_INVALID,
    AdminDateField,
    AdminDateTimeField,
    AdminTimeField,
    parse_date,
    parse_time,
)
from trainings.models import TrainingIndexPage, TrainingPage, TrainingSession

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
TIMES = ["9h30", "09h30", "9:30", "09:30", " 9H30 ", "9 h 30"]
BAD_TIMES = ["demain", "9h", "930", "9.30", "9h3", "25h00", "9h75", "09:30:00", "neuf heures", "9h30 du matin"]
DATES = ["20/01/2027", "2027-01-20", "20/1/2027", " 20/01/2027 "]
BAD_DATES = ["demain", "20/01/27", "20.01.2027", "31/02/2027", "2027/01/20", "01-20-2027", "20 janvier 2027", "2027"]


@pytest.mark.parametrize("typed", TIMES)
def test_each_usual_spelling_of_a_time_is_read_as_written(typed):
    assert parse_time(typed) == datetime.time(9, 30)
    assert AdminTimeField().clean(typed) == datetime.time(9, 30)


@pytest.mark.parametrize("typed", BAD_TIMES)
def test_any_other_time_is_refused_naming_the_expected_form(typed):
    with pytest.raises(ValidationError) as error:
        AdminTimeField().clean(typed)
    assert error.value.messages == ["Heure invalide : écrivez-la comme 9h30 ou 09:30."] == [TIME_INVALID]


@pytest.mark.parametrize("typed", DATES)
def test_both_spellings_of_a_date_are_read_as_written(typed):
    assert parse_date(typed) == datetime.date(2027, 1, 20)
    assert AdminDateField().clean(typed) == datetime.date(2027, 1, 20)


@pytest.mark.parametrize("typed", BAD_DATES)
def test_any_other_date_is_refused_naming_the_expected_form(typed):
    with pytest.raises(ValidationError) as error:
        AdminDateField().clean(typed)
    assert error.value.messages == ["Date invalide : écrivez-la comme 20/01/2027."]


@pytest.mark.parametrize("typed", ["20/01/2027 9h30", "2027-01-20 09:30", "20/01/2027 09h30"])
def test_a_date_and_time_is_read_in_brussels_time(typed):
    assert AdminDateTimeField().clean(typed) == datetime.datetime(2027, 1, 20, 9, 30, tzinfo=BRUSSELS)


@pytest.mark.parametrize("typed", ["demain 9h30", "20/01/2027", "20/01/2027 9h", "20/01/27 09:30"])
def test_any_other_date_and_time_is_refused(typed):
    with pytest.raises(ValidationError) as error:
        AdminDateTimeField().clean(typed)
    assert error.value.messages == [DATETIME_INVALID]


def training_form(sessions):
    data = nested_form_data(
        {
            "title": "Formation datée",
            "slug": "formation-datee",
            "intro": "Une introduction.",
            "editor_note": "",
            "sessions": inline_formset(sessions, min=1),
            "body": streamfield([]),
            "is_free": True,
            "price": "",
            "registration_mode": "none",
            "registration_deadline": "",
            "registration_url": "",
            "registration_email": "",
        }
    )
    return data


def add_training(client, sessions, **extra):
    url = reverse("wagtailadmin_pages:add", args=("trainings", "trainingpage", TrainingIndexPage.objects.get().pk))
    return client.post(url, {**training_form(sessions), **extra})


def session(date, starts_at, ends_at="16:30"):
    return {"date": date, "starts_at": starts_at, "ends_at": ends_at, "place_name": "Salle A"}


@pytest.mark.django_db
@pytest.mark.parametrize("date, time", [(date, time) for date in DATES[:2] for time in TIMES[:4]])
def test_a_session_saved_as_draft_keeps_the_date_and_time_typed(admin_client, date, time):
    response = add_training(admin_client, [session(date, time)])
    assert response.status_code == 302, response.content.decode()[:2000]
    training = TrainingPage.objects.get(slug="formation-datee")
    assert not training.live
    assert [(s.date, s.starts_at, s.ends_at) for s in TrainingSession.objects.filter(page=training)] == [
        (datetime.date(2027, 1, 20), datetime.time(9, 30), datetime.time(16, 30))
    ]
    draft = training.get_latest_revision_as_object()
    assert [(s.date, s.starts_at) for s in draft.sessions.all()] == [(datetime.date(2027, 1, 20), datetime.time(9, 30))]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "date, time, message",
    [("demain", "9h30", DATE_INVALID), ("2027-01-20", "9h", TIME_INVALID), ("20/01/27", "09:30", DATE_INVALID)],
)
def test_a_session_with_a_bad_date_or_time_is_refused_in_french_and_nothing_is_saved(admin_client, date, time, message):
    response = add_training(admin_client, [session(date, time)])
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TrainingPage.objects.filter(slug="formation-datee").exists()


@pytest.mark.django_db
def test_the_scheduled_publication_date_accepts_the_same_spellings(admin_client):
    response = add_training(admin_client, [session("2027-01-20", "9h30")], go_live_at="20/01/2027 8h00")
    assert response.status_code == 302
    training = TrainingPage.objects.get(slug="formation-datee")
    revision = training.get_latest_revision()
    assert revision.as_object().go_live_at == datetime.datetime(2027, 1, 20, 8, tzinfo=BRUSSELS)


@pytest.mark.django_db
def test_the_edit_form_asks_the_picker_to_keep_what_was_typed(admin_client):
    """The picker's validateOnBlur rewrote typed values on blur: every date/time widget turns it off."""
    add_training(admin_client, [session("2027-01-20", "9h30")])
    training = TrainingPage.objects.get(slug="formation-datee")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(training.pk,)))
    html = response.content.decode()
    configs = re.findall(r"init(?:Date|Time|DateTime)Chooser\(\"[^\"]+\", (\{.*?\})\);", html)
    assert len(configs) >= 5  # the session's date, start and end, the deadline, go-live and expiry
    assert all(json.loads(config)["validateOnBlur"] is False for config in configs)
    assert 'value="20/01/2027"' in html and 'value="09:30"' in html


def office_form(opens, start_date):
    return nested_form_data(
        {
            "title": "Bureau de Ciney",
            "slug": "ciney",
            "editor_note": "",
            "intro": "",
            "commune": "Ciney",
            "street_address": "Rue de l'Exemple 2",
            "postal_code": "5590",
            "latitude": "",
            "longitude": "",
            "phone": "",
            "email": "",
            "public_transport": "",
            "step_free_access": "oui",
            "access_notes": "",
            "languages": "",
            "appointment": "sur-rendez-vous",
            "photo": "",
            "photo_alt": "",
            "opening_slots": inline_formset([{"weekday": "0", "opens": opens, "closes": "12h00"}]),
            "exceptions": inline_formset(
                [{"kind": "closure", "start_date": start_date, "end_date": "", "reason": "congés"}]
            ),
        }
    )


@pytest.mark.django_db
def test_office_hours_and_closures_accept_the_same_spellings(admin_client):
    url = reverse("wagtailadmin_pages:add", args=("offices", "officepage", OfficeIndexPage.objects.get().pk))
    response = admin_client.post(url, office_form("9h30", "20/01/2027"))
    assert response.status_code == 302
    office = OfficePage.objects.get(slug="ciney")
    assert [(s.opens, s.closes) for s in office.opening_slots.all()] == [(datetime.time(9, 30), datetime.time(12))]
    assert [e.start_date for e in office.exceptions.all()] == [datetime.date(2027, 1, 20)]


@pytest.mark.django_db
def test_office_hours_typed_otherwise_are_refused(admin_client):
    url = reverse("wagtailadmin_pages:add", args=("offices", "officepage", OfficeIndexPage.objects.get().pk))
    response = admin_client.post(url, office_form("vers 9h", "2027-01-20"))
    assert response.status_code == 200
    assert TIME_INVALID in response.content.decode()
    assert not OfficePage.objects.filter(slug="ciney").exists()
