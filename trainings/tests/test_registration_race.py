"""Several people asking for the last seat at the same moment, on PostgreSQL: the row lock taken before counting
(``lock_seats``) serves them one after the other, so exactly one gets the seat and the others wait.

Each thread has its own database connection and calls the registration service once all of them are ready
(``threading.Barrier``). SQLite has no row locks (and lets one writer at a time anyway): skipped there.
"""

import threading

import pytest
from django.db import connection

from seed.builder import SeedBuilder
from trainings.factories import RegistrationFactory, TrainingPageFactory
from trainings.models import Registration, RegistrationMode, TrainingIndexPage

from .helpers import session_in

PEOPLE = 6

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgresql(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent registrations need PostgreSQL's row locks (SQLite has none): run with DATABASE_URL.")
    if not TrainingIndexPage.objects.exists():  # an earlier transactional test emptied the database
        SeedBuilder().build()


def register_all_at_once(training, session=None):
    """Each person registers in a thread of their own, all released together; returns the statuses."""
    barrier = threading.Barrier(PEOPLE)
    statuses, errors = [], []

    def attempt(number):
        try:
            barrier.wait(timeout=10)
            registration = Registration.objects.register(
                training, session=session, name=f"Personne {number}", email=f"p{number}@example.org", organisation="X"
            )
            statuses.append(registration.status)
        except Exception as error:  # noqa: BLE001 (reported by the test below)
            errors.append(error)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=attempt, args=(number,)) for number in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return sorted(statuses)


def test_only_one_of_several_people_gets_the_last_seat_of_a_training(postgresql):
    training = TrainingPageFactory(registration_mode=RegistrationMode.ON_REQUEST, capacity=3)
    RegistrationFactory.create_batch(2, training=training)  # one seat left
    assert register_all_at_once(training) == ["registered"] + ["waiting"] * (PEOPLE - 1)
    assert Registration.objects.filter(training=training, status="registered").count() == 3


def test_only_one_of_several_people_gets_the_last_seat_of_a_session(postgresql):
    training = TrainingPageFactory(
        registration_mode=RegistrationMode.ON_REQUEST,
        session_choice=True,
        sessions=[session_in(10, capacity=1), session_in(11, capacity=1)],
    )
    first, second = training.sorted_sessions()
    assert register_all_at_once(training, first) == ["registered"] + ["waiting"] * (PEOPLE - 1)
    assert not Registration.objects.filter(session=second).exists()
