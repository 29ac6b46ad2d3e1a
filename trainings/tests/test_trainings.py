"""Formations: upcoming list and archive, "past" computed at request time, filters, iCalendar across DST."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from tests.helpers import count_queries, shared_content, soup_of
from thematiques.factories import theme
from trainings.factories import TrainingPageFactory, TrainingSessionFactory
from trainings.models import Audience, RegistrationMode, TrainingPage, TrainingSession

pytestmark = pytest.mark.django_db

INDEX = "/actions-services/formations/"
BRUSSELS = ZoneInfo("Europe/Brussels")


def at(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


@pytest.fixture
def frozen(time_machine):
    """Set the site's clock: ``frozen(at(...))``."""

    def set_now(moment):
        time_machine.move_to(moment, tick=False)

    set_now(at(2026, 5, 10, 12))
    return set_now


def titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".item-card__title a")]


def d(month, day):
    return datetime.date(2026, month, day)


def session(day, start="09:30", end="16:30"):
    """A session of a training to be created, at Salle A, Rue de l'Exemple 1, 5000 Namur."""
    return TrainingSessionFactory.build(
        date=day, starts_at=datetime.time.fromisoformat(start), ends_at=datetime.time.fromisoformat(end)
    )


def build_trainings():
    pros = Audience.objects.get(name="Professionnels du social")
    assoc = Audience.objects.get(name="Associations")
    return {
        "later": TrainingPageFactory(
            title="Plus tard", sessions=[session(d(6, 20))], thematiques=[theme("sante")], audiences=[pros]
        ),
        "soon": TrainingPageFactory(
            title="Bientôt",
            sessions=[session(d(5, 1)), session(d(5, 12)), session(d(5, 19), end="12:00")],
            thematiques=[theme("diversite")],
            audiences=[assoc],
        ),
        "past": TrainingPageFactory(
            title="Passée", sessions=[session(d(4, 2))], thematiques=[theme("sante")], audiences=[pros]
        ),
        "today": TrainingPageFactory(
            title="Aujourd'hui",
            sessions=[session(d(5, 10), start="13:00")],
            thematiques=[theme("citoyennete")],
            audiences=[assoc],
        ),
    }


@pytest.fixture(scope="module")
def shared_trainings(django_db_setup, django_db_blocker):
    """Built once for the module: the tests only read them."""
    yield from shared_content(django_db_blocker, build_trainings)


@pytest.fixture
def trainings(shared_trainings, frozen):
    """Four trainings (past, today, soon, later) seen on 2026-05-10 at noon, Brussels time."""
    return shared_trainings


def test_index_lists_upcoming_trainings_by_next_session_with_all_their_upcoming_dates(client, trainings):
    soup = soup_of(client, INDEX)
    assert titles(soup) == ["Aujourd'hui", "Bientôt", "Plus tard"]
    soon = soup.select(".item-card")[1]
    assert [t["datetime"] for t in soon.select(".sessions time")] == ["2026-05-12", "2026-05-19"]
    assert soup.select_one(".results__count").get_text(strip=True) == "3 formations à venir"


def test_past_trainings_go_to_the_archive(client, trainings):
    soup = soup_of(client, INDEX + "archives/")
    assert titles(soup) == ["Passée"]
    assert soup.find("h1").get_text() == "Formations passées"


def test_a_training_turns_past_when_its_last_session_ends_in_brussels_time(client, trainings, frozen):
    frozen(at(2026, 5, 10, 16, 29))
    assert "Aujourd'hui" in titles(soup_of(client, INDEX))
    page = soup_of(client, trainings["today"].url)
    assert page.select_one(".notice--past") is None
    assert page.select_one(".registration") is not None

    frozen(at(2026, 5, 10, 16, 31))
    assert "Aujourd'hui" not in titles(soup_of(client, INDEX))
    assert "Aujourd'hui" in titles(soup_of(client, INDEX + "archives/"))
    page = soup_of(client, trainings["today"].url)
    assert page.select_one(".notice--past").get_text() == "Cette formation est terminée."
    assert page.select_one(".registration") is None


def test_training_page_marks_past_sessions_and_shows_practical_facts(client, trainings):
    page = soup_of(client, trainings["soon"].url)
    sessions = page.select(".sessions li")
    assert len(sessions) == 3
    assert "session--past" in sessions[0]["class"] and "(passée)" in sessions[0].get_text()
    assert "session--past" not in sessions[1].get("class", [])
    facts = page.select_one(".facts").get_text(" ", strip=True)
    assert "Public cible Associations" in facts and "Prix Gratuit" in facts
    assert [a.get_text() for a in page.select(".theme-links a")] == ["Diversité"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?thematique=sante", ["Plus tard"]),
        ("?public=associations", ["Aujourd'hui", "Bientôt"]),
        ("?thematique=diversite&public=associations", ["Bientôt"]),
        ("?thematique=diversite&public=professionnels-du-social", []),
    ],
)
def test_filters_by_thematique_and_audience(client, trainings, query, expected):
    soup = soup_of(client, INDEX + query)
    assert titles(soup) == expected
    if not expected:
        assert "Aucune formation à venir" in soup.select_one(".results__empty").get_text()


@pytest.mark.parametrize("query", ["?public=inconnu", "?thematique=zzz", "?page=abc&public=%E2%80%8B"])
def test_unknown_filters_give_a_french_message_not_an_error(client, trainings, query):
    soup = soup_of(client, INDEX + query)
    assert titles(soup) == []
    assert soup.select_one(".filters__errors") is not None


def test_audience_list_is_extensible_by_editors(client, trainings):
    Audience.objects.create(name="Bénévoles")
    soup = soup_of(client, INDEX)
    assert "benevoles" in [option["value"] for option in soup.select("#id_public option")]


def events_of(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def test_training_ics_has_every_session_with_brussels_times_right_across_dst(client, frozen):
    training = TrainingPageFactory(
        title="Autour du changement d'heure",
        sessions=[session(d(3, 28)), session(d(3, 30)), session(d(10, 24)), session(d(10, 26))],
    )
    events = events_of(client.get(training.url + "agenda/"))
    assert len(events) == 4
    starts = [event.decoded("dtstart") for event in events]
    assert all(str(start.tzinfo) == "Europe/Brussels" for start in starts)
    utc = [start.astimezone(datetime.UTC).strftime("%m-%d %H:%M") for start in starts]
    assert utc == ["03-28 08:30", "03-30 07:30", "10-24 07:30", "10-26 08:30"]
    assert events[0]["summary"] == "Autour du changement d'heure"
    assert events[0]["location"] == "Salle A, Rue de l'Exemple 1, 5000 Namur"
    assert str(events[0]["url"]).startswith("http://localhost/actions-services/formations/")
    calendar = Calendar.from_ical(client.get(training.url + "agenda/").content)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]


def test_index_ics_offers_all_upcoming_sessions_only(client, trainings):
    events = events_of(client.get(INDEX + "agenda/"))
    summaries = [str(event["summary"]) for event in events]
    assert summaries == ["Aujourd'hui", "Bientôt", "Bientôt", "Plus tard"]


def test_session_validation_speaks_french():
    session = TrainingSession(date=d(5, 1), starts_at=datetime.time(14), ends_at=datetime.time(10), online=False)
    with pytest.raises(ValidationError) as error:
        session.clean()
    assert "L'heure de fin doit suivre l'heure de début." in str(error.value)
    assert "Indiquez le lieu" in str(error.value)


def test_registration_needs_its_link_or_email():
    page = TrainingPage(title="X", registration_mode=RegistrationMode.LINK, is_free=False)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert set(error.value.message_dict) == {"registration_url", "price"}


@pytest.mark.parametrize(
    "fields, text",
    [
        ({"registration_mode": "link", "registration_url": "https://example.org/inscription"}, "S'inscrire"),
        ({"registration_mode": "email", "registration_email": "formation@example.org"}, "formation@example.org"),
        ({"registration_mode": "on_request", "registration_deadline": d(6, 1)}, "jusqu'au 1er juin 2026"),
    ],
)
def test_registration_block_follows_the_mode(client, frozen, fields, text):
    training = TrainingPageFactory(title="Inscription", sessions=[session(d(6, 20))], **fields)
    # Joined without separators: e-mail addresses carry <wbr> break points (|email_wbr).
    assert text in soup_of(client, training.url).select_one(".registration").get_text().replace("\n", " ")


def test_registration_closes_after_the_deadline(client, frozen):
    training = TrainingPageFactory(title="Close", sessions=[session(d(6, 20))], registration_deadline=d(5, 1))
    assert "Les inscriptions sont closes." in soup_of(client, training.url).select_one(".registration").get_text()


def test_query_counts_do_not_grow_with_more_trainings(client, trainings):
    urls = [
        INDEX,
        INDEX + "archives/",
        INDEX + "?thematique=diversite&public=associations",
        INDEX + "agenda/",
        trainings["soon"].url,
        "/thematiques/sante/",
    ]
    for url in ["/", *urls]:  # warm the process-wide caches (content types…) that the seed may have cleared
        client.get(url)
    before = {url: count_queries(client, url) for url in urls}
    assoc = Audience.objects.get(name="Associations")
    for number in range(2):  # the upcoming list grows from 3 to 5 trainings: a query per item would show
        TrainingPageFactory(
            title=f"Future {number}",
            sessions=[session(d(7, 1)), session(d(7, 2))],
            thematiques=[theme("sante")],
            audiences=[assoc],
        )
        TrainingPageFactory(
            title=f"Old {number}", sessions=[session(d(1, 5))], thematiques=[theme("sante")], audiences=[assoc]
        )
    after = {url: count_queries(client, url) for url in urls}
    assert after == before
